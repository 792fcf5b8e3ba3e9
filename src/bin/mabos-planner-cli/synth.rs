//! `synth GOAL_KEY`: search for a plan that achieves a goal, print it, optionally save it.

use crate::output::emit;
use anyhow::{Context, Result};
use mabos_planner::synthesis::{Heuristic, SearchMode, SynthesisOptions, SynthesisResult};
use mabos_planner::{Store, WorldState};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SynthArgs {
    /// The goal whose postconditions the plan must reach, e.g. G-EXPRESS
    goal: String,
    /// Greedy best-first search: fast, but the plan may not be the cheapest
    #[arg(long)]
    greedy: bool,
    /// The estimate guiding the search [default: lmcut for A*, hadd with --greedy]
    #[arg(long, value_enum, value_name = "NAME")]
    heuristic: Option<HeuristicArg>,
    /// The most states to expand before giving up
    #[arg(long, value_name = "N")]
    max_nodes: Option<u64>,
    /// The most milliseconds to search before giving up
    #[arg(long, value_name = "N")]
    time_limit_ms: Option<u64>,
    /// A JSON object of facts to start from ({"warehouse.open": true, "stock": 3}) instead of
    /// the goal's `=` preconditions
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Use only actions that some active agent can do
    #[arg(long)]
    agents_only: bool,
    /// Store the plan found as a draft plan of the goal (one undoable step)
    #[arg(long)]
    save: bool,
    /// Print the result as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum HeuristicArg {
    /// LM-cut: admissible, best informed
    Lmcut,
    /// h_max: admissible, weakly informed
    Hmax,
    /// h_add: not admissible
    Hadd,
}

impl SynthArgs {
    /// Only `--save` writes.
    pub fn writes(&self) -> bool {
        self.save
    }
}

/// Exits with failure when no plan is found.
pub fn run(store: &mut Store, args: SynthArgs) -> Result<ExitCode> {
    let defaults = SynthesisOptions::default();
    let start = match &args.state {
        Some(path) => {
            let text = mabos_planner::export::read_file(path)?;
            let state: WorldState = serde_json::from_str(&text).with_context(|| format!("{}: not a JSON object of facts", path.display()))?;
            Some(state)
        }
        None => None,
    };
    let options = SynthesisOptions {
        mode: if args.greedy { SearchMode::Greedy } else { SearchMode::Optimal },
        heuristic: args.heuristic.map(|h| match h {
            HeuristicArg::Lmcut => Heuristic::LmCut,
            HeuristicArg::Hmax => Heuristic::HMax,
            HeuristicArg::Hadd => Heuristic::HAdd,
        }),
        max_nodes: args.max_nodes.unwrap_or(defaults.max_nodes),
        time_limit_ms: args.time_limit_ms.unwrap_or(defaults.time_limit_ms),
        start,
        agents_only: args.agents_only,
    };
    let result = store.synthesize_plan(&args.goal, &options)?;
    let saved = match (args.save, result.plan()) {
        (true, Some(_)) => Some(store.create_synthesized_plan(&args.goal, &result)?.key),
        _ => None,
    };
    if args.json {
        let mut value = serde_json::to_value(&result)?;
        value["saved"] = serde_json::json!(saved);
        emit(&format!("{}\n", serde_json::to_string_pretty(&value)?));
    } else if result.plan().is_some() {
        emit(&text(&args.goal, &result, saved.as_deref()));
    }
    match result.why_no_plan() {
        Some(reason) => {
            eprintln!("error: no plan for goal {}: {reason}", args.goal);
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

fn text(goal: &str, result: &SynthesisResult, saved: Option<&str>) -> String {
    let plan = result.plan().expect("called with a plan");
    let mut out = format!(
        "plan for {goal} by {}: cost {}, {} step(s), {} node(s) expanded on {}, {:.1} ms\n",
        result.mode,
        plan.cost,
        plan.steps.len(),
        result.nodes_expanded,
        result.heuristic,
        result.elapsed_ms
    );
    for s in &plan.steps {
        out += &format!("  {} {} {} (cost {})\n", s.key, s.action, s.name, s.cost);
    }
    if plan.edges.is_empty() {
        out += "edges: none (the steps may run in any order)\n";
    } else {
        let edges: Vec<String> = plan.edges.iter().map(|e| format!("{} → {}", e.before, e.after)).collect();
        out += &format!("edges: {}\n", edges.join(", "));
    }
    if let Some(key) = saved {
        out += &format!("saved as draft plan {key}\n");
    }
    out
}
