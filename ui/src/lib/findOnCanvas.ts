// Finding a node on a canvas by what it shows: its key or its name. Only the matching
// lives here; the canvas zooms to the match (components/useZoomToNode.ts).

/** A node as the finder sees it: its id and the texts it shows. */
export type Findable = { id: string; texts: string[] };

/** The ids of the nodes whose key or text contains `query` (case-insensitive), exact keys first, then in the order given. */
export function findMatches(nodes: Findable[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const exact = nodes.filter((n) => n.id.toLowerCase() === q).map((n) => n.id);
  const rest = nodes.filter((n) => n.id.toLowerCase() !== q && [n.id, ...n.texts].some((t) => t.toLowerCase().includes(q))).map((n) => n.id);
  return [...exact, ...rest];
}

/** The match after `current` (the first when `current` is none of them), going round. */
export function nextMatch(matches: string[], current: string | null): string | null {
  if (matches.length === 0) return null;
  const at = current === null ? -1 : matches.indexOf(current);
  return matches[(at + 1) % matches.length];
}
