//! Plan synthesis: from a start state, find the cheapest sequence of library actions that
//! makes a goal's postconditions hold (A* on the admissible LM-cut, or h_max), or a plan
//! quickly (greedy best-first on h_add, not optimal), then lift it to a partial order that
//! keeps only the orderings the plan needs. Semantics: docs/synthesis.md.
//!
//! The search itself ([`synthesize`]) is pure: it knows nothing about SQL. The store glue
//! (`Store::synthesize_plan`, `Store::create_synthesized_plan`) reads the goal, the library
//! and the agents, and saves a result as a draft plan in one gesture.

mod control;
mod cost_queue;
mod heuristic;
mod inputs;
mod lift;
mod lmcut;
mod problem;
mod search;
mod state;
mod successors;

pub use control::{SearchControl, SearchProgress};
pub use inputs::{can_do, check_start_state, known_facts};

use crate::domain::{Action, Condition, PlanEdge, WorldState};
use problem::Compiled;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// Which search to run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    /// A* (LM-cut by default): the plan found has the lowest total action cost.
    #[default]
    Optimal,
    /// Greedy best-first (h_add by default): usually far fewer nodes, but the plan may cost more.
    Greedy,
}

/// Which cost-to-go estimate guides the search (docs/synthesis.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Heuristic {
    /// LM-cut (Helmert & Domshlak 2009): admissible and by far the best informed; the
    /// default of A*.
    LmCut,
    /// h_max: admissible, cheap per state, weakly informed.
    HMax,
    /// h_add: not admissible (A* with it may return a costlier plan); the default of greedy search.
    HAdd,
}

impl Heuristic {
    /// The heuristic a search mode uses when none is chosen.
    pub fn default_for(mode: SearchMode) -> Heuristic {
        match mode {
            SearchMode::Optimal => Heuristic::LmCut,
            SearchMode::Greedy => Heuristic::HAdd,
        }
    }

    /// Whether A* with it returns a cheapest plan.
    pub fn is_admissible(self) -> bool {
        matches!(self, Heuristic::LmCut | Heuristic::HMax)
    }
}

impl fmt::Display for Heuristic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Heuristic::LmCut => "LM-cut",
            Heuristic::HMax => "h_max",
            Heuristic::HAdd => "h_add",
        })
    }
}

/// How the store sets up a synthesis. Every value is valid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct SynthesisOptions {
    pub mode: SearchMode,
    /// The estimate guiding the search; `None` takes the mode's default
    /// ([`Heuristic::default_for`]).
    pub heuristic: Option<Heuristic>,
    /// The most states the search may expand.
    pub max_nodes: u64,
    /// The most wall time the search may take, in milliseconds.
    pub time_limit_ms: u64,
    /// The start state; `None` reads the goal's `=` preconditions as the known facts.
    pub start: Option<WorldState>,
    /// Use only actions that some active agent can do (every required capability at
    /// the required level).
    pub agents_only: bool,
}

impl Default for SynthesisOptions {
    fn default() -> SynthesisOptions {
        SynthesisOptions { mode: SearchMode::Optimal, heuristic: None, max_nodes: 100_000, time_limit_ms: 10_000, start: None, agents_only: false }
    }
}

impl SynthesisOptions {
    /// The heuristic chosen, or the mode's default.
    pub fn heuristic(&self) -> Heuristic {
        self.heuristic.unwrap_or(Heuristic::default_for(self.mode))
    }

    /// The node budget and time limit.
    pub fn limits(&self) -> SearchLimits {
        SearchLimits { max_nodes: self.max_nodes, time_limit: Duration::from_millis(self.time_limit_ms) }
    }
}

/// The input of the pure search.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthesisProblem {
    pub start: WorldState,
    pub target: Vec<Condition>,
    /// The library to draw from; the search breaks ties in key order whatever this order is.
    pub actions: Vec<Action>,
}

/// The search's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchLimits {
    pub max_nodes: u64,
    pub time_limit: Duration,
}

/// One step of a synthesised plan, in the order of the sequence found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SynthesizedStep {
    /// `S1`, `S2`, ... in sequence order.
    pub key: String,
    pub action: String,
    pub name: String,
    pub cost: f64,
}

/// A plan: the sequence found, and the partial order lifted from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SynthesizedPlan {
    pub steps: Vec<SynthesizedStep>,
    /// Only the orderings needed (causal links and threat resolution), transitively reduced.
    pub edges: Vec<PlanEdge>,
    /// Sum of the steps' action costs.
    pub cost: f64,
}

/// Which limit stopped a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SearchLimit {
    MaxNodes,
    TimeLimit,
    /// The operator cancelled it.
    Cancelled,
}

/// How a synthesis ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SynthesisOutcome {
    Found { plan: SynthesizedPlan },
    /// The search stopped at a limit: a plan may exist.
    LimitReached { limit: SearchLimit },
    /// Every state reachable from the start was explored (or the start is a dead end even
    /// when effects never undo each other): no plan exists.
    Unsolvable,
    /// Found before searching: the target condition `index` does not hold at the start and
    /// no action writes its fact a value that satisfies it.
    Unreachable { index: usize, condition: Condition },
}

/// What a synthesis found, with what it searched from and how much it searched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SynthesisResult {
    pub mode: SearchMode,
    pub heuristic: Heuristic,
    pub start: WorldState,
    pub target: Vec<Condition>,
    /// How many library actions the search could use.
    pub actions_considered: u32,
    pub nodes_expanded: u64,
    /// Distinct states generated (the start included).
    pub nodes_generated: u64,
    pub elapsed_ms: f64,
    /// The limits it ran under.
    pub max_nodes: u64,
    pub time_limit_ms: u64,
    pub outcome: SynthesisOutcome,
}

impl SynthesisResult {
    pub fn plan(&self) -> Option<&SynthesizedPlan> {
        match &self.outcome {
            SynthesisOutcome::Found { plan } => Some(plan),
            _ => None,
        }
    }

    /// Why there is no plan, in words; `None` when there is one.
    pub fn why_no_plan(&self) -> Option<String> {
        let searched = format!("{} nodes expanded in {:.1} ms", self.nodes_expanded, self.elapsed_ms);
        match &self.outcome {
            SynthesisOutcome::Found { .. } => None,
            SynthesisOutcome::LimitReached { limit: SearchLimit::MaxNodes } => {
                Some(format!("no plan within the node budget of {} ({searched})", self.max_nodes))
            }
            SynthesisOutcome::LimitReached { limit: SearchLimit::TimeLimit } => {
                Some(format!("no plan within the time limit of {} ms ({searched})", self.time_limit_ms))
            }
            SynthesisOutcome::LimitReached { limit: SearchLimit::Cancelled } => Some(format!("cancelled before a plan was found ({searched})")),
            SynthesisOutcome::Unsolvable => Some(format!("no plan exists: the search space is exhausted ({searched})")),
            SynthesisOutcome::Unreachable { index, condition } => Some(format!(
                "postconditions[{index}] {condition} does not hold at the start and no action can make it hold"
            )),
        }
    }
}

impl fmt::Display for SearchMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SearchMode::Optimal => "A* (optimal)",
            SearchMode::Greedy => "greedy (not optimal)",
        })
    }
}

/// Runs one search with the mode's default heuristic ([`Heuristic::default_for`]).
pub fn synthesize(problem: &SynthesisProblem, mode: SearchMode, limits: SearchLimits) -> SynthesisResult {
    synthesize_with(problem, mode, Heuristic::default_for(mode), limits)
}

/// Runs one search. Deterministic for a given problem, mode and heuristic (unless the time
/// limit stops it): actions are tried in key order and ties are broken by generation order.
pub fn synthesize_with(problem: &SynthesisProblem, mode: SearchMode, heuristic: Heuristic, limits: SearchLimits) -> SynthesisResult {
    synthesize_watched(problem, mode, heuristic, limits, &mut SearchControl::none())
}

/// [`synthesize_with`], reporting progress to `control` and stopping when it is cancelled
/// (the outcome is then [`SearchLimit::Cancelled`]).
pub fn synthesize_watched(problem: &SynthesisProblem, mode: SearchMode, heuristic: Heuristic, limits: SearchLimits, control: &mut SearchControl) -> SynthesisResult {
    let mut actions: Vec<&Action> = problem.actions.iter().collect();
    actions.sort_by(|a, b| a.key.cmp(&b.key));
    let owned: Vec<Action> = actions.into_iter().cloned().collect();
    let compiled = Compiled::new(&problem.start, &problem.target, &owned);
    let result = |outcome, run: Option<&search::Run>| SynthesisResult {
        mode,
        heuristic,
        start: problem.start.clone(),
        target: problem.target.clone(),
        actions_considered: owned.len() as u32,
        nodes_expanded: run.map_or(0, |r| r.nodes_expanded),
        nodes_generated: run.map_or(0, |r| r.nodes_generated),
        elapsed_ms: run.map_or(0.0, |r| r.elapsed.as_secs_f64() * 1000.0),
        max_nodes: limits.max_nodes,
        time_limit_ms: limits.time_limit.as_millis() as u64,
        outcome,
    };
    if let Some(index) = compiled.first_unproducible_target() {
        return result(SynthesisOutcome::Unreachable { index, condition: problem.target[index].clone() }, None);
    }
    let strategy = match mode {
        SearchMode::Optimal => search::Strategy::AStar,
        SearchMode::Greedy => search::Strategy::Greedy,
    };
    let run = search::search(&compiled, strategy, heuristic, &search::Limits { max_nodes: limits.max_nodes, time_limit: limits.time_limit }, control);
    let outcome = match &run.end {
        search::End::Found { actions, cost } => {
            let steps = actions
                .iter()
                .enumerate()
                .map(|(i, &a)| SynthesizedStep {
                    key: step_key(i),
                    action: owned[a].key.clone(),
                    name: owned[a].fields.name.clone(),
                    cost: owned[a].fields.cost,
                })
                .collect();
            let edges = lift::lift(&compiled, actions)
                .into_iter()
                .map(|(b, a)| PlanEdge { before: step_key(b), after: step_key(a) })
                .collect();
            SynthesisOutcome::Found { plan: SynthesizedPlan { steps, edges, cost: *cost } }
        }
        search::End::Exhausted => SynthesisOutcome::Unsolvable,
        search::End::NodeBudget => SynthesisOutcome::LimitReached { limit: SearchLimit::MaxNodes },
        search::End::TimeLimit => SynthesisOutcome::LimitReached { limit: SearchLimit::TimeLimit },
        search::End::Cancelled => SynthesisOutcome::LimitReached { limit: SearchLimit::Cancelled },
    };
    result(outcome, Some(&run))
}

/// The heuristic's estimate of the cost from the problem's start to its target; `None`
/// when the target is unreachable even with effects that never undo each other. The same
/// value the search uses for its first node.
pub fn estimate(problem: &SynthesisProblem, heuristic: Heuristic) -> Option<f64> {
    let mut actions: Vec<Action> = problem.actions.clone();
    actions.sort_by(|a, b| a.key.cmp(&b.key));
    let compiled = Compiled::new(&problem.start, &problem.target, &actions);
    search::Estimator::new(&compiled, heuristic).estimate(&compiled, &compiled.start)
}

fn step_key(position: usize) -> String {
    format!("S{}", position + 1)
}

#[cfg(test)]
mod tests;
