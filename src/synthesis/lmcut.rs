//! The LM-cut heuristic (Helmert & Domshlak 2009, "Landmarks, critical paths and
//! abstractions: what's the difference anyway?"), admissible, on the delete relaxation of the
//! compiled problem.
//!
//! **The relaxed task.** Its propositions are the (fact, domain value) atoms, one auxiliary
//! proposition per distinct condition that more than one atom satisfies, an artificial
//! precondition (true in every state) and an artificial goal. Its operators are:
//!
//! - one per action: preconditions are the propositions of its conditions (the artificial
//!   precondition when it has none), effects the atoms it writes, cost its own;
//! - one zero-cost *bridge* per (auxiliary proposition, satisfying atom): the atom
//!   achieves the condition. A condition is a disjunction over its fact's values
//!   (`≠`, `<`, `≤`, `>`, `≥`, `in`, `not in`, and `=` on an absent fact), and bridges
//!   express exactly that disjunction; a condition one atom satisfies (`=` on a value) is
//!   that atom, with no bridge; one no atom satisfies has no achiever at all;
//! - the goal operator, cost 0, from the target's conditions to the artificial goal.
//!
//! A relaxed plan of the original problem maps onto one of this task of the same cost (add
//! the bridges, which cost nothing) and back (drop them), so the relaxed optimum — and
//! every admissible estimate of it — is unchanged: LM-cut stays admissible. Bridges cost 0
//! and a cut never holds a zero-cost operator (the goal zone grows through them), so they
//! add no landmark of their own.
//!
//! **The algorithm**, per state: compute h_max with a precondition choice function (each
//! operator's costliest precondition, its *supporter*); while h_max(goal) > 0, mark the goal
//! zone (propositions from which the goal is reached through zero-cost operators along
//! supporters), explore forward from the state along supporters without entering the goal
//! zone, take as the cut every operator reached so whose effect lies in the goal zone, add
//! the cut's cheapest cost to the estimate, subtract it from every cut operator, and update
//! h_max incrementally (only propositions whose cost fell). As in Fast Downward's
//! implementation, which this one follows.
//!
//! **Costs** are integers: each action cost is multiplied by [`LmCut::scale`] (1 when every
//! cost is a whole number, 10⁶ otherwise) and rounded *down*, so that equality tests
//! (`h_max(goal) = 0`, zero-cost operators) are exact and the estimate can only shrink
//! (stays admissible). The result is divided back by the scale.
//!
//! Working memory lives in flat arrays allocated once; an estimate allocates nothing.

use super::cost_queue::CostQueue;
use super::problem::Compiled;
use std::collections::HashMap;

const NONE: u32 = u32::MAX;
const UNREACHED: i64 = i64::MAX;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Unreached,
    Reached,
    GoalZone,
    BeforeGoalZone,
}

/// Compressed lists: the items of `i` are `items[start[i]..start[i + 1]]`.
struct Lists {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    fn from(lists: &[Vec<u32>]) -> Lists {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut items = Vec::new();
        start.push(0);
        for list in lists {
            items.extend_from_slice(list);
            start.push(items.len() as u32);
        }
        Lists { start, items }
    }

    fn get(&self, i: u32) -> &[u32] {
        &self.items[self.start[i as usize] as usize..self.start[i as usize + 1] as usize]
    }
}

/// The relaxed task of one compiled problem and the working memory of the estimate.
pub(crate) struct LmCut {
    /// First atom of each fact: atom = offset[fact] + domain index.
    offset: Vec<u32>,
    artificial_pre: u32,
    goal: u32,
    /// Multiplier from action costs to the integer costs used inside.
    scale: f64,
    pre: Lists,
    eff: Lists,
    /// By proposition, the operators that need it.
    pre_of: Lists,
    /// By proposition, the operators that achieve it.
    achievers: Lists,
    base_cost: Vec<i64>,
    /// Whether the target is empty (the estimate is 0 everywhere).
    trivial: bool,
    // Working memory, by operator.
    cost: Vec<i64>,
    unsatisfied: Vec<u32>,
    supporter: Vec<u32>,
    supporter_cost: Vec<i64>,
    // Working memory, by proposition.
    prop_cost: Vec<i64>,
    status: Vec<Status>,
    queue: CostQueue,
    stack: Vec<u32>,
    /// The goal zone's depth-first walk: (proposition, index of its next achiever).
    frames: Vec<(u32, u32)>,
    cut: Vec<u32>,
}

impl LmCut {
    pub fn new(problem: &Compiled) -> LmCut {
        let mut offset = Vec::with_capacity(problem.facts.len());
        let mut atoms = 0u32;
        for domain in &problem.domains {
            offset.push(atoms);
            atoms += domain.len() as u32;
        }
        let mut props = atoms;
        let mut achievers_of_aux: Vec<Vec<u32>> = Vec::new();
        // Propositions of conditions, shared between conditions with the same fact and the
        // same satisfying values.
        let mut shared: HashMap<(usize, &[bool]), u32> = HashMap::new();
        let condition_prop: Vec<u32> = problem
            .conditions
            .iter()
            .map(|c| {
                let satisfying: Vec<u32> =
                    c.holds.iter().enumerate().filter(|(_, h)| **h).map(|(v, _)| offset[c.fact] + v as u32).collect();
                if satisfying.len() == 1 {
                    return satisfying[0];
                }
                *shared.entry((c.fact, &c.holds)).or_insert_with(|| {
                    achievers_of_aux.push(satisfying);
                    props += 1;
                    props - 1
                })
            })
            .collect();
        let artificial_pre = props;
        let goal = props + 1;
        let props = props + 2;

        let whole = problem.actions.iter().all(|a| a.cost.is_finite() && a.cost.fract() == 0.0);
        let scale = if whole { 1.0 } else { 1_000_000.0 };
        let mut pre: Vec<Vec<u32>> = Vec::new();
        let mut eff: Vec<Vec<u32>> = Vec::new();
        let mut base_cost = Vec::new();
        for action in &problem.actions {
            let mut p: Vec<u32> = action.pre.iter().map(|&c| condition_prop[c]).collect();
            p.sort_unstable();
            p.dedup();
            if p.is_empty() {
                p.push(artificial_pre);
            }
            pre.push(p);
            eff.push(action.effects.iter().map(|&(f, v)| offset[f] + v).collect());
            // NaN and negative costs count as 0: the estimate can only shrink.
            base_cost.push((action.cost * scale).floor().max(0.0).min(i64::MAX as f64 / 4.0) as i64);
        }
        for (i, satisfying) in achievers_of_aux.iter().enumerate() {
            let aux = atoms + i as u32;
            for &atom in satisfying {
                pre.push(vec![atom]);
                eff.push(vec![aux]);
                base_cost.push(0);
            }
        }
        let mut target: Vec<u32> = problem.target.iter().map(|&c| condition_prop[c]).collect();
        target.sort_unstable();
        target.dedup();
        let trivial = target.is_empty();
        pre.push(if trivial { vec![artificial_pre] } else { target });
        eff.push(vec![goal]);
        base_cost.push(0);

        let mut pre_of = vec![Vec::new(); props as usize];
        let mut achievers = vec![Vec::new(); props as usize];
        for (op, (p, e)) in pre.iter().zip(&eff).enumerate() {
            for &q in p {
                pre_of[q as usize].push(op as u32);
            }
            for &q in e {
                achievers[q as usize].push(op as u32);
            }
        }
        let ops = base_cost.len();
        LmCut {
            offset,
            artificial_pre,
            goal,
            scale,
            pre: Lists::from(&pre),
            eff: Lists::from(&eff),
            pre_of: Lists::from(&pre_of),
            achievers: Lists::from(&achievers),
            base_cost,
            trivial,
            cost: vec![0; ops],
            unsatisfied: vec![0; ops],
            supporter: vec![NONE; ops],
            supporter_cost: vec![0; ops],
            prop_cost: vec![UNREACHED; props as usize],
            status: vec![Status::Unreached; props as usize],
            queue: CostQueue::new(),
            stack: Vec::new(),
            frames: Vec::new(),
            cut: Vec::new(),
        }
    }

    /// The LM-cut estimate of `state` (one domain index per fact); `None` when the target is
    /// unreachable even in the relaxation.
    pub fn estimate(&mut self, state: &[u32]) -> Option<f64> {
        if self.trivial {
            return Some(0.0);
        }
        self.cost.copy_from_slice(&self.base_cost);
        self.first_exploration(state);
        if self.status[self.goal as usize] == Status::Unreached {
            return None;
        }
        let mut total: i64 = 0;
        while self.prop_cost[self.goal as usize] != 0 {
            self.mark_goal_zone();
            self.second_exploration(state);
            debug_assert!(!self.cut.is_empty());
            let least = self.cut.iter().map(|&op| self.cost[op as usize]).min().unwrap_or(0);
            debug_assert!(least > 0);
            for &op in &self.cut {
                self.cost[op as usize] -= least;
            }
            total += least;
            self.update_h_max();
            for s in &mut self.status {
                if matches!(s, Status::GoalZone | Status::BeforeGoalZone) {
                    *s = Status::Reached;
                }
            }
            self.cut.clear();
        }
        Some(total as f64 / self.scale)
    }

    /// h_max of every proposition from `state`, with each reached operator's supporter.
    fn first_exploration(&mut self, state: &[u32]) {
        self.queue.clear();
        self.prop_cost.fill(UNREACHED);
        self.status.fill(Status::Unreached);
        self.supporter.fill(NONE);
        for op in 0..self.unsatisfied.len() {
            self.unsatisfied[op] = self.pre.start[op + 1] - self.pre.start[op];
        }
        for (f, &v) in state.iter().enumerate() {
            self.enqueue(self.offset[f] + v, 0);
        }
        self.enqueue(self.artificial_pre, 0);
        while let Some((popped, prop)) = self.queue.pop() {
            if self.prop_cost[prop as usize] < popped {
                continue;
            }
            for i in self.pre_of.start[prop as usize]..self.pre_of.start[prop as usize + 1] {
                let op = self.pre_of.items[i as usize] as usize;
                self.unsatisfied[op] -= 1;
                if self.unsatisfied[op] == 0 {
                    self.supporter[op] = prop;
                    self.supporter_cost[op] = popped;
                    let reached = popped + self.cost[op];
                    for j in self.eff.start[op]..self.eff.start[op + 1] {
                        self.enqueue(self.eff.items[j as usize], reached);
                    }
                }
            }
        }
    }

    fn enqueue(&mut self, prop: u32, cost: i64) {
        let p = prop as usize;
        if self.status[p] == Status::Unreached || self.prop_cost[p] > cost {
            self.status[p] = Status::Reached;
            self.prop_cost[p] = cost;
            self.queue.push(cost, prop);
        }
    }

    /// The goal zone: the goal, and backwards through zero-cost achievers, their supporters.
    /// Depth first, as a recursion would go: an achiever's supporter is chosen once the
    /// supporters chosen before it have had their own part of the zone marked, so that
    /// [`LmCut::zone_supporter`] sees as much of the zone as there is.
    fn mark_goal_zone(&mut self) {
        self.frames.clear();
        self.status[self.goal as usize] = Status::GoalZone;
        self.frames.push((self.goal, self.achievers.start[self.goal as usize]));
        while let Some(frame) = self.frames.last_mut() {
            let (prop, next) = *frame;
            if next == self.achievers.start[prop as usize + 1] {
                self.frames.pop();
                continue;
            }
            frame.1 += 1;
            let op = self.achievers.items[next as usize];
            if self.cost[op as usize] == 0 && self.supporter[op as usize] != NONE {
                let supporter = self.zone_supporter(op);
                self.supporter[op as usize] = supporter;
                if self.status[supporter as usize] != Status::GoalZone {
                    self.status[supporter as usize] = Status::GoalZone;
                    self.frames.push((supporter, self.achievers.start[supporter as usize]));
                }
            }
        }
    }

    /// The supporter a zero-cost operator keeps while the goal zone grows through it: among
    /// its costliest preconditions (all equally valid choices for the h_max supporter), one
    /// already in the goal zone, else one on its border (every achiever costs something, so
    /// the zone stops there), else the one it has. Lauer and Fickert's tie-breaking ("Beating
    /// LM-cut with LM-cut", HSDIP 2020), Fast Downward's default since: the zone stays
    /// small, the cuts lie nearer the goal, and the estimate is often higher. Any costliest
    /// precondition keeps LM-cut admissible; the choice is stored, so that the cut is taken
    /// along the same supporters.
    fn zone_supporter(&self, op: u32) -> u32 {
        let current = self.supporter[op as usize];
        let cost = self.prop_cost[current as usize];
        let ties = || self.pre.get(op).iter().copied().filter(move |&q| self.prop_cost[q as usize] == cost);
        if let Some(q) = ties().find(|&q| self.status[q as usize] == Status::GoalZone) {
            return q;
        }
        let on_border = |q: u32| self.achievers.get(q).iter().all(|&a| self.cost[a as usize] > 0 || self.supporter[a as usize] == NONE);
        ties().find(|&q| on_border(q)).unwrap_or(current)
    }

    /// Forward from the state along supporters, stopping at the goal zone: the operators
    /// that would enter it form the cut.
    fn second_exploration(&mut self, state: &[u32]) {
        self.stack.clear();
        self.status[self.artificial_pre as usize] = Status::BeforeGoalZone;
        self.stack.push(self.artificial_pre);
        for (f, &v) in state.iter().enumerate() {
            let atom = self.offset[f] + v;
            self.status[atom as usize] = Status::BeforeGoalZone;
            self.stack.push(atom);
        }
        while let Some(prop) = self.stack.pop() {
            for i in self.pre_of.start[prop as usize]..self.pre_of.start[prop as usize + 1] {
                let op = self.pre_of.items[i as usize] as usize;
                if self.supporter[op] != prop {
                    continue;
                }
                let effects = self.eff.start[op] as usize..self.eff.start[op + 1] as usize;
                if self.eff.items[effects.clone()].iter().any(|&e| self.status[e as usize] == Status::GoalZone) {
                    self.cut.push(op as u32);
                    continue;
                }
                for j in effects {
                    let e = self.eff.items[j];
                    if self.status[e as usize] != Status::BeforeGoalZone {
                        self.status[e as usize] = Status::BeforeGoalZone;
                        self.stack.push(e);
                    }
                }
            }
        }
    }

    /// After the cut's costs fell: lower the h_max of the propositions that got cheaper,
    /// and move supporters accordingly.
    fn update_h_max(&mut self) {
        self.queue.clear();
        for i in 0..self.cut.len() {
            let op = self.cut[i] as usize;
            let reached = self.supporter_cost[op] + self.cost[op];
            for j in self.eff.start[op]..self.eff.start[op + 1] {
                let e = self.eff.items[j as usize] as usize;
                if self.prop_cost[e] > reached {
                    self.prop_cost[e] = reached;
                    self.queue.push(reached, e as u32);
                }
            }
        }
        while let Some((popped, prop)) = self.queue.pop() {
            if self.prop_cost[prop as usize] < popped {
                continue;
            }
            for i in self.pre_of.start[prop as usize]..self.pre_of.start[prop as usize + 1] {
                let op = self.pre_of.items[i as usize] as usize;
                if self.supporter[op] != prop || self.supporter_cost[op] <= popped {
                    continue;
                }
                let old = self.supporter_cost[op];
                // The costliest precondition now (FD's update_h_max_supporter).
                let mut best = prop;
                for &q in self.pre.get(op as u32) {
                    if self.prop_cost[q as usize] > self.prop_cost[best as usize] {
                        best = q;
                    }
                }
                self.supporter[op] = best;
                let now = self.prop_cost[best as usize];
                self.supporter_cost[op] = now;
                if now != old {
                    let reached = now + self.cost[op];
                    for j in self.eff.start[op]..self.eff.start[op + 1] {
                        let e = self.eff.items[j as usize] as usize;
                        if self.prop_cost[e] > reached {
                            self.prop_cost[e] = reached;
                            self.queue.push(reached, e as u32);
                        }
                    }
                }
            }
        }
    }
}
