//! The undo history (`history`): one session changeset per gesture, with its event.

use crate::domain::HistoryEntry;
use crate::Result;
use rusqlite::{Connection, OptionalExtension};

/// A gesture's changeset, ready to be inverted or replayed.
pub(crate) struct Recorded {
    pub id: i64,
    pub changeset: Vec<u8>,
    pub entry: HistoryEntry,
}

/// Records a gesture's changeset; what could be redone is forgotten.
pub(crate) fn insert(conn: &Connection, event_seq: i64, changeset: &[u8]) -> Result<()> {
    conn.prepare_cached("DELETE FROM history WHERE undone = 1")?.execute([])?;
    conn.prepare_cached("INSERT INTO history (event_seq, changeset) VALUES (?1, ?2)")?.execute((event_seq, changeset))?;
    Ok(())
}

/// The newest gesture not undone.
pub(crate) fn newest_done(conn: &Connection) -> Result<Option<Recorded>> {
    load_one(
        conn,
        "SELECT h.id, h.changeset, e.seq, e.entity, e.key, e.kind FROM history h
         JOIN events e ON e.seq = h.event_seq WHERE h.undone = 0 ORDER BY h.id DESC LIMIT 1",
    )
}

/// The oldest gesture undone.
pub(crate) fn oldest_undone(conn: &Connection) -> Result<Option<Recorded>> {
    load_one(
        conn,
        "SELECT h.id, h.changeset, e.seq, e.entity, e.key, e.kind FROM history h
         JOIN events e ON e.seq = h.event_seq WHERE h.undone = 1 ORDER BY h.id ASC LIMIT 1",
    )
}

fn load_one(conn: &Connection, sql: &str) -> Result<Option<Recorded>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([], |r| {
            Ok(Recorded {
                id: r.get(0)?,
                changeset: r.get(1)?,
                entry: HistoryEntry { seq: r.get(2)?, entity: r.get(3)?, key: r.get(4)?, kind: r.get(5)? },
            })
        })
        .optional()?)
}

/// Marks a gesture undone (or done again).
pub(crate) fn set_undone(conn: &Connection, id: i64, undone: bool) -> Result<()> {
    conn.prepare_cached("UPDATE history SET undone = ?1 WHERE id = ?2")?.execute((undone, id))?;
    Ok(())
}

/// Whether any gesture is done (`undone` false) or undone (`undone` true).
pub(crate) fn any(conn: &Connection, undone: bool) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM history WHERE undone = ?1)")?.query_row([undone], |r| r.get(0))?)
}
