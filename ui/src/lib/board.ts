// The task board's columns: "Unassigned", then a column per active agent (and any
// inactive one still holding a listed task), each with its derived workload.

import type { Agent } from "../generated/Agent";
import type { Task } from "../generated/Task";
import type { TaskStatus } from "../generated/TaskStatus";
import type { TaskStatusMoves } from "../generated/TaskStatusMoves";

export const UNASSIGNED = "unassigned";

export type Lane = {
  /** The drop target's id: an agent key, or UNASSIGNED. */
  id: string;
  agent: Agent | null;
  tasks: Task[];
};

export function lanes(agents: Agent[], tasks: Task[]): Lane[] {
  const byAssignee = new Map<string, Task[]>();
  for (const t of tasks) {
    const id = t.assignee ?? UNASSIGNED;
    byAssignee.set(id, [...(byAssignee.get(id) ?? []), t]);
  }
  const columns: Lane[] = [{ id: UNASSIGNED, agent: null, tasks: byAssignee.get(UNASSIGNED) ?? [] }];
  for (const a of agents) {
    const held = byAssignee.get(a.key) ?? [];
    if (a.active || held.length > 0) columns.push({ id: a.key, agent: a, tasks: held });
  }
  return columns;
}

/** The agent a drop onto `laneId` assigns the task to (null: unassign), or undefined when the task is already there. */
export function assignmentFor(task: Task, laneId: string): string | null | undefined {
  const target = laneId === UNASSIGNED ? null : laneId;
  return target === (task.assignee ?? null) ? undefined : target;
}

/** Whether the life cycle the shell lists lets a task in `status` move to `to`. */
export function canMove(moves: TaskStatusMoves[], status: TaskStatus, to: TaskStatus): boolean {
  return moves.some((m) => m.from === status && m.to.includes(to));
}

export function isOverCapacity(agent: Agent): boolean {
  return agent.workload > agent.capacity;
}

const hours = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "68 / 80 h": an agent's open effort against its capacity. */
export function loadLabel(agent: Agent): string {
  return `${hours.format(agent.workload)} / ${hours.format(agent.capacity)} h`;
}

/** A deadline as a short local date and time. */
export function deadlineLabel(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return d.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}
