//! `task-done KEY`: finishes a task and says what followed (facts, ready tasks, plan).

use crate::output::emit;
use anyhow::Result;
use mabos_planner::{GoalOutcome, Store};

#[derive(clap::Args)]
pub struct Args {
    /// The task's key, e.g. T-12
    key: String,
}

pub fn run(store: &mut Store, args: Args) -> Result<()> {
    let done = store.complete_task(&args.key)?;
    let mut out = format!("{} done\n", done.task);
    for f in &done.facts {
        match &f.before {
            Some(before) => out += &format!("fact {} = {} (was {before})\n", f.key, f.after),
            None => out += &format!("fact {} = {}\n", f.key, f.after),
        }
    }
    if !done.now_ready.is_empty() {
        out += &format!("now ready: {}\n", done.now_ready.join(", "));
    }
    if let Some(p) = &done.plan_completed {
        out += &format!("plan {} completed; ", p.plan);
        out += &match &p.goal_outcome {
            GoalOutcome::Achieved { from } => format!("goal {} achieved (was {from})\n", p.goal),
            GoalOutcome::ConditionsUnmet { status, unmet } => {
                let unmet: Vec<String> = unmet.iter().map(ToString::to_string).collect();
                format!("goal {} stays {status}: not holding: {}\n", p.goal, unmet.join(", "))
            }
            GoalOutcome::LeftAsIs { status } => format!("goal {} left {status}\n", p.goal),
        };
    }
    emit(&out);
    Ok(())
}
