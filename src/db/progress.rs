//! The progress query: each plan's current tasks (the newest task of each step) summed
//! up, with its planned effort.

use crate::domain::PlanStatus;
use crate::execution::PlanProgress;
use crate::Result;
use rusqlite::Connection;

/// Progress of one plan or of all of them (by key), each with its goal's id.
pub(crate) fn load_plan_progress(conn: &Connection, only: Option<i64>) -> Result<Vec<(i64, PlanProgress)>> {
    let mut stmt = conn.prepare_cached(
        "WITH current AS (
             SELECT max(t.id) AS id FROM tasks t JOIN plan_steps s ON s.id = t.step_id
             WHERE ?1 IS NULL OR s.plan_id = ?1 GROUP BY t.step_id),
         done AS (
             SELECT s.plan_id, count(*) AS tasks, sum(t.status = 'done') AS done_tasks, sum(t.effort) AS total,
                    sum(CASE WHEN t.status = 'done' THEN t.effort ELSE 0 END) AS done_effort
             FROM current c JOIN tasks t ON t.id = c.id JOIN plan_steps s ON s.id = t.step_id GROUP BY s.plan_id),
         planned AS (
             SELECT s.plan_id, sum(a.duration) AS effort FROM plan_steps s JOIN actions a ON a.id = s.action_id
             WHERE ?1 IS NULL OR s.plan_id = ?1 GROUP BY s.plan_id)
         SELECT p.goal_id, p.key, g.key, p.status, coalesce(d.tasks, 0), coalesce(d.done_tasks, 0),
                coalesce(d.total, 0.0), coalesce(d.done_effort, 0.0), coalesce(pl.effort, 0.0)
         FROM plans p JOIN goals g ON g.id = p.goal_id
         LEFT JOIN done d ON d.plan_id = p.id LEFT JOIN planned pl ON pl.plan_id = p.id
         WHERE ?1 IS NULL OR p.id = ?1 ORDER BY p.key",
    )?;
    let rows = stmt.query_map([only], |r| {
        let status: PlanStatus = r.get(3)?;
        let (tasks, done_tasks, total_effort, done_effort) = (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?);
        Ok((
            r.get(0)?,
            PlanProgress {
                plan: r.get(1)?,
                goal: r.get(2)?,
                status,
                tasks,
                done_tasks,
                total_effort,
                done_effort,
                planned_effort: r.get(8)?,
                progress: PlanProgress::fraction(status, tasks, done_tasks, total_effort, done_effort),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
