//! Cost-to-go estimates from a relaxed reachability analysis.
//!
//! The relaxation forgets that an effect overwrites a fact: once a (fact, value) atom is
//! reached it stays reached, so a condition is satisfied as soon as any reached value of its
//! fact satisfies it. Costs are propagated with a generalised Dijkstra (Knuth 1977): atoms
//! settle in order of cost; a condition costs what its cheapest satisfying atom costs; an
//! action becomes usable when all its preconditions are settled and costs the combination of
//! their costs plus its own cost.
//!
//! - **h_max** combines with `max`. It is admissible: any real plan is also a relaxed plan
//!   (each real state's atoms are a subset of the relaxed state's), and along a relaxed plan
//!   the atom that supports the most expensive target condition needs a chain of actions
//!   costing at least its h_max value, all of them in the plan; costs are ≥ 0, so the plan
//!   costs at least the largest such value. It is also consistent (`h(s) ≤ c(a) + h(s')`), so
//!   A* never needs to reopen a state.
//! - **h_add** combines with `+`. It counts shared sub-goals once per use, so it may
//!   overestimate (not admissible), but it ranks states far better: used by greedy search.

use super::problem::Compiled;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Combine {
    Max,
    Add,
}

/// A non-negative finite cost with a total order, for heaps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Cost(pub f64);

impl Eq for Cost {}

impl PartialOrd for Cost {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cost {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The reusable working memory of the analysis, plus the indexes it needs.
pub(crate) struct Relaxed {
    combine: Combine,
    /// First atom id of each fact: atom = offset[fact] + domain index.
    offset: Vec<usize>,
    /// By atom, the conditions it satisfies.
    satisfies: Vec<Vec<usize>>,
    /// By condition, the actions that need it.
    consumers: Vec<Vec<usize>>,
    /// By condition, how many times the target lists it.
    in_target: Vec<u32>,
    atom_cost: Vec<f64>,
    settled: Vec<bool>,
    condition_done: Vec<bool>,
    waiting: Vec<usize>,
    pre_cost: Vec<f64>,
    heap: BinaryHeap<Reverse<(Cost, usize)>>,
}

impl Relaxed {
    pub fn new(problem: &Compiled, combine: Combine) -> Relaxed {
        let mut offset = Vec::with_capacity(problem.facts.len());
        let mut atoms = 0;
        for domain in &problem.domains {
            offset.push(atoms);
            atoms += domain.len();
        }
        let mut satisfies = vec![Vec::new(); atoms];
        for (id, c) in problem.conditions.iter().enumerate() {
            for (v, holds) in c.holds.iter().enumerate() {
                if *holds {
                    satisfies[offset[c.fact] + v].push(id);
                }
            }
        }
        let mut consumers = vec![Vec::new(); problem.conditions.len()];
        for (a, action) in problem.actions.iter().enumerate() {
            for &c in &action.pre {
                consumers[c].push(a);
            }
        }
        let mut in_target = vec![0; problem.conditions.len()];
        for &c in &problem.target {
            in_target[c] += 1;
        }
        Relaxed {
            combine,
            offset,
            satisfies,
            consumers,
            in_target,
            atom_cost: vec![f64::INFINITY; atoms],
            settled: vec![false; atoms],
            condition_done: vec![false; problem.conditions.len()],
            waiting: vec![0; problem.actions.len()],
            pre_cost: vec![0.0; problem.actions.len()],
            heap: BinaryHeap::new(),
        }
    }

    fn combine(&self, a: f64, b: f64) -> f64 {
        match self.combine {
            Combine::Max => a.max(b),
            Combine::Add => a + b,
        }
    }

    /// The estimated cost of reaching the target from `state`; `None` when the target is
    /// unreachable even in the relaxation (so unreachable for real).
    pub fn estimate(&mut self, problem: &Compiled, state: &[u32]) -> Option<f64> {
        if problem.target.is_empty() {
            return Some(0.0);
        }
        self.atom_cost.fill(f64::INFINITY);
        self.settled.fill(false);
        self.condition_done.fill(false);
        self.pre_cost.fill(0.0);
        self.heap.clear();
        let mut target_left = problem.target.len() as u32;
        let mut total = 0.0;
        for (a, action) in problem.actions.iter().enumerate() {
            self.waiting[a] = action.pre.len();
            if action.pre.is_empty() {
                self.reach_effects(problem, a, action.cost);
            }
        }
        for (f, &v) in state.iter().enumerate() {
            self.push(self.offset[f] + v as usize, 0.0);
        }
        while let Some(Reverse((Cost(cost), atom))) = self.heap.pop() {
            if self.settled[atom] {
                continue;
            }
            self.settled[atom] = true;
            for i in 0..self.satisfies[atom].len() {
                let c = self.satisfies[atom][i];
                if self.condition_done[c] {
                    continue;
                }
                self.condition_done[c] = true;
                for _ in 0..self.in_target[c] {
                    total = self.combine(total, cost);
                    target_left -= 1;
                }
                if target_left == 0 {
                    return Some(total);
                }
                for j in 0..self.consumers[c].len() {
                    let a = self.consumers[c][j];
                    self.pre_cost[a] = self.combine(self.pre_cost[a], cost);
                    self.waiting[a] -= 1;
                    if self.waiting[a] == 0 {
                        self.reach_effects(problem, a, self.pre_cost[a] + problem.actions[a].cost);
                    }
                }
            }
        }
        None
    }

    fn reach_effects(&mut self, problem: &Compiled, action: usize, cost: f64) {
        for &(f, v) in &problem.actions[action].effects {
            self.push(self.offset[f] + v as usize, cost);
        }
    }

    fn push(&mut self, atom: usize, cost: f64) {
        if cost < self.atom_cost[atom] {
            self.atom_cost[atom] = cost;
            self.heap.push(Reverse((Cost(cost), atom)));
        }
    }
}
