//! The monitoring report (read only): active plans, ready, blocked, overdue and failed
//! tasks, overloaded agents, and goal progress, from a handful of whole-table queries.

use super::progress;
use crate::db;
use crate::domain::{Entity, PlanStatus, TaskStatus};
use crate::execution::{BlockedTask, MonitorReport};
use crate::time_util::normalize_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;

/// What needs attention at `now` (RFC 3339): a task is ready when it is to do and every
/// task it depends on is done; blocked when it waits on unfinished tasks or was marked
/// blocked; overdue when it is not done and its deadline is before `now`.
pub(crate) fn report(conn: &Connection, now: &str) -> Result<MonitorReport> {
    let at = normalize_rfc3339(now)
        .ok_or_else(|| Error::invalid(Entity::Workspace, "monitor", "now", format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {now:?}")))?;
    let mut waiting = db::monitor::load_waiting(conn)?;
    let plans = db::progress::load_plan_progress(conn, None)?;
    let goals = progress::of_goals_with(conn, &plans)?;
    let mut report = MonitorReport {
        at,
        active_plans: plans.into_iter().map(|(_, p)| p).filter(|p| p.status == PlanStatus::Active).collect(),
        ready: Vec::new(),
        blocked: Vec::new(),
        overdue: Vec::new(),
        failed: Vec::new(),
        overloaded: Vec::new(),
        goals,
    };
    for (id, task) in db::monitor::load_open_briefs(conn)? {
        if task.deadline.as_deref().is_some_and(|d| d < report.at.as_str()) {
            report.overdue.push(task.clone());
        }
        let waiting_on = waiting.remove(&id).unwrap_or_default();
        match task.status {
            TaskStatus::Failed => report.failed.push(task),
            TaskStatus::Todo if waiting_on.is_empty() => report.ready.push(task),
            TaskStatus::Todo | TaskStatus::Blocked => {
                let marked_blocked = task.status == TaskStatus::Blocked;
                report.blocked.push(BlockedTask { task, waiting_on, marked_blocked });
            }
            TaskStatus::InProgress | TaskStatus::Done => {}
        }
    }
    report.overloaded = db::agents::load_overloaded(conn)?;
    Ok(report)
}
