//! HTN methods: their gestures and reads, and the gesture that turns a goal's
//! decomposition into a plan.

use super::{plans, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::methods::SubtaskRow;
use crate::db::rows::{find_id, id_of};
use crate::domain::{Entity, Plan, PlanFields, PlanStatus, WorldState};
use crate::htn::{decompose, Decomposition, Method, MethodFields, SubtaskKind};
use crate::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

/// A plan made from a decomposition, with the decomposition itself.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecomposedPlan {
    pub plan: Plan,
    pub decomposition: Decomposition,
}

/// Adds a method to `goal`; every subtask must name an existing goal or action.
pub(crate) fn create(conn: &Connection, key: Option<&str>, goal: &str, fields: &MethodFields) -> Result<(Method, Change)> {
    let key = new_key(conn, Entity::Method, key)?;
    let goal_id = id_of(conn, Entity::Goal, goal)?;
    let subtasks = resolve(conn, &key, fields)?;
    let id = db::methods::insert(conn, &key, goal_id, fields)?;
    db::methods::insert_subtasks(conn, id, &subtasks)?;
    let method = db::methods::load(conn, &key)?;
    Ok((method.clone(), Change::new(Entity::Method, &key, "created", json!(method))))
}

/// Replaces a method's fields and subtasks (not its goal).
pub(crate) fn update(conn: &Connection, key: &str, fields: &MethodFields) -> Result<(Method, Change)> {
    let id = id_of(conn, Entity::Method, key)?;
    let subtasks = resolve(conn, key, fields)?;
    db::methods::update_fields(conn, id, fields)?;
    db::methods::delete_subtasks(conn, id)?;
    db::methods::insert_subtasks(conn, id, &subtasks)?;
    let method = db::methods::load(conn, key)?;
    Ok((method.clone(), Change::new(Entity::Method, key, "updated", json!(method))))
}

/// Deletes a method with its subtasks. Nothing else refers to a method.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<((), Change)> {
    let id = id_of(conn, Entity::Method, key)?;
    db::methods::delete(conn, id)?;
    Ok(((), Change::new(Entity::Method, key, "deleted", json!({}))))
}

/// The methods of one goal, or of every goal, by key.
pub(crate) fn load_all(conn: &Connection, goal: Option<&str>) -> Result<Vec<Method>> {
    let goal_id = goal.map(|g| id_of(conn, Entity::Goal, g)).transpose()?;
    db::methods::load_all(conn, goal_id)
}

/// Decomposes `goal` from `state` with the stored methods and actions, changing nothing.
pub(crate) fn decompose_goal(conn: &Connection, goal: &str, state: &WorldState) -> Result<Decomposition> {
    id_of(conn, Entity::Goal, goal)?;
    let methods = db::methods::load_all(conn, None)?;
    let actions = db::actions::load_all(conn)?;
    decompose(goal, state, &methods, &actions)
}

/// Decomposes `goal` and saves the result as a new draft plan: one step per action (in
/// decomposition order, noting the method that placed it) and the decomposition's
/// precedence edges. The plan takes the goal's title, priority and postconditions.
pub(crate) fn plan_from_decomposition(conn: &Connection, goal: &str, state: &WorldState, key: Option<&str>) -> Result<(DecomposedPlan, Change)> {
    let decomposition = decompose_goal(conn, goal, state)?;
    let key = new_key(conn, Entity::Plan, key)?;
    let goal_row = db::goals::load(conn, goal)?;
    let goal_id = id_of(conn, Entity::Goal, goal)?;
    let fields = PlanFields {
        priority: goal_row.fields.priority,
        postconditions: goal_row.fields.postconditions.clone(),
        ..PlanFields::titled(&goal_row.fields.title)
    };
    let plan_id = plans::insert(conn, &key, goal_id, &fields, PlanStatus::Draft)?;
    let action_ids = db::actions::ids_by_key(conn)?;
    let mut step_ids = Vec::with_capacity(decomposition.actions.len());
    for ((i, action), method) in decomposition.actions.iter().enumerate().zip(decomposition.methods()) {
        let action_id = *action_ids.get(action).ok_or_else(|| Error::not_found(Entity::Action, action))?;
        let note = format!("method {method}");
        step_ids.push(db::plans::insert_step(conn, plan_id, &format!("S{}", i + 1), action_id, &note)?);
    }
    // Every edge runs from an earlier step to a later one: no cycle to look for.
    for &(before, after) in &decomposition.edges {
        db::plans::insert_edge(conn, plan_id, step_ids[before], step_ids[after])?;
    }
    let plan = db::plans::load(conn, &key)?;
    let payload = json!({ "goal": goal, "state": state, "methods": decomposition.methods_used(), "plan": plan });
    Ok((DecomposedPlan { plan, decomposition }, Change::new(Entity::Plan, &key, "decomposed", payload)))
}

/// Checks a method's fields and resolves its subtasks; errors name the field
/// (`subtasks[2].key`).
fn resolve(conn: &Connection, key: &str, f: &MethodFields) -> Result<Vec<SubtaskRow>> {
    f.validate(key)?;
    f.subtasks
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let entity = match s.kind {
                SubtaskKind::Goal => Entity::Goal,
                SubtaskKind::Action => Entity::Action,
            };
            match find_id(conn, entity, &s.key)? {
                Some(id) => Ok(SubtaskRow { kind: s.kind, id }),
                None => Err(Error::invalid(Entity::Method, key, format!("subtasks[{i}].key"), format!("no {entity} has the key {:?}", s.key))),
            }
        })
        .collect()
}
