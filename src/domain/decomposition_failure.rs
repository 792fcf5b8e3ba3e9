//! Why a goal could not be decomposed: for each method tried, the condition that
//! failed, the action that was not applicable, the sub-goal that failed below it, or —
//! when the method itself worked — the later subtask that then failed.

use super::{Condition, Value};
use serde::Serialize;
use std::fmt::Write;

/// A goal that could not be decomposed, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalFailure {
    /// The goal's key.
    pub goal: String,
    /// Why it could not be decomposed.
    pub reason: GoalFailureReason,
}

/// Why a goal could not be decomposed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GoalFailureReason {
    /// The goal has no methods: nothing says how to achieve it.
    NoMethods,
    /// The goal is already being decomposed higher up, in the very same state, so it
    /// would never finish: `chain` runs from that occurrence down to this one.
    Cycle { chain: Vec<String> },
    /// Goals nest deeper than the limit.
    DepthLimit { limit: usize },
    /// Every method was tried, in order, and none could be used.
    MethodsFailed { attempts: Vec<MethodAttempt> },
    /// The search tried `limit` methods without finding a decomposition, and stopped:
    /// one may exist.
    NodeLimit { limit: usize },
}

/// A method that was tried and could not be used, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MethodAttempt {
    /// The method's key.
    pub method: String,
    /// Why it could not be used.
    pub failure: MethodFailure,
}

/// Why one method could not be used.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MethodFailure {
    /// `conditions[index]` does not hold; `actual` is the fact's value (absent: null).
    Condition { index: usize, condition: Condition, actual: Option<Value> },
    /// Subtask `position` is an action whose `preconditions[index]` does not hold in
    /// the state it would run in.
    Action { position: usize, action: String, index: usize, condition: Condition, actual: Option<Value> },
    /// Subtask `position` names an action that is not in the library.
    UnknownAction { position: usize, action: String },
    /// Subtask `position` is a goal that cannot be decomposed in the state it meets.
    Subgoal { position: usize, failure: GoalFailure },
    /// The method itself worked, but in the state it left, subtask `position` of
    /// `method` (a method of `goal`, an ancestor of this one) failed as `failure` says,
    /// and so did every other choice made since this one. Backtracking then came back
    /// here to try the next method.
    Later { goal: String, method: String, position: usize, failure: Box<MethodFailure> },
}

fn fact(actual: &Option<Value>) -> String {
    match actual {
        Some(v) => format!("is {v}"),
        None => "is absent".to_owned(),
    }
}

impl MethodFailure {
    /// One line, without the nested failures of sub-goals.
    pub fn summary(&self) -> String {
        match self {
            MethodFailure::Condition { index, condition, actual } => {
                format!("conditions[{index}] {condition} fails ({} {})", condition.key, fact(actual))
            }
            MethodFailure::Action { position, action, index, condition, actual } => format!(
                "subtask {position}: action {action} is not applicable: preconditions[{index}] {condition} fails ({} {})",
                condition.key,
                fact(actual)
            ),
            MethodFailure::UnknownAction { position, action } => format!("subtask {position}: no action has the key {action:?}"),
            MethodFailure::Subgoal { position, failure } if failure.worked_but_failed_later() => {
                format!("subtask {position}: no decomposition of goal {} lets the rest succeed", failure.goal)
            }
            MethodFailure::Subgoal { position, failure } => format!("subtask {position}: goal {} cannot be decomposed", failure.goal),
            MethodFailure::Later { goal, method, position, failure } => {
                format!("worked, but then subtask {position} of method {method} (goal {goal}) failed: {}", failure.summary())
            }
        }
    }

    /// The failed sub-goal this failure holds, directly or after a later subtask.
    pub fn subgoal(&self) -> Option<&GoalFailure> {
        match self {
            MethodFailure::Subgoal { failure, .. } => Some(failure),
            MethodFailure::Later { failure, .. } => failure.subgoal(),
            _ => None,
        }
    }
}

impl GoalFailure {
    /// One line: the goal and, per method, the first reason it failed.
    pub fn summary(&self) -> String {
        match &self.reason {
            GoalFailureReason::NoMethods => format!("goal {} has no methods", self.goal),
            GoalFailureReason::Cycle { chain } => format!("goal {} decomposes into itself: {}", self.goal, chain.join(" → ")),
            GoalFailureReason::DepthLimit { limit } => format!("goal {} is nested deeper than {limit} goals", self.goal),
            GoalFailureReason::NodeLimit { limit } => {
                format!("goal {}: the search stopped after trying {limit} methods (the node limit); a decomposition may exist", self.goal)
            }
            GoalFailureReason::MethodsFailed { attempts } => {
                let why: Vec<String> = attempts.iter().map(|a| format!("{}: {}", a.method, a.failure.summary())).collect();
                format!("no method of goal {} applies ({})", self.goal, why.join("; "))
            }
        }
    }

    /// Whether some method of the goal (or of a sub-goal it failed on) worked and was
    /// given up only because something after it failed: the goal can be decomposed,
    /// just not in a way that lets the rest succeed.
    pub fn worked_but_failed_later(&self) -> bool {
        match &self.reason {
            GoalFailureReason::MethodsFailed { attempts } => attempts.iter().any(|a| match &a.failure {
                MethodFailure::Later { .. } => true,
                MethodFailure::Subgoal { failure, .. } => failure.worked_but_failed_later(),
                _ => false,
            }),
            _ => false,
        }
    }

    /// The whole explanation as an indented tree, one line per goal and method.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        self.write_tree(&mut out, 0);
        out
    }

    fn write_tree(&self, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        match &self.reason {
            GoalFailureReason::MethodsFailed { attempts } => {
                let _ = writeln!(out, "{pad}goal {}: every method failed", self.goal);
                for a in attempts {
                    let _ = writeln!(out, "{pad}  method {}: {}", a.method, a.failure.summary());
                    if let Some(failure) = a.failure.subgoal() {
                        failure.write_tree(out, depth + 2);
                    }
                }
            }
            _ => {
                let _ = writeln!(out, "{pad}{}", self.summary());
            }
        }
    }
}
