// The xyflow nodes and edges of a plan's drawing, built from the core's answer: each
// step at the corner the Rust layout gave it, each precedence edge along its route.

import { MarkerType, type Edge } from "@xyflow/react";
import type { Action } from "../generated/Action";
import type { PlanGraph } from "../generated/PlanGraph";
import type { Point } from "../lib/graphLayout";
import { routes, STEP_HANDLES, STEP_NODE, type StepCardNode } from "./GraphParts";

/** One card per step; `selected` keeps a selection across redrawings. */
export function stepNodes(graph: PlanGraph, corners: Map<string, Point>, actions: Action[], selected: Set<string>): StepCardNode[] {
  const byKey = new Map(actions.map((a) => [a.key, a]));
  return graph.plan.steps.map((s) => {
    const action = byKey.get(s.action);
    return {
      id: s.key,
      type: "step",
      position: corners.get(s.key) ?? { x: 0, y: 0 },
      data: {
        step: s.key,
        action: s.action,
        name: action?.name ?? s.action,
        cost: action?.cost ?? 0,
        duration: action?.duration ?? 0,
      },
      selected: selected.has(s.key),
      width: STEP_NODE.width,
      height: STEP_NODE.height,
      // Known size and handles: no card has to be drawn and measured before the
      // view fits or the edges are placed, so cards out of view are never drawn.
      measured: STEP_NODE,
      handles: STEP_HANDLES,
    };
  });
}

/** One arrow per precedence edge, along the layout's route. */
export function precedenceEdges(graph: PlanGraph): Edge[] {
  const route = routes(graph.layout.edges);
  return graph.plan.edges.map((e) => ({
    id: `${e.before}->${e.after}`,
    source: e.before,
    target: e.after,
    type: "routed",
    className: "edge-precedence",
    markerEnd: { type: MarkerType.ArrowClosed },
    data: { points: route.get(`${e.before}->${e.after}`) },
  }));
}
