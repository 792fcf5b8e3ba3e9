//! SQL of the workspace's identity and the broker bridge's bookkeeping
//! (`workspace_identity`, `bridge_outbox`, `bridge_offers`, `bridge_reports`). None of
//! these rows is part of the workspace: no event logs them and undo leaves them alone.

use crate::Result;
use rusqlite::{Connection, OptionalExtension};

/// The workspace id, made once by the migration that added it.
pub(crate) fn workspace_id(conn: &Connection) -> Result<String> {
    Ok(conn.prepare_cached("SELECT uuid FROM workspace_identity WHERE singleton = 1")?.query_row([], |r| r.get(0))?)
}

/// The newest event sequence number the broker acknowledged on `stream`, 0 before any.
pub(crate) fn outbox_cursor(conn: &Connection, stream: &str) -> Result<i64> {
    let seq = conn.prepare_cached("SELECT acked_seq FROM bridge_outbox WHERE stream = ?1")?.query_row([stream], |r| r.get(0)).optional()?;
    Ok(seq.unwrap_or(0))
}

pub(crate) fn set_outbox_cursor(conn: &Connection, stream: &str, seq: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO bridge_outbox (stream, acked_seq) VALUES (?1, ?2) ON CONFLICT (stream) DO UPDATE SET acked_seq = excluded.acked_seq")?
        .execute((stream, seq))?;
    Ok(())
}

/// Every offer in force as (task, agent), by task.
pub(crate) fn offers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT task, agent FROM bridge_offers ORDER BY task")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn set_offer(conn: &Connection, task: &str, agent: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO bridge_offers (task, agent) VALUES (?1, ?2) ON CONFLICT (task) DO UPDATE SET agent = excluded.agent")?
        .execute([task, agent])?;
    Ok(())
}

pub(crate) fn delete_offer(conn: &Connection, task: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM bridge_offers WHERE task = ?1")?.execute([task])?;
    Ok(())
}

/// The report with `id`, when it was applied: `Some(seq)` of its gesture's event
/// (itself `None` when it changed no row).
pub(crate) fn applied_report(conn: &Connection, id: &str) -> Result<Option<Option<i64>>> {
    Ok(conn.prepare_cached("SELECT seq FROM bridge_reports WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?)
}

/// What a report row holds.
pub(crate) struct AppliedReport<'a> {
    pub id: &'a str,
    pub agent: &'a str,
    pub task: &'a str,
    pub seq: Option<i64>,
    pub applied_at: &'a str,
}

pub(crate) fn insert_applied_report(conn: &Connection, r: &AppliedReport) -> Result<()> {
    conn.prepare_cached("INSERT INTO bridge_reports (id, agent, task, seq, applied_at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute((r.id, r.agent, r.task, r.seq, r.applied_at))?;
    Ok(())
}

/// How many agent reports were applied, ever.
pub(crate) fn applied_report_count(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT count(*) FROM bridge_reports")?.query_row([], |r| r.get(0))?)
}
