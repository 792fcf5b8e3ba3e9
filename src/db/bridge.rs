//! SQL of the workspace's identity and the broker bridge's bookkeeping
//! (`workspace_identity`, `bridge_outbox`, `bridge_offers`, `bridge_reports`). None of
//! these rows is part of the workspace: no event logs them and undo leaves them alone.

use crate::domain::TaskReadiness;
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

/// Every task to do that has an assignee, and every task offered now, with its status,
/// assignee and whether it waits on a dependency not done, by key: one statement, so that
/// the bridge's comparison after each change stays cheap in a large workspace.
pub(crate) fn readiness(conn: &Connection) -> Result<Vec<TaskReadiness>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.key, t.status, a.key,
                EXISTS (SELECT 1 FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id
                        WHERE x.task_id = t.id AND d.status <> 'done')
         FROM tasks t LEFT JOIN agents a ON a.id = t.assignee_id
         WHERE (t.status = 'todo' AND t.assignee_id IS NOT NULL) OR t.key IN (SELECT task FROM bridge_offers)
         ORDER BY t.key",
    )?;
    let rows = stmt.query_map([], |r| Ok(TaskReadiness { key: r.get(0)?, status: r.get(1)?, assignee: r.get(2)?, waiting: r.get(3)? }))?;
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
