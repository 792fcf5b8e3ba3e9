//! The integrity report: everything the schema cannot check by itself, re-checked from
//! the rows. The gestures keep all of it true; the report proves it (or finds a file
//! edited behind the store's back).

use super::assignments;
use crate::db;
use crate::domain::*;
use crate::Result;
use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use rusqlite::Connection;

pub(crate) fn report(conn: &Connection) -> Result<IntegrityReport> {
    let mut report = IntegrityReport::default();
    let mut problem = |rule, message: String| report.problems.push(Finding { rule, message });

    let verdict = db::integrity::sqlite_verdict(conn)?;
    if verdict != "ok" {
        problem("sqlite", verdict);
    }
    for (table, rowid, parent) in db::integrity::foreign_key_violations(conn)? {
        problem("foreign_key", format!("{table} row {} points at a missing {parent} row", rowid.unwrap_or(-1)));
    }
    for (relation, sql) in db::integrity::ACYCLIC_RELATIONS {
        for cycle in cycles(&db::integrity::edges(conn, sql)?) {
            problem("cycle", format!("{relation} form a cycle through {}", cycle.join(", ")));
        }
    }
    for (table, column, effects) in db::integrity::JSON_COLUMNS {
        for (key, text) in db::integrity::json_column(conn, table, column)? {
            if let Some(why) = json_trouble(&text, effects) {
                problem("json", format!("{table} {key}: {column} {why}"));
            }
        }
    }
    // SQLite's integrity_check skips CHECK constraints on a read-only connection (as
    // `check` opens the file); reading every row through its mapper finds a stored value
    // no CHECK would have let in, such as an unknown status.
    let rows: [(&str, RowRead); 6] = [
        ("goals", |c| Ok(db::goals::load_nodes(c)?.len())),
        ("plans", |c| Ok(db::plans::load_summaries(c, None)?.len())),
        ("actions", |c| Ok(db::actions::load_all(c)?.len())),
        ("agents", |c| Ok(db::agents::load_all(c)?.len())),
        ("tasks", |c| Ok(db::tasks::load_filtered(c, &TaskFilter::default())?.len())),
        ("methods", |c| Ok(db::methods::load_all(c, None)?.len())),
    ];
    for (table, read) in rows {
        if let Err(e) = read(conn) {
            problem("row", format!("{table}: {e}"));
        }
    }
    // The same fields the gestures validate, re-checked as stored: names the field that
    // breaks a rule (SQLite's own verdict names only the table).
    let mut invalid = |e: Invalid| problem("field", format!("{} {}: {} {}", e.entity.as_str(), e.key, e.field, e.reason));
    if let Ok(nodes) = db::goals::load_nodes(conn) {
        for node in nodes {
            if let Ok(goal) = db::goals::load(conn, &node.key) {
                if let Err(e) = goal.fields.validate(&goal.key) {
                    invalid(e);
                }
            }
        }
    }
    for action in db::actions::load_all(conn).unwrap_or_default() {
        if let Err(e) = action.fields.validate(&action.key) {
            invalid(e);
        }
    }
    for agent in db::agents::load_all(conn).unwrap_or_default() {
        if let Err(e) = agent.fields.validate(&agent.key) {
            invalid(e);
        }
    }
    for (task, agent) in db::tasks::open_assignments(conn)? {
        if let Err(e) = assignments::check(conn, task, agent) {
            problem("assignment", e.to_string());
        }
    }
    for agent in db::agents::load_all(conn)? {
        if agent.is_over_capacity() {
            report.warnings.push(Finding {
                rule: "capacity",
                message: format!("agent {} holds {} of effort, over its capacity of {}", agent.key, agent.workload, agent.fields.capacity),
            });
        }
    }
    for table in db::integrity::COUNTED {
        report.counts.push((table.to_owned(), db::integrity::count(conn, table)?));
    }
    Ok(report)
}

/// Reads every row of one table through its row mapper, answering how many there are.
type RowRead = fn(&Connection) -> Result<usize>;

/// Strongly connected components with more than one node (or a self-loop): each is a
/// cycle, its keys sorted.
fn cycles(edges: &[(String, String)]) -> Vec<Vec<String>> {
    let mut graph = DiGraphMap::<&str, ()>::new();
    for (a, b) in edges {
        graph.add_edge(a.as_str(), b.as_str(), ());
    }
    let mut found: Vec<Vec<String>> = tarjan_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || scc.first().is_some_and(|&n| graph.contains_edge(n, n)))
        .map(|scc| {
            let mut keys: Vec<String> = scc.into_iter().map(str::to_owned).collect();
            keys.sort();
            keys
        })
        .collect();
    found.sort();
    found
}

/// What is wrong with a JSON column of conditions (or effects), if anything.
fn json_trouble(text: &str, effects: bool) -> Option<String> {
    if effects {
        match serde_json::from_str::<Vec<Effect>>(text) {
            Ok(list) => first_bad_effect(&list).map(|(i, why)| format!("[{i}] {why}")),
            Err(e) => Some(e.to_string()),
        }
    } else {
        match serde_json::from_str::<Vec<Condition>>(text) {
            Ok(list) => first_bad_condition(&list).map(|(i, why)| format!("[{i}] {why}")),
            Err(e) => Some(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cycles;
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
        // The effect with a blank in its key breaks both the JSON shape and the field rule.
        assert_eq!(rules, ["cycle", "json", "field", "assignment"]);
    }

    #[test]
    fn cycles_are_components_and_self_loops() {
        let edge = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(cycles(&[edge("a", "b"), edge("b", "c")]), Vec::<Vec<String>>::new());
        assert_eq!(cycles(&[edge("b", "a"), edge("a", "b"), edge("c", "c")]), vec![vec!["a".to_owned(), "b".to_owned()], vec!["c".to_owned()]]);
    }
}
