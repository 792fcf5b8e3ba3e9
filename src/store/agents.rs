//! Agents: their capabilities, and the workload derived from the tasks they hold.

use super::capabilities::{check_capability_list, ensure_capability};
use super::gesture::Change;
use super::keys::new_key;
use super::rows::{check, id_of};
use super::tasks::check_open_assignments_of_agent;
use super::Store;
use crate::domain::*;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

/// Open statuses, as SQL, for workload sums.
pub(crate) const OPEN: &str = "('todo', 'in_progress', 'blocked')";

impl Store {
    pub fn create_agent(&mut self, key: Option<&str>, fields: &AgentFields) -> Result<Agent> {
        self.gesture(|conn| {
            let key = new_key(conn, Entity::Agent, key)?;
            insert_agent(conn, &key, fields)?;
            let agent = load_agent(conn, &key)?;
            Ok((agent.clone(), Change::new(Entity::Agent, &key, "created", json!(agent))))
        })
    }

    /// Replaces an agent's fields. Refused when the agent would stop qualifying for an
    /// open task it holds (inactive, or a capability dropped or lowered).
    pub fn update_agent(&mut self, key: &str, fields: &AgentFields) -> Result<Agent> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Agent, key)?;
            validate_agent_fields(key, fields)?;
            conn.prepare_cached("UPDATE agents SET name = ?2, experience = ?3, capacity = ?4, active = ?5 WHERE id = ?1")?
                .execute(params![id, fields.name, fields.experience, fields.capacity, fields.active])?;
            conn.execute("DELETE FROM agent_capabilities WHERE agent_id = ?1", [id])?;
            insert_agent_capabilities(conn, id, &fields.capabilities)?;
            check_open_assignments_of_agent(conn, id)?;
            let agent = load_agent(conn, key)?;
            Ok((agent.clone(), Change::new(Entity::Agent, key, "updated", json!(agent))))
        })
    }

    /// Deletes an agent; the tasks it held become unassigned.
    pub fn delete_agent(&mut self, key: &str) -> Result<Vec<String>> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Agent, key)?;
            let released: Vec<String> = conn
                .prepare("SELECT key FROM tasks WHERE assignee_id = ?1 ORDER BY key")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            conn.execute("UPDATE tasks SET assignee_id = NULL WHERE assignee_id = ?1", [id])?;
            conn.execute("DELETE FROM agent_capabilities WHERE agent_id = ?1", [id])?;
            conn.execute("DELETE FROM agents WHERE id = ?1", [id])?;
            Ok((released.clone(), Change::new(Entity::Agent, key, "deleted", json!({ "unassigned_tasks": released }))))
        })
    }

    pub fn agent(&self, key: &str) -> Result<Agent> {
        load_agent(&self.conn, key)
    }

    /// Every agent with its workload, by key.
    pub fn agents(&self) -> Result<Vec<Agent>> {
        load_agents(&self.conn, None)
    }
}

pub(crate) fn validate_agent_fields(key: &str, f: &AgentFields) -> Result<()> {
    check(Entity::Agent, key, "name", check_not_blank(&f.name))?;
    check(Entity::Agent, key, "capacity", check_non_negative(f.capacity))?;
    check_capability_list(Entity::Agent, key, "capabilities", &f.capabilities)
}

pub(crate) fn insert_agent(conn: &Connection, key: &str, f: &AgentFields) -> Result<i64> {
    validate_agent_fields(key, f)?;
    conn.prepare_cached("INSERT INTO agents (key, name, experience, capacity, active) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![key, f.name, f.experience, f.capacity, f.active])?;
    let id = conn.last_insert_rowid();
    insert_agent_capabilities(conn, id, &f.capabilities)?;
    Ok(id)
}

fn insert_agent_capabilities(conn: &Connection, agent: i64, list: &[CapabilityLevel]) -> Result<()> {
    for c in list {
        let cap = ensure_capability(conn, &c.capability)?;
        conn.prepare_cached("INSERT INTO agent_capabilities (agent_id, capability_id, level) VALUES (?1, ?2, ?3)")?
            .execute(params![agent, cap, c.level])?;
    }
    Ok(())
}

pub(crate) fn load_agent(conn: &Connection, key: &str) -> Result<Agent> {
    let id: i64 = conn
        .prepare_cached("SELECT id FROM agents WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Agent, key))?;
    Ok(load_agents(conn, Some(id))?.remove(0))
}

/// One agent (by id) or all of them, with capabilities and workload.
fn load_agents(conn: &Connection, only: Option<i64>) -> Result<Vec<Agent>> {
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
            Ok((
                r.get(0)?,
                Agent {
                    key: r.get(1)?,
                    fields: AgentFields {
                        name: r.get(2)?,
                        experience: r.get(3)?,
                        capacity: r.get(4)?,
                        active: r.get(5)?,
                        capabilities: Vec::new(),
                    },
                    workload: r.get(6)?,
                    open_tasks: r.get(7)?,
                },
            ))
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
