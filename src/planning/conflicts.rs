//! Goal conflicts: a goal whose effects set a fact to a value that fails another goal's
//! (or its own) postcondition on that fact (docs/planning.md, "Goal conflicts").

use crate::domain::{Condition, Effect, Goal, Value};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What conflict detection reads of a goal.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalOutcome {
    pub key: String,
    pub effects: Vec<Effect>,
    pub postconditions: Vec<Condition>,
}

impl From<&Goal> for GoalOutcome {
    fn from(goal: &Goal) -> GoalOutcome {
        GoalOutcome { key: goal.key.clone(), effects: goal.fields.effects.clone(), postconditions: goal.fields.postconditions.clone() }
    }
}

/// `goal` sets `fact` to `value`, which fails `other`'s postcondition `condition`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalConflict {
    /// The goal whose effect it is.
    pub goal: String,
    /// The goal whose postcondition fails; the same as `goal` when a goal contradicts itself.
    pub other: String,
    pub fact: String,
    pub value: Value,
    pub condition: Condition,
}

/// Every conflict, ordered by goal, other goal and fact. A goal's later effect on a fact
/// wins over its earlier ones, so only the value it finally leaves is compared.
pub fn goal_conflicts(goals: &[GoalOutcome]) -> Vec<GoalConflict> {
    let mut wanted: HashMap<&str, Vec<(&str, &Condition)>> = HashMap::new();
    for g in goals {
        for c in &g.postconditions {
            wanted.entry(c.key.as_str()).or_default().push((g.key.as_str(), c));
        }
    }
    let mut conflicts = Vec::new();
    for g in goals {
        let left: BTreeMap<&str, &Value> = g.effects.iter().map(|e| (e.key.as_str(), &e.value)).collect();
        for (fact, value) in left {
            for &(other, condition) in wanted.get(fact).into_iter().flatten() {
                if !condition.holds_for(Some(value)) {
                    conflicts.push(GoalConflict {
                        goal: g.key.clone(),
                        other: other.to_owned(),
                        fact: fact.to_owned(),
                        value: value.clone(),
                        condition: condition.clone(),
                    });
                }
            }
        }
    }
    conflicts.sort_by(|a, b| (&a.goal, &a.other, &a.fact).cmp(&(&b.goal, &b.other, &b.fact)));
    conflicts
}

#[cfg(test)]
mod tests {
    use super::{goal_conflicts, GoalOutcome};
    use crate::domain::{Condition, Effect, Op, Value};

    fn goal(key: &str, effects: &[(&str, Value)], post: &[Condition]) -> GoalOutcome {
        GoalOutcome {
            key: key.into(),
            effects: effects.iter().map(|(k, v)| Effect::new(k, v.clone())).collect(),
            postconditions: post.to_vec(),
        }
    }

    /// Each conflict as "goal → other: fact = value fails condition".
    fn check(goals: &[GoalOutcome], expected: &[&str]) {
        let got: Vec<String> = goal_conflicts(goals)
            .iter()
            .map(|c| format!("{} → {}: {} = {} fails {}", c.goal, c.other, c.fact, c.value, c.condition))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn an_effect_that_fails_another_goals_postcondition() {
        let discount = goal("G-SALE", &[("price.level", Value::Int(80))], &[]);
        let margin = goal("G-MARGIN", &[], &[Condition::new("price.level", Op::Ge, Value::Int(100))]);
        let keep = goal("G-KEEP", &[], &[Condition::new("price.level", Op::Gt, Value::Number(50.5))]);
        check(&[discount, margin, keep], &["G-SALE → G-MARGIN: price.level = 80 fails price.level ≥ 100"]);
    }

    #[test]
    fn a_goal_that_contradicts_itself() {
        let g = goal("G-1", &[("store.open", Value::Bool(false))], &[Condition::new("store.open", Op::Eq, Value::Bool(true))]);
        check(&[g], &["G-1 → G-1: store.open = false fails store.open = true"]);
    }

    #[test]
    fn only_the_last_effect_on_a_fact_counts() {
        let g = goal(
            "G-1",
            &[("mode", Value::Text("draft".into())), ("mode", Value::Text("live".into()))],
            &[Condition::one_of("mode", Op::In, vec![Value::Text("live".into())])],
        );
        let other = goal("G-2", &[], &[Condition::one_of("mode", Op::NotIn, vec![Value::Text("live".into())])]);
        check(&[g, other], &["G-1 → G-2: mode = \"live\" fails mode not in [\"live\"]"]);
    }

    #[test]
    fn goals_on_different_facts_or_agreeing_values_do_not_conflict() {
        let a = goal("G-A", &[("x", Value::Int(3))], &[Condition::new("y", Op::Eq, Value::Int(1))]);
        let b = goal("G-B", &[("y", Value::Number(1.0))], &[Condition::new("x", Op::Eq, Value::Number(3.0))]);
        check(&[a, b], &[]);
    }
}
