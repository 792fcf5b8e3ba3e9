//! The monitoring report: what needs attention in a running workspace, at one time.

use super::{GoalProgress, PlanProgress};
use crate::domain::TaskStatus;
use serde::{Deserialize, Serialize};

/// A task as a list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskBrief {
    pub key: String,
    pub title: String,
    pub status: TaskStatus,
    pub priority: u8,
    pub effort: f64,
    pub deadline: Option<String>,
    pub assignee: Option<String>,
    /// The plan the task was made from, if any.
    pub plan: Option<String>,
}

/// A task that cannot start, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BlockedTask {
    pub task: TaskBrief,
    /// Predecessors that are not done yet, by key.
    pub waiting_on: Vec<String>,
    /// Its status is `blocked`, set by a person (a reason outside the plan).
    pub marked_blocked: bool,
}

/// An agent holding more open effort than its capacity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AgentLoad {
    pub agent: String,
    pub name: String,
    pub workload: f64,
    pub capacity: f64,
    pub open_tasks: u32,
}

/// [`Store::monitor`](crate::Store::monitor): task lists most important first (priority,
/// then key); plans, agents and goals by key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MonitorReport {
    /// The time the report is for (RFC 3339 UTC).
    pub at: String,
    pub active_plans: Vec<PlanProgress>,
    /// To do, with every predecessor done.
    pub ready: Vec<TaskBrief>,
    pub blocked: Vec<BlockedTask>,
    /// Not done, with a deadline before `at`.
    pub overdue: Vec<TaskBrief>,
    pub failed: Vec<TaskBrief>,
    pub overloaded: Vec<AgentLoad>,
    pub goals: Vec<GoalProgress>,
}
