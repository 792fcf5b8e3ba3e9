// The search palette's pure parts: which part of a label to mark as the match, and
// which row the arrow keys move to.

/** `text` cut into pieces; `match` marks where the query occurs (the first time, ignoring case). */
export type Piece = { text: string; match: boolean };

export function highlight(text: string, query: string): Piece[] {
  const q = query.trim().toLowerCase();
  const folded = text.toLowerCase();
  // Lower-casing can change lengths (İ → i̇); then offsets would not line up: mark nothing.
  const at = q && folded.length === text.length ? folded.indexOf(q) : -1;
  if (at < 0) return [{ text, match: false }];
  return [
    { text: text.slice(0, at), match: false },
    { text: text.slice(at, at + q.length), match: true },
    { text: text.slice(at + q.length), match: false },
  ].filter((p) => p.text !== "");
}

/** The row after (step 1) or before (step -1) `active` among `count` rows, wrapping round. */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (active < 0) return step === 1 ? 0 : count - 1;
  return (active + step + count) % count;
}
