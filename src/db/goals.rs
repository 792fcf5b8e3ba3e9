//! SQL of the goal tables: `goals`, `goal_metrics`, `goal_dependencies`,
//! `goal_contributions`.

use super::rows::{to_json, Json};
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A goal row as written: JSON columns already serialised, so that a bulk import can
/// make them beforehand (and in parallel) and a single insert can make them inline.
pub(crate) struct GoalRow<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub priority: u8,
    pub kind: GoalKind,
    pub mode: GoalMode,
    pub refinement: Refinement,
    pub status: GoalStatus,
    pub preconditions: &'a str,
    pub postconditions: &'a str,
    pub effects: &'a str,
    pub parent_id: Option<i64>,
}

pub(crate) fn insert(conn: &Connection, g: &GoalRow<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO goals (id, key, title, description, priority, kind, mode, refinement, status,
                            preconditions, postconditions, effects, parent_id)
         VALUES (max(coalesce((SELECT max(id) FROM goals), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'goals'), 0)) + 1,
                 ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        g.key,
        g.title,
        g.description,
        g.priority,
        g.kind,
        g.mode,
        g.refinement,
        g.status,
        g.preconditions,
        g.postconditions,
        g.effects,
        g.parent_id,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_metric(conn: &Connection, goal_id: i64, m: &Metric) -> Result<()> {
    conn.prepare_cached("INSERT INTO goal_metrics (goal_id, name, target, current, unit) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![goal_id, m.name, m.target, m.current, m.unit])?;
    Ok(())
}

pub(crate) fn update_fields(conn: &Connection, id: i64, f: &GoalFields) -> Result<()> {
    conn.prepare_cached(
        "UPDATE goals SET title = ?2, description = ?3, priority = ?4, kind = ?5, mode = ?6, refinement = ?7,
         preconditions = ?8, postconditions = ?9, effects = ?10 WHERE id = ?1",
    )?
    .execute(params![
        id,
        f.title,
        f.description,
        f.priority,
        f.kind,
        f.mode,
        f.refinement,
        to_json(&f.preconditions),
        to_json(&f.postconditions),
        to_json(&f.effects),
    ])?;
    Ok(())
}

pub(crate) fn delete_metrics(conn: &Connection, goal_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM goal_metrics WHERE goal_id = ?1")?.execute([goal_id])?;
    Ok(())
}

/// The id and status of the goal with `key`.
pub(crate) fn status_of(conn: &Connection, key: &str) -> Result<Option<(i64, GoalStatus)>> {
    Ok(conn.prepare_cached("SELECT id, status FROM goals WHERE key = ?1")?.query_row([key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

pub(crate) fn set_status(conn: &Connection, id: i64, status: GoalStatus) -> Result<()> {
    conn.prepare_cached("UPDATE goals SET status = ?2 WHERE id = ?1")?.execute(params![id, status])?;
    Ok(())
}

pub(crate) fn set_priority(conn: &Connection, id: i64, priority: u8) -> Result<()> {
    conn.prepare_cached("UPDATE goals SET priority = ?2 WHERE id = ?1")?.execute(params![id, priority])?;
    Ok(())
}

pub(crate) fn parent_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT parent_id FROM goals WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
}

pub(crate) fn set_parent(conn: &Connection, id: i64, parent: Option<i64>) -> Result<()> {
    conn.prepare_cached("UPDATE goals SET parent_id = ?2 WHERE id = ?1")?.execute(params![id, parent])?;
    Ok(())
}

pub(crate) fn kind_of(conn: &Connection, id: i64) -> Result<GoalKind> {
    Ok(conn.prepare_cached("SELECT kind FROM goals WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
}

pub(crate) fn title_of(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.prepare_cached("SELECT title FROM goals WHERE id = ?1")?.query_row([id], |r| r.get(0))?)
}

/// The goals `goal` depends on directly.
pub(crate) fn dependencies_of(conn: &Connection, goal: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT depends_on_id FROM goal_dependencies WHERE goal_id = ?1")?;
    let ids = stmt.query_map([goal], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Adds `goal → depends_on` (once); the caller has checked it closes no cycle.
pub(crate) fn insert_dependency(conn: &Connection, goal: i64, depends_on: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO goal_dependencies (goal_id, depends_on_id) VALUES (?1, ?2)")?.execute([goal, depends_on])?;
    Ok(())
}

pub(crate) fn delete_dependency(conn: &Connection, goal: i64, depends_on: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM goal_dependencies WHERE goal_id = ?1 AND depends_on_id = ?2")?.execute([goal, depends_on])?;
    Ok(())
}

pub(crate) fn has_contributions_from(conn: &Connection, goal: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM goal_contributions WHERE from_goal_id = ?1)")?
        .query_row([goal], |r| r.get(0))?)
}

/// Sets how `from` contributes to `to`, replacing any earlier kind.
pub(crate) fn upsert_contribution(conn: &Connection, from: i64, to: i64, kind: ContributionKind) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO goal_contributions (from_goal_id, to_goal_id, kind) VALUES (?1, ?2, ?3)
         ON CONFLICT (from_goal_id, to_goal_id) DO UPDATE SET kind = excluded.kind",
    )?
    .execute(params![from, to, kind])?;
    Ok(())
}

pub(crate) fn delete_contribution(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM goal_contributions WHERE from_goal_id = ?1 AND to_goal_id = ?2")?.execute([from, to])?;
    Ok(())
}

/// Every dependency and contribution touching the goal, in both directions.
pub(crate) fn delete_links(conn: &Connection, goal: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM goal_dependencies WHERE goal_id = ?1 OR depends_on_id = ?1")?.execute([goal])?;
    conn.prepare_cached("DELETE FROM goal_contributions WHERE from_goal_id = ?1 OR to_goal_id = ?1")?.execute([goal])?;
    Ok(())
}

/// Deletes the goal row alone; its children, links and metrics are gone already.
pub(crate) fn delete(conn: &Connection, goal: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM goals WHERE id = ?1")?.execute([goal])?;
    Ok(())
}

/// The links of one goal, as (`'d'` or `'c'`, from, to), for a deletion report.
pub(crate) fn links_of(conn: &Connection, goal: i64) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'd', goal_id, depends_on_id FROM goal_dependencies WHERE goal_id = ?1 OR depends_on_id = ?1
         UNION SELECT 'c', from_goal_id, to_goal_id FROM goal_contributions WHERE from_goal_id = ?1 OR to_goal_id = ?1",
    )?;
    let rows = stmt.query_map([goal], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The goal and its descendants, breadth first (parents before children).
pub(crate) fn subtree_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    // UNION, not UNION ALL: a parent cycle written behind the store's back would make
    // the recursion endless; UNION drops the repeated ids and stops.
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT c.id FROM sub JOIN goals c ON c.parent_id = sub.id)
         SELECT id FROM sub",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<Goal> {
    let (id, mut goal) = conn
        .prepare_cached(
            "SELECT g.id, g.key, g.title, g.description, g.priority, g.kind, g.mode, g.refinement, g.status,
                    g.preconditions, g.postconditions, g.effects, p.key
             FROM goals g LEFT JOIN goals p ON p.id = g.parent_id WHERE g.key = ?1",
        )?
        .query_row([key], goal_row)
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Goal, key))?;
    goal.fields.metrics = conn
        .prepare_cached("SELECT name, target, current, unit FROM goal_metrics WHERE goal_id = ?1 ORDER BY name")?
        .query_map([id], |r| Ok(Metric { name: r.get(0)?, target: r.get(1)?, current: r.get(2)?, unit: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    goal.depends_on = conn
        .prepare_cached("SELECT g.key FROM goal_dependencies d JOIN goals g ON g.id = d.depends_on_id WHERE d.goal_id = ?1 ORDER BY g.key")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    goal.contributions = conn
        .prepare_cached("SELECT g.key, c.kind FROM goal_contributions c JOIN goals g ON g.id = c.to_goal_id WHERE c.from_goal_id = ?1 ORDER BY g.key")?
        .query_map([id], |r| Ok(Contribution { to: r.get(0)?, kind: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(goal)
}

fn goal_row(r: &Row<'_>) -> rusqlite::Result<(i64, Goal)> {
    let Json(preconditions) = r.get(9)?;
    let Json(postconditions) = r.get(10)?;
    let Json(effects) = r.get(11)?;
    let fields = GoalFields {
        title: r.get(2)?,
        description: r.get(3)?,
        priority: r.get(4)?,
        kind: r.get(5)?,
        mode: r.get(6)?,
        refinement: r.get(7)?,
        preconditions,
        postconditions,
        effects,
        metrics: Vec::new(),
    };
    let goal = Goal { key: r.get(1)?, fields, status: r.get(8)?, parent: r.get(12)?, depends_on: Vec::new(), contributions: Vec::new() };
    Ok((r.get(0)?, goal))
}

/// The columns of a tree row, read by [`node`].
const NODE_COLUMNS: &str = "g.key, g.title, p.key, g.priority, g.kind, g.status";

fn node(r: &Row<'_>) -> rusqlite::Result<GoalNode> {
    Ok(GoalNode { key: r.get(0)?, title: r.get(1)?, parent: r.get(2)?, priority: r.get(3)?, kind: r.get(4)?, status: r.get(5)? })
}

/// Every goal as a tree row, in creation order.
pub(crate) fn load_nodes(conn: &Connection) -> Result<Vec<GoalNode>> {
    let sql = format!("SELECT {NODE_COLUMNS} FROM goals g LEFT JOIN goals p ON p.id = g.parent_id ORDER BY g.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], node)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A goal and all its descendants, breadth first (by depth, then creation). Seeks only:
/// the recursive step uses `goals_parent`.
pub(crate) fn load_subtree_nodes(conn: &Connection, key: &str) -> Result<Vec<GoalNode>> {
    // CROSS JOIN keeps `sub` the outer loop; with a plain JOIN, SQLite may scan every
    // goal and probe `sub` for each, and return the rows in no useful order. No tree is
    // deeper than it has goals: the bound ends the recursion on a parent cycle written
    // behind the store's back.
    let sql = format!(
        "WITH RECURSIVE sub(id, depth) AS (
            SELECT id, 0 FROM goals WHERE key = ?1
            UNION ALL
            SELECT c.id, sub.depth + 1 FROM sub JOIN goals c ON c.parent_id = sub.id
            WHERE sub.depth < (SELECT count(*) FROM goals)
        )
        SELECT {NODE_COLUMNS} FROM sub CROSS JOIN goals g ON g.id = sub.id LEFT JOIN goals p ON p.id = g.parent_id
        ORDER BY sub.depth, g.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([key], node)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Goals with `status`, most important first.
pub(crate) fn load_nodes_by_status(conn: &Connection, status: GoalStatus) -> Result<Vec<GoalNode>> {
    let sql = format!(
        "SELECT {NODE_COLUMNS} FROM goals g LEFT JOIN goals p ON p.id = g.parent_id
         WHERE g.status = ?1 ORDER BY g.priority DESC, g.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([status], node)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every dependency link as (goal, depends_on) keys.
pub(crate) fn load_dependency_keys(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.key, b.key FROM goal_dependencies d JOIN goals a ON a.id = d.goal_id
         JOIN goals b ON b.id = d.depends_on_id ORDER BY a.key, b.key",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (id, key, status, refinement, parent id): what the progress roll-up reads of a goal.
pub(crate) type ProgressRow = (i64, String, GoalStatus, Refinement, Option<i64>);

/// What progress rolls up over, by key.
pub(crate) fn load_progress_rows(conn: &Connection) -> Result<Vec<ProgressRow>> {
    let mut stmt = conn.prepare_cached("SELECT id, key, status, refinement, parent_id FROM goals ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A goal's (key, effects, postconditions).
pub(crate) type OutcomeRow = (String, Vec<Effect>, Vec<Condition>);

/// Every goal's (key, effects, postconditions), by key: what goal conflicts compare.
pub(crate) fn load_outcomes(conn: &Connection) -> Result<Vec<OutcomeRow>> {
    let mut stmt = conn.prepare_cached("SELECT key, effects, postconditions FROM goals ORDER BY key")?;
    let rows = stmt
        .query_map([], |r| {
            let (Json(effects), Json(postconditions)) = (r.get(1)?, r.get(2)?);
            Ok((r.get(0)?, effects, postconditions))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
