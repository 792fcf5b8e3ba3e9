import { describe, expect, it } from "vitest";
import type { GoalNode } from "../generated/GoalNode";
import { chordLabel, SCOPES, type Chord, shortcutFor, shortcutsByScope, SHORTCUTS, type KeyPress } from "./shortcuts";
import { treeKey, visibleRows } from "./tree";

function press(key: string, mods: Partial<Omit<KeyPress, "key">> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe("shortcutFor", () => {
  it("reads the app's global keys", () => {
    expect(shortcutFor("app", press("f", { ctrlKey: true }))).toBe("app.search");
    expect(shortcutFor("app", press("F", { ctrlKey: true, shiftKey: true }))).toBe("app.search");
    expect(shortcutFor("app", press("f", { metaKey: true }))).toBe("app.search");
    expect(shortcutFor("app", press("?", { shiftKey: true }))).toBe("app.help");
    expect(shortcutFor("app", press("F1"))).toBe("app.help");
    expect(shortcutFor("app", press("z", { ctrlKey: true }))).toBe("app.undo");
    expect(shortcutFor("app", press("Z", { ctrlKey: true, shiftKey: true }))).toBe("app.redo");
    expect(shortcutFor("app", press("y", { ctrlKey: true }))).toBe("app.redo");
  });

  it("ignores keys that are no shortcut, or carry other modifiers", () => {
    expect(shortcutFor("app", press("f"))).toBeNull();
    expect(shortcutFor("app", press("z"))).toBeNull();
    expect(shortcutFor("app", press("z", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor("app", press("?", { ctrlKey: true }))).toBeNull();
    expect(shortcutFor("app", press("ArrowDown"))).toBeNull();
  });

  it("leaves text fields their own keys, except those meant for anywhere", () => {
    expect(shortcutFor("app", press("?", { shiftKey: true }), true)).toBeNull();
    expect(shortcutFor("app", press("z", { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor("app", press("f", { ctrlKey: true }), true)).toBe("app.search");
    expect(shortcutFor("app", press("F1"), true)).toBe("app.help");
    expect(shortcutFor("editor", press("s", { ctrlKey: true }), true)).toBe("editor.save");
    expect(shortcutFor("search", press("ArrowDown"), true)).toBe("search.next");
    expect(shortcutFor("dialog", press("Escape"), true)).toBe("dialog.close");
  });

  it("reads the board's keys, Shift and Ctrl apart from plain arrows and Space", () => {
    expect(shortcutFor("board", press("ArrowDown"))).toBe("board.next");
    expect(shortcutFor("board", press("ArrowDown", { shiftKey: true }))).toBeNull();
    expect(shortcutFor("selection", press("ArrowDown", { shiftKey: true }))).toBe("selection.extend-down");
    expect(shortcutFor("board", press(" ", { ctrlKey: true }))).toBe("board.toggle");
    expect(shortcutFor("board", press(" "))).toBe("board.lift");
  });

  it("keeps scopes apart", () => {
    expect(shortcutFor("tree", press("Enter"))).toBe("tree.edit");
    expect(shortcutFor("search", press("Enter"))).toBe("search.open");
    expect(shortcutFor("tree", press("f", { ctrlKey: true }))).toBeNull();
  });
});

describe("the registry", () => {
  it("has unique ids, and no chord twice in one scope", () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    for (const { scope } of SCOPES) {
      const chords = SHORTCUTS.filter((s) => s.scope === scope).flatMap((s) => s.chords.map((c) => chordLabel(c)));
      expect(new Set(chords).size, scope).toBe(chords.length);
    }
  });

  it("finds every shortcut it lists by its own chords", () => {
    for (const s of SHORTCUTS) {
      for (const c of s.chords as readonly Chord[]) {
        const key = c.key.length === 1 && c.shift ? c.key.toUpperCase() : c.key;
        const e = press(key, { ctrlKey: c.ctrl ?? false, shiftKey: c.shift ?? false });
        expect(shortcutFor(s.scope, e), `${s.id} ${chordLabel(c)}`).toBe(s.id);
      }
    }
  });

  it("lists every tree key that moves the selection", () => {
    const goal = (key: string, parent: string | null): GoalNode => ({ key, title: key, parent, priority: 5, kind: "hard", status: "pending" });
    const rows = visibleRows([goal("A", null), goal("A1", "A"), goal("B", null)], new Set());
    for (const s of SHORTCUTS.filter((s) => s.scope === "tree" && s.id !== "tree.edit")) {
      for (const c of s.chords) expect(treeKey(rows, "A1", c.key), s.id).not.toBeNull();
    }
  });

  it("groups the overlay by scope, every shortcut once", () => {
    const groups = shortcutsByScope();
    expect(groups.map((g) => g.title)).toStrictEqual(["Anywhere", "Search", "Goal tree", "Task board", "Goal editor", "Selecting many", "Dialogs"]);
    expect(groups.flatMap((g) => g.shortcuts.map((s) => s.id))).toStrictEqual(SHORTCUTS.map((s) => s.id));
    expect(groups[0].shortcuts.map((s) => s.chords.map(chordLabel).join(" or "))).toStrictEqual(["Ctrl+F", "Ctrl+K", "? or F1", "Ctrl+Z", "Ctrl+Shift+Z or Ctrl+Y"]);
  });
});

describe("chordLabel", () => {
  it("writes keys as the keyboard shows them", () => {
    expect(chordLabel({ key: "z", ctrl: true, shift: true })).toBe("Ctrl+Shift+Z");
    expect(chordLabel({ key: "z", ctrl: true, shift: false })).toBe("Ctrl+Z");
    expect(chordLabel({ key: "ArrowLeft" })).toBe("←");
    expect(chordLabel({ key: " " })).toBe("Space");
    expect(chordLabel({ key: "Escape" })).toBe("Esc");
    expect(chordLabel({ key: "?" })).toBe("?");
  });
});
