//! Gestures, undo and redo. One gesture is one immediate transaction, one event in the
//! log and one SQLite session changeset in `history`, all stamped with the store's
//! author; undo applies the author's newest changeset inverted, redo applies the
//! author's last undone one again. Another author's later gesture that changed the same
//! rows refuses the undo (or redo) by name, and nothing changes.

use super::{touched, Change};
use crate::db;
use crate::db::events::NewEvent;
use crate::domain::{Author, HistoryEntry};
use crate::{Error, Result};
use rusqlite::session::{ConflictAction, ConflictType, Session};
use rusqlite::{Connection, TransactionBehavior};
use std::sync::{Arc, Mutex};

/// Tables whose rows are not part of the workspace: never undone or redone. Key
/// sequences and row id floors only grow, so no key or row id is ever given twice.
/// The broker bridge's bookkeeping and the workspace id are not part of the workspace
/// either: an agent's report stays applied even when its gesture is undone.
const UNTRACKED: [&str; 9] = [
    "events",
    "history",
    "refinery_schema_history",
    "key_sequences",
    "row_id_floors",
    "workspace_identity",
    "bridge_outbox",
    "bridge_offers",
    "bridge_reports",
];

/// Runs `work` as one gesture by `author`. On any error the transaction rolls back and
/// nothing changes; on success the change is logged and becomes the author's newest undo
/// step, and the author's redo steps are forgotten (a gesture that changed no row is
/// neither logged nor undoable).
pub(crate) fn gesture<T>(conn: &mut Connection, author: &Author, work: impl FnOnce(&Connection) -> Result<(T, Change)>) -> Result<T> {
    gesture_then(conn, author, work, |_, _, _| Ok(()))
}

/// [`gesture`], then `finish` in the same transaction, before the commit, with the
/// gesture's result and its event's sequence number (`None` when it changed no row):
/// for bookkeeping that must commit with the gesture or not at all.
pub(crate) fn gesture_then<T>(
    conn: &mut Connection,
    author: &Author,
    work: impl FnOnce(&Connection) -> Result<(T, Change)>,
    finish: impl FnOnce(&Connection, &mut T, Option<i64>) -> Result<()>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let tops = db::keys::top_row_ids(&tx)?;
    let mut session = Session::new(&tx)?;
    session.table_filter(Some(|table: &str| !UNTRACKED.contains(&table)));
    session.attach::<&str>(None)?;
    let (mut value, change) = work(&tx)?;
    let mut changeset = Vec::new();
    if !session.is_empty() {
        session.changeset_strm(&mut changeset)?;
    }
    drop(session);
    let mut logged = None;
    if !changeset.is_empty() {
        db::keys::keep_row_id_floors(&tx, &tops)?;
        let seq = log(&tx, author, &change)?;
        let version = db::history::schema_version(&tx)?;
        db::history::insert(&tx, seq, author.as_str(), version, &changeset)?;
        tracing::debug!(seq, %author, entity = %change.entity, key = %change.key, kind = change.kind, bytes = changeset.len(), "gesture");
        logged = Some(seq);
    }
    finish(&tx, &mut value, logged)?;
    tx.commit()?;
    Ok(value)
}

/// Appends a change to the event log; returns its sequence number.
fn log(conn: &Connection, author: &Author, change: &Change) -> Result<i64> {
    let at = crate::time_util::now_rfc3339();
    let payload = change.payload.to_string();
    let event = NewEvent { at: &at, author: author.as_str(), entity: change.entity.as_str(), key: &change.key, kind: change.kind, payload: &payload };
    db::events::insert(conn, &event)
}

/// Which way through the history.
pub(crate) enum Direction {
    Undo,
    Redo,
}

/// Reverts `author`'s newest gesture not undone, or re-applies the one it undid last.
/// Refused, with nothing changed, when a later gesture of another author changed a row
/// the step changed ([`Error::UndoConflict`]), when the rows are otherwise not as the step
/// expects ([`Error::HistoryConflict`]), or when the step was recorded at an older schema
/// ([`Error::HistoryFromOlderSchema`]: then the author's steps from before the upgrade
/// are dropped, so that the next undo reaches the steps after it or says there is none).
pub(crate) fn travel(conn: &mut Connection, author: &Author, direction: Direction) -> Result<HistoryEntry> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (action, recorded) = match direction {
        Direction::Undo => ("undo", db::history::newest_done(&tx, author.as_str())?.ok_or(Error::NothingToUndo)?),
        Direction::Redo => ("redo", db::history::oldest_undone(&tx, author.as_str())?.ok_or(Error::NothingToRedo)?),
    };
    let seq = recorded.entry.seq;
    let current = db::history::schema_version(&tx)?;
    if recorded.schema_version != current {
        let dropped = db::history::drop_other_schemas(&tx, author.as_str(), current)?;
        tx.commit()?;
        tracing::warn!(seq, recorded = recorded.schema_version, current, dropped, "history from another schema");
        return Err(Error::HistoryFromOlderSchema { action, seq, recorded: recorded.schema_version, current, dropped });
    }
    if let Some(other) = later_conflict(&tx, &recorded, author)? {
        let HistoryEntry { seq, author, entity, key, kind } = other;
        return Err(Error::UndoConflict { action, seq, author, entity, key, kind });
    }
    let changeset = match direction {
        Direction::Undo => {
            let mut inverted = Vec::new();
            rusqlite::session::invert_strm(&mut recorded.changeset.as_slice(), &mut inverted)?;
            inverted
        }
        Direction::Redo => recorded.changeset,
    };
    let tops = db::keys::top_row_ids(&tx)?;
    // Every change goes through a gesture and the check above found no other author's
    // change to these rows, so the rows should be exactly as the changeset expects; when
    // they are not, say what SQLite found. Errors without a conflict (a read-only or
    // corrupt file) pass through as what they are.
    let conflict: Arc<Mutex<Option<&'static str>>> = Arc::default();
    let seen = Arc::clone(&conflict);
    let applied = tx.apply_strm(
        &mut changeset.as_slice(),
        Some(|table: &str| !UNTRACKED.contains(&table)),
        move |kind: ConflictType, _| {
            seen.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(cause(&kind));
            ConflictAction::SQLITE_CHANGESET_ABORT
        },
    );
    if let Err(e) = applied {
        let cause = conflict.lock().unwrap_or_else(|p| p.into_inner()).take();
        tracing::warn!(error = %e, seq, action, "history conflict");
        return Err(match cause {
            Some(cause) => Error::HistoryConflict { action, seq, cause },
            None => e.into(),
        });
    }
    db::keys::keep_row_id_floors(&tx, &tops)?;
    db::history::set_undone(&tx, recorded.id, matches!(direction, Direction::Undo))?;
    let entry = recorded.entry;
    let payload = serde_json::json!({ "seq": entry.seq, "kind": entry.kind }).to_string();
    let at = crate::time_util::now_rfc3339();
    let event = NewEvent { at: &at, author: author.as_str(), entity: &entry.entity, key: &entry.key, kind: action, payload: &payload };
    db::events::insert(&tx, &event)?;
    tx.commit()?;
    tracing::debug!(seq = entry.seq, %author, action, "history");
    Ok(entry)
}

/// The newest gesture made after `recorded` by another author, still in effect, that
/// changed a row `recorded` changed.
fn later_conflict(conn: &Connection, recorded: &db::history::Recorded, author: &Author) -> Result<Option<HistoryEntry>> {
    let mine = touched::rows(&recorded.changeset, &UNTRACKED)?;
    db::history::find_later_by_others(conn, recorded.id, author.as_str(), |later| {
        Ok(touched::first_shared(&later.changeset, &UNTRACKED, &mine)?.map(|_| later.entry.clone()))
    })
}

/// What a changeset conflict means, in words.
fn cause(kind: &ConflictType) -> &'static str {
    match kind {
        ConflictType::SQLITE_CHANGESET_DATA => {
            "a row it changed holds other values now (changed outside this author's history, for example by another author's undo)"
        }
        ConflictType::SQLITE_CHANGESET_NOTFOUND => "a row it changed no longer exists",
        ConflictType::SQLITE_CHANGESET_CONFLICT => "a row it would add exists already",
        ConflictType::SQLITE_CHANGESET_CONSTRAINT => "the result would break a rule of the schema (a unique key or a check)",
        ConflictType::SQLITE_CHANGESET_FOREIGN_KEY => {
            "rows added since refer to rows it would remove, or rows it would add refer to rows that are gone"
        }
        _ => "the rows are not as it left them",
    }
}
