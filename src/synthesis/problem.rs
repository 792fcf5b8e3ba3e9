//! The search problem compiled to numbers: facts by index, each fact's finite domain of
//! values, and every condition turned into a table of the domain values that satisfy it.
//!
//! A fact can only ever hold its start value or a value some effect writes, so its domain
//! is `[absent, start value, every effect value]`, and a state is one domain index per fact.
//! Conditions are evaluated once per domain value through [`Condition::holds`], so the
//! search shares the exact semantics of the rest of the core (absent = unknown).

use crate::domain::{Action, Condition, Value, WorldState};
use std::collections::BTreeMap;

/// The domain index of "absent" in every fact's domain.
pub(crate) const ABSENT: u32 = 0;

/// One domain index per fact.
pub(crate) type State = Box<[u32]>;

pub(crate) struct CompiledCondition {
    pub fact: usize,
    /// Whether the condition holds, by domain index of its fact.
    pub holds: Vec<bool>,
}

impl CompiledCondition {
    pub fn holds_in(&self, state: &[u32]) -> bool {
        self.holds[state[self.fact] as usize]
    }
}

pub(crate) struct CompiledAction {
    pub cost: f64,
    /// Condition ids.
    pub pre: Vec<usize>,
    /// (fact, domain index), one per fact: the last effect on a fact wins.
    pub effects: Vec<(usize, u32)>,
}

impl CompiledAction {
    pub fn writes(&self, fact: usize) -> Option<u32> {
        self.effects.iter().find(|(f, _)| *f == fact).map(|(_, v)| *v)
    }
}

pub(crate) struct Compiled {
    pub facts: Vec<String>,
    /// By fact, the values it can take; index 0 is absent (`None`).
    pub domains: Vec<Vec<Option<Value>>>,
    pub conditions: Vec<CompiledCondition>,
    /// In the order of the action list the problem was built from.
    pub actions: Vec<CompiledAction>,
    /// Condition ids of the target, in the target's order.
    pub target: Vec<usize>,
    pub start: State,
}

impl Compiled {
    /// `actions` must already be in the order ties are broken by.
    pub fn new(start: &WorldState, target: &[Condition], actions: &[Action]) -> Compiled {
        let mut fact_keys: BTreeMap<&str, usize> = BTreeMap::new();
        let mentioned = start.keys().map(String::as_str).chain(target.iter().map(|c| c.key.as_str())).chain(
            actions.iter().flat_map(|a| {
                a.fields.preconditions.iter().map(|c| c.key.as_str()).chain(a.fields.effects.iter().map(|e| e.key.as_str()))
            }),
        );
        for key in mentioned {
            fact_keys.entry(key).or_insert(0);
        }
        let facts: Vec<String> = fact_keys.keys().map(|k| (*k).to_owned()).collect();
        for (i, n) in fact_keys.values_mut().enumerate() {
            *n = i;
        }
        let mut domains: Vec<Vec<Option<Value>>> = vec![vec![None]; facts.len()];
        let intern = |domains: &mut Vec<Vec<Option<Value>>>, fact: usize, value: &Value| -> u32 {
            let domain = &mut domains[fact];
            match domain.iter().position(|v| v.as_ref() == Some(value)) {
                Some(i) => i as u32,
                None => {
                    domain.push(Some(value.clone()));
                    (domain.len() - 1) as u32
                }
            }
        };
        let mut start_state = vec![ABSENT; facts.len()];
        for (key, value) in start {
            let f = fact_keys[key.as_str()];
            start_state[f] = intern(&mut domains, f, value);
        }
        let effects: Vec<Vec<(usize, u32)>> = actions
            .iter()
            .map(|a| {
                let mut last: BTreeMap<usize, u32> = BTreeMap::new();
                for e in &a.fields.effects {
                    let f = fact_keys[e.key.as_str()];
                    last.insert(f, intern(&mut domains, f, &e.value));
                }
                last.into_iter().collect()
            })
            .collect();
        let mut conditions = Vec::new();
        let mut compile = |c: &Condition| -> usize {
            let fact = fact_keys[c.key.as_str()];
            let holds = domains[fact]
                .iter()
                .map(|v| {
                    let mut one = WorldState::new();
                    if let Some(v) = v {
                        one.insert(c.key.clone(), v.clone());
                    }
                    c.holds(&one)
                })
                .collect();
            conditions.push(CompiledCondition { fact, holds });
            conditions.len() - 1
        };
        let target = target.iter().map(&mut compile).collect();
        let actions = actions
            .iter()
            .zip(effects)
            .map(|(a, effects)| CompiledAction { cost: a.fields.cost, pre: a.fields.preconditions.iter().map(&mut compile).collect(), effects })
            .collect();
        Compiled { facts, domains, conditions, actions, target, start: start_state.into_boxed_slice() }
    }

    pub fn applicable(&self, action: usize, state: &[u32]) -> bool {
        self.actions[action].pre.iter().all(|&c| self.conditions[c].holds_in(state))
    }

    pub fn is_target(&self, state: &[u32]) -> bool {
        self.target.iter().all(|&c| self.conditions[c].holds_in(state))
    }

    /// The index (into the target) of the first target condition that neither holds at the
    /// start nor can be made to hold by any effect.
    pub fn first_unproducible_target(&self) -> Option<usize> {
        self.target.iter().position(|&c| {
            let cond = &self.conditions[c];
            !cond.holds_in(&self.start)
                && !self.actions.iter().any(|a| a.writes(cond.fact).is_some_and(|v| cond.holds[v as usize]))
        })
    }
}
