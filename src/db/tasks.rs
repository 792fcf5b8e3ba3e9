//! SQL of `tasks` and `task_dependencies`.

use super::rows::{id_of, Json, OPEN};
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The columns [`task_row`] reads, and the joins they need.
const COLUMNS: &str = "t.id, s.action_id, t.key, t.title, t.description, t.priority, t.deadline, t.effort, g.key, p.key, s.key,
                       t.status, a.key, t.created_at, t.started_at, t.completed_at";
const FROM: &str = "FROM tasks t LEFT JOIN goals g ON g.id = t.goal_id LEFT JOIN plan_steps s ON s.id = t.step_id
                    LEFT JOIN plans p ON p.id = s.plan_id LEFT JOIN agents a ON a.id = t.assignee_id";

/// A task as read, with its id and its step's action (for the requirements); its
/// dependencies and requirements are still empty.
pub(crate) type TaskRead = (i64, Option<i64>, Task);

fn task_row(r: &Row<'_>) -> rusqlite::Result<TaskRead> {
    let plan: Option<String> = r.get(9)?;
    let step: Option<String> = r.get(10)?;
    let fields = TaskFields {
        title: r.get(3)?,
        description: r.get(4)?,
        priority: r.get(5)?,
        deadline: r.get(6)?,
        effort: r.get(7)?,
        goal: r.get(8)?,
        step: plan.zip(step).map(|(plan, step)| StepRef { plan, step }),
    };
    let task = Task {
        key: r.get(2)?,
        fields,
        status: r.get(11)?,
        assignee: r.get(12)?,
        depends_on: Vec::new(),
        requires: Vec::new(),
        created_at: r.get(13)?,
        started_at: r.get(14)?,
        completed_at: r.get(15)?,
    };
    Ok((r.get(0)?, r.get(1)?, task))
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<TaskRead> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE t.key = ?1"))?
        .query_row([key], task_row)
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Task, key))
}

/// Tasks matching `filter`, most important first, then by key. The WHERE clause names
/// only the filters in use, so that SQLite can pick the index each one needs
/// (`tasks_assignee_status` for an agent's column on the board).
pub(crate) fn load_filtered(conn: &Connection, filter: &TaskFilter) -> Result<Vec<TaskRead>> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(plan) = &filter.plan {
        clauses.push("s.plan_id = ?");
        values.push(id_of(conn, Entity::Plan, plan)?.into());
    }
    if let Some(goal) = &filter.goal {
        clauses.push("t.goal_id = ?");
        values.push(id_of(conn, Entity::Goal, goal)?.into());
    }
    if let Some(status) = filter.status {
        clauses.push("t.status = ?");
        values.push(status.as_str().to_owned().into());
    }
    match &filter.assignee {
        None => {}
        Some(None) => clauses.push("t.assignee_id IS NULL"),
        Some(Some(agent)) => {
            clauses.push("t.assignee_id = ?");
            values.push(id_of(conn, Entity::Agent, agent)?.into());
        }
    }
    let filter_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    let sql = format!("SELECT {COLUMNS} {FROM} {filter_sql} ORDER BY t.priority DESC, t.key");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), task_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The keys of the tasks `task` depends on, sorted.
pub(crate) fn dependency_keys(conn: &Connection, task: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT d.key FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id WHERE x.task_id = ?1 ORDER BY d.key")?;
    let keys = stmt.query_map([task], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// A task row as written: fields checked, references resolved to ids.
pub(crate) struct TaskRow<'a> {
    pub key: &'a str,
    pub fields: &'a TaskFields,
    pub deadline: Option<&'a str>,
    pub goal_id: Option<i64>,
    pub step_id: Option<i64>,
    pub status: TaskStatus,
    pub assignee: Option<i64>,
    pub created_at: &'a str,
    pub started_at: Option<&'a str>,
    pub completed_at: Option<&'a str>,
}

pub(crate) fn insert(conn: &Connection, t: &TaskRow<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tasks (id, key, title, description, status, priority, deadline, effort, step_id, goal_id, assignee_id,
                            created_at, started_at, completed_at)
         VALUES (max(coalesce((SELECT max(id) FROM tasks), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'tasks'), 0)) + 1,
                 ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        t.key,
        t.fields.title,
        t.fields.description,
        t.status,
        t.fields.priority,
        t.deadline,
        t.fields.effort,
        t.step_id,
        t.goal_id,
        t.assignee,
        t.created_at,
        t.started_at,
        t.completed_at
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update_fields(conn: &Connection, id: i64, f: &TaskFields, deadline: Option<&str>, goal_id: Option<i64>, step_id: Option<i64>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE tasks SET title = ?2, description = ?3, priority = ?4, deadline = ?5, effort = ?6,
         goal_id = ?7, step_id = ?8 WHERE id = ?1",
    )?
    .execute(params![id, f.title, f.description, f.priority, deadline, f.effort, goal_id, step_id])?;
    Ok(())
}

/// The id, status and start time of the task with `key`.
pub(crate) fn status_of(conn: &Connection, key: &str) -> Result<Option<(i64, TaskStatus, Option<String>)>> {
    Ok(conn
        .prepare_cached("SELECT id, status, started_at FROM tasks WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

pub(crate) fn set_status(conn: &Connection, id: i64, status: TaskStatus, started: Option<&str>, completed: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET status = ?2, started_at = ?3, completed_at = ?4 WHERE id = ?1")?
        .execute(params![id, status, started, completed])?;
    Ok(())
}

/// The statuses of two tasks.
pub(crate) fn statuses_of(conn: &Connection, a: i64, b: i64) -> Result<(TaskStatus, TaskStatus)> {
    Ok(conn
        .prepare_cached("SELECT a.status, b.status FROM tasks a, tasks b WHERE a.id = ?1 AND b.id = ?2")?
        .query_row([a, b], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub(crate) fn key_of(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.prepare_cached("SELECT key FROM tasks WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
}

pub(crate) fn set_assignee(conn: &Connection, id: i64, agent: Option<i64>) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET assignee_id = ?2 WHERE id = ?1")?.execute(params![id, agent])?;
    Ok(())
}

/// The tasks `task` waits on that are not done, by key.
pub(crate) fn unfinished_dependencies(conn: &Connection, task: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.key FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id
         WHERE x.task_id = ?1 AND d.status <> 'done' ORDER BY d.key",
    )?;
    let keys = stmt.query_map([task], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// The tasks `task` depends on directly.
pub(crate) fn dependencies_of(conn: &Connection, task: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT depends_on_id FROM task_dependencies WHERE task_id = ?1")?;
    let ids = stmt.query_map([task], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The tasks that depend on `task` directly.
pub(crate) fn dependents_of(conn: &Connection, task: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT task_id FROM task_dependencies WHERE depends_on_id = ?1")?;
    let ids = stmt.query_map([task], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Adds `task → depends_on` (once); the caller has checked it closes no cycle.
pub(crate) fn insert_dependency(conn: &Connection, task: i64, depends_on: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO task_dependencies (task_id, depends_on_id) VALUES (?1, ?2)")?.execute([task, depends_on])?;
    Ok(())
}

pub(crate) fn delete_dependency(conn: &Connection, task: i64, depends_on: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM task_dependencies WHERE task_id = ?1 AND depends_on_id = ?2")?.execute([task, depends_on])?;
    Ok(())
}

/// Removes every dependency on `task` (the links from the tasks waiting on it).
pub(crate) fn delete_dependents(conn: &Connection, task: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM task_dependencies WHERE depends_on_id = ?1")?.execute([task])?;
    Ok(())
}

/// Gives `to` the dependencies of `from`, and makes the tasks that wait on `from` wait on
/// `to` too.
pub(crate) fn copy_links(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) SELECT ?2, depends_on_id FROM task_dependencies WHERE task_id = ?1")?
        .execute([from, to])?;
    conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) SELECT task_id, ?2 FROM task_dependencies WHERE depends_on_id = ?1")?
        .execute([from, to])?;
    Ok(())
}

/// Deletes a task with its dependency links in both directions.
pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM task_dependencies WHERE task_id = ?1 OR depends_on_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM tasks WHERE id = ?1")?.execute([id])?;
    Ok(())
}

/// Whether every task `task` depends on is done.
pub(crate) fn is_ready(conn: &Connection, task: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT NOT EXISTS (SELECT 1 FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id WHERE x.task_id = ?1 AND d.status <> 'done')",
        )?
        .query_row([task], |r| r.get(0))?)
}

/// The tasks waiting on `task` that are to do and wait on nothing else unfinished, by key.
pub(crate) fn now_ready_after(conn: &Connection, task: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.key FROM task_dependencies x JOIN tasks t ON t.id = x.task_id
         WHERE x.depends_on_id = ?1 AND t.status = 'todo' AND NOT EXISTS (
             SELECT 1 FROM task_dependencies y JOIN tasks d ON d.id = y.depends_on_id WHERE y.task_id = t.id AND d.status <> 'done')
         ORDER BY t.key",
    )?;
    let keys = stmt.query_map([task], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// A finished task's key, its plan (id and status) and its step's action effects.
pub(crate) type DoneRow = (String, Option<(i64, PlanStatus)>, Option<Vec<Effect>>);

pub(crate) fn load_done_row(conn: &Connection, task: i64) -> Result<DoneRow> {
    Ok(conn
        .prepare_cached(
            "SELECT t.key, s.plan_id, p.status, a.effects FROM tasks t LEFT JOIN plan_steps s ON s.id = t.step_id
             LEFT JOIN plans p ON p.id = s.plan_id LEFT JOIN actions a ON a.id = s.action_id WHERE t.id = ?1",
        )?
        .query_row([task], |r| {
            let plan = r.get::<_, Option<i64>>(1)?.zip(r.get::<_, Option<PlanStatus>>(2)?);
            let effects: Option<Json<Vec<Effect>>> = r.get(3)?;
            Ok((r.get(0)?, plan, effects.map(|Json(e)| e)))
        })?)
}

/// Whether the newest task of every step of the plan that has one is done (and there is one).
pub(crate) fn all_current_done(conn: &Connection, plan: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(t.status = 'done'), 0) FROM plan_steps s
             JOIN tasks t ON t.id = (SELECT max(id) FROM tasks WHERE step_id = s.id) WHERE s.plan_id = ?1",
        )?
        .query_row([plan], |r| Ok(r.get::<_, i64>(0)? > 0 && r.get::<_, i64>(0)? == r.get::<_, i64>(1)?))?)
}

/// The open tasks made from the plan's steps, by key.
pub(crate) fn open_keys_of_plan(conn: &Connection, plan: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.key FROM tasks t JOIN plan_steps s ON s.id = t.step_id WHERE s.plan_id = ?1 AND t.status IN {OPEN} ORDER BY t.key"
    ))?;
    let keys = stmt.query_map([plan], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// A task's id, status, step and the newest task of that step.
pub(crate) type StepTaskRow = (i64, TaskStatus, Option<i64>, Option<i64>);

pub(crate) fn load_step_task(conn: &Connection, key: &str) -> Result<Option<StepTaskRow>> {
    Ok(conn
        .prepare_cached("SELECT id, status, step_id, (SELECT max(id) FROM tasks n WHERE n.step_id = t.step_id) FROM tasks t WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

/// The task's assignee, when it has one and the task is open.
pub(crate) fn open_assignee(conn: &Connection, task: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT assignee_id FROM tasks WHERE id = ?1 AND status IN {OPEN}"))?
        .query_row([task], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The task's and the agent's keys, and whether the agent is active.
pub(crate) fn assignment_parties(conn: &Connection, task: i64, agent: i64) -> Result<(String, String, bool)> {
    Ok(conn
        .prepare_cached("SELECT t.key, a.key, a.active FROM tasks t, agents a WHERE t.id = ?1 AND a.id = ?2")?
        .query_row([task, agent], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// The first capability (by name) the task requires that the agent lacks or holds below
/// the level: (capability, required level, level held).
pub(crate) fn capability_gap(conn: &Connection, task: i64, agent: i64) -> Result<Option<(String, u8, Option<u8>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.name, x.min_level, h.level
             FROM tasks t JOIN plan_steps s ON s.id = t.step_id
             JOIN action_capabilities x ON x.action_id = s.action_id JOIN capabilities c ON c.id = x.capability_id
             LEFT JOIN agent_capabilities h ON h.agent_id = ?2 AND h.capability_id = x.capability_id
             WHERE t.id = ?1 AND (h.level IS NULL OR h.level < x.min_level)
             ORDER BY c.name LIMIT 1",
        )?
        .query_row([task, agent], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// [`capability_gap`] for a task not written yet, made from step `step`.
pub(crate) fn step_capability_gap(conn: &Connection, step: i64, agent: i64) -> Result<Option<(String, u8, Option<u8>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.name, x.min_level, h.level
             FROM plan_steps s JOIN action_capabilities x ON x.action_id = s.action_id JOIN capabilities c ON c.id = x.capability_id
             LEFT JOIN agent_capabilities h ON h.agent_id = ?2 AND h.capability_id = x.capability_id
             WHERE s.id = ?1 AND (h.level IS NULL OR h.level < x.min_level)
             ORDER BY c.name LIMIT 1",
        )?
        .query_row([step, agent], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Tasks whose assignment a change re-checks, by key: those an agent holds, the assigned
/// ones made from an action's steps, or from one step.
pub(crate) enum Holders {
    Agent(i64),
    Action(i64),
    Step(i64),
}

pub(crate) fn assigned_ids(conn: &Connection, holders: Holders) -> Result<Vec<i64>> {
    let (sql, id) = match holders {
        Holders::Agent(id) => ("SELECT id FROM tasks WHERE assignee_id = ?1 ORDER BY key", id),
        Holders::Action(id) => (
            "SELECT t.id FROM tasks t JOIN plan_steps s ON s.id = t.step_id WHERE s.action_id = ?1 AND t.assignee_id IS NOT NULL ORDER BY t.key",
            id,
        ),
        Holders::Step(id) => ("SELECT id FROM tasks WHERE step_id = ?1 AND assignee_id IS NOT NULL ORDER BY key", id),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Every open, assigned task as (task, agent).
pub(crate) fn open_assignments(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT id, assignee_id FROM tasks WHERE assignee_id IS NOT NULL AND status IN {OPEN}"))?;
    let pairs = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(pairs)
}

/// The keys of the tasks an agent holds; then they are unassigned.
pub(crate) fn release_all_of(conn: &Connection, agent: i64) -> Result<Vec<String>> {
    let released =
        conn.prepare_cached("SELECT key FROM tasks WHERE assignee_id = ?1 ORDER BY key")?.query_map([agent], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    conn.prepare_cached("UPDATE tasks SET assignee_id = NULL WHERE assignee_id = ?1")?.execute([agent])?;
    Ok(released)
}

/// Detaches tasks from a goal that is going away.
pub(crate) fn detach_from_goal(conn: &Connection, goal: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET goal_id = NULL WHERE goal_id = ?1")?.execute([goal])?;
    Ok(())
}

/// Detaches tasks from a step that is going away.
pub(crate) fn detach_from_step(conn: &Connection, step: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET step_id = NULL WHERE step_id = ?1")?.execute([step])?;
    Ok(())
}

/// Detaches tasks from every step of a plan that is going away.
pub(crate) fn detach_from_plan(conn: &Connection, plan: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET step_id = NULL WHERE step_id IN (SELECT id FROM plan_steps WHERE plan_id = ?1)")?.execute([plan])?;
    Ok(())
}

/// The tasks of a goal, directly or through its plans' steps, by key.
pub(crate) fn keys_of_goal(conn: &Connection, goal: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key FROM tasks WHERE goal_id = ?1
         UNION SELECT t.key FROM tasks t JOIN plan_steps s ON s.id = t.step_id JOIN plans p ON p.id = s.plan_id WHERE p.goal_id = ?1",
    )?;
    let keys = stmt.query_map([goal], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// An assignment round's view of one task: id, status, assignee and effort.
pub(crate) type OfferRow = (i64, TaskStatus, Option<String>, f64);

pub(crate) fn load_offer_row(conn: &Connection, key: &str) -> Result<Option<OfferRow>> {
    Ok(conn
        .prepare_cached("SELECT t.id, t.status, a.key, t.effort FROM tasks t LEFT JOIN agents a ON a.id = t.assignee_id WHERE t.key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}
