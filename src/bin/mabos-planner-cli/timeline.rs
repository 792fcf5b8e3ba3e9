//! `timeline PLAN [--json] [--now TIME]`: a plan's Gantt chart as numbers: per step its
//! planned window and slack, what its task did, and where it is expected to run.

use crate::output::emit;
use anyhow::{Context, Result};
use mabos_planner::schedule::PlanTimeline;
use mabos_planner::Store;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(clap::Args)]
pub struct Args {
    /// The plan's key, e.g. P-STORE
    key: String,
    /// Print as JSON
    #[arg(long)]
    json: bool,
    /// The time of the "now" line (RFC 3339) [default: now]
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
}

pub fn run(store: &Store, args: Args) -> Result<()> {
    let timeline = store.plan_timeline(&args.key, now(args.now.as_deref())?)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&timeline)?));
    } else {
        emit(&text(&timeline));
    }
    Ok(())
}

/// `--now`, or the clock.
pub fn now(text: Option<&str>) -> Result<OffsetDateTime> {
    match text {
        Some(t) => OffsetDateTime::parse(t, &Rfc3339).with_context(|| format!("--now {t:?} is not an RFC 3339 time")),
        None => Ok(OffsetDateTime::now_utc()),
    }
}

/// Hours to one decimal, as the tables print them.
pub fn h(x: f64) -> String {
    format!("{:.1}", x)
}

fn text(t: &PlanTimeline) -> String {
    let mut out = format!(
        "plan {}: {} from {}; now at {} h; planned {} h, projected finish {} h",
        t.plan,
        if t.started { "started" } else { "not started, planned" },
        t.origin,
        h(t.now),
        h(t.duration_hours),
        h(t.projected_finish)
    );
    if let Some(d) = t.deadline {
        out += &format!(", deadline {} h", h(d));
    }
    out += "\n";
    let width = t.steps.iter().map(|s| s.step.len() + s.action.len() + 3).max().unwrap_or(0).max(4);
    out += &format!(
        "{:width$}  {:>7} {:>7} {:>7}  {:>7} {:>7}  {:>7} {:>7}  task\n",
        "step", "ES", "EF", "slack", "start", "finish", "proj.S", "proj.F"
    );
    let opt = |x: Option<f64>| x.map_or("-".to_owned(), h);
    for s in &t.steps {
        let task = match (&s.task, s.status) {
            (Some(k), Some(status)) => format!("{k} {status}"),
            _ => "-".to_owned(),
        };
        out += &format!(
            "{:width$}  {:>7} {:>7} {:>7}  {:>7} {:>7}  {:>7} {:>7}  {task}{}\n",
            format!("{} ({})", s.step, s.action),
            h(s.earliest_start),
            h(s.earliest_finish),
            h(s.slack),
            opt(s.actual_start),
            opt(s.actual_finish),
            h(s.projected_start),
            h(s.projected_finish),
            if s.critical { "  critical" } else { "" }
        );
    }
    let edges: Vec<String> = t
        .edges
        .iter()
        .map(|e| format!("{} → {}{}", e.before, e.after, if e.critical { " (critical)" } else { "" }))
        .collect();
    out += &format!("edges: {}\n", if edges.is_empty() { "none".to_owned() } else { edges.join(", ") });
    out
}
