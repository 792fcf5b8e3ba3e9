//! SQL of the recorded world state (`world_facts`: key → JSON value).

use super::rows::{to_json, Json};
use crate::domain::{Value, WorldState};
use crate::Result;
use rusqlite::{Connection, OptionalExtension};

/// Every recorded fact, in key order.
pub(crate) fn load(conn: &Connection) -> Result<WorldState> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM world_facts ORDER BY key")?;
    let rows = stmt.query_map([], |r| {
        let Json(value) = r.get(1)?;
        Ok((r.get::<_, String>(0)?, value))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn read(conn: &Connection, key: &str) -> Result<Option<Value>> {
    let value = conn.prepare_cached("SELECT value FROM world_facts WHERE key = ?1")?.query_row([key], |r| r.get::<_, Json<Value>>(0)).optional()?;
    Ok(value.map(|Json(v)| v))
}

/// Records `key = value`, replacing any earlier value.
pub(crate) fn write(conn: &Connection, key: &str, value: &Value) -> Result<()> {
    conn.prepare_cached("INSERT INTO world_facts (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
        .execute([key, &to_json(value)])?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM world_facts WHERE key = ?1")?.execute([key])?;
    Ok(())
}
