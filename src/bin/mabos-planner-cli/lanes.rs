//! `lanes [--json] [--now TIME]`: each active agent's tasks over time, scheduled one at
//! a time from their dependencies, with overload and unschedulable tasks.

use crate::output::emit;
use crate::timeline::{h, now};
use anyhow::Result;
use mabos_planner::schedule::{AgentLanes, OverloadKind, TaskBar, UnscheduledReason};
use mabos_planner::Store;

#[derive(clap::Args)]
pub struct Args {
    /// Print as JSON
    #[arg(long)]
    json: bool,
    /// The time of the "now" line (RFC 3339) [default: now]
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
}

pub fn run(store: &Store, args: Args) -> Result<()> {
    let lanes = store.agent_lanes(now(args.now.as_deref())?)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&lanes)?));
    } else {
        emit(&text(&lanes));
    }
    Ok(())
}

fn bar(b: &TaskBar) -> String {
    let late = match b.deadline {
        Some(d) if b.finish > d && b.status.is_open() => format!(", late by {} h", h(b.finish - d)),
        _ => String::new(),
    };
    format!(
        "    {:>7} – {:>7}  {} {} [{}, p{}, {} h{late}]\n",
        h(b.start),
        h(b.finish),
        b.task,
        b.title,
        b.status,
        b.priority,
        b.effort
    )
}

fn text(l: &AgentLanes) -> String {
    let mut out = format!("lanes from {}; now at {} h; open work ends at {} h\n", l.origin, h(l.now), h(l.finish));
    for lane in &l.lanes {
        out += &format!("{} {} (workload {} of capacity {} h):\n", lane.agent, lane.name, lane.workload, lane.capacity);
        for b in &lane.bars {
            out += &bar(b);
        }
        for o in &lane.overloads {
            let why = match &o.kind {
                OverloadKind::OverCapacity { open_effort, capacity } => format!("over capacity ({open_effort} h open, capacity {capacity} h)"),
                OverloadKind::PastDeadline { task } => format!("{task} past its deadline"),
                OverloadKind::Simultaneous { tasks } => format!("{} in progress at once", tasks.join(" and ")),
            };
            out += &format!("  overloaded {} – {} h: {why}\n", h(o.start), h(o.finish));
        }
    }
    if !l.unassigned.is_empty() {
        out += "no agent:\n";
        for b in &l.unassigned {
            out += &bar(b);
        }
    }
    if !l.unscheduled.is_empty() {
        out += "cannot be scheduled:\n";
        for u in &l.unscheduled {
            let why = match &u.reason {
                UnscheduledReason::MissingDependency { dependency } => format!("depends on {dependency}, which does not exist"),
                UnscheduledReason::Cycle { cycle } => format!("on a dependency cycle: {}", cycle.join(", ")),
                UnscheduledReason::FailedDependency { dependency } => format!("waits on {dependency}, which failed"),
                UnscheduledReason::WaitsOn { dependency } => format!("waits on {dependency}, which cannot be scheduled"),
            };
            out += &format!("  {}: {why}\n", u.task);
        }
    }
    out
}
