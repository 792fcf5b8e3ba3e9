// How long a plan's drawing takes from the request to its first frame, marked phase by
// phase with the browser's performance marks: the figures in docs/performance.md and the
// E2E and app benchmarks read them.

import { useNodesInitialized } from "@xyflow/react";
import { useEffect } from "react";

/** The marks of a drawing's way to the screen, after "plan-graph:laid-out" (the answer
 *  over IPC): its node and edge arrays built, React's commit of the canvas with them,
 *  xyflow's nodes ready (taken into its store and drawn), the first frame painted after. */
export type PlanPhase = "built" | "committed" | "nodes-ready" | "rendered";
export const PLAN_PHASES: PlanPhase[] = ["built", "committed", "nodes-ready", "rendered"];

/** Name, from, to: request to first frame ("shown") split as layout (Rust + IPC) and
 *  render, and the render split by phase. */
const PLAN_MEASURES = [
  ["layout", "request", "laid-out"],
  ["build", "laid-out", "built"],
  ["commit", "built", "committed"],
  ["xyflow", "committed", "nodes-ready"],
  ["paint", "nodes-ready", "rendered"],
  ["render", "laid-out", "rendered"],
  ["shown", "request", "rendered"],
] as const;

export function markPhase(pending: React.RefObject<Set<PlanPhase>>, phase: PlanPhase): void {
  if (pending.current.delete(phase)) performance.mark(`plan-graph:${phase}`);
}

function measure(name: string, from: string, to: string): void {
  if (performance.getEntriesByName(from).length && performance.getEntriesByName(to).length) performance.measure(name, from, to);
}

/** Marks the first frame painted once xyflow has every node of a new drawing ready (sized
 *  and placed): the figure "request to first frame" in docs/performance.md is read from
 *  these measures, and its breakdown from the ones between the phases. A task queued from
 *  an animation frame runs after that frame's paint. */
export function RenderTimer({ pending }: { pending: React.RefObject<Set<PlanPhase>> }) {
  const drawn = useNodesInitialized();
  useEffect(() => {
    if (!drawn || !pending.current.has("nodes-ready")) return;
    markPhase(pending, "nodes-ready");
    requestAnimationFrame(() =>
      setTimeout(() => {
        markPhase(pending, "rendered");
        for (const [name, from, to] of PLAN_MEASURES) measure(`plan-graph:${name}`, `plan-graph:${from}`, `plan-graph:${to}`);
      }),
    );
  });
  return null;
}
