//! The monitoring report (read-only): active plans, ready, blocked, overdue and failed
//! tasks, overloaded agents, and goal progress, from a handful of whole-table queries.

use super::agents::OPEN;
use super::progress::{goal_progress_of, plan_progress_rows};
use super::Store;
use crate::domain::*;
use crate::execution::{AgentLoad, BlockedTask, MonitorReport, TaskBrief};
use crate::time_util::normalize_rfc3339;
use crate::{Entity, Error, Result};
use std::collections::HashMap;

impl Store {
    /// What needs attention at `now` (RFC 3339): a task is ready when it is to do and
    /// every task it depends on is done; blocked when it waits on unfinished tasks or
    /// was marked blocked; overdue when it is not done and its deadline is before `now`.
    pub fn monitor(&self, now: &str) -> Result<MonitorReport> {
        let at = normalize_rfc3339(now)
            .ok_or_else(|| Error::invalid(Entity::Workspace, "monitor", "now", format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {now:?}")))?;
        let conn = &self.conn;
        let mut waiting: HashMap<i64, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT x.task_id, d.key FROM task_dependencies x JOIN tasks t ON t.id = x.task_id JOIN tasks d ON d.id = x.depends_on_id
             WHERE t.status IN ('todo', 'blocked') AND d.status <> 'done' ORDER BY d.key",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (task, on) = row?;
            waiting.entry(task).or_default().push(on);
        }
        let plans = plan_progress_rows(conn, None)?;
        let goals = goal_progress_of(conn, &plans)?;
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
        let mut stmt = conn.prepare_cached(
            "SELECT t.id, t.key, t.title, t.status, t.priority, t.effort, t.deadline, a.key, p.key
             FROM tasks t LEFT JOIN agents a ON a.id = t.assignee_id
             LEFT JOIN plan_steps s ON s.id = t.step_id LEFT JOIN plans p ON p.id = s.plan_id
             WHERE t.status <> 'done' ORDER BY t.priority DESC, t.key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                TaskBrief {
                    key: r.get(1)?,
                    title: r.get(2)?,
                    status: r.get(3)?,
                    priority: r.get(4)?,
                    effort: r.get(5)?,
                    deadline: r.get(6)?,
                    assignee: r.get(7)?,
                    plan: r.get(8)?,
                },
            ))
        })?;
        for row in rows {
            let (id, task) = row?;
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
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT a.key, a.name, coalesce(sum(t.effort), 0.0) AS workload, a.capacity, count(t.id)
             FROM agents a LEFT JOIN tasks t ON t.assignee_id = a.id AND t.status IN {OPEN}
             GROUP BY a.id HAVING workload > a.capacity ORDER BY a.key"
        ))?;
        report.overloaded = stmt
            .query_map([], |r| Ok(AgentLoad { agent: r.get(0)?, name: r.get(1)?, workload: r.get(2)?, capacity: r.get(3)?, open_tasks: r.get(4)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(report)
    }
}
