// The one door to the Rust side: every command the app offers, typed with the types
// generated from the core (src/generated, by scripts/gen-types.sh). Components call
// these and show the CommandError they may throw; they never call invoke themselves.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Action } from "./generated/Action";
import type { Agent } from "./generated/Agent";
import type { AssignmentProposal } from "./generated/AssignmentProposal";
import type { CommandError } from "./generated/CommandError";
import type { ContributionKind } from "./generated/ContributionKind";
import type { CriticalPath } from "./generated/CriticalPath";
import type { DecomposedPlan } from "./generated/DecomposedPlan";
import type { DecompositionReport } from "./generated/DecompositionReport";
import type { Goal } from "./generated/Goal";
import type { GoalConflict } from "./generated/GoalConflict";
import type { GoalDeletion } from "./generated/GoalDeletion";
import type { GoalFields } from "./generated/GoalFields";
import type { GoalNode } from "./generated/GoalNode";
import type { GoalProgress } from "./generated/GoalProgress";
import type { GoalStatus } from "./generated/GoalStatus";
import type { HistoryEntry } from "./generated/HistoryEntry";
import type { IntegrityReport } from "./generated/IntegrityReport";
import type { Method } from "./generated/Method";
import type { MethodFields } from "./generated/MethodFields";
import type { MonitorReport } from "./generated/MonitorReport";
import type { Plan } from "./generated/Plan";
import type { PlanProgress } from "./generated/PlanProgress";
import type { PlanStart } from "./generated/PlanStart";
import type { PlanSummary } from "./generated/PlanSummary";
import type { PlanValidation } from "./generated/PlanValidation";
import type { RepairApplied } from "./generated/RepairApplied";
import type { RepairProposal } from "./generated/RepairProposal";
import type { SynthesisOptions } from "./generated/SynthesisOptions";
import type { SynthesisResult } from "./generated/SynthesisResult";
import type { Task } from "./generated/Task";
import type { TaskCompletion } from "./generated/TaskCompletion";
import type { TaskFilter } from "./generated/TaskFilter";
import type { TaskStatus } from "./generated/TaskStatus";
import type { Value } from "./generated/Value";
import type { WorkspaceChanged } from "./generated/WorkspaceChanged";

export type { CommandError };

/** The recorded world state, or a start state: fact key → value. */
export type WorldState = { [key in string]: Value };

/** Whether `e` is the error a command rejects with. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any failure as a CommandError: Tauri itself rejects with plain strings (e.g. a missing argument). */
export function asCommandError(e: unknown): CommandError {
  if (isCommandError(e)) return e;
  return { code: "bad_request", message: String(e), entity: null, key: null, field: null };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asCommandError(e);
  }
}

export const api = {
  goalTree: () => call<GoalNode[]>("goal_tree"),
  goal: (key: string) => call<Goal>("goal", { key }),
  goalTemplate: (title: string) => call<GoalFields>("goal_template", { title }),
  goalNextStatuses: (key: string) => call<GoalStatus[]>("goal_next_statuses", { key }),
  createGoal: (fields: GoalFields, parent: string | null, key: string | null = null) =>
    call<Goal>("create_goal", { key, parent, fields }),
  updateGoal: (key: string, fields: GoalFields) => call<Goal>("update_goal", { key, fields }),
  setGoalStatus: (key: string, status: GoalStatus) => call<Goal>("set_goal_status", { key, status }),
  moveGoal: (key: string, parent: string | null) => call<Goal>("move_goal", { key, parent }),
  goalDeletionPreview: (key: string) => call<GoalDeletion>("goal_deletion_preview", { key }),
  deleteGoal: (key: string) => call<GoalDeletion>("delete_goal", { key }),
  addGoalDependency: (goal: string, dependsOn: string) => call<null>("add_goal_dependency", { goal, dependsOn }),
  removeGoalDependency: (goal: string, dependsOn: string) => call<null>("remove_goal_dependency", { goal, dependsOn }),
  setGoalContribution: (from: string, to: string, kind: ContributionKind | null) =>
    call<null>("set_goal_contribution", { from, to, kind }),

  plans: (goal: string | null = null) => call<PlanSummary[]>("plans", { goal }),
  plan: (key: string) => call<Plan>("plan", { key }),
  actions: () => call<Action[]>("actions"),
  agents: () => call<Agent[]>("agents"),

  tasks: (filter: Partial<TaskFilter> = {}) =>
    call<Task[]>("tasks", { filter: { plan: null, goal: null, status: null, assignee: null, ...filter } }),
  assignTask: (key: string, agent: string | null) => call<Task>("assign_task", { key, agent }),
  setTaskStatus: (key: string, status: TaskStatus) => call<Task>("set_task_status", { key, status }),

  validatePlan: (key: string, state: WorldState | null = null) => call<PlanValidation>("validate_plan", { key, state }),
  criticalPath: (key: string) => call<CriticalPath>("critical_path", { key }),
  goalConflicts: () => call<GoalConflict[]>("goal_conflicts"),

  synthesizePlan: (goal: string, options: SynthesisOptions) => call<SynthesisResult>("synthesize_plan", { goal, options }),
  createSynthesizedPlan: (goal: string, result: SynthesisResult) => call<Plan>("create_synthesized_plan", { goal, result }),

  methods: (goal: string | null = null) => call<Method[]>("methods", { goal }),
  createMethod: (goal: string, fields: MethodFields) => call<Method>("create_method", { goal, fields }),
  updateMethod: (key: string, fields: MethodFields) => call<Method>("update_method", { key, fields }),
  deleteMethod: (key: string) => call<null>("delete_method", { key }),
  decomposeGoal: (goal: string, state: WorldState | null = null) => call<DecompositionReport>("decompose_goal", { goal, state }),
  planFromDecomposition: (goal: string, state: WorldState | null = null) =>
    call<DecomposedPlan>("plan_from_decomposition", { goal, state }),

  planAssignment: () => call<AssignmentProposal>("plan_assignment"),
  applyAssignment: (proposal: AssignmentProposal) => call<Task[]>("apply_assignment", { proposal }),

  startPlan: (key: string) => call<PlanStart>("start_plan", { key }),
  completeTask: (key: string) => call<TaskCompletion>("complete_task", { key }),
  repairOptions: (task: string) => call<RepairProposal>("repair_options", { task }),
  applyRepair: (task: string, action: string | null = null) => call<RepairApplied>("apply_repair", { task, action }),
  worldState: () => call<WorldState>("world_state"),
  setFact: (key: string, value: Value) => call<Value | null>("set_fact", { key, value }),
  unsetFact: (key: string) => call<Value>("unset_fact", { key }),
  planProgress: (key: string) => call<PlanProgress>("plan_progress", { key }),
  goalProgress: () => call<GoalProgress[]>("goal_progress"),
  monitor: (now: string | null = null) => call<MonitorReport>("monitor", { now }),

  undo: () => call<HistoryEntry>("undo"),
  redo: () => call<HistoryEntry>("redo"),
  canUndo: () => call<boolean>("can_undo"),
  canRedo: () => call<boolean>("can_redo"),
  integrityReport: () => call<IntegrityReport>("integrity_report"),
  workspaceIsEmpty: () => call<boolean>("workspace_is_empty"),
  loadDemo: () => call<null>("load_demo"),
  databasePath: () => call<string>("database_path"),
};

/** Calls `handler` after every change to the workspace, from any view or command. */
export function onWorkspaceChanged(handler: (change: WorkspaceChanged) => void): Promise<UnlistenFn> {
  return listen<WorkspaceChanged>("workspace-changed", (event) => handler(event.payload));
}
