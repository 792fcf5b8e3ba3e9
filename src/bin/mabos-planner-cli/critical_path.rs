//! `critical-path KEY [--json]`: each step's earliest and latest start and finish, its
//! slack, and the critical steps and edges.

use anyhow::Result;
use mabos_planner::planning::CriticalPath;
use mabos_planner::Store;

pub fn run(store: &Store, key: &str, json: bool) -> Result<()> {
    let path = store.critical_path(key)?;
    if json {
        super::output::emit(&format!("{}\n", serde_json::to_string_pretty(&path)?));
    } else {
        super::output::emit(&text(&path));
    }
    Ok(())
}

fn text(p: &CriticalPath) -> String {
    let mut out = format!("plan {}: {} h, cost {}\n", p.plan, p.duration_hours, p.total_cost);
    let edges: Vec<String> = p.critical_edges.iter().map(|e| format!("{} → {}", e.before, e.after)).collect();
    out += &format!("critical steps: {}\n", if p.critical_steps.is_empty() { "none".into() } else { p.critical_steps.join(", ") });
    out += &format!("critical edges: {}\n", if edges.is_empty() { "none".into() } else { edges.join(", ") });
    if p.steps.is_empty() {
        return out;
    }
    let width = p.steps.iter().map(|s| s.step.len() + s.action.len() + 3).max().unwrap_or(0).max(4);
    out += &format!("{:width$}  {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "step", "hours", "ES", "EF", "LS", "LF", "slack");
    for s in &p.steps {
        out += &format!(
            "{:width$}  {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}{}\n",
            format!("{} ({})", s.step, s.action),
            s.duration,
            s.earliest_start,
            s.earliest_finish,
            s.latest_start,
            s.latest_finish,
            s.slack,
            if s.critical { "  critical" } else { "" }
        );
    }
    out
}
