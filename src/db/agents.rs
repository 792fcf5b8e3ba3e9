//! SQL of `agents` and `agent_capabilities`; workload is derived from the open tasks.

use super::rows::OPEN;
use crate::domain::*;
use crate::execution::AgentLoad;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// The agent row alone; capabilities are added with [`insert_capability`].
pub(crate) fn insert(conn: &Connection, key: &str, f: &AgentFields) -> Result<i64> {
    conn.prepare_cached("INSERT INTO agents (id, key, name, experience, capacity, active)
         VALUES (max(coalesce((SELECT max(id) FROM agents), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'agents'), 0)) + 1, ?1, ?2, ?3, ?4, ?5)")?
        .execute(params![key, f.name, f.experience, f.capacity, f.active])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_capability(conn: &Connection, agent: i64, capability: i64, level: u8) -> Result<()> {
    conn.prepare_cached("INSERT INTO agent_capabilities (agent_id, capability_id, level) VALUES (?1, ?2, ?3)")?
        .execute(params![agent, capability, level])?;
    Ok(())
}

pub(crate) fn update_fields(conn: &Connection, id: i64, f: &AgentFields) -> Result<()> {
    conn.prepare_cached("UPDATE agents SET name = ?2, experience = ?3, capacity = ?4, active = ?5 WHERE id = ?1")?
        .execute(params![id, f.name, f.experience, f.capacity, f.active])?;
    Ok(())
}

pub(crate) fn delete_capabilities(conn: &Connection, agent: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM agent_capabilities WHERE agent_id = ?1")?.execute([agent])?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, agent: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM agents WHERE id = ?1")?.execute([agent])?;
    Ok(())
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<Agent> {
    let id: i64 = conn
        .prepare_cached("SELECT id FROM agents WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Agent, key))?;
    load_where(conn, Some(id))?.pop().ok_or_else(|| Error::not_found(Entity::Agent, key))
}

/// Every agent with its workload, by key.
pub(crate) fn load_all(conn: &Connection) -> Result<Vec<Agent>> {
    load_where(conn, None)
}

/// One agent (by id) or all of them, with capabilities and workload.
fn load_where(conn: &Connection, only: Option<i64>) -> Result<Vec<Agent>> {
    let sql = format!(
        "SELECT a.id, a.key, a.name, a.experience, a.capacity, a.active,
                coalesce(sum(t.effort), 0.0), count(t.id)
         FROM agents a LEFT JOIN tasks t ON t.assignee_id = a.id AND t.status IN {OPEN}
         WHERE ?1 IS NULL OR a.id = ?1
         GROUP BY a.id ORDER BY a.key"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut caps = conn.prepare_cached(
        "SELECT c.name, x.level FROM agent_capabilities x JOIN capabilities c ON c.id = x.capability_id
         WHERE x.agent_id = ?1 ORDER BY c.name",
    )?;
    let rows: Vec<(i64, Agent)> = stmt
        .query_map([only], |r| {
            let fields = AgentFields { name: r.get(2)?, experience: r.get(3)?, capacity: r.get(4)?, active: r.get(5)?, capabilities: Vec::new() };
            Ok((r.get(0)?, Agent { key: r.get(1)?, fields, workload: r.get(6)?, open_tasks: r.get(7)? }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, mut agent)| {
            agent.fields.capabilities = caps
                .query_map([id], |r| Ok(CapabilityLevel { capability: r.get(0)?, level: r.get(1)? }))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(agent)
        })
        .collect()
}

/// An agent's id, capacity and workload (the effort of its open tasks).
pub(crate) fn capacity_of(conn: &Connection, key: &str) -> Result<Option<(i64, f64, f64)>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT a.id, a.capacity, (SELECT coalesce(sum(t.effort), 0.0) FROM tasks t WHERE t.assignee_id = a.id AND t.status IN {OPEN})
             FROM agents a WHERE a.key = ?1"
        ))?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Whether the agent with id `agent` is active.
pub(crate) fn is_active(conn: &Connection, agent: i64) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT active FROM agents WHERE id = ?1")?.query_row([agent], |r| r.get(0))?)
}

/// Agents whose open work exceeds their capacity, by key.
pub(crate) fn load_overloaded(conn: &Connection) -> Result<Vec<AgentLoad>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.key, a.name, coalesce(sum(t.effort), 0.0) AS workload, a.capacity, count(t.id)
         FROM agents a LEFT JOIN tasks t ON t.assignee_id = a.id AND t.status IN {OPEN}
         GROUP BY a.id HAVING workload > a.capacity ORDER BY a.key"
    ))?;
    let rows = stmt
        .query_map([], |r| Ok(AgentLoad { agent: r.get(0)?, name: r.get(1)?, workload: r.get(2)?, capacity: r.get(3)?, open_tasks: r.get(4)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
