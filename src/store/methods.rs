//! HTN methods: their gestures and queries, the deletion rules that involve them, and
//! the gesture that turns a goal's decomposition into a plan.

use super::gesture::Change;
use super::keys::new_key;
use super::rows::{id_of, to_json, Json};
use super::Store;
use crate::domain::{Plan, PlanFields, PlanStatus, WorldState};
use crate::htn::{check_method_fields, decompose, Decomposition, Method, MethodFields, Subtask, SubtaskKind};
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;

/// A plan made from a decomposition, with the decomposition itself.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecomposedPlan {
    pub plan: Plan,
    pub decomposition: Decomposition,
}

impl Store {
    /// Adds a method to `goal`; `key` is generated (`M-n`) when not given. Every
    /// subtask must name an existing goal or action.
    pub fn create_method(&mut self, key: Option<&str>, goal: &str, fields: &MethodFields) -> Result<Method> {
        self.gesture(|conn| {
            let key = new_key(conn, Entity::Method, key)?;
            let goal_id = id_of(conn, Entity::Goal, goal)?;
            insert_method(conn, &key, goal_id, fields)?;
            let method = load_method(conn, &key)?;
            Ok((method.clone(), Change::new(Entity::Method, &key, "created", json!(method))))
        })
    }

    /// Replaces a method's fields and subtasks (not its goal).
    pub fn update_method(&mut self, key: &str, fields: &MethodFields) -> Result<Method> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Method, key)?;
            let subtasks = validate_method(conn, key, fields)?;
            conn.prepare_cached("UPDATE methods SET name = ?2, priority = ?3, ordered = ?4, conditions = ?5 WHERE id = ?1")?
                .execute(params![id, fields.name, fields.priority, fields.ordered, to_json(&fields.conditions)])?;
            conn.prepare_cached("DELETE FROM method_subtasks WHERE method_id = ?1")?.execute([id])?;
            insert_subtasks(conn, id, &subtasks)?;
            let method = load_method(conn, key)?;
            Ok((method.clone(), Change::new(Entity::Method, key, "updated", json!(method))))
        })
    }

    /// Deletes a method with its subtasks. Nothing else refers to a method.
    pub fn delete_method(&mut self, key: &str) -> Result<()> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Method, key)?;
            delete_method_rows(conn, id)?;
            Ok(((), Change::new(Entity::Method, key, "deleted", json!({}))))
        })
    }

    pub fn method(&self, key: &str) -> Result<Method> {
        load_method(&self.conn, key)
    }

    /// The methods of one goal, or of every goal when `goal` is `None`, by key.
    pub fn methods(&self, goal: Option<&str>) -> Result<Vec<Method>> {
        let goal_id = goal.map(|g| id_of(&self.conn, Entity::Goal, g)).transpose()?;
        load_methods(&self.conn, goal_id)
    }

    /// Decomposes `goal` from `state` with the stored methods and actions, changing
    /// nothing. See [`crate::htn::decompose`].
    pub fn decompose_goal(&self, goal: &str, state: &WorldState) -> Result<Decomposition> {
        decompose_in(&self.conn, goal, state)
    }

    /// Decomposes `goal` from `state` and saves the result as a new draft plan, in one
    /// gesture: one step per action (in decomposition order, noting the method that
    /// placed it) and the decomposition's precedence edges. The plan takes the goal's
    /// title, priority and postconditions; `key` is generated (`P-n`) when not given.
    pub fn plan_from_decomposition(&mut self, goal: &str, state: &WorldState, key: Option<&str>) -> Result<DecomposedPlan> {
        self.gesture(|conn| {
            let decomposition = decompose_in(conn, goal, state)?;
            let key = new_key(conn, Entity::Plan, key)?;
            let goal_row = super::goals::load_goal(conn, goal)?;
            let goal_id = id_of(conn, Entity::Goal, goal)?;
            let fields = PlanFields {
                priority: goal_row.fields.priority,
                postconditions: goal_row.fields.postconditions.clone(),
                ..PlanFields::titled(&goal_row.fields.title)
            };
            let plan_id = super::plans::insert_plan(conn, &key, goal_id, &fields, PlanStatus::Draft)?;
            let action_ids: HashMap<String, i64> = conn
                .prepare("SELECT key, id FROM actions")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut step_ids = Vec::with_capacity(decomposition.actions.len());
            for ((i, action), method) in decomposition.actions.iter().enumerate().zip(decomposition.methods()) {
                let note = format!("method {method}");
                step_ids.push(super::plans::insert_step(conn, plan_id, &format!("S{}", i + 1), action_ids[action], &note)?);
            }
            // Every edge runs from an earlier step to a later one: no cycle to look for.
            let mut edge = conn.prepare_cached("INSERT INTO plan_edges (plan_id, before_id, after_id) VALUES (?1, ?2, ?3)")?;
            for &(before, after) in &decomposition.edges {
                edge.execute([plan_id, step_ids[before], step_ids[after]])?;
            }
            let plan = super::plans::load_plan(conn, &key)?;
            let payload = json!({ "goal": goal, "state": state, "methods": decomposition.methods_used(), "plan": plan });
            Ok((DecomposedPlan { plan, decomposition }, Change::new(Entity::Plan, &key, "decomposed", payload)))
        })
    }
}

fn decompose_in(conn: &Connection, goal: &str, state: &WorldState) -> Result<Decomposition> {
    id_of(conn, Entity::Goal, goal)?;
    let methods = load_methods(conn, None)?;
    let actions = super::actions::load_actions(conn)?;
    decompose(goal, state, &methods, &actions)
}

/// A subtask resolved to the id of its goal or action.
#[derive(Clone, Copy)]
pub(crate) struct SubtaskRow {
    pub kind: SubtaskKind,
    pub id: i64,
}

/// Checks a method's fields and resolves its subtasks; errors name the field
/// (`subtasks[2].key`).
fn validate_method(conn: &Connection, key: &str, f: &MethodFields) -> Result<Vec<SubtaskRow>> {
    validate_method_fields(key, f)?;
    f.subtasks
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let entity = match s.kind {
                SubtaskKind::Goal => Entity::Goal,
                SubtaskKind::Action => Entity::Action,
            };
            match super::rows::find_id(conn, entity, &s.key)? {
                Some(id) => Ok(SubtaskRow { kind: s.kind, id }),
                None => Err(Error::invalid(Entity::Method, key, format!("subtasks[{i}].key"), format!("no {entity} has the key {:?}", s.key))),
            }
        })
        .collect()
}

pub(crate) fn validate_method_fields(key: &str, f: &MethodFields) -> Result<()> {
    check_method_fields(f).map_err(|(field, reason)| Error::invalid(Entity::Method, key, field, reason))
}

fn insert_method(conn: &Connection, key: &str, goal_id: i64, f: &MethodFields) -> Result<i64> {
    let subtasks = validate_method(conn, key, f)?;
    let id = insert_method_row(conn, key, goal_id, f)?;
    insert_subtasks(conn, id, &subtasks)?;
    Ok(id)
}

/// The method row alone, its fields already validated; the importer adds the subtasks.
pub(crate) fn insert_method_row(conn: &Connection, key: &str, goal_id: i64, f: &MethodFields) -> Result<i64> {
    conn.prepare_cached("INSERT INTO methods (key, goal_id, name, priority, ordered, conditions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![key, goal_id, f.name, f.priority, f.ordered, to_json(&f.conditions)])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_subtasks(conn: &Connection, method_id: i64, subtasks: &[SubtaskRow]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO method_subtasks (method_id, position, kind, goal_id, action_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, s) in subtasks.iter().enumerate() {
        let (goal, action) = match s.kind {
            SubtaskKind::Goal => (Some(s.id), None),
            SubtaskKind::Action => (None, Some(s.id)),
        };
        stmt.execute(params![method_id, position as i64, s.kind.as_str(), goal, action])?;
    }
    Ok(())
}

fn delete_method_rows(conn: &Connection, method_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM method_subtasks WHERE method_id = ?1")?.execute([method_id])?;
    conn.prepare_cached("DELETE FROM methods WHERE id = ?1")?.execute([method_id])?;
    Ok(())
}

/// Deletes the methods of a goal that is being deleted.
pub(crate) fn delete_methods_of_goal(conn: &Connection, goal_id: i64) -> Result<()> {
    for id in method_ids_of_goal(conn, goal_id)? {
        delete_method_rows(conn, id)?;
    }
    Ok(())
}

fn method_ids_of_goal(conn: &Connection, goal_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM methods WHERE goal_id = ?1 ORDER BY key")?;
    let ids = stmt.query_map([goal_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Keys of the methods of these goals.
pub(crate) fn method_keys_of_goals(conn: &Connection, goal_ids: &[i64]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM methods WHERE goal_id = ?1")?;
    let mut keys = Vec::new();
    for g in goal_ids {
        for key in stmt.query_map([g], |r| r.get::<_, String>(0))? {
            keys.push(key?);
        }
    }
    keys.sort();
    Ok(keys)
}

/// "method M-3" for every method of a goal outside `goal_ids` that has one of these
/// goals as a subtask: what refuses their deletion.
pub(crate) fn methods_using_goals(conn: &Connection, goal_ids: &[i64]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.goal_id, m.key FROM method_subtasks s JOIN methods m ON m.id = s.method_id WHERE s.goal_id = ?1",
    )?;
    let mut used_by = std::collections::BTreeSet::new();
    for g in goal_ids {
        for row in stmt.query_map([g], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (owner, key) = row?;
            if !goal_ids.contains(&owner) {
                used_by.insert(format!("method {key}"));
            }
        }
    }
    Ok(used_by.into_iter().collect())
}

/// "method M-3" for every method with the action as a subtask.
pub(crate) fn methods_using_action(conn: &Connection, action_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT 'method ' || m.key FROM method_subtasks s JOIN methods m ON m.id = s.method_id
         WHERE s.action_id = ?1 ORDER BY m.key",
    )?;
    let keys = stmt.query_map([action_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

pub(crate) fn load_method(conn: &Connection, key: &str) -> Result<Method> {
    let id: i64 = conn
        .prepare_cached("SELECT id FROM methods WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Method, key))?;
    let mut list = load_where(conn, "m.id = ?1", id)?;
    Ok(list.remove(0))
}

/// Every method (or those of one goal), by key, with their subtasks in order.
pub(crate) fn load_methods(conn: &Connection, goal_id: Option<i64>) -> Result<Vec<Method>> {
    match goal_id {
        Some(g) => load_where(conn, "m.goal_id = ?1", g),
        None => load_where(conn, "?1 IS NULL", rusqlite::types::Null),
    }
}

fn load_where(conn: &Connection, filter: &str, arg: impl rusqlite::ToSql) -> Result<Vec<Method>> {
    let mut subtasks: HashMap<i64, Vec<Subtask>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.method_id, s.kind, coalesce(g.key, a.key) FROM method_subtasks s JOIN methods m ON m.id = s.method_id
         LEFT JOIN goals g ON g.id = s.goal_id LEFT JOIN actions a ON a.id = s.action_id
         WHERE {filter} ORDER BY s.method_id, s.position"
    ))?;
    for row in stmt.query_map([&arg], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))? {
        let (method, kind, key) = row?;
        let kind = SubtaskKind::parse(&kind).ok_or_else(|| Error::invalid(Entity::Method, &key, "subtasks", format!("unknown kind {kind:?}")))?;
        subtasks.entry(method).or_default().push(Subtask { kind, key });
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.key, g.key, m.name, m.priority, m.ordered, m.conditions FROM methods m JOIN goals g ON g.id = m.goal_id
         WHERE {filter} ORDER BY m.key"
    ))?;
    let rows = stmt.query_map([&arg], |r| {
        let Json(conditions) = r.get(6)?;
        Ok((
            r.get::<_, i64>(0)?,
            Method {
                key: r.get(1)?,
                goal: r.get(2)?,
                fields: MethodFields { name: r.get(3)?, priority: r.get(4)?, ordered: r.get(5)?, conditions, subtasks: Vec::new() },
            },
        ))
    })?;
    rows.map(|row| {
        let (id, mut m) = row?;
        m.fields.subtasks = subtasks.remove(&id).unwrap_or_default();
        Ok(m)
    })
    .collect()
}
