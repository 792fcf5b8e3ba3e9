// Turns a drawing from the core (node centres) into xyflow nodes (top-left corners).
// The UI never places a node itself: every position comes from the Rust layout.

import type { Layout } from "../generated/Layout";
import type { NodeSize } from "../generated/NodeSize";

export type Point = { x: number; y: number };

/** The top-left corner of each node of `layout`, drawn at `size`, by node id. */
export function topLeftCorners(layout: Layout, size: NodeSize): Map<string, Point> {
  return new Map(layout.nodes.map((n) => [n.id, { x: n.x - size.width / 2, y: n.y - size.height / 2 }]));
}

/** Whether a point in client coordinates lies inside `rect`: where a palette drop lands. */
export function inside(rect: { left: number; top: number; right: number; bottom: number }, x: number, y: number): boolean {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/** The edges to remove when a selection is deleted: those of removed steps go with them. */
export function edgesToRemove<E extends { source: string; target: string }>(edges: E[], removedNodes: Set<string>): E[] {
  return edges.filter((e) => !removedNodes.has(e.source) && !removedNodes.has(e.target));
}
