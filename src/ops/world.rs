//! The recorded world state: the facts the workspace believes now. People set and remove
//! facts by hand; finishing a task applies its action's effects.

use super::Change;
use crate::db;
use crate::domain::{check_fact, Effect, Entity, Value};
use crate::execution::FactChange;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;

/// Records `key = value`, replacing any earlier value; returns the earlier value.
pub(crate) fn set(conn: &Connection, key: &str, value: Value) -> Result<(Option<Value>, Change)> {
    check_fact(key, &value)?;
    let before = db::world::read(conn, key)?;
    db::world::write(conn, key, &value)?;
    Ok((before.clone(), Change::new(Entity::Fact, key, "set", json!({ "before": before, "after": value }))))
}

/// Forgets a fact (it becomes unknown); returns its last value.
pub(crate) fn unset(conn: &Connection, key: &str) -> Result<(Value, Change)> {
    let before = db::world::read(conn, key)?.ok_or_else(|| Error::not_found(Entity::Fact, key))?;
    db::world::delete(conn, key)?;
    Ok((before.clone(), Change::new(Entity::Fact, key, "unset", json!({ "before": before }))))
}

/// Applies effects in order to the recorded facts (they were checked when the action was
/// saved); returns each with the value it replaced.
pub(crate) fn apply_effects(conn: &Connection, effects: &[Effect]) -> Result<Vec<FactChange>> {
    effects
        .iter()
        .map(|e| {
            let before = db::world::read(conn, &e.key)?;
            db::world::write(conn, &e.key, &e.value)?;
            Ok(FactChange { key: e.key.clone(), before, after: e.value.clone() })
        })
        .collect()
}
