//! Why a goal could not be decomposed: for each method tried, the condition that
//! failed, the action that was not applicable, or the sub-goal that failed below it.

use super::{Condition, Value};
use serde::Serialize;
use std::fmt::Write;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalFailure {
    pub goal: String,
    pub reason: GoalFailureReason,
}

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
}

/// A method that was tried and could not be used, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MethodAttempt {
    pub method: String,
    pub failure: MethodFailure,
}

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
            MethodFailure::Subgoal { position, failure } => format!("subtask {position}: goal {} cannot be decomposed", failure.goal),
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
            GoalFailureReason::MethodsFailed { attempts } => {
                let why: Vec<String> = attempts.iter().map(|a| format!("{}: {}", a.method, a.failure.summary())).collect();
                format!("no method of goal {} applies ({})", self.goal, why.join("; "))
            }
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
                    if let MethodFailure::Subgoal { failure, .. } = &a.failure {
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
