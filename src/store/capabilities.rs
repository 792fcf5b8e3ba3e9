//! Capabilities: named skills that agents hold and actions require. They are created
//! on first use by name; renaming one renames it everywhere.

use super::gesture::Change;
use super::rows::{check, find_id, id_of};
use super::Store;
use crate::domain::*;
use crate::{Entity, Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

impl Store {
    /// Every capability with how many agents hold it and how many actions need it.
    pub fn capabilities(&self) -> Result<Vec<Capability>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.name,
                    (SELECT count(*) FROM agent_capabilities WHERE capability_id = c.id),
                    (SELECT count(*) FROM action_capabilities WHERE capability_id = c.id)
             FROM capabilities c ORDER BY c.name",
        )?;
        let rows = stmt.query_map([], |r| Ok(Capability { name: r.get(0)?, agents: r.get(1)?, actions: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn create_capability(&mut self, name: &str) -> Result<()> {
        self.gesture(|conn| {
            if find_id(conn, Entity::Capability, name)?.is_some() {
                return Err(Error::DuplicateKey { entity: Entity::Capability, key: name.into() });
            }
            ensure_capability(conn, name)?;
            Ok(((), Change::new(Entity::Capability, name, "created", json!({ "name": name }))))
        })
    }

    pub fn rename_capability(&mut self, name: &str, new_name: &str) -> Result<()> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Capability, name)?;
            check(Entity::Capability, name, "name", check_capability_name(new_name))?;
            if new_name != name && find_id(conn, Entity::Capability, new_name)?.is_some() {
                return Err(Error::DuplicateKey { entity: Entity::Capability, key: new_name.into() });
            }
            conn.execute("UPDATE capabilities SET name = ?2 WHERE id = ?1", (id, new_name))?;
            Ok(((), Change::new(Entity::Capability, name, "renamed", json!({ "name": new_name }))))
        })
    }

    /// Refused while any agent holds the capability or any action requires it.
    pub fn delete_capability(&mut self, name: &str) -> Result<()> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Capability, name)?;
            let mut used_by: Vec<String> = conn
                .prepare("SELECT 'agent ' || a.key FROM agent_capabilities x JOIN agents a ON a.id = x.agent_id WHERE x.capability_id = ?1
                          UNION ALL SELECT 'action ' || a.key FROM action_capabilities x JOIN actions a ON a.id = x.action_id WHERE x.capability_id = ?1")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !used_by.is_empty() {
                used_by.sort();
                return Err(Error::InUse { entity: Entity::Capability, key: name.into(), used_by });
            }
            conn.execute("DELETE FROM capabilities WHERE id = ?1", [id])?;
            Ok(((), Change::new(Entity::Capability, name, "deleted", json!({}))))
        })
    }
}

/// The id of the capability called `name`, creating it if it does not exist yet.
pub(crate) fn ensure_capability(conn: &Connection, name: &str) -> Result<i64> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM capabilities WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    check(Entity::Capability, name, "name", check_capability_name(name))?;
    conn.prepare_cached("INSERT INTO capabilities (name) VALUES (?1)")?.execute([name])?;
    Ok(conn.last_insert_rowid())
}

/// Checks a list of capability levels: names valid, levels in range, no name twice.
pub(crate) fn check_capability_list(entity: Entity, key: &str, field: &str, list: &[CapabilityLevel]) -> Result<()> {
    for (i, c) in list.iter().enumerate() {
        check(entity, key, &format!("{field}[{i}].capability"), check_capability_name(&c.capability))?;
        check(entity, key, &format!("{field}[{i}].level"), check_level(c.level))?;
        if list[..i].iter().any(|o| o.capability == c.capability) {
            return Err(Error::invalid(entity, key, format!("{field}[{i}].capability"), format!("{:?} appears twice", c.capability)));
        }
    }
    Ok(())
}
