//! HTN (hierarchical task network) planning: methods that refine a goal into subtasks,
//! and a total-order forward decomposition (SHOP2-style, backtracking over every
//! earlier choice) that turns a goal into a sequence of actions, with the tree of
//! choices that produced it.
//!
//! Pure and database-free: [`decompose`] takes the goal, the world state, the methods
//! and the actions as values. The store keeps methods (`ops/methods.rs`) and turns a
//! decomposition into a plan in one gesture. docs/htn.md states the semantics.

mod decompose;
mod method;
mod precedence;
mod tree;

pub use decompose::{decompose, decompose_with, Decomposition, Limits};
pub use crate::domain::{GoalFailure, GoalFailureReason, MethodAttempt, MethodFailure};
pub use method::{check_method_fields, Method, MethodFields, Subtask, SubtaskKind};
pub use tree::{Node, Part};
