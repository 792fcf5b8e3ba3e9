// "Show me this one": the entity a search (or, later, a canvas or a link) asks the views
// to select and bring into view. App holds it; every view reads it through useFocus()
// and selects the match when `seq` moves. jumpTo is the one way to ask for it.

import { createContext, useContext } from "react";
import type { Entity } from "../generated/Entity";

export type Focus = {
  kind: Entity;
  key: string;
  /** Bumped by every jump, so that jumping to the same thing twice still shows it. */
  seq: number;
};

/** The view that shows an entity of `kind` (actions live beside the agents). */
export function viewOf(kind: Entity): "goals" | "plans" | "agents" | "tasks" | null {
  switch (kind) {
    case "goal":
      return "goals";
    case "plan":
    case "step":
      return "plans";
    case "action":
    case "agent":
    case "capability":
      return "agents";
    case "task":
      return "tasks";
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
