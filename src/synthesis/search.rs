//! Forward state-space search: A* on h_max (optimal) or greedy best-first on h_add (fast,
//! not optimal), with a node budget and a time limit.
//!
//! Determinism: successors are generated in action order (the caller sorts the library by
//! key) and the open list breaks ties on (f, h) by generation order, so the same input
//! always expands the same nodes and returns the same plan.

use super::heuristic::{Combine, Cost, Relaxed};
use super::problem::{Compiled, State};
use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// A* with the admissible h_max: the cheapest plan.
    AStar,
    /// Greedy best-first on h_add: a plan quickly, with no cost guarantee.
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
}

pub(crate) struct Run {
    pub end: End,
    pub nodes_expanded: u64,
    pub nodes_generated: u64,
    pub elapsed: Duration,
}

struct Node {
    state: State,
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

pub(crate) fn search(problem: &Compiled, strategy: Strategy, limits: &Limits) -> Run {
    let started = Instant::now();
    let combine = match strategy {
        Strategy::AStar => Combine::Max,
        Strategy::Greedy => Combine::Add,
    };
    let mut relaxed = Relaxed::new(problem, combine);
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: HashMap<State, u32> = HashMap::new();
    let mut open: BinaryHeap<Queued> = BinaryHeap::new();
    let mut sequence = 0u64;
    let mut expanded = 0u64;
    let priority = |g: f64, h: f64| match strategy {
        Strategy::AStar => g + h,
        Strategy::Greedy => h,
    };
    let run = |end: End, expanded: u64, generated: usize| Run { end, nodes_expanded: expanded, nodes_generated: generated as u64, elapsed: started.elapsed() };

    let Some(h0) = relaxed.estimate(problem, &problem.start) else {
        return run(End::Exhausted, 0, 1);
    };
    nodes.push(Node { state: problem.start.clone(), parent: ROOT, action: 0, g: 0.0, h: h0 });
    index.insert(problem.start.clone(), 0);
    open.push(Reverse((Cost(priority(0.0, h0)), Cost(h0), sequence, 0, Cost(0.0))));

    while let Some(Reverse((_, _, _, id, Cost(queued_g)))) = open.pop() {
        let node = &nodes[id as usize];
        let g = node.g;
        if queued_g > g {
            // A cheaper path to this state was queued after this entry (lazy deletion).
            continue;
        }
        if problem.is_target(&node.state) {
            return run(End::Found { actions: path_to(&nodes, id), cost: g }, expanded, nodes.len());
        }
        if expanded >= limits.max_nodes {
            return run(End::NodeBudget, expanded, nodes.len());
        }
        if started.elapsed() >= limits.time_limit {
            return run(End::TimeLimit, expanded, nodes.len());
        }
        expanded += 1;
        let state = node.state.clone();
        for a in 0..problem.actions.len() {
            if !problem.applicable(a, &state) {
                continue;
            }
            let child = problem.apply(a, &state);
            let child_g = g + problem.actions[a].cost;
            let child_id = match index.entry(child) {
                Entry::Occupied(seen) => {
                    let seen_id = *seen.get();
                    // Greedy keeps the first path it found; A* keeps the cheapest.
                    if strategy == Strategy::Greedy || child_g >= nodes[seen_id as usize].g {
                        continue;
                    }
                    let n = &mut nodes[seen_id as usize];
                    n.g = child_g;
                    n.parent = id;
                    n.action = a as u32;
                    seen_id
                }
                Entry::Vacant(slot) => {
                    let h = relaxed.estimate(problem, slot.key()).unwrap_or(f64::INFINITY);
                    let new_id = nodes.len() as u32;
                    nodes.push(Node { state: slot.key().clone(), parent: id, action: a as u32, g: child_g, h });
                    slot.insert(new_id);
                    new_id
                }
            };
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
