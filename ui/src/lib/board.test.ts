import { describe, expect, it } from "vitest";
import type { Agent } from "../generated/Agent";
import type { Task } from "../generated/Task";
import { assignmentFor, canMove, isOverCapacity, lanes, loadLabel, UNASSIGNED } from "./board";

function agent(key: string, active = true, workload = 0, capacity = 40): Agent {
  return { key, name: key, experience: 0, capacity, active, capabilities: [], workload, open_tasks: 0 };
}

function task(key: string, assignee: string | null): Task {
  return {
    key,
    title: key,
    description: "",
    priority: 5,
    deadline: null,
    effort: 1,
    goal: null,
    step: null,
    status: "todo",
    assignee,
    depends_on: [],
    requires: [],
    created_at: "2026-01-01T00:00:00Z",
    started_at: null,
    completed_at: null,
  };
}

describe("lanes", () => {
  it("puts Unassigned first, then every active agent, with their tasks", () => {
    const got = lanes([agent("AG-1"), agent("AG-2", false), agent("AG-3")], [task("T-1", "AG-3"), task("T-2", null)]);
    expect(got.map((l) => [l.id, l.tasks.map((t) => t.key)])).toEqual([
      [UNASSIGNED, ["T-2"]],
      ["AG-1", []],
      ["AG-3", ["T-1"]],
    ]);
  });

  it("keeps an inactive agent's column while it holds a listed task", () => {
    const got = lanes([agent("AG-2", false)], [task("T-9", "AG-2")]);
    expect(got.map((l) => l.id)).toEqual([UNASSIGNED, "AG-2"]);
  });
});

describe("assignmentFor", () => {
  it("names the target agent, null for Unassigned, undefined for the same column", () => {
    expect(assignmentFor(task("T-1", null), "AG-1")).toBe("AG-1");
    expect(assignmentFor(task("T-1", "AG-1"), UNASSIGNED)).toBeNull();
    expect(assignmentFor(task("T-1", "AG-1"), "AG-1")).toBeUndefined();
    expect(assignmentFor(task("T-1", null), UNASSIGNED)).toBeUndefined();
  });
});

describe("status moves and load", () => {
  const moves = [
    { from: "todo" as const, to: ["in_progress" as const, "done" as const] },
    { from: "done" as const, to: [] },
  ];
  it("follows the listed life cycle", () => {
    expect(canMove(moves, "todo", "done")).toBe(true);
    expect(canMove(moves, "done", "todo")).toBe(false);
    expect(canMove(moves, "failed", "done")).toBe(false);
  });
  it("labels workload against capacity and flags overload", () => {
    expect(loadLabel(agent("AG-1", true, 68, 80))).toBe("68 / 80 h");
    expect(loadLabel(agent("AG-1", true, 2.25, 40))).toBe("2.3 / 40 h");
    expect(isOverCapacity(agent("AG-1", true, 41, 40))).toBe(true);
    expect(isOverCapacity(agent("AG-1", true, 40, 40))).toBe(false);
  });
});
