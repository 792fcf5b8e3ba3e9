//! The broker bridge's bookkeeping: the workspace id it names messages with, how far its
//! outbox got, and the work offers in force. None of it is part of the workspace: these
//! writes are not gestures (no event, no undo step), and the bridge is their only writer.

use crate::db;
use crate::domain::{BridgeBacklog, Entity, TaskReadiness};
use crate::{Error, Result};
use rusqlite::Connection;

/// The workspace id (a UUID made once per database).
pub(crate) fn workspace_id(conn: &Connection) -> Result<String> {
    db::bridge::workspace_id(conn)
}

/// How far the bridge is with this database, for a status line: the events the stream
/// `stream` has not acknowledged yet, and the agent reports applied. Read in one go.
pub(crate) fn backlog(conn: &Connection, stream: &str) -> Result<BridgeBacklog> {
    let _snapshot = conn.unchecked_transaction()?;
    let waiting = db::events::last_seq(conn)? - db::bridge::outbox_cursor(conn, stream)?;
    Ok(BridgeBacklog { events_waiting: waiting.max(0), reports_applied: db::bridge::applied_report_count(conn)? })
}

/// The newest event sequence number `stream` acknowledged, 0 before any.
pub(crate) fn outbox_cursor(conn: &Connection, stream: &str) -> Result<i64> {
    db::bridge::outbox_cursor(conn, stream)
}

/// Records that `stream` acknowledged every event up to `seq`. The cursor never moves
/// back: a smaller `seq` than the one stored is ignored. Refused for a stream name that is
/// not 1 to 64 characters and for a negative `seq`.
pub(crate) fn set_outbox_cursor(conn: &Connection, stream: &str, seq: i64) -> Result<()> {
    let length = stream.chars().count();
    if length == 0 || length > 64 {
        return Err(Error::invalid(Entity::Workspace, "workspace", "stream", "must be 1 to 64 characters"));
    }
    if seq < 0 {
        return Err(Error::invalid(Entity::Workspace, "workspace", "seq", "must not be negative"));
    }
    if seq > db::bridge::outbox_cursor(conn, stream)? {
        db::bridge::set_outbox_cursor(conn, stream, seq)?;
    }
    Ok(())
}

/// Every work offer in force, as (task, agent), by task.
pub(crate) fn offers(conn: &Connection) -> Result<Vec<(String, String)>> {
    db::bridge::offers(conn)
}

/// Every task to do with an assignee, and every task offered now: what the offers are
/// compared with.
pub(crate) fn readiness(conn: &Connection) -> Result<Vec<TaskReadiness>> {
    db::bridge::readiness(conn)
}

/// Records that `task` is offered to `agent` (`Some`), or that no offer of it is in force (`None`).
pub(crate) fn set_offer(conn: &Connection, task: &str, agent: Option<&str>) -> Result<()> {
    match agent {
        Some(agent) => db::bridge::set_offer(conn, task, agent),
        None => db::bridge::delete_offer(conn, task),
    }
}
