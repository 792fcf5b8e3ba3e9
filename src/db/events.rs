//! The append-only event log (`events`).

use crate::domain::Event;
use crate::Result;
use rusqlite::Connection;

/// What an event row holds besides its sequence number.
pub(crate) struct NewEvent<'a> {
    pub at: &'a str,
    pub author: &'a str,
    pub entity: &'a str,
    pub key: &'a str,
    pub kind: &'a str,
    pub payload: &'a str,
}

/// Appends to the event log and returns the new sequence number.
pub(crate) fn insert(conn: &Connection, e: &NewEvent) -> Result<i64> {
    conn.prepare_cached("INSERT INTO events (at, author, entity, key, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute((e.at, e.author, e.entity, e.key, e.kind, e.payload))?;
    Ok(conn.last_insert_rowid())
}

const EVENT_COLUMNS: &str = "seq, at, author, entity, key, kind, payload";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Event> {
    let payload: String = r.get(6)?;
    Ok(Event {
        seq: r.get(0)?,
        at: r.get(1)?,
        author: r.get(2)?,
        entity: r.get(3)?,
        key: r.get(4)?,
        kind: r.get(5)?,
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
    })
}

/// Events after `since` (exclusive), oldest first, at most `limit`.
pub(crate) fn load_since(conn: &Connection, since: i64, limit: u32) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2"))?;
    let rows = stmt.query_map((since, limit), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The sequence number of the newest event, 0 when the log is empty.
pub(crate) fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?)
}

/// `PRAGMA data_version`: moves when another connection commits to the file.
pub(crate) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}
