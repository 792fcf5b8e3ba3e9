//! `task-fail KEY`: marks a task failed and lists its repair options.

use crate::output::emit;
use crate::repair::proposal_text;
use anyhow::Result;
use mabos_planner::{Error, Store, TaskStatus};

#[derive(clap::Args)]
pub struct Args {
    /// The task's key, e.g. T-12
    key: String,
}

pub fn run(store: &mut Store, args: Args) -> Result<()> {
    store.set_task_status(&args.key, TaskStatus::Failed)?;
    let mut out = format!("{} failed\n", args.key);
    match store.repair_options(&args.key) {
        Ok(proposal) => out += &proposal_text(&proposal),
        // Not every failed task can be repaired (no step, plan not active): say why.
        Err(e @ (Error::Invalid { .. } | Error::NoRepair { .. })) => out += &format!("no repair: {e}\n"),
        Err(e) => return Err(e.into()),
    }
    emit(&out);
    Ok(())
}
