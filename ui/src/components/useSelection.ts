import { useEffect, useMemo, useState } from "react";
import { EMPTY_SELECTION, selectionAnnouncement, type Selection } from "../lib/selection";
import { isTyping, shortcutFor } from "../lib/shortcuts";

/**
 * A view's selection of many (cards, goals): the selection as clicked, the keys of it
 * still shown (`present`: a filter or another writer may hide some), what a screen
 * reader hears when it changes, and Escape to clear it (not while `paused`, e.g. during
 * a drag, which takes its own Escape).
 */
export function useSelection(present: readonly string[], noun: string, paused = false) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const shown = useMemo(() => new Set(present), [present]);
  const selected = useMemo(() => selection.keys.filter((k) => shown.has(k)), [selection.keys, shown]);

  // The count, and that the selection was cleared once it had held some.
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => setAnnouncement((said) => (selected.length > 0 || said ? selectionAnnouncement(selected.length, noun) : "")), [selected.length, noun]);

  const holding = selected.length > 0;
  useEffect(() => {
    if (!holding || paused) return;
    const onKey = (e: KeyboardEvent) => {
      if (shortcutFor("selection", e, isTyping(e.target)) === "selection.clear") setSelection(EMPTY_SELECTION);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [holding, paused]);

  return { selection, setSelection, selected, announcement };
}
