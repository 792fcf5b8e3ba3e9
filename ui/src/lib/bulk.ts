// What the bulk gestures send and how their answers are told: which of the dragged cards
// a drop moves, the notice naming each card left where it was, the goal edit a panel's
// choices make, and which of its fields a refusal is about.

import type { BulkAssignment } from "../generated/BulkAssignment";
import type { CommandError } from "../generated/CommandError";
import type { GoalBulkEdit } from "../generated/GoalBulkEdit";
import type { GoalStatus } from "../generated/GoalStatus";
import type { Task } from "../generated/Task";
import { UNASSIGNED } from "./board";
import { countLabel } from "./selection";

/** The agent a drop onto `laneId` gives the tasks to (null: unassign), and the tasks not there already. */
export function bulkDrop(tasks: readonly Task[], laneId: string): { agent: string | null; keys: string[] } {
  const agent = laneId === UNASSIGNED ? null : laneId;
  return { agent, keys: tasks.filter((t) => (t.assignee ?? null) !== agent).map((t) => t.key) };
}

/** The board's notice after a bulk drop: how many moved, and each card left, with its reason. */
export type BulkNotice = { summary: string; refused: { task: string; capability: string | null; message: string }[] };

export function bulkNotice(report: BulkAssignment): BulkNotice {
  const moved = countLabel(report.assigned.length, "task");
  const summary = report.agent === null ? `${moved} unassigned` : `${moved} assigned to ${report.agent}`;
  const n = report.refused.length;
  const left = n === 0 ? "" : n === 1 ? "; 1 task stays where it was" : `; ${n} tasks stay where they were`;
  return {
    summary: summary + left,
    refused: report.refused.map((r) => ({ task: r.task, capability: r.capability, message: r.message })),
  };
}

/** The choices of the goal bulk-edit panel; "" leaves a field as it is. */
export type GoalEditChoices = { status: "" | GoalStatus; priority: string; parent: string };

/** The value of `parent` that makes every goal a root. */
export const TO_ROOT = "(root)";

export const NO_CHOICES: GoalEditChoices = { status: "", priority: "", parent: "" };

/**
 * The edit the choices make, or the message saying nothing is chosen. The priority is
 * sent as typed: the store checks its range and names the field.
 */
export function goalEdit(choices: GoalEditChoices): GoalBulkEdit | { problem: string } {
  const priority = choices.priority.trim();
  const edit: GoalBulkEdit = { status: choices.status || null, priority: priority === "" ? null : Number(priority), parent: null };
  if (choices.parent === TO_ROOT) edit.parent = "root";
  else if (choices.parent) edit.parent = { under: choices.parent };
  if (!edit.status && edit.priority === null && !edit.parent) return { problem: "Choose a status, a priority or a parent to set" };
  return edit;
}

/** The field of the panel a refusal of a goal bulk edit is about (`parent` is the chosen parent's key). */
export function goalEditField(e: CommandError, parent: string): "status" | "priority" | "parent" | null {
  if (e.code === "invalid_transition") return "status";
  if (e.code === "cycle") return "parent";
  // Several goals at fault name the field they share, when they share one.
  if (e.field === "priority" || e.field === "status" || e.field === "parent") return e.field;
  if (e.code === "not_found" && e.key === parent) return "parent";
  return null;
}
