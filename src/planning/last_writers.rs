//! Which values a fact can have at a point of a partially ordered plan: the "possible
//! last writer" rule that plan validation applies to preconditions, to the final state
//! and to constraints (docs/planning.md, "Plan validation").

use super::order::Reach;
use crate::domain::{Effect, Value};
use fixedbitset::FixedBitSet;
use std::collections::HashMap;

/// Where a value of a fact comes from: the start state, or a step's effects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Start,
    Step(usize),
}

/// The steps that write one fact, with the value each leaves behind.
struct Writers<'a> {
    steps: FixedBitSet,
    /// In step order; a step's later effect on the fact wins over its earlier ones.
    values: Vec<(usize, &'a Value)>,
}

pub(crate) struct FactWriters<'a> {
    by_fact: HashMap<&'a str, Writers<'a>>,
}

impl<'a> FactWriters<'a> {
    /// `effects[s]`: the effects of step `s`'s action.
    pub fn new(effects: &[&'a [Effect]]) -> FactWriters<'a> {
        let n = effects.len();
        let mut by_fact: HashMap<&'a str, Writers<'a>> = HashMap::new();
        for (s, list) in effects.iter().enumerate() {
            for e in list.iter() {
                let w = by_fact.entry(e.key.as_str()).or_insert_with(|| Writers { steps: FixedBitSet::with_capacity(n), values: Vec::new() });
                if w.steps.put(s) {
                    let last = w.values.last_mut().expect("a step already recorded is the last one");
                    last.1 = &e.value;
                } else {
                    w.values.push((s, &e.value));
                }
            }
        }
        FactWriters { by_fact }
    }

    /// The value step `s` leaves in fact `key`; `None` if it does not write it.
    pub fn value(&self, key: &str, s: usize) -> Option<&'a Value> {
        let w = self.by_fact.get(key)?;
        w.values.binary_search_by_key(&s, |&(step, _)| step).ok().map(|i| w.values[i].1)
    }

    /// Where the value of `key` can come from when step `s` starts, over every execution
    /// order: each writer `w ≠ s` that is not after `s` and that no other writer separates
    /// from `s` (`w < w' < s`), plus the start state if no writer precedes `s`.
    pub fn before(&self, order: &Reach, s: usize, key: &str) -> Vec<Origin> {
        let Some(w) = self.by_fact.get(key) else {
            return vec![Origin::Start];
        };
        let mut earlier = w.steps.clone();
        earlier.intersect_with(&order.ancestors[s]);
        let mut origins = Vec::new();
        if earlier.is_clear() {
            origins.push(Origin::Start);
        }
        for &(writer, _) in &w.values {
            let possible = if earlier.contains(writer) {
                // Finishes before s: the last such writer only.
                order.descendants[writer].is_disjoint(&earlier)
            } else {
                // Parallel to s (never separated from it), unless it is s or comes after s.
                writer != s && !order.descendants[s].contains(writer)
            };
            if possible {
                origins.push(Origin::Step(writer));
            }
        }
        origins
    }

    /// Where the value of `key` can come from once every step has finished: each writer
    /// that no other writer follows, or the start state if nothing writes it.
    pub fn at_end(&self, order: &Reach, key: &str) -> Vec<Origin> {
        let Some(w) = self.by_fact.get(key) else {
            return vec![Origin::Start];
        };
        w.values
            .iter()
            .filter(|&&(writer, _)| order.descendants[writer].is_disjoint(&w.steps))
            .map(|&(writer, _)| Origin::Step(writer))
            .collect()
    }

    /// Every value `key` takes in some state of some execution: the start state's, and
    /// the value each writer leaves (visible right after it, whatever the order).
    pub fn ever(&self, key: &str) -> Vec<Origin> {
        let mut origins = vec![Origin::Start];
        if let Some(w) = self.by_fact.get(key) {
            origins.extend(w.values.iter().map(|&(writer, _)| Origin::Step(writer)));
        }
        origins
    }
}

#[cfg(test)]
mod tests {
    use super::Origin::{self, Start, Step};
    use super::FactWriters;
    use crate::planning::order::{Reach, StepOrder};
    use crate::domain::{Effect, Value};
    use crate::planning::order::tests::plan;

    fn sets(v: i64) -> Vec<Effect> {
        vec![Effect::new("x", Value::Int(v))]
    }

    /// Steps 1..=n with the given writes of x (step number, value), and edges.
    fn check(n: usize, writes: &[(usize, i64)], edges: &[(usize, usize)], at: Option<usize>, expected: &[Origin]) {
        let effects: Vec<Vec<Effect>> = (1..=n).map(|i| writes.iter().find(|w| w.0 == i).map_or(Vec::new(), |w| sets(w.1))).collect();
        let refs: Vec<&[Effect]> = effects.iter().map(Vec::as_slice).collect();
        let writers = FactWriters::new(&refs);
        let order = Reach::of(&StepOrder::of(&plan(n, edges)).unwrap());
        let got = match at {
            Some(s) => writers.before(&order, s - 1, "x"),
            None => writers.at_end(&order, "x"),
        };
        // Expected steps are numbered from 1, like their keys.
        let expected: Vec<Origin> = expected.iter().map(|o| if let Step(i) = o { Step(i - 1) } else { *o }).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_chain_has_one_last_writer() {
        // S1 → S2 → S3 → S4; S1 and S3 write x.
        let edges = [(1, 2), (2, 3), (3, 4)];
        check(4, &[(1, 1), (3, 2)], &edges, Some(1), &[Start]);
        check(4, &[(1, 1), (3, 2)], &edges, Some(2), &[Step(1)]);
        check(4, &[(1, 1), (3, 2)], &edges, Some(3), &[Step(1)]);
        check(4, &[(1, 1), (3, 2)], &edges, Some(4), &[Step(3)]);
        check(4, &[(1, 1), (3, 2)], &edges, None, &[Step(3)]);
    }

    #[test]
    fn parallel_writers_are_all_possible() {
        // Diamond S1 → {S2, S3} → S4; S2 and S3 write x.
        let edges = [(1, 2), (1, 3), (2, 4), (3, 4)];
        check(4, &[(2, 1), (3, 2)], &edges, Some(4), &[Step(2), Step(3)]);
        // S3 may run before or after S2: S2 sees the start value or S3's.
        check(4, &[(2, 1), (3, 2)], &edges, Some(2), &[Start, Step(3)]);
        check(4, &[(2, 1), (3, 2)], &edges, None, &[Step(2), Step(3)]);
        check(4, &[], &edges, None, &[Start]);
    }

    #[test]
    fn a_later_writer_hides_an_earlier_one_only_when_it_separates_it_from_the_step() {
        // S1 → S2 → S4 and S3 → S4; S1, S2, S3 write x: S1 is hidden by S2, S3 is not.
        check(4, &[(1, 1), (2, 2), (3, 3)], &[(1, 2), (2, 4), (3, 4)], Some(4), &[Step(2), Step(3)]);
    }
}
