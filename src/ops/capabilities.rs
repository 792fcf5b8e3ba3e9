//! Capabilities: named skills that agents hold and actions require. They are created on
//! first use by name; renaming one renames it everywhere.

use super::Change;
use crate::db;
use crate::db::rows::{find_id, id_of};
use crate::domain::{check, check_capability_name, CapabilityLevel, Entity};
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;

pub(crate) fn create(conn: &Connection, name: &str) -> Result<((), Change)> {
    if find_id(conn, Entity::Capability, name)?.is_some() {
        return Err(Error::DuplicateKey { entity: Entity::Capability, key: name.into() });
    }
    check(Entity::Capability, name, "name", check_capability_name(name))?;
    db::capabilities::id_or_insert(conn, name)?;
    Ok(((), Change::new(Entity::Capability, name, "created", json!({ "name": name }))))
}

pub(crate) fn rename(conn: &Connection, name: &str, new_name: &str) -> Result<((), Change)> {
    let id = id_of(conn, Entity::Capability, name)?;
    check(Entity::Capability, name, "name", check_capability_name(new_name))?;
    if new_name != name && find_id(conn, Entity::Capability, new_name)?.is_some() {
        return Err(Error::DuplicateKey { entity: Entity::Capability, key: new_name.into() });
    }
    db::capabilities::rename(conn, id, new_name)?;
    Ok(((), Change::new(Entity::Capability, name, "renamed", json!({ "name": new_name }))))
}

/// Refused while any agent holds the capability or any action requires it.
pub(crate) fn delete(conn: &Connection, name: &str) -> Result<((), Change)> {
    let id = id_of(conn, Entity::Capability, name)?;
    let used_by = db::capabilities::used_by(conn, id)?;
    if !used_by.is_empty() {
        return Err(Error::InUse { entity: Entity::Capability, key: name.into(), used_by });
    }
    db::capabilities::delete(conn, id)?;
    Ok(((), Change::new(Entity::Capability, name, "deleted", json!({}))))
}

/// The ids of a checked capability list's names (created when new), with their levels.
pub(crate) fn resolve(conn: &Connection, list: &[CapabilityLevel]) -> Result<Vec<(i64, u8)>> {
    list.iter().map(|c| Ok((db::capabilities::id_or_insert(conn, &c.capability)?, c.level))).collect()
}
