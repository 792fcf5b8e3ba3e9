//! Actions: the reusable library that plan steps use.

use super::capabilities::{check_capability_list, ensure_capability};
use super::gesture::Change;
use super::keys::new_key;
use super::rows::{check, check_conditions, check_effects, id_of, to_json, Json};
use super::tasks::check_open_assignments_of_action;
use super::Store;
use crate::domain::*;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;

impl Store {
    pub fn create_action(&mut self, key: Option<&str>, fields: &ActionFields) -> Result<Action> {
        self.gesture(|conn| {
            let key = new_key(conn, Entity::Action, key)?;
            insert_action(conn, &key, fields)?;
            let action = load_action(conn, &key)?;
            Ok((action.clone(), Change::new(Entity::Action, &key, "created", json!(action))))
        })
    }

    /// Replaces an action's fields. Refused when an agent holding an open task made from
    /// a step of this action would no longer qualify for it.
    pub fn update_action(&mut self, key: &str, fields: &ActionFields) -> Result<Action> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Action, key)?;
            validate_action_fields(key, fields)?;
            conn.prepare_cached(
                "UPDATE actions SET name = ?2, description = ?3, cost = ?4, duration = ?5, preconditions = ?6, effects = ?7 WHERE id = ?1",
            )?
            .execute(params![id, fields.name, fields.description, fields.cost, fields.duration, to_json(&fields.preconditions), to_json(&fields.effects)])?;
            conn.execute("DELETE FROM action_capabilities WHERE action_id = ?1", [id])?;
            insert_requirements(conn, id, &fields.requires)?;
            check_open_assignments_of_action(conn, id)?;
            let action = load_action(conn, key)?;
            Ok((action.clone(), Change::new(Entity::Action, key, "updated", json!(action))))
        })
    }

    /// Refused while any plan step or method subtask uses the action; the error names
    /// the plans and methods.
    pub fn delete_action(&mut self, key: &str) -> Result<()> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Action, key)?;
            let mut used_by: Vec<String> = conn
                .prepare("SELECT DISTINCT 'plan ' || p.key FROM plan_steps s JOIN plans p ON p.id = s.plan_id WHERE s.action_id = ?1 ORDER BY p.key")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            used_by.extend(super::methods::methods_using_action(conn, id)?);
            if !used_by.is_empty() {
                return Err(Error::InUse { entity: Entity::Action, key: key.into(), used_by });
            }
            conn.execute("DELETE FROM action_capabilities WHERE action_id = ?1", [id])?;
            conn.execute("DELETE FROM actions WHERE id = ?1", [id])?;
            Ok(((), Change::new(Entity::Action, key, "deleted", json!({}))))
        })
    }

    pub fn action(&self, key: &str) -> Result<Action> {
        load_action(&self.conn, key)
    }

    /// The whole action library, by key.
    pub fn actions(&self) -> Result<Vec<Action>> {
        load_actions(&self.conn)
    }
}

pub(crate) fn load_actions(conn: &Connection) -> Result<Vec<Action>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM actions ORDER BY key"))?;
    let rows: Vec<(i64, Action)> = stmt.query_map([], action_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|(id, a)| with_requirements(conn, id, a)).collect()
}

const COLUMNS: &str = "id, key, name, description, cost, duration, preconditions, effects";

fn action_row(r: &Row<'_>) -> rusqlite::Result<(i64, Action)> {
    let Json(preconditions) = r.get(6)?;
    let Json(effects) = r.get(7)?;
    Ok((
        r.get(0)?,
        Action {
            key: r.get(1)?,
            fields: ActionFields {
                name: r.get(2)?,
                description: r.get(3)?,
                cost: r.get(4)?,
                duration: r.get(5)?,
                requires: Vec::new(),
                preconditions,
                effects,
            },
        },
    ))
}

fn with_requirements(conn: &Connection, id: i64, mut action: Action) -> Result<Action> {
    action.fields.requires = requirements(conn, id)?;
    Ok(action)
}

/// What an action requires, by capability name.
pub(crate) fn requirements(conn: &Connection, action_id: i64) -> Result<Vec<CapabilityLevel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, x.min_level FROM action_capabilities x JOIN capabilities c ON c.id = x.capability_id
         WHERE x.action_id = ?1 ORDER BY c.name",
    )?;
    let rows = stmt.query_map([action_id], |r| Ok(CapabilityLevel { capability: r.get(0)?, level: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn load_action(conn: &Connection, key: &str) -> Result<Action> {
    let (id, action) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM actions WHERE key = ?1"))?
        .query_row([key], action_row)
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Action, key))?;
    with_requirements(conn, id, action)
}

pub(crate) fn validate_action_fields(key: &str, f: &ActionFields) -> Result<()> {
    check(Entity::Action, key, "name", check_not_blank(&f.name))?;
    check(Entity::Action, key, "cost", check_non_negative(f.cost))?;
    check(Entity::Action, key, "duration", check_non_negative(f.duration))?;
    check_capability_list(Entity::Action, key, "requires", &f.requires)?;
    check_conditions(Entity::Action, key, "preconditions", &f.preconditions)?;
    check_effects(Entity::Action, key, "effects", &f.effects)
}

pub(crate) fn insert_action(conn: &Connection, key: &str, f: &ActionFields) -> Result<i64> {
    validate_action_fields(key, f)?;
    conn.prepare_cached(
        "INSERT INTO actions (key, name, description, cost, duration, preconditions, effects) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![key, f.name, f.description, f.cost, f.duration, to_json(&f.preconditions), to_json(&f.effects)])?;
    let id = conn.last_insert_rowid();
    insert_requirements(conn, id, &f.requires)?;
    Ok(id)
}

fn insert_requirements(conn: &Connection, action: i64, list: &[CapabilityLevel]) -> Result<()> {
    for c in list {
        let cap = ensure_capability(conn, &c.capability)?;
        conn.prepare_cached("INSERT INTO action_capabilities (action_id, capability_id, min_level) VALUES (?1, ?2, ?3)")?
            .execute(params![action, cap, c.level])?;
    }
    Ok(())
}
