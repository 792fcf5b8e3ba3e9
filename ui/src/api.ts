// The one door to the Rust side: every command the app offers, typed with the types
// generated from the core (src/generated, by scripts/gen-types.sh). Components call
// these and show the CommandError they may throw; they never call invoke themselves.
// Command names are checked against generated/commands.ts, written from the shell's one
// list of registered commands: a command renamed in Rust fails the type check here.

import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Action } from "./generated/Action";
import type { ActionFields } from "./generated/ActionFields";
import type { Agent } from "./generated/Agent";
import type { AgentFields } from "./generated/AgentFields";
import type { AssignmentProposal } from "./generated/AssignmentProposal";
import type { BrokerStatus } from "./generated/BrokerStatus";
import type { AgentLanes } from "./generated/AgentLanes";
import type { BulkAssignment } from "./generated/BulkAssignment";
import type { Capability } from "./generated/Capability";
import type { DatabaseChanged } from "./generated/DatabaseChanged";
import type { FileProgress } from "./generated/FileProgress";
import type { ImportReport } from "./generated/ImportReport";
import type { MenuCommand } from "./generated/MenuCommand";
import type { TaskFields } from "./generated/TaskFields";
import type { TasksImportReport } from "./generated/TasksImportReport";
import type { TaskStatusMoves } from "./generated/TaskStatusMoves";
import type { CommandError } from "./generated/CommandError";
import type { Command } from "./generated/commands";
import type { ContributionKind } from "./generated/ContributionKind";
import type { CriticalPath } from "./generated/CriticalPath";
import type { DecomposedPlan } from "./generated/DecomposedPlan";
import type { DecompositionReport } from "./generated/DecompositionReport";
import type { Goal } from "./generated/Goal";
import type { GoalBulkEdit } from "./generated/GoalBulkEdit";
import type { GoalConflict } from "./generated/GoalConflict";
import type { GoalDeletion } from "./generated/GoalDeletion";
import type { GoalFields } from "./generated/GoalFields";
import type { GoalNode } from "./generated/GoalNode";
import type { GoalProgress } from "./generated/GoalProgress";
import type { GoalStatus } from "./generated/GoalStatus";
import type { HistoryEntry } from "./generated/HistoryEntry";
import type { IntegrityReport } from "./generated/IntegrityReport";
import type { DiagramRequest } from "./generated/DiagramRequest";
import type { GoalGraph } from "./generated/GoalGraph";
import type { LayoutProgress } from "./generated/LayoutProgress";
import type { Method } from "./generated/Method";
import type { MethodFields } from "./generated/MethodFields";
import type { MonitorReport } from "./generated/MonitorReport";
import type { Plan } from "./generated/Plan";
import type { PlanFields } from "./generated/PlanFields";
import type { PlanGraph } from "./generated/PlanGraph";
import type { PlanProgress } from "./generated/PlanProgress";
import type { PlanStart } from "./generated/PlanStart";
import type { PlanStatus } from "./generated/PlanStatus";
import type { PlanTimeline } from "./generated/PlanTimeline";
import type { PlanSummary } from "./generated/PlanSummary";
import type { PlanTotals } from "./generated/PlanTotals";
import type { PlanValidation } from "./generated/PlanValidation";
import type { RepairApplied } from "./generated/RepairApplied";
import type { RepairProposal } from "./generated/RepairProposal";
import type { SearchHit } from "./generated/SearchHit";
import type { SearchProgress } from "./generated/SearchProgress";
import type { Step } from "./generated/Step";
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

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
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
  editGoals: (keys: string[], edit: GoalBulkEdit) => call<string[]>("edit_goals", { keys, edit }),
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

  /** Goals, actions, agents and tasks matching `text`, best first. */
  search: (text: string, limit: number) => call<SearchHit[]>("search", { text, limit }),

  tasks: (filter: Partial<TaskFilter> = {}) =>
    call<Task[]>("tasks", { filter: { plan: null, goal: null, status: null, assignee: null, ...filter } }),
  assignTask: (key: string, agent: string | null) => call<Task>("assign_task", { key, agent }),
  assignTasks: (keys: string[], agent: string | null) => call<BulkAssignment>("assign_tasks", { keys, agent }),
  setTaskStatus: (key: string, status: TaskStatus) => call<Task>("set_task_status", { key, status }),
  taskTemplate: (title: string) => call<TaskFields>("task_template", { title }),
  createTask: (fields: TaskFields, key: string | null = null) => call<Task>("create_task", { key, fields }),
  updateTask: (key: string, fields: TaskFields) => call<Task>("update_task", { key, fields }),
  deleteTask: (key: string) => call<null>("delete_task", { key }),
  taskStatusMoves: () => call<TaskStatusMoves[]>("task_status_moves"),

  actionTemplate: (name: string) => call<ActionFields>("action_template", { name }),
  createAction: (fields: ActionFields, key: string | null = null) => call<Action>("create_action", { key, fields }),
  updateAction: (key: string, fields: ActionFields) => call<Action>("update_action", { key, fields }),
  deleteAction: (key: string) => call<null>("delete_action", { key }),

  agentTemplate: (name: string) => call<AgentFields>("agent_template", { name }),
  createAgent: (fields: AgentFields, key: string | null = null) => call<Agent>("create_agent", { key, fields }),
  updateAgent: (key: string, fields: AgentFields) => call<Agent>("update_agent", { key, fields }),
  /** Returns the keys of the tasks the agent held, now unassigned. */
  deleteAgent: (key: string) => call<string[]>("delete_agent", { key }),
  capabilities: () => call<Capability[]>("capabilities"),
  createCapability: (name: string) => call<null>("create_capability", { name }),
  renameCapability: (name: string, newName: string) => call<null>("rename_capability", { name, newName }),
  deleteCapability: (name: string) => call<null>("delete_capability", { name }),

  // Files: each command asks for its path in a native dialog run by the shell (the page
  // never names a path) and resolves to null when the user cancelled.
  exportPlan: (key: string) => call<string | null>("export_plan", { key }),
  exportWorkspace: () => call<string | null>("export_workspace"),
  /** Asks where to save plan `key`'s HTML report (docs/report.md): the path written, or null. */
  exportPlanReport: (key: string) => call<string | null>("export_plan_report", { key }),
  importFile: () => call<ImportReport | null>("import_file"),
  /** Asks where to save every task as CSV: the path written, or null when cancelled. */
  exportTasksCsv: () => call<string | null>("export_tasks_csv"),
  /** Asks for a CSV file of tasks and imports it (one undo step). */
  importTasksCsv: () => call<TasksImportReport | null>("import_tasks_csv"),
  /** Asks for a PDDL domain, then its problem, and imports them (one undo step). */
  importPddl: () => call<ImportReport | null>("import_pddl"),
  newDatabase: () => call<string | null>("new_database"),
  /** The databases opened lately that still exist, newest first. */
  recentDatabases: () => call<string[]>("recent_databases"),
  /** Opens entry `index` of recentDatabases() (the page names an entry, never a path). */
  openRecent: (index: number) => call<string>("open_recent", { index }),
  openDatabase: () => call<string | null>("open_database"),

  validatePlan: (key: string, state: WorldState | null = null) => call<PlanValidation>("validate_plan", { key, state }),
  criticalPath: (key: string) => call<CriticalPath>("critical_path", { key }),
  goalConflicts: () => call<GoalConflict[]>("goal_conflicts"),
  /** Plan `key`'s Gantt chart as of now (docs/timeline.md). */
  planTimeline: (key: string) => call<PlanTimeline>("plan_timeline", { key }),
  /** Every active agent's tasks over time as of now (docs/timeline.md). */
  agentLanes: () => call<AgentLanes>("agent_lanes"),

  /** Searches without holding the database: `onProgress` hears how far it is (about ten times a second). */
  synthesizePlan: (goal: string, options: SynthesisOptions, onProgress: (p: SearchProgress) => void = () => {}) =>
    call<SynthesisResult>("synthesize_plan", { goal, options, progress: progressChannel(onProgress) }),
  brokerStatus: () => call<BrokerStatus>("broker_status"),
  /** Starts the NATS bridge from the open database to `url` (remembered); refused with field `url`. */
  brokerConnect: (url: string) => call<BrokerStatus>("broker_connect", { url }),
  brokerDisconnect: () => call<BrokerStatus>("broker_disconnect"),
  /** Stops the running synthesis (it then answers with a "cancelled" outcome): whether one was running. */
  cancelSynthesis: () => call<boolean>("cancel_synthesis"),
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
  applyReplan: (task: string) => call<RepairApplied>("apply_replan", { task }),
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

  planTemplate: (title: string) => call<PlanFields>("plan_template", { title }),
  createPlan: (goal: string, fields: PlanFields, key: string | null = null) => call<Plan>("create_plan", { key, goal, fields }),
  updatePlan: (key: string, fields: PlanFields) => call<Plan>("update_plan", { key, fields }),
  deletePlan: (key: string) => call<null>("delete_plan", { key }),
  planNextStatuses: (key: string) => call<PlanStatus[]>("plan_next_statuses", { key }),
  setPlanStatus: (key: string, status: PlanStatus) => call<Plan>("set_plan_status", { key, status }),
  planTotals: (key: string) => call<PlanTotals>("plan_totals", { key }),
  addStep: (plan: string, action: string, note = "", key: string | null = null) => call<Step>("add_step", { plan, key, action, note }),
  updateStep: (plan: string, step: string, action: string, note: string) => call<Step>("update_step", { plan, step, action, note }),
  removeStep: (plan: string, step: string) => call<null>("remove_step", { plan, step }),
  removeSteps: (plan: string, steps: string[]) => call<string[]>("remove_steps", { plan, steps }),
  addEdge: (plan: string, before: string, after: string) => call<null>("add_edge", { plan, before, after }),
  removeEdge: (plan: string, before: string, after: string) => call<null>("remove_edge", { plan, before, after }),

  /** The goal graph laid out by the core; big graphs report progress to `onProgress`. */
  goalGraph: (request: DiagramRequest, onProgress: (p: LayoutProgress) => void) =>
    call<GoalGraph>("goal_graph", { request, onProgress: progressChannel(onProgress) }),
  planGraph: (key: string, request: DiagramRequest, onProgress: (p: LayoutProgress) => void) =>
    call<PlanGraph>("plan_graph", { key, request, onProgress: progressChannel(onProgress) }),
  /** Saves an image of a canvas where the user chooses (`fileName` is the suggestion); resolves to the file's path, or null when cancelled. */
  saveImage: async (fileName: string, bytes: Uint8Array): Promise<string | null> => {
    try {
      const command: Command = "save_image";
      return await invoke<string | null>(command, bytes, { headers: { "file-name": fileName } });
    } catch (e) {
      throw asCommandError(e);
    }
  },
};

/** Calls `handler` with each phase of an export or import, the last with its outcome. */
export function onFileProgress(handler: (progress: FileProgress) => void): Promise<UnlistenFn> {
  return listen<FileProgress>("file-progress", (event) => handler(event.payload));
}

/** Calls `handler` when another database file has been opened. */
export function onDatabaseChanged(handler: (change: DatabaseChanged) => void): Promise<UnlistenFn> {
  return listen<DatabaseChanged>("database-changed", (event) => handler(event.payload));
}

/** Calls `handler` for each item chosen in the native File menu. */
export function onMenuCommand(handler: (command: MenuCommand) => void): Promise<UnlistenFn> {
  return listen<MenuCommand>("menu-command", (event) => handler(event.payload));
}

function progressChannel<T>(onProgress: (p: T) => void): Channel<T> {
  const channel = new Channel<T>();
  channel.onmessage = onProgress;
  return channel;
}

/** Calls `handler` after every change to the workspace, from any view or command, with what changed. */
export function onWorkspaceChanged(handler: (change: WorkspaceChanged) => void): Promise<UnlistenFn> {
  return listen<WorkspaceChanged>("workspace-changed", (event) => handler(event.payload));
}
