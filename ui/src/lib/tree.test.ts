import { describe, expect, it } from "vitest";
import type { GoalNode } from "../generated/GoalNode";
import { ancestorsOf, dropTarget, ROOT_DROP, treeKey, visibleRows } from "./tree";

function goal(key: string, parent: string | null): GoalNode {
  return { key, title: key, parent, priority: 5, kind: "hard", status: "pending" };
}

// A ─ A1 ─ A1a
//   └ A2
// B
const nodes = [goal("A", null), goal("A1", "A"), goal("B", null), goal("A1a", "A1"), goal("A2", "A")];

function shown(collapsed: string[] = []) {
  return visibleRows(nodes, new Set(collapsed)).map((r) => `${"  ".repeat(r.depth)}${r.node.key}${r.hasChildren ? (r.expanded ? "-" : "+") : ""}`);
}

describe("visibleRows", () => {
  it("lists depth first with depth and expansion", () => {
    expect(shown()).toStrictEqual(["A-", "  A1-", "    A1a", "  A2", "B"]);
  });

  it("hides what a collapsed goal holds", () => {
    expect(shown(["A1"])).toStrictEqual(["A-", "  A1+", "  A2", "B"]);
    expect(shown(["A"])).toStrictEqual(["A+", "B"]);
  });
});

describe("treeKey", () => {
  const rows = visibleRows(nodes, new Set());
  const check = (current: string | null, key: string, expected: object | null, collapsed: string[] = []) =>
    expect(treeKey(visibleRows(nodes, new Set(collapsed)), current, key)).toStrictEqual(expected);

  it("moves up and down the shown rows", () => {
    check("A1", "ArrowDown", { select: "A1a" });
    check("A1", "ArrowUp", { select: "A" });
    check("B", "ArrowDown", {});
    check("A1", "ArrowDown", { select: "A2" }, ["A1"]);
    check("A2", "Home", { select: "A" });
    check("A", "End", { select: "B" });
    expect(treeKey(rows, null, "ArrowDown")).toStrictEqual({ select: "A" });
  });

  it("opens and closes with the arrows, then walks in and out", () => {
    check("A1", "ArrowLeft", { collapse: "A1" });
    check("A1", "ArrowLeft", { select: "A" }, ["A1"]);
    check("A1", "ArrowRight", { expand: "A1" }, ["A1"]);
    check("A1", "ArrowRight", { select: "A1a" });
    check("A1a", "ArrowRight", {});
    check("A", "ArrowLeft", { collapse: "A" });
    check("B", "ArrowLeft", {});
  });

  it("ignores other keys", () => {
    check("A", "x", null);
  });
});

describe("ancestorsOf", () => {
  it("lists the path from the root", () => {
    expect(ancestorsOf(nodes, "A1a")).toStrictEqual(["A", "A1"]);
    expect(ancestorsOf(nodes, "B")).toStrictEqual([]);
  });
});

describe("dropTarget", () => {
  const rows = visibleRows([goal("A", null), goal("B", "A"), goal("C", "B"), goal("D", null)], new Set());

  it("moves a goal under the goal it is dropped on", () => {
    expect(dropTarget(rows, "C", "D")).toBe("D");
    expect(dropTarget(rows, "D", "C")).toBe("C");
  });

  it("makes a goal top-level when dropped on the top-level strip", () => {
    expect(dropTarget(rows, "B", ROOT_DROP)).toBeNull();
  });

  it("ignores drops that change nothing", () => {
    expect(dropTarget(rows, "B", null)).toBeUndefined();
    expect(dropTarget(rows, "B", "B")).toBeUndefined();
    expect(dropTarget(rows, "B", "A")).toBeUndefined();
    expect(dropTarget(rows, "A", ROOT_DROP)).toBeUndefined();
  });

  it("passes a drop on a descendant on to the store, which refuses the cycle", () => {
    expect(dropTarget(rows, "A", "C")).toBe("C");
  });
});
