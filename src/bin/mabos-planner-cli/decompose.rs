//! `decompose`: a goal's HTN decomposition, printed, and with `--save` stored as a plan.

use crate::output::emit;
use anyhow::{Context, Result};
use mabos_planner::htn::{Decomposition, Node, Part};
use mabos_planner::{check_fact_key, Error, Store, WorldState};
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The goal's key
    goal: String,
    /// The world state to start from: a JSON object of facts, {"stock.days": 12, "region": "eu"} [default: empty]
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Save the decomposition as a new draft plan (one undoable step)
    #[arg(long)]
    save: bool,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

impl Args {
    /// Only `--save` writes.
    pub fn writes(&self) -> bool {
        self.save
    }
}

pub fn run(store: &mut Store, args: Args) -> Result<()> {
    let state = match &args.state {
        Some(path) => read_state(path)?,
        None => WorldState::new(),
    };
    let result = if args.save {
        store.plan_from_decomposition(&args.goal, &state, None).map(|saved| {
            if args.json {
                to_json(&saved)
            } else {
                let p = &saved.plan;
                format!("{}saved plan {} for goal {}: {} steps, {} edges\n", tree_text(&saved.decomposition), p.key, p.goal, p.steps.len(), p.edges.len())
            }
        })
    } else {
        store.decompose_goal(&args.goal, &state).map(|d| if args.json { to_json(&d) } else { tree_text(&d) })
    };
    match result {
        Ok(text) => {
            emit(&text);
            Ok(())
        }
        // The whole explanation, not just its first line.
        Err(Error::NotDecomposable { goal, failure }) => {
            anyhow::bail!("goal {goal} cannot be decomposed:\n{}", failure.explain().trim_end())
        }
        Err(e) => Err(e.into()),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    format!("{}\n", serde_json::to_string_pretty(value).expect("decompositions serialise"))
}

fn read_state(path: &Path) -> Result<WorldState> {
    let text = mabos_planner::export::read_file(path)?;
    let state: WorldState = serde_json::from_str(&text)
        .with_context(|| format!("{}: a world state is a JSON object of facts (true, numbers or texts)", path.display()))?;
    for key in state.keys() {
        check_fact_key(key).map_err(|reason| anyhow::anyhow!("{}: fact {key:?}: key {reason}", path.display()))?;
    }
    Ok(state)
}

/// The tree of choices, then the actions in order with what each waits for.
fn tree_text(d: &Decomposition) -> String {
    let mut out = String::new();
    node_text(&d.tree, 0, &mut out);
    let _ = writeln!(out, "{} actions:", d.actions.len());
    for (i, action) in d.actions.iter().enumerate() {
        let after: Vec<String> = d.edges.iter().filter(|e| e.1 == i).map(|e| (e.0 + 1).to_string()).collect();
        let after = if after.is_empty() { String::new() } else { format!(" (after {})", after.join(", ")) };
        let _ = writeln!(out, "  {}. {action}{after}", i + 1);
    }
    out
}

fn node_text(node: &Node, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}goal {} by method {}{}", node.goal, node.method, if node.ordered { "" } else { " (unordered)" });
    for s in &node.skipped {
        let _ = writeln!(out, "{pad}  skipped {}: {}", s.method, s.failure.summary());
    }
    for p in &node.parts {
        match p {
            Part::Action { step, action } => {
                let _ = writeln!(out, "{pad}  {}. {action}", step + 1);
            }
            Part::Goal { node } => node_text(node, depth + 1, out),
        }
    }
}
