//! SQL of `capabilities`: named skills that agents hold and actions require.

use crate::domain::Capability;
use crate::Result;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashSet;

/// Every capability with how many agents hold it and how many actions need it.
pub(crate) fn load_all(conn: &Connection) -> Result<Vec<Capability>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.name,
                (SELECT count(*) FROM agent_capabilities WHERE capability_id = c.id),
                (SELECT count(*) FROM action_capabilities WHERE capability_id = c.id)
         FROM capabilities c ORDER BY c.name",
    )?;
    let rows = stmt.query_map([], |r| Ok(Capability { name: r.get(0)?, agents: r.get(1)?, actions: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn names(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM capabilities")?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The id of the capability called `name` (already checked), inserting it if new.
pub(crate) fn id_or_insert(conn: &Connection, name: &str) -> Result<i64> {
    if let Some(id) = conn.prepare_cached("SELECT id FROM capabilities WHERE name = ?1")?.query_row([name], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO capabilities (id, name)
         VALUES (max(coalesce((SELECT max(id) FROM capabilities), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'capabilities'), 0)) + 1, ?1)")?.execute([name])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn rename(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.prepare_cached("UPDATE capabilities SET name = ?2 WHERE id = ?1")?.execute((id, name))?;
    Ok(())
}

/// "agent AG-1" and "action A-2" for every holder and user of the capability, sorted.
pub(crate) fn used_by(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut used_by: Vec<String> = conn
        .prepare_cached(
            "SELECT 'agent ' || a.key FROM agent_capabilities x JOIN agents a ON a.id = x.agent_id WHERE x.capability_id = ?1
             UNION ALL SELECT 'action ' || a.key FROM action_capabilities x JOIN actions a ON a.id = x.action_id WHERE x.capability_id = ?1",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    used_by.sort();
    Ok(used_by)
}

pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM capabilities WHERE id = ?1")?.execute([id])?;
    Ok(())
}
