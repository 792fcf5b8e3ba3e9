// Which goals a goal picker offers for what has been typed: a handful of the best
// matches rather than every goal, so a workspace of 10,000 goals costs the editor a few
// dozen elements instead of three lists of 10,000 options.

import type { GoalNode } from "../generated/GoalNode";

/** How many matches a picker lists at most. */
export const PICKER_LIMIT = 12;

/**
 * The goals matching `query`, best first: exact key, key prefix, a title word starting
 * with it, then anywhere in key or title (case-insensitive); ties keep the tree's order.
 * An empty query offers the first goals. Keys in `exclude` are never offered.
 */
export function matchGoals(goals: GoalNode[], query: string, exclude: ReadonlySet<string>, limit = PICKER_LIMIT): GoalNode[] {
  const q = query.trim().toLowerCase();
  const ranked: { goal: GoalNode; rank: number; order: number }[] = [];
  goals.forEach((goal, order) => {
    if (exclude.has(goal.key)) return;
    const rank = rankOf(goal, q);
    if (rank !== null) ranked.push({ goal, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.goal);
}

function rankOf(goal: GoalNode, q: string): number | null {
  if (q === "") return 4;
  const key = goal.key.toLowerCase();
  const title = goal.title.toLowerCase();
  if (key === q) return 0;
  if (key.startsWith(q)) return 1;
  if (title.startsWith(q) || title.includes(` ${q}`)) return 2;
  if (key.includes(q) || title.includes(q)) return 3;
  return null;
}
