//! Progress queries: per plan, and per goal rolled up the tree (read-only).

use super::rows::id_of;
use super::Store;
use crate::domain::*;
use crate::execution::{roll_up, GoalInput, GoalProgress, PlanInput, PlanProgress};
use crate::{Entity, Result};
use rusqlite::Connection;
use std::collections::HashMap;

impl Store {
    /// One plan's progress over its current tasks (the newest task of each step).
    pub fn plan_progress(&self, key: &str) -> Result<PlanProgress> {
        let id = id_of(&self.conn, Entity::Plan, key)?;
        Ok(plan_progress_rows(&self.conn, Some(id))?.remove(0).1)
    }

    /// The progress of every goal, by key: achieved goals 1, a goal with plans its best
    /// plan, a goal with sub-goals their effort-weighted mean (AND) or the best one (OR),
    /// whichever is higher. docs/execution.md has the rules.
    pub fn goal_progress(&self) -> Result<Vec<GoalProgress>> {
        goal_progress(&self.conn)
    }
}

/// Progress of one plan or of all of them (by key), each with its goal's id.
pub(crate) fn plan_progress_rows(conn: &Connection, only: Option<i64>) -> Result<Vec<(i64, PlanProgress)>> {
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

pub(crate) fn goal_progress(conn: &Connection) -> Result<Vec<GoalProgress>> {
    goal_progress_of(conn, &plan_progress_rows(conn, None)?)
}

/// Goal progress from plan progress already read (`plan_progress_rows` of all plans).
pub(crate) fn goal_progress_of(conn: &Connection, plans: &[(i64, PlanProgress)]) -> Result<Vec<GoalProgress>> {
    let rows: Vec<(i64, String, GoalStatus, Refinement, Option<i64>)> = conn
        .prepare_cached("SELECT id, key, status, refinement, parent_id FROM goals ORDER BY key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, row)| (row.0, i)).collect();
    let mut goals: Vec<GoalInput> = rows
        .into_iter()
        .map(|(_, key, status, refinement, parent)| GoalInput { key, status, refinement, parent: parent.map(|p| index[&p]), plans: Vec::new() })
        .collect();
    // Abandoned and failed plans will not progress any further: they do not count.
    for (goal_id, p) in plans {
        if !matches!(p.status, PlanStatus::Abandoned | PlanStatus::Failed) {
            goals[index[goal_id]].plans.push(PlanInput { effort: p.weight(), key: p.plan.clone(), progress: p.progress });
        }
    }
    Ok(roll_up(&goals))
}
