//! Actions: the reusable library that plan steps and methods use.

use super::{assignments, capabilities, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::rows::id_of;
use crate::db::tasks::Holders;
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;

pub(crate) fn create(conn: &Connection, key: Option<&str>, fields: &ActionFields) -> Result<(Action, Change)> {
    let key = new_key(conn, Entity::Action, key)?;
    insert(conn, &key, fields)?;
    let action = db::actions::load(conn, &key)?;
    Ok((action.clone(), Change::new(Entity::Action, &key, "created", json!(action))))
}

/// Inserts an action with its requirements after checking its fields.
pub(crate) fn insert(conn: &Connection, key: &str, fields: &ActionFields) -> Result<i64> {
    fields.validate(key)?;
    let id = db::actions::insert(conn, key, fields)?;
    for (capability, level) in capabilities::resolve(conn, &fields.requires)? {
        db::actions::insert_requirement(conn, id, capability, level)?;
    }
    Ok(id)
}

/// Replaces an action's fields. Refused when an agent holding an open task made from a
/// step of this action would no longer qualify for it.
pub(crate) fn update(conn: &Connection, key: &str, fields: &ActionFields) -> Result<(Action, Change)> {
    let id = id_of(conn, Entity::Action, key)?;
    fields.validate(key)?;
    db::actions::update_fields(conn, id, fields)?;
    db::actions::delete_requirements(conn, id)?;
    for (capability, level) in capabilities::resolve(conn, &fields.requires)? {
        db::actions::insert_requirement(conn, id, capability, level)?;
    }
    assignments::recheck_all(conn, Holders::Action(id))?;
    let action = db::actions::load(conn, key)?;
    Ok((action.clone(), Change::new(Entity::Action, key, "updated", json!(action))))
}

/// Refused while any plan step or method subtask uses the action; the error names them.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<((), Change)> {
    let id = id_of(conn, Entity::Action, key)?;
    let mut used_by = db::actions::plans_using(conn, id)?;
    used_by.extend(db::methods::using_action(conn, id)?);
    if !used_by.is_empty() {
        return Err(Error::InUse { entity: Entity::Action, key: key.into(), used_by });
    }
    db::actions::delete_requirements(conn, id)?;
    db::actions::delete(conn, id)?;
    Ok(((), Change::new(Entity::Action, key, "deleted", json!({}))))
}
