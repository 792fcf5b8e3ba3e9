//! Tasks: work to complete, usually made from a plan step, assigned to an agent.

use super::{CapabilityLevel, PRIORITY_DEFAULT};
use serde::{Deserialize, Serialize};

text_enum! {
    pub enum TaskStatus {
        Todo = "todo",
        InProgress = "in_progress",
        Done = "done",
        Failed = "failed",
        Blocked = "blocked",
    }
}

impl TaskStatus {
    /// Open tasks count towards their assignee's workload.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Todo | TaskStatus::InProgress | TaskStatus::Blocked)
    }

    /// Done is final; a failed task may be retried (back to todo); everything open may
    /// move to any other status.
    pub fn can_become(self, to: TaskStatus) -> bool {
        use TaskStatus::*;
        self != to
            && match self {
                Todo | InProgress | Blocked => true,
                Failed => to == Todo,
                Done => false,
            }
    }
}

/// The plan step a task was made from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct StepRef {
    pub plan: String,
    pub step: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskFields {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub priority: u8,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub deadline: Option<String>,
    /// In hours; counts towards the assignee's workload while the task is open.
    pub effort: f64,
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub step: Option<StepRef>,
}

impl TaskFields {
    pub fn titled(title: &str, effort: f64) -> TaskFields {
        TaskFields {
            title: title.to_owned(),
            description: String::new(),
            priority: PRIORITY_DEFAULT,
            deadline: None,
            effort,
            goal: None,
            step: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Task {
    pub key: String,
    #[serde(flatten)]
    pub fields: TaskFields,
    pub status: TaskStatus,
    pub assignee: Option<String>,
    /// Tasks that must be done first, by key.
    pub depends_on: Vec<String>,
    /// Capabilities the assignee needs: those of the step's action.
    pub requires: Vec<CapabilityLevel>,
    pub created_at: String,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
}

impl Task {
    /// Completion is the status, never a separate flag.
    pub fn is_completed(&self) -> bool {
        self.status == TaskStatus::Done
    }
}

/// Which tasks to list; every field narrows the list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskFilter {
    pub plan: Option<String>,
    pub goal: Option<String>,
    pub status: Option<TaskStatus>,
    /// `Some(None)` lists unassigned tasks.
    pub assignee: Option<Option<String>>,
}
