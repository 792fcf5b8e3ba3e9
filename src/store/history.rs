//! Undo, redo and the event log.

use super::gesture::log_event;
use super::Store;
use crate::{Error, Result};
use rusqlite::session::{ConflictAction, ConflictType};
use rusqlite::{OptionalExtension, TransactionBehavior};
use serde::Serialize;

/// One entry of the append-only event log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub seq: i64,
    pub at: String,
    pub entity: String,
    pub key: String,
    pub kind: String,
    pub payload: serde_json::Value,
}

/// What undo or redo just did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HistoryEntry {
    /// The event of the gesture that was undone or redone.
    pub seq: i64,
    pub entity: String,
    pub key: String,
    pub kind: String,
}

enum Direction {
    Undo,
    Redo,
}

impl Store {
    /// Reverts the newest gesture that is not undone.
    pub fn undo(&mut self) -> Result<HistoryEntry> {
        self.travel(Direction::Undo)
    }

    /// Re-applies the oldest undone gesture. Any new gesture clears what could be redone.
    pub fn redo(&mut self) -> Result<HistoryEntry> {
        self.travel(Direction::Redo)
    }

    pub fn can_undo(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM history WHERE undone = 0)", [], |r| r.get(0))?)
    }

    pub fn can_redo(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM history WHERE undone = 1)", [], |r| r.get(0))?)
    }

    fn travel(&mut self, direction: Direction) -> Result<HistoryEntry> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sql = match direction {
            Direction::Undo => "SELECT h.id, h.changeset, e.seq, e.entity, e.key, e.kind FROM history h
                                JOIN events e ON e.seq = h.event_seq WHERE h.undone = 0 ORDER BY h.id DESC LIMIT 1",
            Direction::Redo => "SELECT h.id, h.changeset, e.seq, e.entity, e.key, e.kind FROM history h
                                JOIN events e ON e.seq = h.event_seq WHERE h.undone = 1 ORDER BY h.id ASC LIMIT 1",
        };
        let row = tx
            .query_row(sql, [], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    HistoryEntry { seq: r.get(2)?, entity: r.get(3)?, key: r.get(4)?, kind: r.get(5)? },
                ))
            })
            .optional()?;
        let (id, changeset, entry) = row.ok_or(match direction {
            Direction::Undo => Error::NothingToUndo,
            Direction::Redo => Error::NothingToRedo,
        })?;
        let (word, changeset, undone) = match direction {
            Direction::Undo => {
                let mut inverted = Vec::new();
                rusqlite::session::invert_strm(&mut changeset.as_slice(), &mut inverted)?;
                ("undo", inverted, 1)
            }
            Direction::Redo => ("redo", changeset, 0),
        };
        // Every change goes through a gesture, so the rows must be exactly as the
        // changeset expects; anything else means the file was edited behind our back.
        let applied = tx.apply_strm(
            &mut changeset.as_slice(),
            None::<fn(&str) -> bool>,
            |_: ConflictType, _| ConflictAction::SQLITE_CHANGESET_ABORT,
        );
        if let Err(e) = applied {
            tracing::warn!(error = %e, "history conflict");
            return Err(Error::HistoryConflict(word));
        }
        tx.execute("UPDATE history SET undone = ?1 WHERE id = ?2", (undone, id))?;
        log_event(&tx, &entry.entity, &entry.key, word, &serde_json::json!({ "seq": entry.seq, "kind": entry.kind }))?;
        tx.commit()?;
        tracing::debug!(seq = entry.seq, word, "history");
        Ok(entry)
    }

    /// Events after `since` (exclusive), oldest first, at most `limit`.
    pub fn events(&self, since: i64, limit: u32) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, entity, key, kind, payload FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
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
    pub fn last_event_seq(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?)
    }
}
