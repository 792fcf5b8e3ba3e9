//! The integrity report: everything the schema cannot check by itself, re-checked from
//! the rows. The store keeps all of it true; the report proves it (or finds a file
//! edited behind the store's back).

use super::agents::OPEN;
use super::Store;
use crate::domain::*;
use crate::Result;
use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Finding {
    /// What kind of rule: `sqlite`, `foreign_key`, `cycle`, `assignment`, `json`, `capacity`.
    pub rule: &'static str,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IntegrityReport {
    /// Broken rules: the database is not as the store keeps it.
    pub problems: Vec<Finding>,
    /// Things a planner should look at, which break no rule (agents over capacity).
    pub warnings: Vec<Finding>,
    /// Rows per table.
    pub counts: Vec<(String, i64)>,
}

impl IntegrityReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    pub fn integrity_report(&self) -> Result<IntegrityReport> {
        let conn = &self.conn;
        let mut report = IntegrityReport::default();
        let mut problem = |rule, message: String| report.problems.push(Finding { rule, message });

        let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            problem("sqlite", verdict);
        }
        let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
        for row in fk.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))? {
            let (table, rowid, parent) = row?;
            problem("foreign_key", format!("{table} row {} points at a missing {parent} row", rowid.unwrap_or(-1)));
        }
        for (relation, sql) in [
            ("goal tree", "SELECT g.key, p.key FROM goals g JOIN goals p ON p.id = g.parent_id"),
            ("goal dependencies", "SELECT a.key, b.key FROM goal_dependencies d JOIN goals a ON a.id = d.goal_id JOIN goals b ON b.id = d.depends_on_id"),
            (
                "plan precedence",
                "SELECT p.key || '/' || b.key, p.key || '/' || a.key FROM plan_edges e JOIN plans p ON p.id = e.plan_id
                 JOIN plan_steps b ON b.id = e.before_id JOIN plan_steps a ON a.id = e.after_id",
            ),
            ("task dependencies", "SELECT a.key, b.key FROM task_dependencies d JOIN tasks a ON a.id = d.task_id JOIN tasks b ON b.id = d.depends_on_id"),
        ] {
            for cycle in cycles(conn, sql)? {
                problem("cycle", format!("{relation} form a cycle through {}", cycle.join(", ")));
            }
        }
        check_json_columns(conn, &mut problem)?;
        check_assignments(self, &mut problem)?;

        for agent in self.agents()? {
            if agent.is_over_capacity() {
                report.warnings.push(Finding {
                    rule: "capacity",
                    message: format!("agent {} holds {} of effort, over its capacity of {}", agent.key, agent.workload, agent.fields.capacity),
                });
            }
        }
        for table in ["goals", "actions", "agents", "plans", "plan_steps", "tasks", "methods", "events"] {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            report.counts.push((table.to_owned(), n));
        }
        Ok(report)
    }
}

/// Strongly connected components with more than one node: each is a cycle.
fn cycles(conn: &Connection, edges_sql: &str) -> Result<Vec<Vec<String>>> {
    let rows: Vec<(String, String)> =
        conn.prepare(edges_sql)?.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut graph = DiGraphMap::<&str, ()>::new();
    for (a, b) in &rows {
        graph.add_edge(a.as_str(), b.as_str(), ());
    }
    let mut found: Vec<Vec<String>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let mut keys: Vec<String> = scc.into_iter().map(str::to_owned).collect();
            keys.sort();
            keys
        })
        .collect();
    found.sort();
    Ok(found)
}

fn check_json_columns(conn: &Connection, problem: &mut impl FnMut(&'static str, String)) -> Result<()> {
    for (table, column, effects) in [
        ("goals", "preconditions", false),
        ("goals", "postconditions", false),
        ("goals", "effects", true),
        ("actions", "preconditions", false),
        ("actions", "effects", true),
        ("plans", "preconditions", false),
        ("plans", "postconditions", false),
        ("plans", "constraints", false),
        ("methods", "conditions", false),
    ] {
        let mut stmt = conn.prepare(&format!("SELECT key, {column} FROM {table}"))?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (key, text) = row?;
            let trouble = if effects {
                match serde_json::from_str::<Vec<Effect>>(&text) {
                    Ok(list) => first_bad_effect(&list).map(|(i, why)| format!("[{i}] {why}")),
                    Err(e) => Some(e.to_string()),
                }
            } else {
                match serde_json::from_str::<Vec<Condition>>(&text) {
                    Ok(list) => first_bad_condition(&list).map(|(i, why)| format!("[{i}] {why}")),
                    Err(e) => Some(e.to_string()),
                }
            };
            if let Some(why) = trouble {
                problem("json", format!("{table} {key}: {column} {why}"));
            }
        }
    }
    Ok(())
}

fn check_assignments(store: &Store, problem: &mut impl FnMut(&'static str, String)) -> Result<()> {
    let conn = store.connection();
    let pairs: Vec<(i64, i64)> = conn
        .prepare(&format!("SELECT id, assignee_id FROM tasks WHERE assignee_id IS NOT NULL AND status IN {OPEN}"))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (task, agent) in pairs {
        if let Err(e) = super::tasks::check_assignment(conn, task, agent) {
            problem("assignment", e.to_string());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_fresh_demo_is_clean() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::build(&mut store).unwrap();
        let report = store.integrity_report().unwrap();
        assert_eq!(report.problems, vec![]);
    }

    #[test]
    fn finds_rows_edited_behind_the_stores_back() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::build(&mut store).unwrap();
        let conn = store.connection();
        conn.execute("INSERT INTO goal_dependencies (goal_id, depends_on_id) SELECT b.id, a.id FROM goals a, goals b WHERE a.key = 'G-MKT' AND b.key = 'G-SHOP'", []).unwrap();
        conn.execute("UPDATE agents SET active = 0 WHERE key = 'AG-1'", []).unwrap();
        conn.execute("UPDATE actions SET effects = '[{\"key\":\"a b\",\"value\":1}]' WHERE key = 'A-QA'", []).unwrap();
        let rules: Vec<&str> = store.integrity_report().unwrap().problems.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["cycle", "json", "assignment"]);
    }
}
