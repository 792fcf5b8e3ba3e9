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

/// The entity tables whose rows get generated integer ids.
const ROW_ID_TABLES: [&str; 8] = ["capabilities", "agents", "goals", "actions", "plans", "plan_steps", "tasks", "methods"];

/// The highest row id in each of [`ROW_ID_TABLES`] now.
pub(crate) fn top_row_ids(conn: &Connection) -> Result<[i64; 8]> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT coalesce(max(id), 0) FROM capabilities), (SELECT coalesce(max(id), 0) FROM agents),
                    (SELECT coalesce(max(id), 0) FROM goals), (SELECT coalesce(max(id), 0) FROM actions),
                    (SELECT coalesce(max(id), 0) FROM plans), (SELECT coalesce(max(id), 0) FROM plan_steps),
                    (SELECT coalesce(max(id), 0) FROM tasks), (SELECT coalesce(max(id), 0) FROM methods)",
        )?
        .query_row([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?]))?)
}

/// Remembers the ids of rows removed from the top of a table since `before` (from
/// [`top_row_ids`]), so that no later insert gets them again: every insert takes an id
/// above both the table's highest row and its floor.
pub(crate) fn keep_row_id_floors(conn: &Connection, before: &[i64; 8]) -> Result<()> {
    let now = top_row_ids(conn)?;
    for ((table, was), is) in ROW_ID_TABLES.iter().zip(before).zip(now) {
        if is < *was {
            conn.prepare_cached(
                "INSERT INTO row_id_floors (tbl, floor) VALUES (?1, ?2)
                 ON CONFLICT (tbl) DO UPDATE SET floor = max(floor, excluded.floor)",
            )?
            .execute((table, was))?;
        }
    }
    Ok(())
}
