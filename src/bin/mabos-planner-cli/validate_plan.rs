//! `validate-plan KEY [--state FILE] [--start TIME] [--json]`: the plan validation report,
//! as text or JSON; exit code 0 when the plan is valid, 1 when it is not.

use anyhow::{Context, Result};
use mabos_planner::planning::{PlanValidation, Reading, Supplier};
use mabos_planner::{Store, Value, WorldState};
use std::path::Path;
use std::process::ExitCode;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn run(store: &Store, key: &str, state: Option<&Path>, start: Option<&str>, json: bool) -> Result<ExitCode> {
    let state: Option<WorldState> = match state {
        Some(path) => {
            let text = mabos_planner::export::read_file(path)?;
            Some(serde_json::from_str(&text).with_context(|| format!("{}: a start state is a JSON object of facts, e.g. {{\"store.live\": true}}", path.display()))?)
        }
        None => None,
    };
    let start = start
        .map(|t| OffsetDateTime::parse(t, &Rfc3339).with_context(|| format!("--start must be an RFC 3339 time such as 2027-01-04T09:00:00Z, not {t:?}")))
        .transpose()?;
    let report = store.validate_plan(key, state.as_ref(), start)?;
    if json {
        super::output::emit(&format!("{}\n", serde_json::to_string_pretty(&report)?));
    } else {
        super::output::emit(&text(&report));
    }
    Ok(if report.valid { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn text(r: &PlanValidation) -> String {
    let mut out = format!("plan {} (goal {}): {}\n", r.plan, r.goal, if r.valid { "valid" } else { "INVALID" });
    out += &format!("  {} step(s), {} h on the critical path, cost {}", r.steps, r.duration_hours, r.total_cost);
    if let Some(b) = &r.budget {
        out += &format!(" of a budget of {}{}", b.budget, if b.over { " — OVER BUDGET" } else { "" });
    }
    out += "\n";
    if let Some(d) = &r.deadline {
        let finish = d.finish.as_deref().unwrap_or("after the year 9999");
        out += &format!("  started {} it finishes {}; deadline {}{}\n", d.start, finish, d.deadline, if d.late { " — LATE" } else { "" });
    }
    let facts: Vec<String> = r.start_state.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    let origin = if r.state_given { "given" } else { "from the plan's preconditions" };
    out += &format!("  start state ({origin}): {}\n", if facts.is_empty() { "no facts".into() } else { facts.join(", ") });
    section(&mut out, "missing actions", r.missing_actions.iter().map(|m| format!("{} uses {}, which is not in the library", m.step, m.action)));
    section(&mut out, "plan preconditions the given state does not meet", r.unmet_preconditions.iter().map(|c| format!("{}: {}", c.condition, readings(&c.readings))));
    section(&mut out, "broken preconditions", r.broken_steps.iter().map(|c| format!("{} ({}) needs {}: {}", c.step, c.action, c.condition, readings(&c.readings))));
    section(&mut out, "unmet postconditions", r.unmet_postconditions.iter().map(|u| format!("{} {}: {}: {}", u.owner, u.key, u.condition, readings(&u.readings))));
    section(&mut out, "constraint violations", r.constraint_violations.iter().map(|c| format!("{}: {}", c.condition, readings(&c.readings))));
    section(&mut out, "causal links", r.causal_links.iter().map(|c| format!("{} ({}) needs {}: {}", c.step, c.action, c.condition, readings(&c.readings))));
    out
}

fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if !lines.is_empty() {
        *out += &format!("{title}:\n");
        for line in lines {
            *out += &format!("  {line}\n");
        }
    }
}

/// `from S2: "open"; from S3: "closed" (fails)`.
fn readings(list: &[Reading]) -> String {
    let one = |r: &Reading| {
        let from = match &r.from {
            Supplier::Start => "the start state".to_owned(),
            Supplier::Step { step } => step.clone(),
        };
        let value = r.value.as_ref().map_or("absent".to_owned(), Value::to_string);
        format!("from {from}: {value}{}", if r.holds { "" } else { " (fails)" })
    };
    list.iter().map(one).collect::<Vec<_>>().join("; ")
}
