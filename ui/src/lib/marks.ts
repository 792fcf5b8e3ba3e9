// User Timing marks of the start-up, read by the app's performance measurement
// (e2e/tests/perf): each is set once per page load, the first time it happens.

const done = new Set<string>();

export type StartMark = "goal-tree-data" | "goal-tree-rows";

export function markOnce(name: StartMark): void {
  if (done.has(name) || typeof performance === "undefined") return;
  done.add(name);
  performance.mark(name);
}

/** Marks `name` at the next frame: when what was just rendered is on screen. */
export function markNextFrame(name: StartMark): void {
  if (done.has(name) || typeof requestAnimationFrame === "undefined") return;
  requestAnimationFrame(() => markOnce(name));
}
