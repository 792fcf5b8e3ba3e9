import { describe, expect, it } from "vitest";
import type { Changed } from "../generated/Changed";
import type { Entity } from "../generated/Entity";
import { Invalidation, isStale, READS, TAGS, touchedBy, type Tag } from "./invalidation";

const change = (entity: Entity, kind: string): Changed => ({ entity, kind, key: "", author: "app:test" });

function check(changes: Changed[], expected: Tag[]) {
  expect([...touchedBy(changes)].sort()).toEqual([...expected].sort());
}

// What each view loads, by query (as the components call useLoad and useTags).
const VIEWS = {
  taskBoard: [READS.tasks, READS.agents, READS.plans],
  goals: [READS.goal_tree, READS.goal, READS.goal_next_statuses, READS.goal_graph, READS.methods, READS.actions],
  plans: [READS.goal_tree, READS.plans, READS.actions, READS.plan, READS.plan_next_statuses, READS.plan_graph, READS.validate_plan, READS.critical_path],
  actions: [READS.actions, READS.capabilities],
  agents: [READS.agents, READS.capabilities],
  monitor: [READS.monitor, READS.plans, READS.goal_tree, READS.goal_conflicts, READS.world_state, READS.repair_options],
};
type View = keyof typeof VIEWS;

/** The views a notice reloads (any of their loads). */
function reloaded(changes: Changed[]): View[] {
  const touched = touchedBy(changes);
  return (Object.keys(VIEWS) as View[]).filter((view) => VIEWS[view].some((tags) => isStale(tags, touched)));
}

describe("touchedBy", () => {
  it("touches the entity an event names", () => {
    check([change("goal", "updated")], ["goal"]);
    check([change("action", "created")], ["action"]);
    check([change("method", "deleted")], ["method"]);
    check([change("fact", "set")], ["fact"]);
    check([change("capability", "renamed")], ["capability"]);
    check([change("task", "assigned")], ["task"]);
    check([change("step", "updated")], ["plan"]);
  });

  it("adds the rows a gesture writes besides its own", () => {
    check([change("goal", "deleted")], ["goal", "plan", "task", "method"]);
    check([change("plan", "started")], ["plan", "goal", "task"]);
    check([change("plan", "deleted")], ["plan", "task"]);
    check([change("plan", "step_removed")], ["plan", "task"]);
    check([change("plan", "step_added")], ["plan"]);
    check([change("task", "status_changed")], ["task", "plan", "goal", "fact"]);
    check([change("task", "repaired")], ["task", "plan", "goal", "fact"]);
    check([change("agent", "deleted")], ["agent", "task"]);
    check([change("agent", "updated")], ["agent"]);
  });

  it("touches everything for the workspace, undo and redo", () => {
    check([change("workspace", "imported")], [...TAGS]);
    check([change("workspace", "assignment_applied")], [...TAGS]);
    check([change("goal", "undo")], [...TAGS]);
    check([change("action", "redo")], [...TAGS]);
    check([change("goal", "updated"), change("workspace", "many")], [...TAGS]);
  });

  it("joins the events of one notice", () => {
    check([change("goal", "updated"), change("action", "updated")], ["goal", "action"]);
    check([], []);
  });
});

describe("which views reload", () => {
  it("editing a goal does not reload the task board, the actions or the agents", () => {
    for (const kind of ["updated", "status_changed", "moved", "dependency_added", "contribution_set", "created"]) {
      expect(reloaded([change("goal", kind)])).toEqual(["goals", "plans", "monitor"]);
    }
  });

  it("moving a task reloads the board, the agents' load and what execution changes", () => {
    expect(reloaded([change("task", "assigned")])).toEqual(["taskBoard", "agents", "monitor"]);
    expect(reloaded([change("task", "status_changed")])).toEqual(["taskBoard", "goals", "plans", "agents", "monitor"]);
  });

  it("a capability shows wherever agents, actions (the planning panel's and the palette's too) and tasks name it", () => {
    expect(reloaded([change("capability", "renamed")])).toEqual(["taskBoard", "goals", "plans", "actions", "agents"]);
  });

  it("a recorded fact reloads only what reads the world state", () => {
    expect(reloaded([change("fact", "set")])).toEqual(["plans", "monitor"]);
  });

  it("undo reloads every view", () => {
    expect(reloaded([change("task", "undo")])).toEqual(Object.keys(VIEWS));
  });
});

describe("Invalidation", () => {
  it("moves the version of the touched tags only, and tells its listeners", () => {
    const invalidation = new Invalidation();
    let heard = 0;
    const stop = invalidation.subscribe(() => heard++);
    const board = invalidation.version(READS.tasks);
    const goals = invalidation.version(READS.goal_tree);

    invalidation.notify([change("goal", "updated")]);
    expect(invalidation.version(READS.tasks)).toBe(board);
    expect(invalidation.version(READS.goal_tree)).not.toBe(goals);
    expect(heard).toBe(1);

    invalidation.notify([change("task", "updated")]);
    expect(invalidation.version(READS.tasks)).not.toBe(board);
    expect(heard).toBe(2);

    stop();
    invalidation.notify([change("goal", "undo")]);
    expect(heard).toBe(2);
  });

  it("an empty notice touches nothing and tells no one", () => {
    const invalidation = new Invalidation();
    let heard = 0;
    invalidation.subscribe(() => heard++);
    expect(invalidation.notify([]).size).toBe(0);
    expect(heard).toBe(0);
    expect(invalidation.version(TAGS)).toBe(0);
  });
});
