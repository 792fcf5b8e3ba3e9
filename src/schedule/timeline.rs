//! A plan's Gantt chart: every step as a bar at its earliest start with its slack after
//! it (from the critical path), what its task actually did once the plan runs, and where
//! the steps not done yet are expected to run from there.

use super::clock::{hours, key_order, parse, span, to_millis};
use crate::domain::{Action, Plan, PlanStatus, Task, TaskStatus};
use crate::planning::critical_path;
use crate::time_util::format_rfc3339;
use crate::Result;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// One step of a plan on the timeline. Every time is in hours from
/// [`PlanTimeline::origin`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StepBar {
    /// The step's key.
    pub step: String,
    /// The key of the step's action.
    pub action: String,
    /// The action's duration, in hours.
    pub duration: f64,
    /// Planned start: as soon as every step before it has finished (critical path).
    pub earliest_start: f64,
    /// `earliest_start + duration`.
    pub earliest_finish: f64,
    /// How long the step may slip without delaying the plan; drawn after the bar.
    pub slack: f64,
    /// Zero slack: the step is on a critical path.
    pub critical: bool,
    /// The step's current task (its newest), once the plan has started.
    pub task: Option<String>,
    /// That task's status.
    pub status: Option<TaskStatus>,
    /// When the task started, if it has.
    pub actual_start: Option<f64>,
    /// When the task was done, if it is.
    pub actual_finish: Option<f64>,
    /// Expected start: the actual one where there is one, otherwise once the steps
    /// before it are expected to finish, and not before now.
    pub projected_start: f64,
    /// Expected finish: the actual one for a done step; for a running step its start
    /// plus its duration, and not before now; otherwise `projected_start + duration`.
    pub projected_finish: f64,
}

/// A precedence edge of the plan, drawn as an arrow.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TimelineEdge {
    /// The step that must finish first.
    pub before: String,
    /// The step that starts after it.
    pub after: String,
    /// Both steps are critical and the second starts as the first finishes.
    pub critical: bool,
}

/// [`plan_timeline`]: one plan's Gantt chart. Semantics: docs/timeline.md.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanTimeline {
    /// The plan's key.
    pub plan: String,
    /// Hour 0 of every time here (RFC 3339 UTC): when the plan started, or `now` when it
    /// has not.
    pub origin: String,
    /// The plan has run: it is not a draft and some step has a task.
    pub started: bool,
    /// The time the timeline is for, in hours from the origin (where the "now" line goes).
    pub now: f64,
    /// The plan's length by its critical path, in hours: the planned finish.
    pub duration_hours: f64,
    /// When the last step is expected to finish, in hours from the origin.
    pub projected_finish: f64,
    /// The plan's deadline, in hours from the origin.
    pub deadline: Option<f64>,
    /// Every step, in an order that respects the edges (the critical path's order).
    pub steps: Vec<StepBar>,
    /// Every precedence edge, in the plan's order.
    pub edges: Vec<TimelineEdge>,
}

/// The timeline of `plan` at time `now`: `actions` must hold every action its steps use;
/// `tasks` may be any tasks (those made from the plan's steps are picked out, and the
/// newest task of each step counts, as in docs/execution.md). Fails as
/// [`critical_path`] does (an unknown action, an edge naming no step, a cycle).
pub fn plan_timeline(plan: &Plan, actions: &[Action], tasks: &[Task], now: OffsetDateTime) -> Result<PlanTimeline> {
    let cp = critical_path(plan, actions)?;
    let current = if plan.status == PlanStatus::Draft {
        HashMap::new()
    } else {
        current_tasks(plan, tasks)
    };
    let started = !current.is_empty();
    let now = to_millis(now);
    let origin = to_millis(
        current
            .values()
            .flat_map(|t| [parse(Some(&t.created_at)), parse(t.started_at.as_deref())])
            .flatten()
            .min()
            .map_or(now, |first| first.min(now)),
    );
    let at = |text: Option<&str>| parse(text).map(|t| hours(origin, t));
    let now_h = hours(origin, now);

    let mut preds: HashMap<&str, Vec<&str>> = HashMap::new();
    for edge in &plan.edges {
        preds.entry(edge.after.as_str()).or_default().push(edge.before.as_str());
    }
    let critical_edges: HashSet<(&str, &str)> = cp.critical_edges.iter().map(|e| (e.before.as_str(), e.after.as_str())).collect();
    let mut finish: HashMap<&str, f64> = HashMap::new();
    let mut steps = Vec::with_capacity(cp.steps.len());
    for s in &cp.steps {
        let duration = span(s.duration);
        let task = current.get(s.step.as_str()).copied();
        let actual_start = task.and_then(|t| at(t.started_at.as_deref()));
        let done = task.is_some_and(|t| t.status == TaskStatus::Done);
        let actual_finish = task.filter(|_| done).and_then(|t| at(t.completed_at.as_deref()));
        let ready = preds
            .get(s.step.as_str())
            .into_iter()
            .flatten()
            .filter_map(|p| finish.get(p))
            .fold(now_h, |a, &b| a.max(b));
        let (projected_start, projected_finish) = match task.map(|t| t.status) {
            Some(TaskStatus::Done) => {
                let end = actual_finish.unwrap_or(now_h);
                (actual_start.unwrap_or(end).min(end), end)
            }
            Some(TaskStatus::InProgress) => {
                let start = actual_start.unwrap_or(now_h);
                (start, (start + duration).max(now_h))
            }
            _ => (ready, ready + duration),
        };
        finish.insert(s.step.as_str(), projected_finish);
        steps.push(StepBar {
            step: s.step.clone(),
            action: s.action.clone(),
            duration,
            earliest_start: s.earliest_start,
            earliest_finish: s.earliest_finish,
            slack: s.slack,
            critical: s.critical,
            task: task.map(|t| t.key.clone()),
            status: task.map(|t| t.status),
            actual_start,
            actual_finish,
            projected_start,
            projected_finish,
        });
    }
    let edges = plan
        .edges
        .iter()
        .map(|e| TimelineEdge {
            before: e.before.clone(),
            after: e.after.clone(),
            critical: critical_edges.contains(&(e.before.as_str(), e.after.as_str())),
        })
        .collect();
    Ok(PlanTimeline {
        plan: plan.key.clone(),
        origin: format_rfc3339(origin),
        started,
        now: now_h,
        duration_hours: cp.duration_hours,
        projected_finish: steps.iter().map(|s| s.projected_finish).fold(0.0, f64::max),
        deadline: at(plan.fields.deadline.as_deref()),
        steps,
        edges,
    })
}

/// The newest task of each step of `plan`, by step key: latest `created_at`, then the
/// highest key in natural order (generated keys grow).
fn current_tasks<'t>(plan: &Plan, tasks: &'t [Task]) -> HashMap<&'t str, &'t Task> {
    let steps: HashSet<&str> = plan.steps.iter().map(|s| s.key.as_str()).collect();
    let mut current: HashMap<&'t str, &'t Task> = HashMap::new();
    for task in tasks {
        let Some(step) = task.fields.step.as_ref().filter(|r| r.plan == plan.key && steps.contains(r.step.as_str())) else {
            continue;
        };
        let newer = |old: &Task| {
            let created = |t: &Task| parse(Some(&t.created_at));
            created(task).cmp(&created(old)).then_with(|| key_order(&task.key, &old.key)).is_gt()
        };
        match current.get(step.step.as_str()) {
            Some(old) if !newer(old) => {}
            _ => {
                current.insert(step.step.as_str(), task);
            }
        }
    }
    current
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
