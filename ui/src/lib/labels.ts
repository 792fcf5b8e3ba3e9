// Words for the core's enum values, as the UI shows them.

import type { GoalKind } from "../generated/GoalKind";
import type { GoalMode } from "../generated/GoalMode";
import type { GoalStatus } from "../generated/GoalStatus";
import type { PlanStatus } from "../generated/PlanStatus";
import type { Refinement } from "../generated/Refinement";
import type { TaskStatus } from "../generated/TaskStatus";

export const GOAL_STATUS: Record<GoalStatus, string> = {
  pending: "Pending",
  active: "Active",
  in_progress: "In progress",
  achieved: "Achieved",
  failed: "Failed",
  suspended: "Suspended",
  abandoned: "Abandoned",
};

export const PLAN_STATUS: Record<PlanStatus, string> = {
  draft: "Draft",
  active: "Active",
  completed: "Completed",
  failed: "Failed",
  abandoned: "Abandoned",
};

export const TASK_STATUS: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
  failed: "Failed",
  blocked: "Blocked",
};

export const GOAL_KIND: Record<GoalKind, string> = { hard: "Hard", soft: "Soft" };

export const GOAL_MODE: Record<GoalMode, string> = {
  achieve: "Achieve",
  maintain: "Maintain",
  cease: "Cease",
  avoid: "Avoid",
  query: "Query",
};

export const REFINEMENT: Record<Refinement, string> = { and: "AND — all", or: "OR — any" };
