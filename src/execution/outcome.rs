//! What the execution gestures report back: enough for a shell to say what happened
//! without reading the workspace again.

use crate::domain::{Condition, GoalStatus, StepRef, Value};
use serde::{Deserialize, Serialize};

/// What [`Store::start_plan`](crate::Store::start_plan) did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanStart {
    pub plan: String,
    pub goal: String,
    /// The goal's status after the start (in progress).
    pub goal_status: GoalStatus,
    /// The new tasks, one per step, in step order.
    pub tasks: Vec<String>,
    /// Those of them that can start now (no predecessor).
    pub ready: Vec<String>,
    /// The plan's preconditions that do not hold in the recorded world state. Starting
    /// is not refused for them: the world state may simply be incomplete.
    pub unmet_preconditions: Vec<Condition>,
}

/// One fact set by an effect: its value before (absent: `None`) and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FactChange {
    pub key: String,
    pub before: Option<Value>,
    pub after: Value,
}

/// What finishing a task did, beyond marking it done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskCompletion {
    pub task: String,
    /// The effects of the step's action, applied to the recorded world state in order.
    pub facts: Vec<FactChange>,
    /// Tasks that waited on this one and can start now.
    pub now_ready: Vec<String>,
    /// Set when this was the last open task of an active plan.
    pub plan_completed: Option<PlanCompleted>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanCompleted {
    pub plan: String,
    pub goal: String,
    pub goal_outcome: GoalOutcome,
}

/// What a completed plan did to its goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum GoalOutcome {
    /// The plan's and the goal's postconditions hold: the goal is achieved.
    Achieved { from: GoalStatus },
    /// Some postconditions (the plan's first, then the goal's) do not hold in the
    /// recorded world state: the goal keeps its status.
    ConditionsUnmet { status: GoalStatus, unmet: Vec<Condition> },
    /// The conditions hold, but the goal is suspended, failed, or already final: a
    /// person's decision that execution does not override.
    LeftAsIs { status: GoalStatus },
}

/// What [`Store::apply_repair`](crate::Store::apply_repair) did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RepairApplied {
    pub failed_task: String,
    pub step: StepRef,
    pub from_action: String,
    pub to_action: String,
    /// The fresh task made from the repaired step.
    pub new_task: String,
    /// Whether the fresh task can start now.
    pub ready: bool,
    /// For a re-plan: the steps added after the repaired one, in order (the repaired step
    /// took the sequence's first action), and the tasks made from them.
    pub added_steps: Vec<String>,
    pub added_tasks: Vec<String>,
}
