//! Keys: checking the ones people choose and generating the ones they leave out.

use super::rows::find_id;
use crate::domain::{Entity, Key};
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

/// The prefix of generated keys: `G-1`, `AG-1`, `A-1`, `P-1`, `T-1`, `M-1`.
fn prefix(entity: Entity) -> &'static str {
    match entity {
        Entity::Goal => "G",
        Entity::Agent => "AG",
        Entity::Action => "A",
        Entity::Plan => "P",
        Entity::Task => "T",
        Entity::Step => "S",
        Entity::Method => "M",
        Entity::Capability | Entity::Fact | Entity::Workspace => unreachable!("no generated keys for {entity}"),
    }
}

/// The key a new entity gets: `requested` when valid and free, otherwise the next free
/// generated key.
pub(crate) fn new_key(conn: &Connection, entity: Entity, requested: Option<&str>) -> Result<String> {
    match requested {
        Some(text) => {
            let key = Key::parse(text).map_err(|reason| Error::invalid(entity, text, "key", reason))?;
            if find_id(conn, entity, key.as_str())?.is_some() {
                return Err(Error::DuplicateKey { entity, key: key.into() });
            }
            Ok(key.into())
        }
        None => generate(conn, entity),
    }
}

fn generate(conn: &Connection, entity: Entity) -> Result<String> {
    let prefix = prefix(entity);
    let mut next: i64 = conn
        .prepare_cached("SELECT next FROM key_sequences WHERE prefix = ?1")?
        .query_row([prefix], |r| r.get(0))
        .optional()?
        .unwrap_or(1);
    // Imported or hand-chosen keys may already use the next number: skip past them.
    let key = loop {
        let candidate = format!("{prefix}-{next}");
        next += 1;
        if find_id(conn, entity, &candidate)?.is_none() {
            break candidate;
        }
    };
    conn.prepare_cached(
        "INSERT INTO key_sequences (prefix, next) VALUES (?1, ?2)
         ON CONFLICT (prefix) DO UPDATE SET next = excluded.next",
    )?
    .execute((prefix, next))?;
    Ok(key)
}

/// The next free step key (`S1`, `S2`, ...) within a plan.
pub(crate) fn new_step_key(conn: &Connection, plan_id: i64, requested: Option<&str>) -> Result<String> {
    let taken = |key: &str| -> Result<bool> {
        Ok(conn
            .prepare_cached("SELECT 1 FROM plan_steps WHERE plan_id = ?1 AND key = ?2")?
            .query_row((plan_id, key), |_| Ok(()))
            .optional()?
            .is_some())
    };
    if let Some(text) = requested {
        let key = Key::parse(text).map_err(|reason| Error::invalid(Entity::Step, text, "key", reason))?;
        if taken(key.as_str())? {
            return Err(Error::DuplicateKey { entity: Entity::Step, key: key.into() });
        }
        return Ok(key.into());
    }
    let count: i64 = conn
        .prepare_cached("SELECT count(*) FROM plan_steps WHERE plan_id = ?1")?
        .query_row([plan_id], |r| r.get(0))?;
    let mut n = count + 1;
    loop {
        let candidate = format!("S{n}");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
        n += 1;
    }
}
