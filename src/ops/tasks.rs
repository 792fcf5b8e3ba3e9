//! Tasks: status, assignment (with the capability rules), dependencies (a DAG), and the
//! task reads.
//!
//! Invariant kept by every gesture: an open task's assignee is active and holds every
//! capability the task requires at the required level.

use super::{assignments, execution, task_status, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::rows::{id_of, keys_of};
use crate::db::tasks::{TaskRead, TaskRow};
use crate::domain::*;
use crate::time_util::now_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;

/// Creates a task in `todo`, unassigned.
pub(crate) fn create(conn: &Connection, key: Option<&str>, fields: &TaskFields) -> Result<(Task, Change)> {
    let key = new_key(conn, Entity::Task, key)?;
    let (deadline, goal_id, step_id) = resolve(conn, &key, fields)?;
    let now = now_rfc3339();
    let row = TaskRow {
        key: &key,
        fields,
        deadline: deadline.as_deref(),
        goal_id,
        step_id,
        status: TaskStatus::Todo,
        assignee: None,
        created_at: &now,
        started_at: None,
        completed_at: None,
    };
    db::tasks::insert(conn, &row)?;
    let task = load(conn, &key)?;
    Ok((task.clone(), Change::new(Entity::Task, &key, "created", json!(task))))
}

/// A task's fields checked, and its goal and step resolved to ids.
fn resolve(conn: &Connection, key: &str, f: &TaskFields) -> Result<(Option<String>, Option<i64>, Option<i64>)> {
    let deadline = f.validate(key)?;
    let goal_id = f.goal.as_deref().map(|g| id_of(conn, Entity::Goal, g)).transpose()?;
    let step_id = f.step.as_ref().map(|s| db::plans::step_id(conn, &s.plan, &s.step)).transpose()?;
    Ok((deadline, goal_id, step_id))
}

/// Replaces a task's own fields (not its status, assignee or dependencies).
pub(crate) fn update(conn: &Connection, key: &str, fields: &TaskFields) -> Result<(Task, Change)> {
    let id = id_of(conn, Entity::Task, key)?;
    let (deadline, goal_id, step_id) = resolve(conn, key, fields)?;
    db::tasks::update_fields(conn, id, fields, deadline.as_deref(), goal_id, step_id)?;
    assignments::recheck(conn, id)?;
    let task = load(conn, key)?;
    Ok((task.clone(), Change::new(Entity::Task, key, "updated", json!(task))))
}

/// Moves a task to `status`; finishing a task made from a plan step also runs plan
/// execution (effects, plan completion).
pub(crate) fn set_status(conn: &Connection, key: &str, status: TaskStatus) -> Result<(Task, Change)> {
    let (id, from) = task_status::write(conn, key, status)?;
    if status == TaskStatus::Done {
        execution::after_task_done(conn, id)?;
    }
    let task = load(conn, key)?;
    Ok((task, Change::new(Entity::Task, key, "status_changed", json!({ "from": from, "to": status }))))
}

/// Assigns a task to `agent`, or unassigns it with `None`. Refused when the agent is
/// inactive or lacks a required capability, and for tasks already done.
pub(crate) fn assign(conn: &Connection, key: &str, agent: Option<&str>) -> Result<(Task, Change)> {
    let agent_id = agent.map(|a| id_of(conn, Entity::Agent, a)).transpose()?;
    let id = assignable(conn, key, agent_id)?;
    db::tasks::set_assignee(conn, id, agent_id)?;
    let task = load(conn, key)?;
    Ok((task, Change::new(Entity::Task, key, "assigned", json!({ "assignee": agent }))))
}

/// The id of task `key` when its assignee may become `agent` (an agent id, or `None` to
/// unassign): the task exists, is not done, and the agent may hold it
/// ([`assignments::check`]). Writes nothing; every assignment gesture asks it first.
pub(crate) fn assignable(conn: &Connection, key: &str, agent: Option<i64>) -> Result<i64> {
    let (id, status, _) = db::tasks::status_of(conn, key)?.ok_or_else(|| Error::not_found(Entity::Task, key))?;
    if status == TaskStatus::Done {
        return Err(Error::invalid(Entity::Task, key, "assignee", "cannot change: the task is done"));
    }
    if let Some(agent) = agent {
        assignments::check(conn, id, agent)?;
    }
    Ok(id)
}

/// Records that `task` cannot start before `depends_on` is done; refused when it closes
/// a cycle, or when a started task would wait on unfinished work.
pub(crate) fn add_dependency(conn: &Connection, task: &str, depends_on: &str) -> Result<((), Change)> {
    let from = id_of(conn, Entity::Task, task)?;
    let to = id_of(conn, Entity::Task, depends_on)?;
    let (from_status, to_status) = db::tasks::statuses_of(conn, from, to)?;
    if matches!(from_status, TaskStatus::InProgress | TaskStatus::Done) && to_status != TaskStatus::Done {
        return Err(Error::invalid(
            Entity::Task,
            task,
            "depends_on",
            format!("cannot wait on {depends_on} ({to_status}): the task is already {from_status}"),
        ));
    }
    if let Some(back) = path(to, from, |n| db::tasks::dependencies_of(conn, n))? {
        let mut ids = vec![from];
        ids.extend(back);
        return Err(Error::Cycle { entity: Entity::Task, relation: "dependencies", cycle: keys_of(conn, Entity::Task, &ids)? });
    }
    db::tasks::insert_dependency(conn, from, to)?;
    Ok(((), Change::new(Entity::Task, task, "dependency_added", json!({ "depends_on": depends_on }))))
}

pub(crate) fn remove_dependency(conn: &Connection, task: &str, depends_on: &str) -> Result<((), Change)> {
    let from = id_of(conn, Entity::Task, task)?;
    let to = id_of(conn, Entity::Task, depends_on)?;
    db::tasks::delete_dependency(conn, from, to)?;
    Ok(((), Change::new(Entity::Task, task, "dependency_removed", json!({ "depends_on": depends_on }))))
}

/// Deletes a task and its dependency links in both directions.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<((), Change)> {
    let id = id_of(conn, Entity::Task, key)?;
    db::tasks::delete(conn, id)?;
    Ok(((), Change::new(Entity::Task, key, "deleted", json!({}))))
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<Task> {
    complete(conn, db::tasks::load(conn, key)?)
}

/// Tasks matching `filter`, most important first, then by key.
pub(crate) fn load_filtered(conn: &Connection, filter: &TaskFilter) -> Result<Vec<Task>> {
    db::tasks::load_filtered(conn, filter)?.into_iter().map(|read| complete(conn, read)).collect()
}

/// A task read with its dependencies and its step's requirements.
fn complete(conn: &Connection, (id, action, mut task): TaskRead) -> Result<Task> {
    task.depends_on = db::tasks::dependency_keys(conn, id)?;
    if let Some(action) = action {
        task.requires = db::actions::requirements(conn, action)?;
    }
    Ok(task)
}

/// The tasks one agent holds, open or not, with the agent and its workload.
pub(crate) fn agent_column(conn: &Connection, agent: &str) -> Result<(Agent, Vec<Task>)> {
    let agent = db::agents::load(conn, agent)?;
    let tasks = load_filtered(conn, &TaskFilter { assignee: Some(Some(agent.key.clone())), ..Default::default() })?;
    Ok((agent, tasks))
}
