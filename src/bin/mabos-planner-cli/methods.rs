//! `methods`: the HTN methods, per goal in the order decomposition tries them.

use crate::output::emit;
use anyhow::Result;
use mabos_planner::htn::{Method, SubtaskKind};
use mabos_planner::Store;

#[derive(clap::Args)]
pub struct Args {
    /// Only the methods of this goal
    #[arg(long, value_name = "GOAL")]
    goal: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, args: Args) -> Result<()> {
    let mut methods = store.methods(args.goal.as_deref())?;
    methods.sort_by(|a, b| a.goal.cmp(&b.goal).then(b.fields.priority.cmp(&a.fields.priority)).then(a.key.cmp(&b.key)));
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&methods)?));
    } else {
        emit(&methods.iter().map(line).collect::<String>());
    }
    Ok(())
}

/// `M-2 for G-PAY [p5, ordered] Certify, then integrate cards: goal G-PCI, action A-SETUP-PAY`
fn line(m: &Method) -> String {
    let f = &m.fields;
    let subtasks: Vec<String> = f
        .subtasks
        .iter()
        .map(|s| format!("{} {}", if s.kind == SubtaskKind::Goal { "goal" } else { "action" }, s.key))
        .collect();
    let when: Vec<String> = f.conditions.iter().map(ToString::to_string).collect();
    let when = if when.is_empty() { String::new() } else { format!(" when {}", when.join(" and ")) };
    let order = if f.ordered { "ordered" } else { "unordered" };
    format!("{} for {} [p{}, {order}] {}{when}: {}\n", m.key, m.goal, f.priority, f.name, if subtasks.is_empty() { "nothing".into() } else { subtasks.join(", ") })
}
