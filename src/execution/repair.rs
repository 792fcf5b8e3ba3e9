//! Repair of a failed task: which library actions can stand in for the failed step's
//! action. An action qualifies when its effects cover the failed action's effects and
//! its preconditions hold in the recorded world state; the cheapest comes first.

use crate::domain::{apply_effects, Action, Condition, Effect, Op, StepRef, WorldState};
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

/// The library actions that can stand in for `failed`, cheapest first (then shortest,
/// then by key), and those whose effects would do but whose preconditions do not hold
/// in `world` (cheapest first). An action without effects gives nothing to check a
/// stand-in against: it has no substitutes.
pub fn rank_substitutes(failed: &Action, library: &[Action], world: &WorldState) -> (Vec<Substitute>, Vec<UnusableSubstitute>) {
    let mut options = Vec::new();
    let mut unusable = Vec::new();
    if failed.fields.effects.is_empty() {
        return (options, unusable);
    }
    for candidate in library.iter().filter(|a| a.key != failed.key) {
        if !uncovered_effects(&failed.fields.effects, &candidate.fields.effects).is_empty() {
            continue;
        }
        let f = &candidate.fields;
        let unmet: Vec<Condition> = f.preconditions.iter().filter(|c| !c.holds(world)).cloned().collect();
        if unmet.is_empty() {
            options.push(Substitute { action: candidate.key.clone(), name: f.name.clone(), cost: f.cost, duration: f.duration });
        } else {
            unusable.push(UnusableSubstitute { action: candidate.key.clone(), cost: f.cost, unmet_preconditions: unmet });
        }
    }
    options.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.duration.total_cmp(&b.duration)).then_with(|| a.action.cmp(&b.action)));
    unusable.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.action.cmp(&b.action)));
    (options, unusable)
}

/// The options offered: the substitutes and the re-plan together, cheapest first (a
/// stable sort keeps the substitutes' own order among equal costs).
pub fn repair_options(substitutes: Vec<Substitute>, replan: Option<RepairOption>) -> Vec<RepairOption> {
    let mut options: Vec<RepairOption> = substitutes.into_iter().map(RepairOption::Substitute).collect();
    options.extend(replan);
    options.sort_by(|a, b| a.cost().total_cmp(&b.cost()));
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionFields, Value};

    fn action(key: &str, cost: f64, pre: Vec<Condition>, effects: Vec<Effect>) -> Action {
        Action { key: key.into(), fields: ActionFields { preconditions: pre, effects, ..ActionFields::named(key, cost, 1.0) } }
    }

    #[test]
    fn substitutes_cover_the_effects_and_come_cheapest_first() {
        let live = Effect::new("shop.live", Value::Bool(true));
        let failed = action("DEPLOY", 5.0, vec![], vec![live.clone()]);
        let needs_key = Condition::new("key.ok", Op::Eq, Value::Bool(true));
        let library = vec![
            failed.clone(),
            action("B-MANUAL", 9.0, vec![], vec![live.clone()]),
            action("A-SCRIPT", 2.0, vec![], vec![live.clone(), Effect::new("x", Value::Int(1))]),
            action("C-KEYED", 1.0, vec![needs_key.clone()], vec![live.clone()]),
            action("D-OTHER", 0.5, vec![], vec![Effect::new("shop.live", Value::Bool(false))]),
        ];
        let (options, unusable) = rank_substitutes(&failed, &library, &WorldState::new());
        let keys: Vec<&str> = options.iter().map(|s| s.action.as_str()).collect();
        assert_eq!(keys, ["A-SCRIPT", "B-MANUAL"]);
        assert_eq!(unusable, vec![UnusableSubstitute { action: "C-KEYED".into(), cost: 1.0, unmet_preconditions: vec![needs_key] }]);
        // Without effects there is nothing to stand in for.
        let silent = action("NOOP", 1.0, vec![], vec![]);
        assert_eq!(rank_substitutes(&silent, &library, &WorldState::new()), (vec![], vec![]));
    }

    #[test]
    fn the_replan_takes_its_place_by_cost() {
        let sub = |key: &str, cost| Substitute { action: key.into(), name: key.into(), cost, duration: 1.0 };
        let replan = RepairOption::Resynthesize { actions: vec!["A".into(), "B".into()], cost: 3.0 };
        let costs: Vec<f64> = repair_options(vec![sub("X", 1.0), sub("Y", 4.0)], Some(replan)).iter().map(RepairOption::cost).collect();
        assert_eq!(costs, [1.0, 3.0, 4.0]);
    }

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
