//! One user gesture = one transaction + one event + one changeset for undo.
//!
//! The SQLite session extension records every row the gesture inserts, updates or
//! deletes; its changeset, stored in `history`, is what undo inverts and redo replays.

use super::Store;
use crate::{Entity, Result};
use rusqlite::session::Session;
use rusqlite::{Connection, TransactionBehavior};

/// Tables whose rows are not part of the workspace: never undone or redone.
const UNTRACKED: [&str; 3] = ["events", "history", "refinery_schema_history"];

/// What a gesture did, for the event log.
pub(crate) struct Change {
    pub entity: Entity,
    pub key: String,
    pub kind: &'static str,
    pub payload: serde_json::Value,
}

impl Change {
    pub fn new(entity: Entity, key: &str, kind: &'static str, payload: serde_json::Value) -> Change {
        Change { entity, key: key.to_owned(), kind, payload }
    }
}

impl Store {
    /// Runs `work` as one gesture. On any error the transaction rolls back and nothing
    /// changes; on success the change is logged and becomes the newest undo step (a
    /// gesture that changed no row is neither logged nor undoable).
    pub(crate) fn gesture<T>(&mut self, work: impl FnOnce(&Connection) -> Result<(T, Change)>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut session = Session::new(&tx)?;
        session.table_filter(Some(|table: &str| !UNTRACKED.contains(&table)));
        session.attach::<&str>(None)?;
        let (value, change) = work(&tx)?;
        let mut changeset = Vec::new();
        if !session.is_empty() {
            session.changeset_strm(&mut changeset)?;
        }
        drop(session);
        if !changeset.is_empty() {
            let seq = log_event(&tx, change.entity.as_str(), &change.key, change.kind, &change.payload)?;
            tx.execute("DELETE FROM history WHERE undone = 1", [])?;
            tx.execute("INSERT INTO history (event_seq, changeset) VALUES (?1, ?2)", (seq, &changeset))?;
            tracing::debug!(seq, entity = %change.entity, key = %change.key, kind = change.kind, bytes = changeset.len(), "gesture");
        }
        tx.commit()?;
        Ok(value)
    }
}

/// Appends to the event log and returns the new sequence number.
pub(crate) fn log_event(conn: &Connection, entity: &str, key: &str, kind: &str, payload: &serde_json::Value) -> Result<i64> {
    conn.prepare_cached("INSERT INTO events (at, entity, key, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute((crate::time_util::now_rfc3339(), entity, key, kind, payload.to_string()))?;
    Ok(conn.last_insert_rowid())
}
