// Selecting many at once, as lists and file managers do: Ctrl (or Cmd) click toggles one
// item, Shift click takes the run from the last item clicked to this one, a plain click
// starts over; a box dragged over the background takes what it touches. The board, the
// goal tree and the canvases share these rules; each view keeps its own selection.

/** A selection: the keys chosen, in the order chosen, and the item a Shift click runs from. */
export type Selection = { keys: string[]; anchor: string | null };

export const EMPTY_SELECTION: Selection = { keys: [], anchor: null };

/** Which modifier a click held: Ctrl or Cmd (`toggle`), Shift (`range`). */
export type ClickKind = "plain" | "toggle" | "range";

/** A mouse event's modifiers as a [`ClickKind`]; Shift wins over Ctrl. */
export function clickKind(e: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): ClickKind {
  if (e.shiftKey) return "range";
  if (e.ctrlKey || e.metaKey) return "toggle";
  return "plain";
}

/**
 * The selection after a click on `key`. `order` is the run a Shift click may span (the
 * cards of the clicked card's lane, the tree's visible rows): from the anchor to `key`,
 * added to the selection. An anchor outside `order` (another lane) starts the run at
 * `key`. A plain click selects `key` alone.
 */
export function clickSelect(selection: Selection, key: string, kind: ClickKind, order: readonly string[]): Selection {
  if (kind === "toggle") {
    const keys = selection.keys.includes(key) ? selection.keys.filter((k) => k !== key) : [...selection.keys, key];
    return { keys, anchor: key };
  }
  if (kind === "range") {
    const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
    const to = order.indexOf(key);
    if (from < 0 || to < 0) return { keys: union(selection.keys, [key]), anchor: key };
    const run = order.slice(Math.min(from, to), Math.max(from, to) + 1);
    return { keys: union(selection.keys, run), anchor: selection.anchor };
  }
  return { keys: [key], anchor: key };
}

/** The run of `order` from `from` to `to`, both included, in `order`'s order; `[to]` when either is missing. */
export function runBetween(order: readonly string[], from: string, to: string): string[] {
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return [to];
  return order.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/**
 * Shift+ArrowDown (`+1`) or Shift+ArrowUp (`-1`) on `at`, one of `order` (a lane's
 * cards): the item that way, which takes the focus, and the selection holding the run
 * from the anchor to it. The anchor is the selection's own when it lies in `order`, else
 * `at`; what is selected outside `order` stays. At either end the focus stays on `at`.
 */
export function extendRun(selection: Selection, at: string, order: readonly string[], direction: 1 | -1): { selection: Selection; focus: string } {
  const i = order.indexOf(at);
  if (i < 0) return { selection, focus: at };
  const focus = order[Math.min(order.length - 1, Math.max(0, i + direction))];
  const anchor = selection.anchor !== null && order.includes(selection.anchor) ? selection.anchor : at;
  const inOrder = new Set(order);
  const elsewhere = selection.keys.filter((k) => !inOrder.has(k));
  return { selection: { keys: union(elsewhere, runBetween(order, anchor, focus)), anchor }, focus };
}

/** `keys` followed by those of `more` it lacks, each once. */
export function union(keys: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(keys);
  return [...keys, ...more.filter((k) => !seen.has(k) && (seen.add(k), true))];
}

/** A rectangle in page coordinates. */
export type Box = { left: number; top: number; right: number; bottom: number };

/** The box spanned by a drag from `a` to `b`, whichever way it went. */
export function boxBetween(a: { x: number; y: number }, b: { x: number; y: number }): Box {
  return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), right: Math.max(a.x, b.x), bottom: Math.max(a.y, b.y) };
}

/** The keys of the items whose rectangles the box touches, in the order given. */
export function keysInBox(items: readonly { key: string; rect: Box }[], box: Box): string[] {
  return items.filter(({ rect }) => rect.left <= box.right && rect.right >= box.left && rect.top <= box.bottom && rect.bottom >= box.top).map((i) => i.key);
}

/** Whether a drag has gone far enough to be a box rather than a click. */
export function isBox(box: Box, threshold = 4): boolean {
  return box.right - box.left >= threshold || box.bottom - box.top >= threshold;
}

/** "1 task", "3 tasks": a count of what a selection or a drag holds. */
export function countLabel(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** What a screen reader hears when the selection changes ("3 tasks selected", "Selection cleared"). */
export function selectionAnnouncement(count: number, noun: string): string {
  return count === 0 ? "Selection cleared" : `${countLabel(count, noun)} selected`;
}
