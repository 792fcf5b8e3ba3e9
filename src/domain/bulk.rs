//! Gestures on many entities at once: what they take (a goal edit for every selected
//! goal), what they report (which tasks a bulk assignment left where they were, and why),
//! and how many keys one gesture may name.

use super::GoalStatus;
use serde::{Deserialize, Serialize};

/// The most keys one bulk gesture takes: a selection on screen is far smaller, and a
/// longer list is refused whole rather than held in one transaction.
pub const MAX_BULK_KEYS: usize = 10_000;

/// What a bulk edit sets on every selected goal; `None` leaves that field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct GoalBulkEdit {
    #[serde(default)]
    pub status: Option<GoalStatus>,
    #[serde(default)]
    pub priority: Option<u8>,
    #[serde(default)]
    pub parent: Option<NewParent>,
}

/// Where a bulk edit puts every selected goal in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum NewParent {
    /// Each goal becomes a root.
    Root,
    /// Each goal goes under the goal with this key.
    Under(String),
}

/// Why one selected entity cannot take a bulk edit: its key, the field at fault
/// (`status`, `priority`, `parent`, or `key` for an unknown one) and the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionProblem {
    pub key: String,
    pub field: String,
    pub message: String,
}

/// One task a bulk assignment left as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskRefusal {
    pub task: String,
    /// The stable name of the refusal, as the single assignment's error has it
    /// (`missing_capability`, `agent_inactive`, `invalid`, `not_found`).
    pub code: String,
    /// The capability the agent lacks (or holds too low), when that is the reason.
    pub capability: Option<String>,
    /// The reason in words, naming the task, the agent and the capability.
    pub message: String,
}

/// What a bulk assignment did: the tasks it gave the agent and those it left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BulkAssignment {
    /// The agent the tasks went to; `None` when they were unassigned.
    pub agent: Option<String>,
    /// Keys of the tasks now assigned to the agent (or unassigned), in the order asked.
    pub assigned: Vec<String>,
    /// The tasks left as they were, in the order asked, each with its reason.
    pub refused: Vec<TaskRefusal>,
}
