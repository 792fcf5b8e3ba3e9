//! The raw reads of the integrity report: SQLite's own checks, the links of every DAG
//! as key pairs, the JSON columns as text, and row counts.

use crate::Result;
use rusqlite::Connection;

/// `PRAGMA integrity_check`'s verdict: "ok" or what is wrong.
///
/// On a read-only connection (as `check` opens the file) SQLite skips the CHECK
/// constraints; there the check runs on a copy in memory, where it covers them too.
pub(crate) fn sqlite_verdict(conn: &Connection) -> Result<String> {
    if !conn.is_readonly(rusqlite::MAIN_DB)? {
        return verdict(conn);
    }
    let mut copy = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(conn, &mut copy)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    verdict(&copy)
}

fn verdict(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
}

/// Rows that point at a missing row: (table, rowid, parent table).
pub(crate) fn foreign_key_violations(conn: &Connection) -> Result<Vec<(String, Option<i64>, String)>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The relations that must stay acyclic, with the SQL of their edges as key pairs.
pub(crate) const ACYCLIC_RELATIONS: [(&str, &str); 4] = [
    ("goal tree", "SELECT g.key, p.key FROM goals g JOIN goals p ON p.id = g.parent_id"),
    ("goal dependencies", "SELECT a.key, b.key FROM goal_dependencies d JOIN goals a ON a.id = d.goal_id JOIN goals b ON b.id = d.depends_on_id"),
    (
        "plan precedence",
        "SELECT p.key || '/' || b.key, p.key || '/' || a.key FROM plan_edges e JOIN plans p ON p.id = e.plan_id
         JOIN plan_steps b ON b.id = e.before_id JOIN plan_steps a ON a.id = e.after_id",
    ),
    ("task dependencies", "SELECT a.key, b.key FROM task_dependencies d JOIN tasks a ON a.id = d.task_id JOIN tasks b ON b.id = d.depends_on_id"),
];

/// The edges of one relation of [`ACYCLIC_RELATIONS`].
pub(crate) fn edges(conn: &Connection, edges_sql: &str) -> Result<Vec<(String, String)>> {
    let rows = conn.prepare(edges_sql)?.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The JSON columns holding conditions (`false`) or effects (`true`).
pub(crate) const JSON_COLUMNS: [(&str, &str, bool); 9] = [
    ("goals", "preconditions", false),
    ("goals", "postconditions", false),
    ("goals", "effects", true),
    ("actions", "preconditions", false),
    ("actions", "effects", true),
    ("plans", "preconditions", false),
    ("plans", "postconditions", false),
    ("plans", "constraints", false),
    ("methods", "conditions", false),
];

/// (key, text) of one JSON column of [`JSON_COLUMNS`], raw.
pub(crate) fn json_column(conn: &Connection, table: &str, column: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(&format!("SELECT key, {column} FROM {table}"))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The tables whose rows the report counts.
pub(crate) const COUNTED: [&str; 8] = ["goals", "actions", "agents", "plans", "plan_steps", "tasks", "methods", "events"];

pub(crate) fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}
