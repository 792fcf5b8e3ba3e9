//! `start-plan KEY`: a draft plan becomes active and its steps become tasks.

use crate::output::emit;
use anyhow::Result;
use mabos_planner::Store;

#[derive(clap::Args)]
pub struct Args {
    /// The plan's key, e.g. P-STORE
    key: String,
}

pub fn run(store: &mut Store, args: Args) -> Result<()> {
    let start = store.start_plan(&args.key)?;
    let mut out = format!("started {}: goal {} is {}\n", start.plan, start.goal, start.goal_status);
    out += &format!("tasks: {}\n", start.tasks.join(", "));
    out += &format!("ready: {}\n", start.ready.join(", "));
    for c in &start.unmet_preconditions {
        out += &format!("warning: precondition {c} does not hold in the recorded world state\n");
    }
    emit(&out);
    Ok(())
}
