//! The tree a decomposition builds: for each decomposed goal, the method chosen, the
//! methods skipped before it, and its parts (actions and sub-goal nodes).
//!
//! Its own file because both the search (`decompose.rs`) and the partial order
//! (`precedence.rs`) read it, and neither should depend on the other for it.

use crate::domain::MethodAttempt;
use serde::Serialize;

/// A decomposed goal: the method chosen and the methods tried before it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Node {
    /// The goal decomposed.
    pub goal: String,
    /// The key of the method chosen.
    pub method: String,
    /// Whether the chosen method orders its subtasks.
    pub ordered: bool,
    /// Methods tried before the chosen one, in order, each with why it was skipped.
    pub skipped: Vec<MethodAttempt>,
    /// The chosen method's subtasks, decomposed.
    pub parts: Vec<Part>,
}

/// One subtask of a chosen method, decomposed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    /// An action (its key), at `step`: its position in the decomposition's action list.
    Action { step: usize, action: String },
    /// A sub-goal, decomposed in turn.
    Goal { node: Node },
}
