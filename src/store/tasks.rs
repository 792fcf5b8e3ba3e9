//! Tasks: status, assignment (with the capability rules), dependencies (a DAG).
//!
//! Invariant kept by every gesture: an open task's assignee is active and holds every
//! capability the task requires at the required level.

use super::actions::requirements;
use super::agents::OPEN;
use super::gesture::Change;
use super::graph_check::path;
use super::keys::new_key;
use super::plans::step_id;
use super::rows::{check, check_deadline, id_of, keys_of};
use super::Store;
use crate::domain::*;
use crate::time_util::now_rfc3339;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;

impl Store {
    /// Creates a task in `todo`, unassigned.
    pub fn create_task(&mut self, key: Option<&str>, fields: &TaskFields) -> Result<Task> {
        self.gesture(|conn| {
            let key = new_key(conn, Entity::Task, key)?;
            let row = TaskRow::new(conn, &key, fields)?;
            let now = now_rfc3339();
            let state = TaskState { status: TaskStatus::Todo, assignee: None, created_at: &now, started_at: None, completed_at: None };
            insert_task(conn, &key, fields, &row, &state)?;
            let task = load_task(conn, &key)?;
            Ok((task.clone(), Change::new(Entity::Task, &key, "created", json!(task))))
        })
    }

    /// Replaces a task's own fields (not its status, assignee or dependencies).
    pub fn update_task(&mut self, key: &str, fields: &TaskFields) -> Result<Task> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Task, key)?;
            let row = TaskRow::new(conn, key, fields)?;
            conn.prepare_cached(
                "UPDATE tasks SET title = ?2, description = ?3, priority = ?4, deadline = ?5, effort = ?6,
                 goal_id = ?7, step_id = ?8 WHERE id = ?1",
            )?
            .execute(params![id, fields.title, fields.description, fields.priority, row.deadline, fields.effort, row.goal_id, row.step_id])?;
            check_open_assignment(conn, id)?;
            let task = load_task(conn, key)?;
            Ok((task.clone(), Change::new(Entity::Task, key, "updated", json!(task))))
        })
    }

    /// Moves a task to `status`. Starting or finishing it needs every task it depends on
    /// done; the start and completion times follow the status. Finishing a task made
    /// from a plan step also runs plan execution (effects, plan completion; see
    /// [`Store::complete_task`], which reports what that did).
    pub fn set_task_status(&mut self, key: &str, status: TaskStatus) -> Result<Task> {
        self.gesture(|conn| {
            let (id, from) = write_task_status(conn, key, status)?;
            if status == TaskStatus::Done {
                super::execution::after_task_done(conn, id)?;
            }
            let task = load_task(conn, key)?;
            Ok((task, Change::new(Entity::Task, key, "status_changed", json!({ "from": from, "to": status }))))
        })
    }

    /// Assigns a task to `agent`, or unassigns it with `None`. Refused when the agent is
    /// inactive or lacks a required capability (the error names it and the level), and
    /// for tasks already done.
    pub fn assign_task(&mut self, key: &str, agent: Option<&str>) -> Result<Task> {
        self.gesture(|conn| {
            let (id, status): (i64, TaskStatus) = conn
                .query_row("SELECT id, status FROM tasks WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| Error::not_found(Entity::Task, key))?;
            if status == TaskStatus::Done {
                return Err(Error::invalid(Entity::Task, key, "assignee", "cannot change: the task is done"));
            }
            let agent_id = agent.map(|a| id_of(conn, Entity::Agent, a)).transpose()?;
            if let Some(agent_id) = agent_id {
                check_assignment(conn, id, agent_id)?;
            }
            conn.execute("UPDATE tasks SET assignee_id = ?2 WHERE id = ?1", params![id, agent_id])?;
            let task = load_task(conn, key)?;
            Ok((task, Change::new(Entity::Task, key, "assigned", json!({ "assignee": agent }))))
        })
    }

    /// Records that `task` cannot start before `depends_on` is done. Refused when it
    /// would close a cycle; the error carries the cycle.
    pub fn add_task_dependency(&mut self, task: &str, depends_on: &str) -> Result<()> {
        self.gesture(|conn| {
            let from = id_of(conn, Entity::Task, task)?;
            let to = id_of(conn, Entity::Task, depends_on)?;
            // A started or finished task cannot begin to wait on unfinished work.
            let (from_status, to_status): (TaskStatus, TaskStatus) = conn.query_row(
                "SELECT a.status, b.status FROM tasks a, tasks b WHERE a.id = ?1 AND b.id = ?2",
                [from, to],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if matches!(from_status, TaskStatus::InProgress | TaskStatus::Done) && to_status != TaskStatus::Done {
                return Err(Error::invalid(
                    Entity::Task,
                    task,
                    "depends_on",
                    format!("cannot wait on {depends_on} ({to_status}): the task is already {from_status}"),
                ));
            }
            insert_task_dependency(conn, from, to)?;
            Ok(((), Change::new(Entity::Task, task, "dependency_added", json!({ "depends_on": depends_on }))))
        })
    }

    pub fn remove_task_dependency(&mut self, task: &str, depends_on: &str) -> Result<()> {
        self.gesture(|conn| {
            let from = id_of(conn, Entity::Task, task)?;
            let to = id_of(conn, Entity::Task, depends_on)?;
            conn.execute("DELETE FROM task_dependencies WHERE task_id = ?1 AND depends_on_id = ?2", [from, to])?;
            Ok(((), Change::new(Entity::Task, task, "dependency_removed", json!({ "depends_on": depends_on }))))
        })
    }

    /// Deletes a task and its dependency links in both directions.
    pub fn delete_task(&mut self, key: &str) -> Result<()> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Task, key)?;
            conn.execute("DELETE FROM task_dependencies WHERE task_id = ?1 OR depends_on_id = ?1", [id])?;
            conn.execute("DELETE FROM tasks WHERE id = ?1", [id])?;
            Ok(((), Change::new(Entity::Task, key, "deleted", json!({}))))
        })
    }

    pub fn task(&self, key: &str) -> Result<Task> {
        load_task(&self.conn, key)
    }

    /// Tasks matching `filter`, most important first, then by key. The WHERE clause
    /// names only the filters in use, so that SQLite can pick the index each one needs
    /// (`tasks_assignee_status` for an agent's column on the board).
    pub fn tasks(&self, filter: &TaskFilter) -> Result<Vec<Task>> {
        let conn = &self.conn;
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
        let rows: Vec<(i64, Option<i64>, Task)> =
            stmt.query_map(rusqlite::params_from_iter(values), task_row)?.collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|(id, action, task)| complete(conn, id, action, task)).collect()
    }

    /// The tasks one agent holds, open or not, with the agent and its workload: a
    /// column of the task board.
    pub fn agent_tasks(&self, agent: &str) -> Result<(Agent, Vec<Task>)> {
        let agent = super::agents::load_agent(&self.conn, agent)?;
        let tasks = self.tasks(&TaskFilter { assignee: Some(Some(agent.key.clone())), ..Default::default() })?;
        Ok((agent, tasks))
    }
}

const COLUMNS: &str = "t.id, s.action_id, t.key, t.title, t.description, t.priority, t.deadline, t.effort, g.key, p.key, s.key,
                       t.status, a.key, t.created_at, t.started_at, t.completed_at";
const FROM: &str = "FROM tasks t LEFT JOIN goals g ON g.id = t.goal_id LEFT JOIN plan_steps s ON s.id = t.step_id
                    LEFT JOIN plans p ON p.id = s.plan_id LEFT JOIN agents a ON a.id = t.assignee_id";

fn task_row(r: &Row<'_>) -> rusqlite::Result<(i64, Option<i64>, Task)> {
    let plan: Option<String> = r.get(9)?;
    let step: Option<String> = r.get(10)?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        Task {
            key: r.get(2)?,
            fields: TaskFields {
                title: r.get(3)?,
                description: r.get(4)?,
                priority: r.get(5)?,
                deadline: r.get(6)?,
                effort: r.get(7)?,
                goal: r.get(8)?,
                step: plan.zip(step).map(|(plan, step)| StepRef { plan, step }),
            },
            status: r.get(11)?,
            assignee: r.get(12)?,
            depends_on: Vec::new(),
            requires: Vec::new(),
            created_at: r.get(13)?,
            started_at: r.get(14)?,
            completed_at: r.get(15)?,
        },
    ))
}

fn complete(conn: &Connection, id: i64, action: Option<i64>, mut task: Task) -> Result<Task> {
    task.depends_on = conn
        .prepare_cached("SELECT d.key FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id WHERE x.task_id = ?1 ORDER BY d.key")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(action) = action {
        task.requires = requirements(conn, action)?;
    }
    Ok(task)
}

pub(crate) fn load_task(conn: &Connection, key: &str) -> Result<Task> {
    let (id, action, task) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE t.key = ?1"))?
        .query_row([key], task_row)
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Task, key))?;
    complete(conn, id, action, task)
}

/// A task's fields checked and resolved to ids.
pub(crate) struct TaskRow {
    pub deadline: Option<String>,
    pub goal_id: Option<i64>,
    pub step_id: Option<i64>,
}

impl TaskRow {
    pub fn new(conn: &Connection, key: &str, f: &TaskFields) -> Result<TaskRow> {
        check(Entity::Task, key, "title", check_not_blank(&f.title))?;
        check(Entity::Task, key, "priority", check_priority(f.priority))?;
        check(Entity::Task, key, "effort", check_non_negative(f.effort))?;
        let deadline = check_deadline(Entity::Task, key, &f.deadline)?;
        let goal_id = f.goal.as_deref().map(|g| id_of(conn, Entity::Goal, g)).transpose()?;
        let step_id = f.step.as_ref().map(|s| step_id(conn, &s.plan, &s.step)).transpose()?;
        Ok(TaskRow { deadline, goal_id, step_id })
    }
}

/// Where a task stands when it is written: new tasks start in todo, unassigned;
/// imported ones keep what the file says.
pub(crate) struct TaskState<'a> {
    pub status: TaskStatus,
    pub assignee: Option<i64>,
    pub created_at: &'a str,
    pub started_at: Option<&'a str>,
    pub completed_at: Option<&'a str>,
}

pub(crate) fn insert_task(conn: &Connection, key: &str, f: &TaskFields, row: &TaskRow, state: &TaskState<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tasks (key, title, description, status, priority, deadline, effort, step_id, goal_id, assignee_id,
                            created_at, started_at, completed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        key,
        f.title,
        f.description,
        state.status,
        f.priority,
        row.deadline,
        f.effort,
        row.step_id,
        row.goal_id,
        state.assignee,
        state.created_at,
        state.started_at,
        state.completed_at
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Moves a task to `status` after checking the transition and its dependencies; returns
/// its id and former status.
pub(crate) fn write_task_status(conn: &Connection, key: &str, status: TaskStatus) -> Result<(i64, TaskStatus)> {
    let (id, from, started): (i64, TaskStatus, Option<String>) = conn
        .query_row("SELECT id, status, started_at FROM tasks WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Task, key))?;
    if !from.can_become(status) {
        return Err(Error::InvalidTransition { entity: Entity::Task, key: key.into(), from: from.to_string(), to: status.to_string() });
    }
    if matches!(status, TaskStatus::InProgress | TaskStatus::Done) {
        let waiting_on: Vec<String> = conn
            .prepare_cached(
                "SELECT d.key FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id
                 WHERE x.task_id = ?1 AND d.status <> 'done' ORDER BY d.key",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if !waiting_on.is_empty() {
            return Err(Error::TaskWaiting { task: key.into(), waiting_on });
        }
    }
    let now = now_rfc3339();
    let started = match status {
        TaskStatus::InProgress | TaskStatus::Done => started.or(Some(now.clone())),
        _ => started,
    };
    let completed = (status == TaskStatus::Done).then_some(now);
    conn.prepare_cached("UPDATE tasks SET status = ?2, started_at = ?3, completed_at = ?4 WHERE id = ?1")?
        .execute(params![id, status, started, completed])?;
    check_open_assignment(conn, id)?;
    Ok((id, from))
}

/// Adds `task → depends_on` unless it closes a cycle.
pub(crate) fn insert_task_dependency(conn: &Connection, task: i64, depends_on: i64) -> Result<()> {
    let mut next = conn.prepare_cached("SELECT depends_on_id FROM task_dependencies WHERE task_id = ?1")?;
    let found = path(depends_on, task, |n| Ok(next.query_map([n], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?))?;
    if let Some(back) = found {
        let mut ids = vec![task];
        ids.extend(back);
        return Err(Error::Cycle { entity: Entity::Task, relation: "dependencies", cycle: keys_of(conn, Entity::Task, &ids)? });
    }
    conn.prepare_cached("INSERT OR IGNORE INTO task_dependencies (task_id, depends_on_id) VALUES (?1, ?2)")?
        .execute([task, depends_on])?;
    Ok(())
}

/// Whether `agent` may hold `task`: active, and every required capability at its level.
pub(crate) fn check_assignment(conn: &Connection, task: i64, agent: i64) -> Result<()> {
    let (task_key, agent_key, active): (String, String, bool) = conn.query_row(
        "SELECT t.key, a.key, a.active FROM tasks t, agents a WHERE t.id = ?1 AND a.id = ?2",
        [task, agent],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if !active {
        return Err(Error::AgentInactive { task: task_key, agent: agent_key });
    }
    let mut gaps = conn.prepare_cached(
        "SELECT c.name, x.min_level, h.level
         FROM tasks t JOIN plan_steps s ON s.id = t.step_id
         JOIN action_capabilities x ON x.action_id = s.action_id JOIN capabilities c ON c.id = x.capability_id
         LEFT JOIN agent_capabilities h ON h.agent_id = ?2 AND h.capability_id = x.capability_id
         WHERE t.id = ?1 AND (h.level IS NULL OR h.level < x.min_level)
         ORDER BY c.name LIMIT 1",
    )?;
    let gap = gaps.query_row([task, agent], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?, r.get::<_, Option<u8>>(2)?))).optional()?;
    match gap {
        Some((capability, required, held)) => Err(Error::MissingCapability { task: task_key, agent: agent_key, capability, required, held }),
        None => Ok(()),
    }
}

/// Re-checks a task's assignment when it is open and assigned.
fn check_open_assignment(conn: &Connection, task: i64) -> Result<()> {
    let agent: Option<i64> = conn
        .prepare_cached(&format!("SELECT assignee_id FROM tasks WHERE id = ?1 AND status IN {OPEN}"))?
        .query_row([task], |r| r.get(0))
        .optional()?
        .flatten();
    match agent {
        Some(agent) => check_assignment(conn, task, agent),
        None => Ok(()),
    }
}

fn check_open_assignments(conn: &Connection, sql_task_ids: &str, id: i64) -> Result<()> {
    let tasks: Vec<i64> = conn.prepare_cached(sql_task_ids)?.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    tasks.into_iter().try_for_each(|t| check_open_assignment(conn, t))
}

pub(crate) fn check_open_assignments_of_agent(conn: &Connection, agent: i64) -> Result<()> {
    check_open_assignments(conn, "SELECT id FROM tasks WHERE assignee_id = ?1 ORDER BY key", agent)
}

pub(crate) fn check_open_assignments_of_action(conn: &Connection, action: i64) -> Result<()> {
    check_open_assignments(
        conn,
        "SELECT t.id FROM tasks t JOIN plan_steps s ON s.id = t.step_id WHERE s.action_id = ?1 AND t.assignee_id IS NOT NULL ORDER BY t.key",
        action,
    )
}

pub(crate) fn check_open_assignments_of_step(conn: &Connection, step: i64) -> Result<()> {
    check_open_assignments(conn, "SELECT id FROM tasks WHERE step_id = ?1 AND assignee_id IS NOT NULL ORDER BY key", step)
}
