//! Why a proposed pair can no longer be applied: the workspace changed after planning.
//! Capability and activity changes are refused with the store's own errors
//! ([`Error::MissingCapability`](crate::Error::MissingCapability), [`Error::AgentInactive`](crate::Error::AgentInactive)).

use super::TaskStatus;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AssignmentConflict {
    /// The task is no longer todo or in progress.
    TaskNotOffered { status: TaskStatus },
    /// Someone assigned the task meanwhile.
    TaskAlreadyAssigned { agent: String },
    /// The agent's open work grew (or its capacity shrank): the task no longer fits.
    OverCapacity { workload: f64, effort: f64, capacity: f64 },
    /// The proposal names the task twice.
    DuplicateTask,
    /// The proposal gives the agent two tasks; a round gives each agent at most one.
    DuplicateAgent,
}

impl fmt::Display for AssignmentConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssignmentConflict::TaskNotOffered { status } => write!(f, "the task is now {status}"),
            AssignmentConflict::TaskAlreadyAssigned { agent } => write!(f, "the task is now assigned to {agent}"),
            AssignmentConflict::OverCapacity { workload, effort, capacity } => {
                write!(f, "{workload} h open + {effort} h would exceed the agent's capacity of {capacity} h")
            }
            AssignmentConflict::DuplicateTask => f.write_str("the proposal assigns the task twice"),
            AssignmentConflict::DuplicateAgent => f.write_str("the proposal gives the agent more than one task"),
        }
    }
}
