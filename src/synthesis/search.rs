//! Forward state-space search: A* (optimal with an admissible heuristic: LM-cut by
//! default, or h_max) or greedy best-first (fast, not optimal, h_add by default), with a
//! node budget and a time limit.
//!
//! States are packed and interned ([`super::state`]); a node is its parent's id, the action
//! that reached it, g and h. LM-cut is admissible but not consistent, so A* re-opens a
//! state reached again more cheaply (and re-expands it), as Fast Downward's A* does.
//!
//! Determinism: successors are generated in action order (the caller sorts the library by
//! key) and the open list breaks ties on (f, h) by generation order (first in, first out),
//! so the same input always expands the same nodes and returns the same plan.

use super::control::{SearchControl, SearchProgress};
use super::heuristic::{Combine, Cost, Relaxed};
use super::lmcut::LmCut;
use super::problem::Compiled;
use super::state::{Packer, StateSet};
use super::successors::Successors;
use super::Heuristic;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// A*: the cheapest plan when the heuristic is admissible.
    AStar,
    /// Greedy best-first: a plan quickly, with no cost guarantee.
    Greedy,
}

pub(crate) struct Limits {
    pub max_nodes: u64,
    pub time_limit: Duration,
}

#[derive(Debug, PartialEq)]
pub(crate) enum End {
    /// Action indices in execution order, and their total cost.
    Found { actions: Vec<usize>, cost: f64 },
    /// Every reachable state was explored (or the start is a relaxed dead end).
    Exhausted,
    NodeBudget,
    TimeLimit,
    /// The caller set its cancel flag.
    Cancelled,
}

pub(crate) struct Run {
    pub end: End,
    pub nodes_expanded: u64,
    pub nodes_generated: u64,
    pub elapsed: Duration,
}

/// A state's search record; the state itself is `StateSet` entry of the same id.
struct Node {
    parent: u32,
    action: u32,
    g: f64,
    /// `INFINITY` for a relaxed dead end, which is never queued.
    h: f64,
}

const ROOT: u32 = u32::MAX;

/// Open-list entry: smallest (priority, h, sequence number) first; then the node and the
/// g it was queued with (the sequence number is unique, so those never decide).
type Queued = Reverse<(Cost, Cost, u64, u32, Cost)>;

/// One of the heuristics, with its working memory.
pub(crate) enum Estimator {
    Relaxed(Box<Relaxed>),
    LmCut(Box<LmCut>),
}

impl Estimator {
    pub fn new(problem: &Compiled, heuristic: Heuristic) -> Estimator {
        match heuristic {
            Heuristic::LmCut => Estimator::LmCut(Box::new(LmCut::new(problem))),
            Heuristic::HMax => Estimator::Relaxed(Box::new(Relaxed::new(problem, Combine::Max))),
            Heuristic::HAdd => Estimator::Relaxed(Box::new(Relaxed::new(problem, Combine::Add))),
        }
    }

    /// The estimate of `state` (one domain index per fact); `None` for a relaxed dead end.
    pub fn estimate(&mut self, problem: &Compiled, state: &[u32]) -> Option<f64> {
        match self {
            Estimator::Relaxed(r) => r.estimate(problem, state),
            Estimator::LmCut(l) => l.estimate(state),
        }
    }
}

pub(crate) fn search(problem: &Compiled, strategy: Strategy, heuristic: Heuristic, limits: &Limits, control: &mut SearchControl) -> Run {
    let started = Instant::now();
    let mut last_report = started;
    let mut estimator = Estimator::new(problem, heuristic);
    let successors = Successors::new(problem);
    let packer = Packer::new(problem.domains.iter().map(Vec::len));
    let mut states = StateSet::new(packer.words);
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: BinaryHeap<Queued> = BinaryHeap::new();
    let mut sequence = 0u64;
    let mut expanded = 0u64;
    let priority = |g: f64, h: f64| match strategy {
        Strategy::AStar => g + h,
        Strategy::Greedy => h,
    };
    let run = |end: End, expanded: u64, generated: usize| Run { end, nodes_expanded: expanded, nodes_generated: generated as u64, elapsed: started.elapsed() };
    // Scratch buffers, reused for every state.
    let mut state = problem.start.to_vec();
    let mut child = state.clone();
    let mut packed = vec![0u32; packer.words];
    let mut applicable = Vec::new();

    let Some(h0) = estimator.estimate(problem, &problem.start) else {
        return run(End::Exhausted, 0, 1);
    };
    packer.pack(&problem.start, &mut packed);
    states.insert(&packed);
    nodes.push(Node { parent: ROOT, action: 0, g: 0.0, h: h0 });
    open.push(Reverse((Cost(priority(0.0, h0)), Cost(h0), sequence, 0, Cost(0.0))));
    // A*: the highest f expanded (a lower bound on the cost); greedy: the lowest h.
    let mut best_f = priority(0.0, h0);
    let progress = |expanded: u64, generated: usize, best_f: f64| SearchProgress {
        nodes_expanded: expanded,
        nodes_generated: generated as u64,
        best_f,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
        max_nodes: limits.max_nodes,
        time_limit_ms: limits.time_limit.as_millis().try_into().unwrap_or(u64::MAX),
    };
    control.report(&progress(0, 1, best_f));

    while let Some(Reverse((Cost(f), _, _, id, Cost(queued_g)))) = open.pop() {
        let g = nodes[id as usize].g;
        if queued_g > g {
            // A cheaper path to this state was queued after this entry (lazy deletion).
            continue;
        }
        packer.unpack(states.get(id), &mut state);
        if problem.is_target(&state) {
            return run(End::Found { actions: path_to(&nodes, id), cost: g }, expanded, nodes.len());
        }
        if expanded >= limits.max_nodes {
            return run(End::NodeBudget, expanded, nodes.len());
        }
        // The clock and the cancel flag are read every 64 expansions: cheap, and still
        // well under a millisecond late.
        if expanded.is_multiple_of(64) {
            let now = Instant::now();
            if now - started >= limits.time_limit {
                return run(End::TimeLimit, expanded, nodes.len());
            }
            if control.is_cancelled() {
                return run(End::Cancelled, expanded, nodes.len());
            }
            if expanded > 0 && now - last_report >= control.interval {
                last_report = now;
                control.report(&progress(expanded, nodes.len(), best_f));
            }
        }
        best_f = match strategy {
            Strategy::AStar => best_f.max(f),
            Strategy::Greedy => best_f.min(f),
        };
        expanded += 1;
        successors.applicable(problem, &state, &mut applicable);
        for &a in &applicable {
            child.copy_from_slice(&state);
            for &(f, v) in &problem.actions[a as usize].effects {
                child[f] = v;
            }
            packer.pack(&child, &mut packed);
            let child_g = g + problem.actions[a as usize].cost;
            let (child_id, new) = states.insert(&packed);
            if new {
                let h = estimator.estimate(problem, &child).unwrap_or(f64::INFINITY);
                nodes.push(Node { parent: id, action: a, g: child_g, h });
            } else {
                // Greedy keeps the first path it found; A* keeps the cheapest.
                let n = &mut nodes[child_id as usize];
                if strategy == Strategy::Greedy || child_g >= n.g {
                    continue;
                }
                n.g = child_g;
                n.parent = id;
                n.action = a;
            }
            let child_h = nodes[child_id as usize].h;
            if child_h.is_infinite() {
                continue;
            }
            sequence += 1;
            open.push(Reverse((Cost(priority(child_g, child_h)), Cost(child_h), sequence, child_id, Cost(child_g))));
        }
    }
    run(End::Exhausted, expanded, nodes.len())
}

fn path_to(nodes: &[Node], mut id: u32) -> Vec<usize> {
    let mut actions = Vec::new();
    while nodes[id as usize].parent != ROOT {
        actions.push(nodes[id as usize].action as usize);
        id = nodes[id as usize].parent;
    }
    actions.reverse();
    actions
}
