//! The tree of choices a decomposition made: which method each goal took, the methods
//! it skipped, and the parts (actions and sub-goals) below it. Shared by the search that
//! builds it (`decompose`) and the ordering read from it (`precedence`).

use crate::domain::MethodAttempt;
use serde::Serialize;

/// A decomposed goal: the method chosen and the methods tried before it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Node {
    pub goal: String,
    pub method: String,
    /// Whether the chosen method orders its subtasks.
    pub ordered: bool,
    /// Methods tried before the chosen one, in order, each with why it was skipped.
    pub skipped: Vec<MethodAttempt>,
    /// The chosen method's subtasks, decomposed.
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    /// An action, at `step` (its position in [`Decomposition::actions`]).
    Action { step: usize, action: String },
    Goal { node: Node },
}
