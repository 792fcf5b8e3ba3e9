//! SQL of the action library: `actions` and `action_capabilities`.

use super::rows::{to_json, Json};
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// The columns [`action_row`] reads.
const COLUMNS: &str = "id, key, name, description, cost, duration, preconditions, effects";

fn action_row(r: &Row<'_>) -> rusqlite::Result<(i64, Action)> {
    let Json(preconditions) = r.get(6)?;
    let Json(effects) = r.get(7)?;
    let fields = ActionFields {
        name: r.get(2)?,
        description: r.get(3)?,
        cost: r.get(4)?,
        duration: r.get(5)?,
        requires: Vec::new(),
        preconditions,
        effects,
    };
    Ok((r.get(0)?, Action { key: r.get(1)?, fields }))
}

/// The action row alone; its requirements are added with [`insert_requirement`].
pub(crate) fn insert(conn: &Connection, key: &str, f: &ActionFields) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO actions (id, key, name, description, cost, duration, preconditions, effects)
         VALUES (max(coalesce((SELECT max(id) FROM actions), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'actions'), 0)) + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![key, f.name, f.description, f.cost, f.duration, to_json(&f.preconditions), to_json(&f.effects)])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_requirement(conn: &Connection, action: i64, capability: i64, level: u8) -> Result<()> {
    conn.prepare_cached("INSERT INTO action_capabilities (action_id, capability_id, min_level) VALUES (?1, ?2, ?3)")?
        .execute(params![action, capability, level])?;
    Ok(())
}

pub(crate) fn update_fields(conn: &Connection, id: i64, f: &ActionFields) -> Result<()> {
    conn.prepare_cached(
        "UPDATE actions SET name = ?2, description = ?3, cost = ?4, duration = ?5, preconditions = ?6, effects = ?7 WHERE id = ?1",
    )?
    .execute(params![id, f.name, f.description, f.cost, f.duration, to_json(&f.preconditions), to_json(&f.effects)])?;
    Ok(())
}

pub(crate) fn delete_requirements(conn: &Connection, action: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM action_capabilities WHERE action_id = ?1")?.execute([action])?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, action: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM actions WHERE id = ?1")?.execute([action])?;
    Ok(())
}

/// "plan P-1" for every plan with a step that uses the action, by key.
pub(crate) fn plans_using(conn: &Connection, action: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT 'plan ' || p.key FROM plan_steps s JOIN plans p ON p.id = s.plan_id WHERE s.action_id = ?1 ORDER BY p.key",
    )?;
    let keys = stmt.query_map([action], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

/// What an action requires, by capability name.
pub(crate) fn requirements(conn: &Connection, action: i64) -> Result<Vec<CapabilityLevel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, x.min_level FROM action_capabilities x JOIN capabilities c ON c.id = x.capability_id
         WHERE x.action_id = ?1 ORDER BY c.name",
    )?;
    let rows = stmt.query_map([action], |r| Ok(CapabilityLevel { capability: r.get(0)?, level: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<Action> {
    let (id, mut action) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM actions WHERE key = ?1"))?
        .query_row([key], action_row)
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Action, key))?;
    action.fields.requires = requirements(conn, id)?;
    Ok(action)
}

/// The whole library, by key.
pub(crate) fn load_all(conn: &Connection) -> Result<Vec<Action>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM actions ORDER BY key"))?;
    let rows: Vec<(i64, Action)> = stmt.query_map([], action_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, mut action)| {
            action.fields.requires = requirements(conn, id)?;
            Ok(action)
        })
        .collect()
}

/// Every action's id by key.
pub(crate) fn ids_by_key(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT key, id FROM actions")?;
    let ids = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
