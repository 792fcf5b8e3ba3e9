//! Repair of a failed task: which library actions can stand in for the failed step's
//! action. An action qualifies when its effects cover the failed action's effects and
//! its preconditions hold in the recorded world state; the cheapest comes first.

use crate::domain::{apply_effects, Condition, Effect, Op, StepRef, WorldState};
use serde::{Deserialize, Serialize};

/// A library action that can replace the failed step's action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Substitute {
    pub action: String,
    pub name: String,
    pub cost: f64,
    pub duration: f64,
}

/// One way to repair a failed task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RepairOption {
    /// Replace the step's action with another action of the library.
    Substitute(Substitute),
    /// A sequence of library actions (in order), found by plan synthesis (A*) from the
    /// recorded world state, that reaches the failed action's effects: the failed step
    /// takes the first action and the others follow it as new steps, in a chain, before
    /// the step's successors. Offered only for two or more actions (one action that does
    /// it is a substitute).
    Resynthesize { actions: Vec<String>, cost: f64 },
}

impl RepairOption {
    pub fn cost(&self) -> f64 {
        match self {
            RepairOption::Substitute(s) => s.cost,
            RepairOption::Resynthesize { cost, .. } => *cost,
        }
    }
}

/// An action whose effects would do, but whose preconditions do not hold now: shown so
/// that a person can see what fact is missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UnusableSubstitute {
    pub action: String,
    pub cost: f64,
    pub unmet_preconditions: Vec<Condition>,
}

/// The repair options of one failed task, cheapest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RepairProposal {
    pub task: String,
    pub step: StepRef,
    /// The action that failed.
    pub action: String,
    /// What a substitute must achieve: the failed action's effects.
    pub needed: Vec<Effect>,
    pub options: Vec<RepairOption>,
    pub unusable: Vec<UnusableSubstitute>,
}

impl RepairProposal {
    /// The cheapest option, if any.
    pub fn best(&self) -> Option<&RepairOption> {
        self.options.first()
    }
}

/// The effects of `needed` that `candidate` does not produce (same key, same value,
/// integers and numbers compared by value). Effects apply in order on both sides, so
/// only each key's last value counts.
pub fn uncovered_effects(needed: &[Effect], candidate: &[Effect]) -> Vec<Effect> {
    let mut goal = WorldState::new();
    apply_effects(&mut goal, needed);
    let mut produced = WorldState::new();
    apply_effects(&mut produced, candidate);
    goal.into_iter()
        .filter(|(key, value)| !Condition::new(key, Op::Eq, value.clone()).holds(&produced))
        .map(|(key, value)| Effect { key, value })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Value;

    fn effects(list: &[(&str, Value)]) -> Vec<Effect> {
        list.iter().map(|(k, v)| Effect::new(k, v.clone())).collect()
    }

    #[test]
    fn coverage_compares_final_values() {
        let needed = effects(&[("shop.live", Value::Bool(true)), ("stock", Value::Int(3))]);
        assert_eq!(uncovered_effects(&needed, &effects(&[("stock", Value::Number(3.0)), ("shop.live", Value::Bool(true)), ("x", Value::Int(1))])), vec![]);
        assert_eq!(uncovered_effects(&needed, &effects(&[("shop.live", Value::Bool(true))])), effects(&[("stock", Value::Int(3))]));
        // A later effect on the same key wins, on either side.
        assert_eq!(
            uncovered_effects(&needed, &effects(&[("shop.live", Value::Bool(true)), ("stock", Value::Int(3)), ("shop.live", Value::Bool(false))])),
            effects(&[("shop.live", Value::Bool(true))])
        );
        assert_eq!(uncovered_effects(&[], &[]), vec![]);
    }
}
