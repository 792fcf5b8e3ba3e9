//! A plan's steps as a partial order: indices and an order that respects every edge
//! ([`StepOrder`]) and, when needed, each step's strict ancestors and descendants (the
//! transitive order the edges allow) as bit sets ([`Reach`]), so that "must w finish
//! before s starts?" is one bit test.

use crate::domain::Plan;
use crate::{Entity, Error, Result};
use fixedbitset::FixedBitSet;
use std::collections::{HashMap, HashSet};

/// Steps are numbered by their position in `plan.steps`.
pub(crate) struct StepOrder {
    /// Every step, each after all of its predecessors (ties in plan order).
    pub topo: Vec<usize>,
    pub preds: Vec<Vec<usize>>,
    pub succs: Vec<Vec<usize>>,
}

/// The transitive order: O(n²) bits, so built only where validation needs it.
pub(crate) struct Reach {
    /// `ancestors[s]`: the steps that finish before `s` starts in every execution.
    pub ancestors: Vec<FixedBitSet>,
    /// `descendants[s]`: the steps that start after `s` finishes in every execution.
    pub descendants: Vec<FixedBitSet>,
}

impl StepOrder {
    /// Refuses a plan whose edges name unknown steps, repeat a step key, or form a cycle:
    /// the store never holds such a plan, but a plan built in code might.
    pub fn of(plan: &Plan) -> Result<StepOrder> {
        let n = plan.steps.len();
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
        for (i, step) in plan.steps.iter().enumerate() {
            if index.insert(step.key.as_str(), i).is_some() {
                return Err(Error::invalid(Entity::Plan, &plan.key, "steps", format!("name the step {} twice", step.key)));
            }
        }
        let find = |key: &str| {
            index.get(key).copied().ok_or_else(|| Error::invalid(Entity::Plan, &plan.key, "edges", format!("name an unknown step {key:?}")))
        };
        let mut preds = vec![Vec::new(); n];
        let mut succs = vec![Vec::new(); n];
        // A repeated edge counts once; a set keeps that linear in the number of edges.
        let mut seen = HashSet::with_capacity(plan.edges.len());
        for edge in &plan.edges {
            let (before, after) = (find(&edge.before)?, find(&edge.after)?);
            if seen.insert((before, after)) {
                succs[before].push(after);
                preds[after].push(before);
            }
        }
        let topo = topological(&preds, &succs).map_err(|stuck| Error::Cycle {
            entity: Entity::Plan,
            relation: "precedence",
            cycle: cycle_among(&stuck, &preds).iter().map(|&i| plan.steps[i].key.clone()).collect(),
        })?;
        Ok(StepOrder { topo, preds, succs })
    }

    pub fn len(&self) -> usize {
        self.topo.len()
    }
}

impl Reach {
    pub fn of(order: &StepOrder) -> Reach {
        let n = order.len();
        let mut ancestors = vec![FixedBitSet::with_capacity(n); n];
        for &s in &order.topo {
            for &p in &order.preds[s] {
                let (from, to) = two(&mut ancestors, p, s);
                to.union_with(from);
                to.insert(p);
            }
        }
        let mut descendants = vec![FixedBitSet::with_capacity(n); n];
        for &s in order.topo.iter().rev() {
            for &c in &order.succs[s] {
                let (from, to) = two(&mut descendants, c, s);
                to.union_with(from);
                to.insert(c);
            }
        }
        Reach { ancestors, descendants }
    }
}

/// Kahn's algorithm, lowest index first among the ready steps; on a cycle, the steps
/// that never became ready.
fn topological(preds: &[Vec<usize>], succs: &[Vec<usize>]) -> std::result::Result<Vec<usize>, Vec<usize>> {
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> =
        (0..preds.len()).filter(|&i| waiting[i] == 0).map(std::cmp::Reverse).collect();
    let mut order = Vec::with_capacity(preds.len());
    while let Some(std::cmp::Reverse(s)) = ready.pop() {
        order.push(s);
        for &c in &succs[s] {
            waiting[c] -= 1;
            if waiting[c] == 0 {
                ready.push(std::cmp::Reverse(c));
            }
        }
    }
    if order.len() == preds.len() {
        Ok(order)
    } else {
        Err((0..preds.len()).filter(|&i| waiting[i] > 0).collect())
    }
}

/// A cycle among `stuck` (steps that are all still waiting on another stuck step),
/// from its first step back to it, in edge direction.
fn cycle_among(stuck: &[usize], preds: &[Vec<usize>]) -> Vec<usize> {
    // Flags and positions in arrays: the walk stays linear in the number of steps.
    let mut is_stuck = vec![false; preds.len()];
    for &i in stuck {
        is_stuck[i] = true;
    }
    let mut place_in_walk = vec![usize::MAX; preds.len()];
    // Walking predecessors from a stuck step must revisit a step: that loop is the cycle.
    let mut walk = vec![stuck[0]];
    place_in_walk[stuck[0]] = 0;
    loop {
        let at = *walk.last().expect("the walk is never empty");
        let prev = preds[at].iter().copied().find(|&p| is_stuck[p]).expect("a stuck step waits on a stuck step");
        if place_in_walk[prev] != usize::MAX {
            let start = place_in_walk[prev];
            let mut cycle: Vec<usize> = walk[start..].iter().rev().copied().collect();
            // Start at the first step in plan order, whichever step the walk began from.
            let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).expect("a cycle has steps");
            cycle.rotate_left(first);
            cycle.push(cycle[0]);
            return cycle;
        }
        place_in_walk[prev] = walk.len();
        walk.push(prev);
    }
}

/// Borrows one bit set to read and another to write.
fn two(sets: &mut [FixedBitSet], read: usize, write: usize) -> (&FixedBitSet, &mut FixedBitSet) {
    debug_assert_ne!(read, write);
    if read < write {
        let (low, high) = sets.split_at_mut(write);
        (&low[read], &mut high[0])
    } else {
        let (low, high) = sets.split_at_mut(read);
        (&high[0], &mut low[write])
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Reach, StepOrder};
    use crate::domain::{Plan, PlanEdge, PlanFields, PlanStatus, Step};

    /// A plan whose step `Sn` uses action `An`, with edges given as step numbers.
    pub(crate) fn plan(steps: usize, edges: &[(usize, usize)]) -> Plan {
        Plan {
            key: "P-T".into(),
            goal: "G-T".into(),
            status: PlanStatus::Draft,
            fields: PlanFields::titled("test"),
            steps: (1..=steps).map(|i| Step { key: format!("S{i}"), action: format!("A{i}"), note: String::new() }).collect(),
            edges: edges.iter().map(|(b, a)| PlanEdge { before: format!("S{b}"), after: format!("S{a}") }).collect(),
        }
    }

    #[test]
    fn ancestors_and_descendants_are_transitive() {
        // S1 → S2 → S4, S1 → S3; S5 alone.
        let order = StepOrder::of(&plan(5, &[(1, 2), (2, 4), (1, 3)])).unwrap();
        assert_eq!(order.topo, [0, 1, 2, 3, 4]);
        let order = Reach::of(&order);
        assert_eq!(order.ancestors[3].ones().collect::<Vec<_>>(), [0, 1]);
        assert_eq!(order.descendants[0].ones().collect::<Vec<_>>(), [1, 2, 3]);
        let precedes = |a: usize, b: usize| order.ancestors[b].contains(a);
        assert!(precedes(0, 3) && !precedes(3, 0) && !precedes(1, 2) && !precedes(2, 1));
        assert!(order.ancestors[4].is_clear() && order.descendants[4].is_clear());
    }

    #[test]
    fn a_cycle_is_refused_with_its_steps() {
        let err = StepOrder::of(&plan(4, &[(1, 2), (2, 3), (3, 2), (3, 4)])).err().unwrap();
        assert_eq!(err.to_string(), "plan precedence would form a cycle: S2 → S3 → S2");
    }

    #[test]
    fn unknown_and_repeated_steps_are_refused() {
        let mut p = plan(2, &[(1, 3)]);
        assert_eq!(StepOrder::of(&p).err().unwrap().to_string(), "plan P-T: edges name an unknown step \"S3\"");
        p.edges.clear();
        p.steps[1].key = "S1".into();
        assert_eq!(StepOrder::of(&p).err().unwrap().to_string(), "plan P-T: steps name the step S1 twice");
    }
}
