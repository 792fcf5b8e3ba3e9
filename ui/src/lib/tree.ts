// The goal tree as the tree view shows it: rows in reading order, with depth, and the
// keyboard moves of the WAI-ARIA tree pattern.

import type { GoalNode } from "../generated/GoalNode";

export type TreeRow = {
  node: GoalNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
};

/** Children by parent key (`""` for the roots), in the order the store lists them. */
export function childrenOf(nodes: GoalNode[]): Map<string, GoalNode[]> {
  const map = new Map<string, GoalNode[]>();
  for (const n of nodes) {
    const parent = n.parent ?? "";
    if (!map.has(parent)) map.set(parent, []);
    map.get(parent)!.push(n);
  }
  return map;
}

/** The rows that show: depth first, skipping what lies under a collapsed goal. */
export function visibleRows(nodes: GoalNode[], collapsed: ReadonlySet<string>): TreeRow[] {
  const children = childrenOf(nodes);
  const rows: TreeRow[] = [];
  const visit = (parent: string, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      const hasChildren = children.has(node.key);
      const expanded = hasChildren && !collapsed.has(node.key);
      rows.push({ node, depth, hasChildren, expanded });
      if (expanded) visit(node.key, depth + 1);
    }
  };
  visit("", 0);
  return rows;
}

/** The keys from the root down to `key`'s parent. */
export function ancestorsOf(nodes: GoalNode[], key: string): string[] {
  const parent = new Map(nodes.map((n) => [n.key, n.parent]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (let p = parent.get(key); p && !seen.has(p); p = parent.get(p)) {
    seen.add(p);
    out.unshift(p);
  }
  return out;
}

export type TreeMove = { select?: string; expand?: string; collapse?: string };

/** What a key press does on the row of `current` (WAI-ARIA tree view). */
export function treeKey(rows: TreeRow[], current: string | null, key: string): TreeMove | null {
  if (rows.length === 0) return null;
  const i = rows.findIndex((r) => r.node.key === current);
  if (i < 0) return { select: rows[0].node.key };
  const row = rows[i];
  switch (key) {
    case "ArrowDown":
      return i + 1 < rows.length ? { select: rows[i + 1].node.key } : {};
    case "ArrowUp":
      return i > 0 ? { select: rows[i - 1].node.key } : {};
    case "Home":
      return { select: rows[0].node.key };
    case "End":
      return { select: rows[rows.length - 1].node.key };
    case "ArrowRight":
      if (row.hasChildren && !row.expanded) return { expand: row.node.key };
      if (row.expanded) return { select: rows[i + 1].node.key };
      return {};
    case "ArrowLeft":
      if (row.expanded) return { collapse: row.node.key };
      return row.node.parent ? { select: row.node.parent } : {};
    default:
      return null;
  }
}

/** The drop zone that makes a dragged goal a top-level goal. */
export const ROOT_DROP = "\u0000top-level";

/**
 * Where dropping `key` on the drop zone `over` moves it: a parent key, `null` for the top
 * level, or `undefined` when the drop changes nothing (no zone, itself, its own parent).
 * A drop on one of its own descendants is passed on: the store refuses it and names the cycle.
 */
export function dropTarget(rows: TreeRow[], key: string, over: string | null): string | null | undefined {
  if (over === null || over === key) return undefined;
  const parent = rows.find((r) => r.node.key === key)?.node.parent ?? null;
  const target = over === ROOT_DROP ? null : over;
  return target === parent ? undefined : target;
}
