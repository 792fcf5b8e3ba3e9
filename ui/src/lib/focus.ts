// "Show me this one": the entity a search (or, later, a canvas or a link) asks the views
// to select and bring into view. App holds it; every view reads it through useFocus()
// and selects the match when `seq` moves. jumpTo is the one way to ask for it.

import { createContext, useContext, useEffect, useRef } from "react";
import type { Entity } from "../generated/Entity";

export type Focus = {
  kind: Entity;
  key: string;
  /** Bumped by every jump, so that jumping to the same thing twice still shows it. */
  seq: number;
};

/** The view that shows an entity of `kind`. */
export function viewOf(kind: Entity): "goals" | "plans" | "actions" | "agents" | "tasks" | null {
  switch (kind) {
    case "goal":
      return "goals";
    case "plan":
    case "step":
      return "plans";
    case "action":
      return "actions";
    case "agent":
    case "capability":
      return "agents";
    case "method":
      return "goals";
    case "task":
      return "tasks";
    case "fact":
    case "workspace":
      return null;
  }
}

export type FocusApi = {
  focus: Focus | null;
  /** Opens the view of `kind` and selects `key` there. */
  jumpTo: (kind: Entity, key: string) => void;
};

export const FocusContext = createContext<FocusApi>({ focus: null, jumpTo: () => {} });

export function useFocus(): FocusApi {
  return useContext(FocusContext);
}

/** The focus meant for `kind`, or null: what a view of that kind selects. */
export function focusOn(focus: Focus | null, kind: Entity): Focus | null {
  return focus && focus.kind === kind ? focus : null;
}

/** Calls `select` once per jump to an entity of `kind` (a search pick, a link). */
export function useJumpTarget(kind: Entity, select: (key: string) => void): void {
  const focus = focusOn(useFocus().focus, kind);
  const handled = useRef(0);
  useEffect(() => {
    if (!focus || focus.seq === handled.current) return;
    handled.current = focus.seq;
    select(focus.key);
  }, [focus, select]);
}
