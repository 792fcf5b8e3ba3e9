//! Plans: steps that use actions, and precedence edges between them (a DAG).

use super::{assignments, Change};
use crate::db;
use crate::db::keys::{new_key, new_step_key};
use crate::db::rows::id_of;
use crate::db::tasks::Holders;
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::collections::HashMap;

/// Creates a draft plan for `goal`.
pub(crate) fn create(conn: &Connection, key: Option<&str>, goal: &str, fields: &PlanFields) -> Result<(Plan, Change)> {
    let key = new_key(conn, Entity::Plan, key)?;
    let goal_id = id_of(conn, Entity::Goal, goal)?;
    insert(conn, &key, goal_id, fields, PlanStatus::Draft)?;
    let plan = db::plans::load(conn, &key)?;
    Ok((plan.clone(), Change::new(Entity::Plan, &key, "created", json!(plan))))
}

/// Inserts a plan row after checking its fields.
pub(crate) fn insert(conn: &Connection, key: &str, goal_id: i64, fields: &PlanFields, status: PlanStatus) -> Result<i64> {
    let deadline = fields.validate(key)?;
    db::plans::insert(conn, key, goal_id, fields, deadline.as_deref(), status)
}

pub(crate) fn update(conn: &Connection, key: &str, fields: &PlanFields) -> Result<(Plan, Change)> {
    let id = id_of(conn, Entity::Plan, key)?;
    let deadline = fields.validate(key)?;
    db::plans::update_fields(conn, id, fields, deadline.as_deref())?;
    let plan = db::plans::load(conn, key)?;
    Ok((plan.clone(), Change::new(Entity::Plan, key, "updated", json!(plan))))
}

pub(crate) fn set_status(conn: &Connection, key: &str, status: PlanStatus) -> Result<(Plan, Change)> {
    let (id, from) = db::plans::status_of(conn, key)?.ok_or_else(|| Error::not_found(Entity::Plan, key))?;
    if !from.can_become(status) {
        return Err(Error::InvalidTransition { entity: Entity::Plan, key: key.into(), from: from.to_string(), to: status.to_string() });
    }
    db::plans::set_status(conn, id, status)?;
    let plan = db::plans::load(conn, key)?;
    Ok((plan, Change::new(Entity::Plan, key, "status_changed", json!({ "from": from, "to": status }))))
}

/// Deletes a plan with its steps and edges; tasks made from its steps are kept, detached.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<((), Change)> {
    let id = id_of(conn, Entity::Plan, key)?;
    delete_rows(conn, id)?;
    Ok(((), Change::new(Entity::Plan, key, "deleted", json!({}))))
}

/// Deletes a plan, its steps and its edges, detaching tasks from the steps.
pub(crate) fn delete_rows(conn: &Connection, plan: i64) -> Result<()> {
    db::tasks::detach_from_plan(conn, plan)?;
    db::plans::delete(conn, plan)
}

/// Adds a step using `action`; the step key (`S1`, `S2`, ...) is generated when not given.
pub(crate) fn add_step(conn: &Connection, plan: &str, key: Option<&str>, action: &str, note: &str) -> Result<(Step, Change)> {
    let plan_id = id_of(conn, Entity::Plan, plan)?;
    let action_id = id_of(conn, Entity::Action, action)?;
    let key = new_step_key(conn, plan_id, key)?;
    db::plans::insert_step(conn, plan_id, &key, action_id, note)?;
    let step = Step { key, action: action.into(), note: note.into() };
    Ok((step.clone(), Change::new(Entity::Plan, plan, "step_added", json!(step))))
}

/// Changes the action or note of a step.
pub(crate) fn update_step(conn: &Connection, plan: &str, step: &str, action: &str, note: &str) -> Result<(Step, Change)> {
    let step_id = db::plans::step_id(conn, plan, step)?;
    let action_id = id_of(conn, Entity::Action, action)?;
    db::plans::update_step(conn, step_id, action_id, note)?;
    assignments::recheck_all(conn, Holders::Step(step_id))?;
    let step = Step { key: step.into(), action: action.into(), note: note.into() };
    Ok((step.clone(), Change::new(Entity::Plan, plan, "step_updated", json!(step))))
}

/// Removes a step with its edges; tasks made from it are kept, detached.
pub(crate) fn remove_step(conn: &Connection, plan: &str, step: &str) -> Result<((), Change)> {
    let step_id = db::plans::step_id(conn, plan, step)?;
    db::tasks::detach_from_step(conn, step_id)?;
    db::plans::delete_step(conn, step_id)?;
    Ok(((), Change::new(Entity::Plan, plan, "step_removed", json!({ "step": step }))))
}

/// Says that `before` must finish before `after` starts; refused when it closes a cycle.
pub(crate) fn add_edge(conn: &Connection, plan: &str, before: &str, after: &str) -> Result<((), Change)> {
    let plan_id = id_of(conn, Entity::Plan, plan)?;
    let b = db::plans::step_id(conn, plan, before)?;
    let a = db::plans::step_id(conn, plan, after)?;
    insert_edge(conn, plan_id, b, a)?;
    Ok(((), Change::new(Entity::Plan, plan, "edge_added", json!({ "before": before, "after": after }))))
}

/// Adds `before → after` unless it closes a cycle; the error carries the step keys.
pub(crate) fn insert_edge(conn: &Connection, plan: i64, before: i64, after: i64) -> Result<()> {
    if let Some(mut cycle) = path(after, before, |n| db::plans::successors(conn, plan, n))? {
        cycle.push(after);
        let cycle = cycle.iter().map(|&id| db::plans::step_key(conn, id)).collect::<Result<_>>()?;
        return Err(Error::Cycle { entity: Entity::Plan, relation: "precedence", cycle });
    }
    db::plans::insert_edge(conn, plan, before, after)
}

pub(crate) fn remove_edge(conn: &Connection, plan: &str, before: &str, after: &str) -> Result<((), Change)> {
    let b = db::plans::step_id(conn, plan, before)?;
    let a = db::plans::step_id(conn, plan, after)?;
    db::plans::delete_edge(conn, b, a)?;
    Ok(((), Change::new(Entity::Plan, plan, "edge_removed", json!({ "before": before, "after": after }))))
}

/// The plans of one goal, or of every goal, by key.
pub(crate) fn summaries(conn: &Connection, goal: Option<&str>) -> Result<Vec<PlanSummary>> {
    let goal_id = goal.map(|g| id_of(conn, Entity::Goal, g)).transpose()?;
    db::plans::load_summaries(conn, goal_id)
}

/// A plan's step count, total cost, and duration along its longest path.
pub(crate) fn totals(conn: &Connection, plan: &str) -> Result<PlanTotals> {
    let plan_id = id_of(conn, Entity::Plan, plan)?;
    let steps = db::plans::step_costs(conn, plan_id)?;
    let index: HashMap<i64, usize> = steps.iter().enumerate().map(|(i, s)| (s.0, i)).collect();
    // Edges join steps of this plan only: both ends are in the index.
    let edges: Vec<(usize, usize)> = db::plans::edges_of(conn, plan_id)?.iter().filter_map(|(b, a)| Some((*index.get(b)?, *index.get(a)?))).collect();
    let costs: Vec<(f64, f64)> = steps.iter().map(|s| (s.1, s.2)).collect();
    Ok(crate::planning::plan_totals(&costs, &edges))
}
