//! Times the import's checks on wide documents: one item with 100,000 links of one kind
//! (a goal's dependencies, a task's dependencies, a plan's edges from one step, a soft
//! goal's contributions, an agent's capabilities). Every check is meant to be linear or
//! n log n, so each case should take well under a second in a release build.
//!
//! Run: `cargo run --release --example wide_checks [N]` (N defaults to 100,000). Prints
//! the time of `export::validate_document` (parse and check) and of `Store::import`
//! (check and write, into a fresh database file) per case.

use mabos_planner::export::validate_document;
use mabos_planner::Store;
use serde_json::{json, Value};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let cases: [(&str, Value); 5] = [
        ("one goal depends on N goals", goal_dependencies(n)),
        ("one task depends on N tasks", task_dependencies(n)),
        ("one plan step precedes N steps", plan_edges(n)),
        ("one soft goal contributes to N goals", contributions(n)),
        ("one agent holds N capabilities", agent_capabilities(n)),
    ];
    println!("{:<40} {:>12} {:>12}", format!("case (N = {n})"), "check (s)", "import (s)");
    for (name, doc) in cases {
        let text = doc.to_string();
        let start = Instant::now();
        let checked = validate_document(&text);
        let check = start.elapsed().as_secs_f64();
        if let Err(e) = checked {
            println!("{name:<40} refused: {e}");
            continue;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut store = Store::open(&dir.path().join("wide.sqlite")).expect("a new database");
        let start = Instant::now();
        store.import(&text).expect("the import");
        let import = start.elapsed().as_secs_f64();
        println!("{name:<40} {check:>12.3} {import:>12.3}");
    }
}

fn envelope() -> Value {
    json!({"format": "mabos-planner", "version": 1, "kind": "workspace", "exported_at": "2026-01-01T00:00:00Z",
           "generator": "wide_checks", "capabilities": [], "agents": [], "goals": [], "actions": [], "plans": [], "tasks": []})
}

fn goal(key: &str) -> Value {
    json!({"key": key, "title": format!("Goal {key}"), "status": "active", "priority": 5, "kind": "hard",
           "mode": "achieve", "refinement": "and"})
}

fn goals(n: usize) -> Vec<Value> {
    (0..n).map(|i| goal(&format!("G-{i}"))).collect()
}

fn goal_dependencies(n: usize) -> Value {
    let mut doc = envelope();
    let mut list = goals(n);
    let mut hub = goal("HUB");
    hub["depends_on"] = (0..n).map(|i| format!("G-{i}")).collect();
    list.push(hub);
    doc["goals"] = list.into();
    doc
}

fn task(key: &str) -> Value {
    json!({"key": key, "title": format!("Task {key}"), "status": "todo", "priority": 5, "effort": 1.0,
           "created_at": "2026-01-01T00:00:00Z"})
}

fn task_dependencies(n: usize) -> Value {
    let mut doc = envelope();
    let mut list: Vec<Value> = (0..n).map(|i| task(&format!("T-{i}"))).collect();
    let mut hub = task("HUB");
    hub["depends_on"] = (0..n).map(|i| format!("T-{i}")).collect();
    list.push(hub);
    doc["tasks"] = list.into();
    doc
}

fn plan_edges(n: usize) -> Value {
    let mut doc = envelope();
    doc["goals"] = vec![goal("G")].into();
    doc["actions"] = vec![json!({"key": "A", "name": "Act", "cost": 1.0, "duration": 1.0})].into();
    let steps: Vec<Value> = (0..=n).map(|i| json!({"key": format!("S-{i}"), "action": "A"})).collect();
    let edges: Vec<Value> = (1..=n).map(|i| json!({"before": "S-0", "after": format!("S-{i}")})).collect();
    doc["plans"] = vec![json!({"key": "P", "goal": "G", "title": "Wide", "status": "draft", "priority": 5,
                               "steps": steps, "edges": edges})].into();
    doc
}

fn contributions(n: usize) -> Value {
    let mut doc = envelope();
    let mut list = goals(n);
    let mut hub = goal("HUB");
    hub["kind"] = "soft".into();
    hub["contributions"] = (0..n).map(|i| json!({"to": format!("G-{i}"), "kind": "+"})).collect();
    list.push(hub);
    doc["goals"] = list.into();
    doc
}

fn agent_capabilities(n: usize) -> Value {
    let mut doc = envelope();
    doc["capabilities"] = (0..n).map(|i| json!({"name": format!("skill-{i}")})).collect();
    doc["agents"] = vec![json!({"key": "AG", "name": "Wide", "active": true, "experience": 1, "capacity": 1.0,
        "capabilities": (0..n).map(|i| json!({"capability": format!("skill-{i}"), "level": 3})).collect::<Vec<_>>()})].into();
    doc
}
