//! Plans: for one goal, a DAG of steps that each use an action.

use super::{Condition, PRIORITY_DEFAULT};
use serde::{Deserialize, Serialize};

text_enum! {
    pub enum PlanStatus {
        Draft = "draft",
        Active = "active",
        Completed = "completed",
        Failed = "failed",
        Abandoned = "abandoned",
    }
}

impl PlanStatus {
    /// draft → active → completed | failed; draft and active may be abandoned; a failed
    /// plan may go back to draft for repair; completed and abandoned are final.
    pub fn can_become(self, to: PlanStatus) -> bool {
        use PlanStatus::*;
        matches!(
            (self, to),
            (Draft, Active | Abandoned) | (Active, Completed | Failed | Abandoned | Draft) | (Failed, Draft | Abandoned)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanFields {
    #[serde(default)]
    pub title: String,
    pub priority: u8,
    #[serde(default)]
    pub preconditions: Vec<Condition>,
    #[serde(default)]
    pub postconditions: Vec<Condition>,
    /// The most the steps' actions may cost in total.
    #[serde(default)]
    pub budget: Option<f64>,
    /// RFC 3339 UTC time by which the plan must be finished.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Conditions that must hold throughout execution.
    #[serde(default)]
    pub constraints: Vec<Condition>,
}

impl PlanFields {
    pub fn titled(title: &str) -> PlanFields {
        PlanFields {
            title: title.to_owned(),
            priority: PRIORITY_DEFAULT,
            preconditions: Vec::new(),
            postconditions: Vec::new(),
            budget: None,
            deadline: None,
            constraints: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Step {
    /// Unique within its plan (`S1`, `S2`, ...).
    pub key: String,
    /// The action's key.
    pub action: String,
    #[serde(default)]
    pub note: String,
}

/// `before` must finish before `after` starts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanEdge {
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Plan {
    pub key: String,
    pub goal: String,
    pub status: PlanStatus,
    #[serde(flatten)]
    pub fields: PlanFields,
    pub steps: Vec<Step>,
    pub edges: Vec<PlanEdge>,
}

/// A plan in a list: no steps, but their totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanSummary {
    pub key: String,
    pub goal: String,
    pub title: String,
    pub status: PlanStatus,
    pub priority: u8,
    pub steps: u32,
    /// Sum of the steps' action costs.
    pub total_cost: f64,
}

/// What a plan adds up to: its steps' action costs, and how long it takes when every
/// step starts as soon as the steps before it are done (the longest path through the
/// precedence graph, weighted by action durations).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanTotals {
    pub steps: u32,
    pub cost: f64,
    /// Hours.
    pub duration: f64,
}
