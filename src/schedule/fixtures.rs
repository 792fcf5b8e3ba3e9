//! Workspaces for the schedule tests, one line of text per agent or task.

use crate::domain::{Agent, AgentFields, StepRef, Task, TaskFields, TaskStatus};
use crate::time_util::format_rfc3339;
use time::macros::datetime;
use time::OffsetDateTime;

pub(crate) const NOW: OffsetDateTime = datetime!(2027-01-01 12:00 UTC);

/// `now ± hours` as RFC 3339.
pub(crate) fn at(h: f64) -> String {
    format_rfc3339(NOW + time::Duration::seconds_f64(h * 3600.0))
}

/// `"AG-1 4"` is an active agent of capacity 4; `"AG-2 4 inactive"` an inactive one.
pub(crate) fn agents(spec: &str) -> Vec<Agent> {
    spec.split(';')
        .map(str::split_whitespace)
        .filter_map(|mut words| {
            let key = words.next()?;
            let mut fields = AgentFields::named(key, words.next().map_or(0.0, |c| c.parse().unwrap()));
            fields.active = words.next() != Some("inactive");
            Some(Agent {
                key: key.to_owned(),
                fields,
                workload: 0.0,
                open_tasks: 0,
            })
        })
        .collect()
}

/// One task per `;`: `T-1 @AG-1 todo 2h p7 due+3 after:T-2,T-3 from-2 to-1 made-4 S2`:
/// key, assignee, status, effort, priority, deadline, dependencies, started_at,
/// completed_at and created_at (hours from now), and the step of plan `P-T` it was made
/// from. All but the key are optional (todo, 1 h, p5, made now).
pub(crate) fn tasks(spec: &str) -> Vec<Task> {
    spec.split(';')
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            let key = words.next().unwrap().to_owned();
            let mut task = Task {
                key: key.clone(),
                fields: TaskFields::titled(&key, 1.0),
                status: TaskStatus::Todo,
                assignee: None,
                depends_on: Vec::new(),
                requires: Vec::new(),
                created_at: at(0.0),
                started_at: None,
                completed_at: None,
            };
            for w in words {
                let num = |prefix: &str| w[prefix.len()..].parse::<f64>().unwrap();
                if let Some(a) = w.strip_prefix('@') {
                    task.assignee = Some(a.to_owned());
                } else if let Some(e) = w.strip_suffix('h') {
                    task.fields.effort = e.parse().unwrap();
                } else if let Some(p) = w.strip_prefix('p') {
                    task.fields.priority = p.parse().unwrap();
                } else if w.starts_with("due") {
                    task.fields.deadline = Some(at(num("due")));
                } else if let Some(d) = w.strip_prefix("after:") {
                    task.depends_on = d.split(',').map(str::to_owned).collect();
                } else if w.starts_with("made") {
                    task.created_at = at(num("made"));
                } else if w.starts_with('S') {
                    task.fields.step = Some(StepRef {
                        plan: "P-T".to_owned(),
                        step: w.to_owned(),
                    });
                } else if w.starts_with("from") {
                    task.started_at = Some(at(num("from")));
                } else if w.starts_with("to") && !w.starts_with("todo") {
                    task.completed_at = Some(at(num("to")));
                } else {
                    task.status = TaskStatus::parse(w).unwrap_or_else(|| panic!("unknown word {w}"));
                }
            }
            task
        })
        .collect()
}
