// The Ctrl+K palette's selection commands. The palette lives in App, the selections in
// the views: a request waits here until the view it names has mounted and takes it (the
// palette switches to that view first), so it works whichever view was showing.

import { useEffect, useRef } from "react";

/** A selection command of the palette, and the view that carries it out. */
export type BulkRequest = { id: "tasks.select-all" | "goals.select-all" | "selection.clear"; label: string; view: "tasks" | "goals" | null };

export const BULK_REQUESTS: readonly BulkRequest[] = [
  { id: "tasks.select-all", label: "Select every card on the task board (then drag them onto an agent)", view: "tasks" },
  { id: "goals.select-all", label: "Select every shown goal (to set their status, priority or parent at once)", view: "goals" },
  { id: "selection.clear", label: "Clear the selection", view: null },
];

const EVENT = "mabos-bulk-request";
let pending: BulkRequest["id"] | null = null;

/** Asks the views for `id`; the view that handles it takes it once. */
export function requestBulk(id: BulkRequest["id"]) {
  pending = id;
  if (typeof window !== "undefined") window.dispatchEvent(new Event(EVENT));
}

/** Takes the pending request if `handles` accepts it (on mount and on each new request). */
export function takeBulkRequest(handles: (id: BulkRequest["id"]) => boolean): BulkRequest["id"] | null {
  if (pending === null || !handles(pending)) return null;
  const id = pending;
  pending = null;
  return id;
}

/**
 * Runs `handler` for each palette request among `ids`, including one made just before
 * mounting, once the view is `ready` (its rows loaded: selecting all needs them).
 */
export function useBulkRequest(ids: readonly BulkRequest["id"][], handler: (id: BulkRequest["id"]) => void, ready = true) {
  const latest = useRef(handler);
  latest.current = handler;
  const wanted = ids.join(" ");
  useEffect(() => {
    if (!ready) return;
    const take = () => {
      const id = takeBulkRequest((r) => wanted.split(" ").includes(r));
      if (id) latest.current(id);
    };
    take();
    window.addEventListener(EVENT, take);
    return () => window.removeEventListener(EVENT, take);
  }, [wanted, ready]);
}
