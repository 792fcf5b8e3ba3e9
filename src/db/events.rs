//! The append-only event log (`events`).

use crate::domain::Event;
use crate::Result;
use rusqlite::Connection;

/// Appends to the event log and returns the new sequence number.
pub(crate) fn insert(conn: &Connection, at: &str, entity: &str, key: &str, kind: &str, payload: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO events (at, entity, key, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute((at, entity, key, kind, payload))?;
    Ok(conn.last_insert_rowid())
}

/// Events after `since` (exclusive), oldest first, at most `limit`.
pub(crate) fn load_since(conn: &Connection, since: i64, limit: u32) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached("SELECT seq, at, entity, key, kind, payload FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
    let rows = stmt.query_map((since, limit), |r| {
        let payload: String = r.get(5)?;
        Ok(Event {
            seq: r.get(0)?,
            at: r.get(1)?,
            entity: r.get(2)?,
            key: r.get(3)?,
            kind: r.get(4)?,
            payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The sequence number of the newest event, 0 when the log is empty.
pub(crate) fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?)
}
