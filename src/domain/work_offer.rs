//! A task as the broker bridge weighs it for a work offer (docs/bridge.md): its status,
//! its assignee, and whether it waits on a dependency that is not done.

use super::TaskStatus;

/// What the bridge needs to know of a task to offer it, or to withdraw its offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskReadiness {
    pub key: String,
    pub status: TaskStatus,
    pub assignee: Option<String>,
    /// Some task it depends on is not done.
    pub waiting: bool,
}

impl TaskReadiness {
    /// To do, and every task it depends on done.
    pub fn is_ready(&self) -> bool {
        self.status == TaskStatus::Todo && !self.waiting
    }
}
