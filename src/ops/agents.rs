//! Agents: their capabilities; workload is derived from the tasks they hold.

use super::{assignments, capabilities, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::rows::id_of;
use crate::db::tasks::Holders;
use crate::domain::*;
use crate::Result;
use rusqlite::Connection;
use serde_json::json;

pub(crate) fn create(conn: &Connection, key: Option<&str>, fields: &AgentFields) -> Result<(Agent, Change)> {
    let key = new_key(conn, Entity::Agent, key)?;
    insert(conn, &key, fields)?;
    let agent = db::agents::load(conn, &key)?;
    Ok((agent.clone(), Change::new(Entity::Agent, &key, "created", json!(agent))))
}

/// Inserts an agent with its capabilities after checking its fields.
pub(crate) fn insert(conn: &Connection, key: &str, fields: &AgentFields) -> Result<i64> {
    fields.validate(key)?;
    let id = db::agents::insert(conn, key, fields)?;
    for (capability, level) in capabilities::resolve(conn, &fields.capabilities)? {
        db::agents::insert_capability(conn, id, capability, level)?;
    }
    Ok(id)
}

/// Replaces an agent's fields. Refused when the agent would stop qualifying for an open
/// task it holds (inactive, or a capability dropped or lowered).
pub(crate) fn update(conn: &Connection, key: &str, fields: &AgentFields) -> Result<(Agent, Change)> {
    let id = id_of(conn, Entity::Agent, key)?;
    fields.validate(key)?;
    db::agents::update_fields(conn, id, fields)?;
    db::agents::delete_capabilities(conn, id)?;
    for (capability, level) in capabilities::resolve(conn, &fields.capabilities)? {
        db::agents::insert_capability(conn, id, capability, level)?;
    }
    assignments::recheck_all(conn, Holders::Agent(id))?;
    let agent = db::agents::load(conn, key)?;
    Ok((agent.clone(), Change::new(Entity::Agent, key, "updated", json!(agent))))
}

/// Deletes an agent; the tasks it held become unassigned (their keys are returned).
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<(Vec<String>, Change)> {
    let id = id_of(conn, Entity::Agent, key)?;
    let released = db::tasks::release_all_of(conn, id)?;
    db::agents::delete_capabilities(conn, id)?;
    db::agents::delete(conn, id)?;
    Ok((released.clone(), Change::new(Entity::Agent, key, "deleted", json!({ "unassigned_tasks": released }))))
}
