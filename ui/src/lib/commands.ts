// The commands the Ctrl+K palette runs: every toolbar and menu action by name. Only the
// matching lives here; App says what each command does.

/** One command of the palette. */
export type PaletteCommand = {
  id: string;
  label: string;
  /** Its shortcut, shown beside it ("Ctrl+Z"). */
  keys?: string;
  /** Greyed out and skipped (Undo with nothing to undo). */
  disabled?: boolean;
};

/**
 * The commands whose label holds every word of `query` (case-insensitive, in any order),
 * those starting with the first word first, then in the order given. All of them for an
 * empty query.
 */
export function matchCommands<C extends PaletteCommand>(commands: C[], query: string): C[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  const found = commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  const starts = (c: C) => c.label.toLowerCase().startsWith(words[0]) || c.label.toLowerCase().split(/\s+/).some((w) => w.startsWith(words[0]));
  return [...found.filter(starts), ...found.filter((c) => !starts(c))];
}
