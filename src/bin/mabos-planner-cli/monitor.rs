//! `monitor [--json] [--now TIME]`: what needs attention in the workspace.

use crate::output::emit;
use anyhow::Result;
use mabos_planner::{time_util, MonitorReport, Store, TaskBrief};

#[derive(clap::Args)]
pub struct Args {
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
    /// The time to judge deadlines by (RFC 3339) [default: now]
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
}

pub fn run(store: &Store, args: Args) -> Result<()> {
    let now = args.now.unwrap_or_else(time_util::now_rfc3339);
    let report = store.monitor(&now)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&report)?));
    } else {
        emit(&text(&report));
    }
    Ok(())
}

fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

fn task_line(t: &TaskBrief) -> String {
    let assignee = t.assignee.as_deref().map(|a| format!(" @{a}")).unwrap_or_default();
    format!("{} {} [p{}, {} h{assignee}]", t.key, t.title, t.priority, t.effort)
}

fn text(r: &MonitorReport) -> String {
    let mut out = format!("at {}\n", r.at);
    out += &format!("active plans ({}):\n", r.active_plans.len());
    for p in &r.active_plans {
        out += &format!("  {} for {}: {} ({}/{} tasks, {} of {} h)\n", p.plan, p.goal, percent(p.progress), p.done_tasks, p.tasks, p.done_effort, p.total_effort);
    }
    out += &format!("ready ({}):\n", r.ready.len());
    for t in &r.ready {
        out += &format!("  {}\n", task_line(t));
    }
    out += &format!("blocked ({}):\n", r.blocked.len());
    for b in &r.blocked {
        let mut why = Vec::new();
        if !b.waiting_on.is_empty() {
            why.push(format!("waits on {}", b.waiting_on.join(", ")));
        }
        if b.marked_blocked {
            why.push("marked blocked".to_owned());
        }
        out += &format!("  {}: {}\n", task_line(&b.task), why.join("; "));
    }
    out += &format!("overdue ({}):\n", r.overdue.len());
    for t in &r.overdue {
        out += &format!("  {} due {} ({})\n", task_line(t), t.deadline.as_deref().unwrap_or_default(), t.status);
    }
    out += &format!("failed ({}):\n", r.failed.len());
    for t in &r.failed {
        out += &format!("  {}\n", task_line(t));
    }
    out += &format!("overloaded agents ({}):\n", r.overloaded.len());
    for a in &r.overloaded {
        out += &format!("  {} {}: {} h open over a capacity of {} h ({} tasks)\n", a.agent, a.name, a.workload, a.capacity, a.open_tasks);
    }
    out += "goals:\n";
    for g in &r.goals {
        out += &format!("  {} {} [{}]\n", g.goal, percent(g.progress), g.status);
    }
    out
}
