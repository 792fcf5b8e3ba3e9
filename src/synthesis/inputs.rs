//! What a search for a goal starts from: the start state, checked, or read from the
//! goal's preconditions; and which actions the active agents can perform.

use crate::domain::{check_fact_key, Action, Agent, Condition, Entity, Invalid, Op, Operand, Value, WorldState};

/// The goal's preconditions read as known facts: each `=` condition becomes a fact.
pub fn known_facts(preconditions: &[Condition]) -> WorldState {
    preconditions
        .iter()
        .filter_map(|c| match (&c.op, &c.value) {
            (Op::Eq, Operand::One(v)) => Some((c.key.clone(), v.clone())),
            _ => None,
        })
        .collect()
}

/// Whether `agent` holds every capability `action` requires, at its level.
pub fn can_do(agent: &Agent, action: &Action) -> bool {
    action.fields.requires.iter().all(|r| agent.level_of(&r.capability).is_some_and(|held| held >= r.level))
}

/// A start state given for `goal`'s search: valid fact keys and finite numbers.
pub fn check_start_state(goal: &str, state: &WorldState) -> Result<(), Invalid> {
    for (key, value) in state {
        let problem = check_fact_key(key).err().map(|e| format!("fact key {key:?} {e}")).or_else(|| {
            matches!(value, Value::Number(n) if !n.is_finite()).then(|| format!("fact {key} must be a finite number"))
        });
        if let Some(reason) = problem {
            return Err(Invalid::new(Entity::Goal, goal, "start", reason));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equalities_become_known_facts_and_bad_starts_are_refused() {
        let pre = vec![
            Condition::new("stock", Op::Eq, Value::Int(3)),
            Condition::new("price", Op::Gt, Value::Int(1)),
        ];
        assert_eq!(known_facts(&pre), [("stock".to_owned(), Value::Int(3))].into_iter().collect());
        let bad: WorldState = [("n".to_owned(), Value::Number(f64::NAN))].into_iter().collect();
        assert_eq!(check_start_state("G-1", &bad).map_err(|e| e.field), Err("start".to_owned()));
        assert_eq!(check_start_state("G-1", &known_facts(&pre)), Ok(()));
    }
}
