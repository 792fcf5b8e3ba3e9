// Reloads keyed by what changed. After a gesture the shell sends `workspace-changed` with
// the events it logged (entity and kind, read back from the core's event log). Every load
// names the entities its answer is read from, its tags (READS below); a notice invalidates
// the tags its events touch, and only the loads holding one of them run again. A view
// none of whose tags moved does not even re-render. This is tag invalidation as RTK Query
// does it (and GitButler's desktop app with it), without the library.

import { createContext, useContext, useSyncExternalStore } from "react";
import type { Changed } from "../generated/Changed";
import type { Command } from "../generated/commands";
import type { Entity } from "../generated/Entity";

/** What a load can depend on: an entity; steps are read and logged with their plan. */
export type Tag = Exclude<Entity, "workspace" | "step">;

/** Every tag: what an import, the demo, undo or redo invalidates. */
export const TAGS: readonly Tag[] = ["capability", "agent", "goal", "action", "plan", "task", "fact", "method"];

/**
 * Rows a gesture writes besides its own entity's, by the entity and kind it logs. From
 * the core's gestures: a goal's deletion takes its subtree's plans and methods and lets
 * its tasks go; removing a step or a plan lets the tasks of its steps go; starting a plan
 * creates its tasks and moves its goal; a task's move (to done, above all) can complete
 * its plan, achieve its goal and record its effects as facts; a repair rewrites the plan;
 * deleting an agent unassigns its tasks.
 */
const ALSO_WRITES: { [E in Tag]?: { [kind: string]: readonly Tag[] } } = {
  goal: { deleted: ["plan", "task", "method"] },
  plan: { deleted: ["task"], step_removed: ["task"], steps_removed: ["task"], started: ["goal", "task"] },
  task: { status_changed: ["plan", "goal", "fact"], repaired: ["plan", "goal", "fact"] },
  agent: { deleted: ["task"] },
};

/**
 * The entities each query's answer is read from: a load of that query holds these tags.
 * An agent's workload comes from its tasks, a capability counts its agents and actions,
 * a plan's steps show their actions; a plan check also reads the recorded facts.
 */
export const READS = {
  goal_tree: ["goal"],
  goal: ["goal"],
  goal_next_statuses: ["goal"],
  goal_graph: ["goal"],
  goal_conflicts: ["goal", "plan", "action"],
  plans: ["plan", "action"],
  plan: ["plan", "action"],
  plan_next_statuses: ["plan"],
  plan_graph: ["plan", "action"],
  validate_plan: ["plan", "action", "fact"],
  critical_path: ["plan", "action"],
  plan_timeline: ["plan", "action", "task"],
  agent_lanes: ["task", "agent"],
  actions: ["action", "capability"],
  agents: ["agent", "capability", "task"],
  capabilities: ["capability", "agent", "action"],
  tasks: ["task", "capability"],
  methods: ["method", "goal", "action"],
  world_state: ["fact"],
  repair_options: ["task", "plan", "action", "fact"],
  monitor: ["task", "plan", "goal", "agent", "fact"],
} as const satisfies Partial<Record<Command, readonly Tag[]>>;

/** The tags a notice's events touch: all of them when anything may have changed. */
export function touchedBy(changes: readonly Changed[]): Set<Tag> {
  const touched = new Set<Tag>();
  for (const { entity, kind } of changes) {
    // An import, the demo or an assignment round is logged against the workspace; undo
    // and redo replay a changeset that may reach any table.
    if (entity === "workspace" || kind === "undo" || kind === "redo") return new Set(TAGS);
    const tag: Tag = entity === "step" ? "plan" : entity;
    touched.add(tag);
    for (const also of ALSO_WRITES[tag]?.[kind] ?? []) touched.add(also);
  }
  return touched;
}

/** Whether a load holding `tags` is stale after a notice that touched `touched`. */
export function isStale(tags: readonly Tag[], touched: ReadonlySet<Tag>): boolean {
  return tags.some((tag) => touched.has(tag));
}

/** A counter per tag, moved by each notice; loads read the counters of their tags. */
export class Invalidation {
  private counts = new Map<Tag, number>();
  private listeners = new Set<() => void>();

  /** Records one notice and tells the loads; returns the tags it touched. */
  notify(changes: readonly Changed[]): Set<Tag> {
    const touched = touchedBy(changes);
    for (const tag of touched) this.counts.set(tag, (this.counts.get(tag) ?? 0) + 1);
    if (touched.size > 0) for (const listener of this.listeners) listener();
    return touched;
  }

  /** A number that moves exactly when one of `tags` is invalidated: a load's dependency. */
  version(tags: readonly Tag[]): number {
    return tags.reduce((sum, tag) => sum + (this.counts.get(tag) ?? 0), 0);
  }

  /** Calls `listener` after each notice that touched anything; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
}

/** The app's one Invalidation, provided by App (which feeds it the notices). */
export const InvalidationContext = createContext(new Invalidation());

/** The version of `tags`: re-renders the caller only when one of them is invalidated. */
export function useTags(tags: readonly Tag[]): number {
  const invalidation = useContext(InvalidationContext);
  return useSyncExternalStore(invalidation.subscribe, () => invalidation.version(tags));
}
