// Every keyboard shortcut of the app, in one list: the key handlers ask it what a key
// press means, and the help overlay (? or F1) shows it. A shortcut that is not here
// does nothing, so the overlay cannot fall behind the handlers.

/** Where a shortcut works. */
export type Scope = "app" | "search" | "tree" | "board" | "editor" | "selection" | "dialog";

/** One key combination. `ctrl` also means ⌘ on a Mac. */
export type Chord = {
  /** KeyboardEvent.key: "f", "?", "F1", "ArrowDown", " " … (letters in lower case). */
  key: string;
  ctrl?: boolean;
  /** Must Shift be down (true) or up (false)? Left out: either. */
  shift?: boolean;
  /** Works while the cursor is in a text field, too (else the field keeps the key). */
  whileTyping?: boolean;
};

export type Shortcut = { id: string; scope: Scope; chords: readonly Chord[]; does: string };

export const SCOPES: { scope: Scope; title: string }[] = [
  { scope: "app", title: "Anywhere" },
  { scope: "search", title: "Search" },
  { scope: "tree", title: "Goal tree" },
  { scope: "board", title: "Task board" },
  { scope: "editor", title: "Goal editor" },
  { scope: "selection", title: "Selecting many" },
  { scope: "dialog", title: "Dialogs" },
];

export const SHORTCUTS = [
  { id: "app.search", scope: "app", chords: [{ key: "f", ctrl: true, whileTyping: true }], does: "Search goals, actions, agents and tasks" },
  { id: "app.commands", scope: "app", chords: [{ key: "k", ctrl: true, whileTyping: true }], does: "Run any command by name (or search)" },
  { id: "app.help", scope: "app", chords: [{ key: "?" }, { key: "F1", whileTyping: true }], does: "Show these keyboard shortcuts" },
  { id: "app.undo", scope: "app", chords: [{ key: "z", ctrl: true, shift: false }], does: "Undo the last change" },
  { id: "app.redo", scope: "app", chords: [{ key: "z", ctrl: true, shift: true }, { key: "y", ctrl: true }], does: "Redo the last undone change" },

  { id: "search.next", scope: "search", chords: [{ key: "ArrowDown", whileTyping: true }], does: "Next match" },
  { id: "search.previous", scope: "search", chords: [{ key: "ArrowUp", whileTyping: true }], does: "Previous match" },
  { id: "search.open", scope: "search", chords: [{ key: "Enter", whileTyping: true }], does: "Go to the match" },
  { id: "search.close", scope: "search", chords: [{ key: "Escape", whileTyping: true }], does: "Close the search" },

  { id: "tree.down", scope: "tree", chords: [{ key: "ArrowDown" }], does: "Next goal" },
  { id: "tree.up", scope: "tree", chords: [{ key: "ArrowUp" }], does: "Previous goal" },
  { id: "tree.right", scope: "tree", chords: [{ key: "ArrowRight" }], does: "Expand, or go to the first sub-goal" },
  { id: "tree.left", scope: "tree", chords: [{ key: "ArrowLeft" }], does: "Collapse, or go to the parent" },
  { id: "tree.first", scope: "tree", chords: [{ key: "Home" }], does: "First goal" },
  { id: "tree.last", scope: "tree", chords: [{ key: "End" }], does: "Last goal" },
  { id: "tree.edit", scope: "tree", chords: [{ key: "Enter" }, { key: " " }], does: "Edit the selected goal" },

  { id: "board.next", scope: "board", chords: [{ key: "ArrowDown", shift: false }], does: "Next card in the lane" },
  { id: "board.previous", scope: "board", chords: [{ key: "ArrowUp", shift: false }], does: "Previous card in the lane" },
  { id: "board.toggle", scope: "board", chords: [{ key: " ", ctrl: true }], does: "Add the focused card to the selection, or take it out" },
  // dnd-kit's keyboard sensor reads these three itself; listed here for the help overlay.
  { id: "board.lift", scope: "board", chords: [{ key: " " }, { key: "Enter" }], does: "Lift the focused card (and the cards selected with it); again to drop" },
  { id: "board.carry-right", scope: "board", chords: [{ key: "ArrowRight" }], does: "While lifted: carry to the lane on the right" },
  { id: "board.carry-left", scope: "board", chords: [{ key: "ArrowLeft" }], does: "While lifted: carry to the lane on the left" },

  { id: "editor.save", scope: "editor", chords: [{ key: "s", ctrl: true, whileTyping: true }], does: "Save the goal" },

  { id: "selection.clear", scope: "selection", chords: [{ key: "Escape" }], does: "Clear the cards or goals selected together" },
  { id: "selection.extend-down", scope: "selection", chords: [{ key: "ArrowDown", shift: true }], does: "Goal tree, board: select the next goal or card too" },
  { id: "selection.extend-up", scope: "selection", chords: [{ key: "ArrowUp", shift: true }], does: "Goal tree, board: select the goal or card above too" },

  { id: "dialog.close", scope: "dialog", chords: [{ key: "Escape", whileTyping: true }], does: "Close the dialog or overlay" },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]["id"];

/** The parts of a KeyboardEvent (DOM or React) that decide a shortcut. */
export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

export function matches(chord: Chord, e: KeyPress, typing = false): boolean {
  if (typing && !chord.whileTyping) return false;
  if (e.altKey || (e.ctrlKey || e.metaKey) !== (chord.ctrl ?? false)) return false;
  if (chord.shift !== undefined && chord.shift !== e.shiftKey) return false;
  // Shift turns "z" into "Z"; compare letters without case.
  return e.key.length === 1 ? e.key.toLowerCase() === chord.key : e.key === chord.key;
}

/**
 * What `e` means in `scope`, or null when it is no shortcut there. `typing`: the key
 * went to a text field, which keeps every key but those marked `whileTyping`.
 */
export function shortcutFor(scope: Scope, e: KeyPress, typing = false): ShortcutId | null {
  const hit = SHORTCUTS.find((s) => s.scope === scope && s.chords.some((c: Chord) => matches(c, e, typing)));
  return hit ? hit.id : null;
}

/** Whether a key press went to a text field, which keeps its own keys (Ctrl+Z, ?, arrows). */
export function isTyping(target: EventTarget | null): boolean {
  return (
    typeof HTMLElement !== "undefined" &&
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: "↓",
  ArrowUp: "↑",
  ArrowLeft: "←",
  ArrowRight: "→",
  " ": "Space",
  Escape: "Esc",
};

/** How the help overlay writes a chord: "Ctrl+Shift+Z", "↓", "?". */
export function chordLabel(chord: Chord): string {
  const name = KEY_NAMES[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [chord.ctrl && "Ctrl", chord.shift && "Shift", name].filter(Boolean).join("+");
}

/** The shortcuts of each scope, in the order the overlay lists them. */
export function shortcutsByScope(): { title: string; shortcuts: Shortcut[] }[] {
  return SCOPES.map(({ scope, title }) => ({ title, shortcuts: SHORTCUTS.filter((s) => s.scope === scope) }));
}
