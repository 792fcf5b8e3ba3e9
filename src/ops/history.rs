//! Gestures, undo and redo. One gesture is one immediate transaction, one event in the
//! log and one SQLite session changeset in `history`; undo applies the changeset
//! inverted, redo applies it again.

use super::Change;
use crate::db;
use crate::domain::HistoryEntry;
use crate::{Error, Result};
use rusqlite::session::{ConflictAction, ConflictType, Session};
use rusqlite::{Connection, TransactionBehavior};

/// Tables whose rows are not part of the workspace: never undone or redone.
const UNTRACKED: [&str; 3] = ["events", "history", "refinery_schema_history"];

/// Runs `work` as one gesture. On any error the transaction rolls back and nothing
/// changes; on success the change is logged and becomes the newest undo step (a gesture
/// that changed no row is neither logged nor undoable).
pub(crate) fn gesture<T>(conn: &mut Connection, work: impl FnOnce(&Connection) -> Result<(T, Change)>) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
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
        let seq = log(&tx, &change)?;
        db::history::insert(&tx, seq, &changeset)?;
        tracing::debug!(seq, entity = %change.entity, key = %change.key, kind = change.kind, bytes = changeset.len(), "gesture");
    }
    tx.commit()?;
    Ok(value)
}

/// Appends a change to the event log; returns its sequence number.
fn log(conn: &Connection, change: &Change) -> Result<i64> {
    let at = crate::time_util::now_rfc3339();
    db::events::insert(conn, &at, change.entity.as_str(), &change.key, change.kind, &change.payload.to_string())
}

/// Which way through the history.
pub(crate) enum Direction {
    Undo,
    Redo,
}

/// Reverts the newest gesture not undone, or re-applies the oldest undone one.
pub(crate) fn travel(conn: &mut Connection, direction: Direction) -> Result<HistoryEntry> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let recorded = match direction {
        Direction::Undo => db::history::newest_done(&tx)?.ok_or(Error::NothingToUndo)?,
        Direction::Redo => db::history::oldest_undone(&tx)?.ok_or(Error::NothingToRedo)?,
    };
    let (word, changeset, undone) = match direction {
        Direction::Undo => {
            let mut inverted = Vec::new();
            rusqlite::session::invert_strm(&mut recorded.changeset.as_slice(), &mut inverted)?;
            ("undo", inverted, true)
        }
        Direction::Redo => ("redo", recorded.changeset, false),
    };
    // Every change goes through a gesture, so the rows must be exactly as the changeset
    // expects; anything else means the file was edited behind our back.
    let applied =
        tx.apply_strm(&mut changeset.as_slice(), None::<fn(&str) -> bool>, |_: ConflictType, _| ConflictAction::SQLITE_CHANGESET_ABORT);
    if let Err(e) = applied {
        tracing::warn!(error = %e, "history conflict");
        return Err(Error::HistoryConflict(word));
    }
    db::history::set_undone(&tx, recorded.id, undone)?;
    let entry = recorded.entry;
    let payload = serde_json::json!({ "seq": entry.seq, "kind": entry.kind });
    db::events::insert(&tx, &crate::time_util::now_rfc3339(), &entry.entity, &entry.key, word, &payload.to_string())?;
    tx.commit()?;
    tracing::debug!(seq = entry.seq, word, "history");
    Ok(entry)
}
