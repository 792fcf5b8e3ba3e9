//! Gestures on a selection: many tasks onto one agent, one edit on many goals, many
//! plan steps removed. Each is one gesture (one event, one undo step) and applies the
//! rules of the single gesture it repeats, by calling it; none has rules of its own
//! besides the size of the selection ([`MAX_BULK_KEYS`]).

use super::{goals, plans, tasks, Change};
use crate::db;
use crate::db::rows::id_of;
use crate::domain::*;
use crate::{Error, Result, MAX_IMPORT_PROBLEMS};
use rusqlite::Connection;
use serde_json::json;
use std::collections::HashSet;

/// Assigns every task of `keys` the agent may hold to `agent` (or, with `None`,
/// unassigns every task not done), and leaves each other one as it was, reported with the single assignment's reason (the capability it lacks, the
/// task done, the agent inactive, an unknown key). Refused, changing nothing, when no
/// task can be assigned: with the single assignment's own error for one key, with
/// [`Error::NoneAssigned`] for more. A key named twice counts once.
pub(crate) fn assign(conn: &Connection, keys: &[String], agent: Option<&str>) -> Result<(BulkAssignment, Change)> {
    let keys = selection(Entity::Task, keys)?;
    let agent_id = agent.map(|a| id_of(conn, Entity::Agent, a)).transpose()?;
    let mut assigned = Vec::new();
    let mut refused = Vec::new();
    let mut errors = Vec::new();
    for key in keys {
        match tasks::assignable(conn, key, agent_id) {
            Ok(id) => {
                db::tasks::set_assignee(conn, id, agent_id)?;
                assigned.push(key.to_owned());
            }
            Err(e) if is_refusal(&e) => {
                refused.push(refusal(key, &e));
                errors.push(e);
            }
            Err(e) => return Err(e),
        }
    }
    if assigned.is_empty() {
        return Err(match errors.len() {
            1 => errors.remove(0),
            _ => Error::NoneAssigned { agent: agent.map(str::to_owned), refused },
        });
    }
    let change = Change::new(Entity::Task, &assigned[0], "assigned", json!({ "assignee": agent, "tasks": assigned, "refused": refused.iter().map(|r| &r.task).collect::<Vec<_>>() }));
    Ok((BulkAssignment { agent: agent.map(str::to_owned), assigned, refused }, change))
}

/// Sets `edit`'s fields on every goal of `keys`: all of them or, when any goal would
/// break a rule (its status life cycle, a cycle in the tree, the priority range, an
/// unknown key), none. One such goal is refused with its own error, which names it;
/// several with [`Error::SelectionRefused`], naming each goal and field. Per goal the
/// parent moves first, then the status, then the priority, each by its single gesture.
pub(crate) fn edit_goals(conn: &Connection, keys: &[String], edit: &GoalBulkEdit) -> Result<(Vec<String>, Change)> {
    let keys = selection(Entity::Goal, keys)?;
    // An unknown parent is the edit's fault, not each goal's: refused once.
    if let Some(NewParent::Under(parent)) = &edit.parent {
        id_of(conn, Entity::Goal, parent)?;
    }
    let mut refused = Vec::new();
    for key in &keys {
        // The writes of the goals before a refused one roll back with the gesture.
        match edit_goal(conn, key, edit) {
            Ok(()) => {}
            Err(e) if goal_field(&e).is_some() => refused.push(e),
            Err(e) => return Err(e),
        }
    }
    if refused.len() == 1 {
        return Err(refused.remove(0));
    }
    if !refused.is_empty() {
        let truncated = refused.len() > MAX_IMPORT_PROBLEMS;
        let problems = refused.iter().take(MAX_IMPORT_PROBLEMS).map(problem).collect();
        return Err(Error::SelectionRefused { entity: Entity::Goal, problems, truncated });
    }
    let keys: Vec<String> = keys.into_iter().map(str::to_owned).collect();
    let change = Change::new(Entity::Goal, &keys[0], "bulk_edited", json!({ "goals": keys, "edit": edit }));
    Ok((keys, change))
}

/// One goal's part of [`edit_goals`]: its first refusal, if any.
fn edit_goal(conn: &Connection, key: &str, edit: &GoalBulkEdit) -> Result<()> {
    match &edit.parent {
        None => {}
        Some(NewParent::Root) => drop(goals::move_to(conn, key, None)?),
        Some(NewParent::Under(parent)) => drop(goals::move_to(conn, key, Some(parent))?),
    }
    if let Some(status) = edit.status {
        let (_, from) = db::goals::status_of(conn, key)?.ok_or_else(|| Error::not_found(Entity::Goal, key))?;
        // A goal already there is left alone: only a move the life cycle forbids is refused.
        if from != status {
            goals::set_status(conn, key, status)?;
        }
    }
    if let Some(priority) = edit.priority {
        goals::set_priority(conn, key, priority)?;
    }
    Ok(())
}

/// The field of the bulk edit a single goal gesture's refusal is about; `None` for an
/// error that is not about the goal (the database), which refuses the whole edit.
fn goal_field(error: &Error) -> Option<&str> {
    match error {
        Error::InvalidTransition { .. } => Some("status"),
        Error::Cycle { .. } => Some("parent"),
        Error::Invalid { field, .. } => Some(field),
        Error::NotFound { entity: Entity::Goal, .. } => Some("key"),
        _ => None,
    }
}

/// A goal's refusal as one problem of [`Error::SelectionRefused`], keyed by the goal.
fn problem(error: &Error) -> SelectionProblem {
    let key = match error {
        Error::InvalidTransition { key, .. } | Error::Invalid { key, .. } | Error::NotFound { key, .. } => key.clone(),
        // A cycle's last key is the goal that was moved.
        Error::Cycle { cycle, .. } => cycle.last().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    SelectionProblem { key, field: goal_field(error).unwrap_or_default().to_owned(), message: error.to_string() }
}

/// Removes the steps `steps` of `plan`, each as [`plans::remove_step`] does (the tasks
/// made from it stay, detached): all of them, or none when one key names no step.
pub(crate) fn remove_steps(conn: &Connection, plan: &str, steps: &[String]) -> Result<(Vec<String>, Change)> {
    let steps = selection(Entity::Step, steps)?;
    id_of(conn, Entity::Plan, plan)?;
    for step in &steps {
        plans::remove_step(conn, plan, step)?;
    }
    let steps: Vec<String> = steps.into_iter().map(str::to_owned).collect();
    let change = Change::new(Entity::Plan, plan, "steps_removed", json!({ "steps": steps }));
    Ok((steps, change))
}

/// The keys of a selection, each once, in the order first named; refused when empty or
/// longer than [`MAX_BULK_KEYS`] (counted before duplicates are dropped, so that the
/// bound holds for what arrives).
fn selection(entity: Entity, keys: &[String]) -> Result<Vec<&str>> {
    if keys.is_empty() {
        return Err(Error::NothingSelected { entity });
    }
    if keys.len() > MAX_BULK_KEYS {
        return Err(Error::TooManyKeys { entity, count: keys.len(), max: MAX_BULK_KEYS });
    }
    let mut seen = HashSet::with_capacity(keys.len());
    Ok(keys.iter().map(String::as_str).filter(|k| seen.insert(*k)).collect())
}

/// Whether a single assignment's error is about the task or the pair (so the other tasks
/// may still go), rather than about the database.
fn is_refusal(error: &Error) -> bool {
    matches!(error, Error::MissingCapability { .. } | Error::AgentInactive { .. } | Error::Invalid { .. } | Error::NotFound { .. })
}

fn refusal(task: &str, error: &Error) -> TaskRefusal {
    let capability = match error {
        Error::MissingCapability { capability, .. } => Some(capability.clone()),
        _ => None,
    };
    TaskRefusal { task: task.to_owned(), code: error.code().to_owned(), capability, message: error.to_string() }
}
