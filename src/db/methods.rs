//! SQL of HTN methods: `methods` and `method_subtasks`.

use super::rows::{to_json, Json};
use crate::domain::Entity;
use crate::htn::{Method, MethodFields, Subtask, SubtaskKind};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeSet, HashMap};

/// A subtask resolved to the id of its goal or action.
#[derive(Clone, Copy)]
pub(crate) struct SubtaskRow {
    pub kind: SubtaskKind,
    pub id: i64,
}

/// The method row alone, its fields already validated; subtasks go in with
/// [`insert_subtasks`].
pub(crate) fn insert(conn: &Connection, key: &str, goal_id: i64, f: &MethodFields) -> Result<i64> {
    conn.prepare_cached("INSERT INTO methods (id, key, goal_id, name, priority, ordered, conditions)
         VALUES (max(coalesce((SELECT max(id) FROM methods), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'methods'), 0)) + 1, ?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![key, goal_id, f.name, f.priority, f.ordered, to_json(&f.conditions)])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_subtasks(conn: &Connection, method: i64, subtasks: &[SubtaskRow]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO method_subtasks (method_id, position, kind, goal_id, action_id) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (position, s) in subtasks.iter().enumerate() {
        let (goal, action) = match s.kind {
            SubtaskKind::Goal => (Some(s.id), None),
            SubtaskKind::Action => (None, Some(s.id)),
        };
        stmt.execute(params![method, position as i64, s.kind.as_str(), goal, action])?;
    }
    Ok(())
}

pub(crate) fn update_fields(conn: &Connection, id: i64, f: &MethodFields) -> Result<()> {
    conn.prepare_cached("UPDATE methods SET name = ?2, priority = ?3, ordered = ?4, conditions = ?5 WHERE id = ?1")?
        .execute(params![id, f.name, f.priority, f.ordered, to_json(&f.conditions)])?;
    Ok(())
}

pub(crate) fn delete_subtasks(conn: &Connection, method: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM method_subtasks WHERE method_id = ?1")?.execute([method])?;
    Ok(())
}

/// Deletes a method with its subtasks.
pub(crate) fn delete(conn: &Connection, method: i64) -> Result<()> {
    delete_subtasks(conn, method)?;
    conn.prepare_cached("DELETE FROM methods WHERE id = ?1")?.execute([method])?;
    Ok(())
}

/// The methods of a goal, by key.
pub(crate) fn ids_of_goal(conn: &Connection, goal: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM methods WHERE goal_id = ?1 ORDER BY key")?;
    let ids = stmt.query_map([goal], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Keys of the methods of these goals, sorted.
pub(crate) fn keys_of_goals(conn: &Connection, goals: &[i64]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM methods WHERE goal_id = ?1")?;
    let mut keys = Vec::new();
    for g in goals {
        for key in stmt.query_map([g], |r| r.get::<_, String>(0))? {
            keys.push(key?);
        }
    }
    keys.sort();
    Ok(keys)
}

/// "method M-3" for every method of a goal outside `goals` that has one of these goals as
/// a subtask: what refuses their deletion.
pub(crate) fn using_goals(conn: &Connection, goals: &[i64]) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT m.goal_id, m.key FROM method_subtasks s JOIN methods m ON m.id = s.method_id WHERE s.goal_id = ?1")?;
    let inside: std::collections::HashSet<i64> = goals.iter().copied().collect();
    let mut used_by = BTreeSet::new();
    for g in goals {
        for row in stmt.query_map([g], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (owner, key) = row?;
            if !inside.contains(&owner) {
                used_by.insert(format!("method {key}"));
            }
        }
    }
    Ok(used_by.into_iter().collect())
}

/// "method M-3" for every method with the action as a subtask.
pub(crate) fn using_action(conn: &Connection, action: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT 'method ' || m.key FROM method_subtasks s JOIN methods m ON m.id = s.method_id
         WHERE s.action_id = ?1 ORDER BY m.key",
    )?;
    let keys = stmt.query_map([action], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<Method> {
    let id: i64 = conn
        .prepare_cached("SELECT id FROM methods WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Method, key))?;
    load_where(conn, "m.id = ?1", id)?.pop().ok_or_else(|| Error::not_found(Entity::Method, key))
}

/// Every method (or those of one goal), by key, with their subtasks in order.
pub(crate) fn load_all(conn: &Connection, goal: Option<i64>) -> Result<Vec<Method>> {
    match goal {
        Some(g) => load_where(conn, "m.goal_id = ?1", g),
        None => load_where(conn, "?1 IS NULL", rusqlite::types::Null),
    }
}

/// `filter` is one of the two constant clauses of [`load`] and [`load_all`].
fn load_where(conn: &Connection, filter: &str, arg: impl rusqlite::ToSql) -> Result<Vec<Method>> {
    let mut subtasks: HashMap<i64, Vec<Subtask>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.method_id, s.kind, coalesce(g.key, a.key) FROM method_subtasks s JOIN methods m ON m.id = s.method_id
         LEFT JOIN goals g ON g.id = s.goal_id LEFT JOIN actions a ON a.id = s.action_id
         WHERE {filter} ORDER BY s.method_id, s.position"
    ))?;
    for row in stmt.query_map([&arg], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))? {
        let (method, kind, key) = row?;
        let kind = SubtaskKind::parse(&kind).ok_or_else(|| Error::invalid(Entity::Method, &key, "subtasks", format!("unknown kind {kind:?}")))?;
        subtasks.entry(method).or_default().push(Subtask { kind, key });
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.key, g.key, m.name, m.priority, m.ordered, m.conditions FROM methods m JOIN goals g ON g.id = m.goal_id
         WHERE {filter} ORDER BY m.key"
    ))?;
    let rows = stmt.query_map([&arg], |r| {
        let Json(conditions) = r.get(6)?;
        let fields = MethodFields { name: r.get(3)?, priority: r.get(4)?, ordered: r.get(5)?, conditions, subtasks: Vec::new() };
        Ok((r.get::<_, i64>(0)?, Method { key: r.get(1)?, goal: r.get(2)?, fields }))
    })?;
    rows.map(|row| {
        let (id, mut m) = row?;
        m.fields.subtasks = subtasks.remove(&id).unwrap_or_default();
        Ok(m)
    })
    .collect()
}
