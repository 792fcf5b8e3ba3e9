//! What plan validation reports: every broken step, the causal links, unmet
//! postconditions, constraint violations, budget and deadline.

use crate::domain::{Condition, Value, WorldState};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a value of a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Supplier {
    /// The state the plan starts from.
    Start,
    /// The effects of this step's action.
    Step { step: String },
}

/// One value a fact can have at a point of the plan, where it comes from, and whether the
/// condition being checked holds for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Reading {
    /// `None`: the fact is absent (unknown).
    pub value: Option<Value>,
    pub from: Supplier,
    pub holds: bool,
}

/// A condition and every value its fact can have where it is checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ConditionCheck {
    pub condition: Condition,
    pub readings: Vec<Reading>,
}

/// A step's precondition (from its action) and the values its fact can have when the
/// step starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StepCondition {
    pub step: String,
    pub action: String,
    pub condition: Condition,
    pub readings: Vec<Reading>,
}

/// Whose postcondition it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Goal,
    Plan,
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Owner::Goal => "goal",
            Owner::Plan => "plan",
        })
    }
}

/// A postcondition of the goal or of the plan that the final state may miss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UnmetPostcondition {
    pub owner: Owner,
    pub key: String,
    pub condition: Condition,
    pub readings: Vec<Reading>,
}

/// A step whose action is not in the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MissingAction {
    pub step: String,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BudgetCheck {
    pub budget: f64,
    pub total_cost: f64,
    /// `total_cost > budget`.
    pub over: bool,
}

/// RFC 3339 UTC times; `finish` is `start` plus the critical-path duration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DeadlineCheck {
    pub deadline: String,
    pub start: String,
    pub duration_hours: f64,
    /// `None` when the finish falls beyond the year 9999.
    pub finish: Option<String>,
    /// `finish > deadline`.
    pub late: bool,
}

/// The verdict on one plan; `valid` is true exactly when every list is empty and the
/// plan is neither over budget nor late.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanValidation {
    pub plan: String,
    pub goal: String,
    pub valid: bool,
    pub steps: u32,
    /// The facts the replay starts from.
    pub start_state: WorldState,
    /// True when the start state was given; false when read from the plan's `eq` preconditions.
    pub state_given: bool,
    /// The plan's preconditions that a given start state does not meet.
    pub unmet_preconditions: Vec<ConditionCheck>,
    pub missing_actions: Vec<MissingAction>,
    /// Preconditions that fail in at least one execution order, with every possible value.
    pub broken_steps: Vec<StepCondition>,
    /// Preconditions that hold in every execution order, with the steps (or the start
    /// state) that supply them.
    pub causal_links: Vec<StepCondition>,
    pub unmet_postconditions: Vec<UnmetPostcondition>,
    /// The plan's constraints that fail in some state some execution order passes through.
    pub constraint_violations: Vec<ConditionCheck>,
    pub total_cost: f64,
    pub duration_hours: f64,
    /// Present when the plan has a budget.
    pub budget: Option<BudgetCheck>,
    /// Present when the plan has a deadline.
    pub deadline: Option<DeadlineCheck>,
}
