//! The recorded world state: the facts the workspace believes now (key → value).
//! People set and remove facts by hand; finishing a task applies its action's effects.

use super::gesture::Change;
use super::rows::{to_json, Json};
use super::Store;
use crate::domain::*;
use crate::execution::FactChange;
use crate::{Entity, Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

impl Store {
    /// Every recorded fact, in key order.
    pub fn world_state(&self) -> Result<WorldState> {
        load_world(&self.conn)
    }

    /// Records `key = value`, replacing any earlier value; returns the earlier value.
    pub fn set_fact(&mut self, key: &str, value: Value) -> Result<Option<Value>> {
        self.gesture(|conn| {
            check_fact(key, &value)?;
            let before = read_fact(conn, key)?;
            write_fact(conn, key, &value)?;
            Ok((before.clone(), Change::new(Entity::Fact, key, "set", json!({ "before": before, "after": value }))))
        })
    }

    /// Forgets a fact (it becomes unknown); returns its last value.
    pub fn unset_fact(&mut self, key: &str) -> Result<Value> {
        self.gesture(|conn| {
            let before = read_fact(conn, key)?.ok_or_else(|| Error::not_found(Entity::Fact, key))?;
            conn.prepare_cached("DELETE FROM world_facts WHERE key = ?1")?.execute([key])?;
            Ok((before.clone(), Change::new(Entity::Fact, key, "unset", json!({ "before": before }))))
        })
    }
}

/// A fact's key and value, as an effect would set them.
pub(crate) fn check_fact(key: &str, value: &Value) -> Result<()> {
    check_fact_key(key).map_err(|reason| Error::invalid(Entity::Fact, key, "key", reason))?;
    match value {
        Value::Number(n) if !n.is_finite() => Err(Error::invalid(Entity::Fact, key, "value", "must be a finite number")),
        _ => Ok(()),
    }
}

pub(crate) fn load_world(conn: &Connection) -> Result<WorldState> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM world_facts ORDER BY key")?;
    let rows = stmt.query_map([], |r| {
        let Json(value) = r.get(1)?;
        Ok((r.get::<_, String>(0)?, value))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_fact(conn: &Connection, key: &str) -> Result<Option<Value>> {
    let value = conn
        .prepare_cached("SELECT value FROM world_facts WHERE key = ?1")?
        .query_row([key], |r| r.get::<_, Json<Value>>(0))
        .optional()?;
    Ok(value.map(|Json(v)| v))
}

pub(crate) fn write_fact(conn: &Connection, key: &str, value: &Value) -> Result<()> {
    conn.prepare_cached("INSERT INTO world_facts (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
        .execute([key, &to_json(value)])?;
    Ok(())
}

/// Applies effects in order to the recorded facts (they were checked when the action
/// was saved); returns each with the value it replaced.
pub(crate) fn apply_effects_to_world(conn: &Connection, effects: &[Effect]) -> Result<Vec<FactChange>> {
    effects
        .iter()
        .map(|e| {
            let before = read_fact(conn, &e.key)?;
            write_fact(conn, &e.key, &e.value)?;
            Ok(FactChange { key: e.key.clone(), before, after: e.value.clone() })
        })
        .collect()
}
