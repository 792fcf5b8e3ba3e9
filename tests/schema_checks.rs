//! Every CHECK constraint of the schema (migrations/*.sql) has a guard before SQLite:
//! the domain refuses a value the CHECK would refuse, with the entity, key and field
//! named (a typed error, never a bare SQL constraint error), or the Rust type cannot
//! hold such a value at all, or the store alone writes the column. A new CHECK fails
//! `every_check_is_listed` until its guard is added here.

use mabos_planner::htn::{MethodFields, Subtask};
use mabos_planner::*;

/// How the store keeps a CHECK: `Refused` runs a gesture that must be refused with a
/// typed error; `Typed` and `Internal` say why no caller can reach it.
enum Guard {
    Refused(fn(&mut Store) -> Result<()>),
    /// The Rust type holds only allowed values (an enum, a bool, an unsigned number, a list).
    Typed,
    /// Only the store writes the column, from values it makes itself.
    Internal,
}
use Guard::*;

const LONG_KEY: &str = "K-12345678901234567890123456789012345678901234567890123456789012345";

/// (table, the CHECK's expression as written, its guard).
const CHECKS: &[(&str, &str, Guard)] = &[
    ("capabilities", "length(trim(name)) > 0 AND length(name) <= 64", Refused(|s| s.create_capability("\0pack"))),
    ("agents", "length(key) BETWEEN 1 AND 64", Refused(|s| s.create_agent(Some(LONG_KEY), &AgentFields::named("A", 1.0)).map(drop))),
    ("agents", "length(trim(name)) > 0", Refused(|s| s.create_agent(None, &AgentFields::named("\0Ann", 1.0)).map(drop))),
    ("agents", "experience >= 0", Typed),
    ("agents", "capacity >= 0", Refused(|s| s.create_agent(None, &AgentFields::named("Ann", -1.0)).map(drop))),
    ("agents", "active IN (0, 1)", Typed),
    ("agent_capabilities", "level BETWEEN 1 AND 5", Refused(|s| {
        let mut f = AgentFields::named("Ann", 1.0);
        f.capabilities = vec![CapabilityLevel { capability: "pack".into(), level: 6 }];
        s.create_agent(None, &f).map(drop)
    })),
    ("goals", "length(key) BETWEEN 1 AND 64", Refused(|s| s.create_goal(Some(LONG_KEY), None, &GoalFields::titled("G")).map(drop))),
    ("goals", "length(trim(title)) > 0", Refused(|s| s.create_goal(None, None, &GoalFields::titled("\0Ship")).map(drop))),
    ("goals", "priority BETWEEN 1 AND 10", Refused(|s| {
        let mut f = GoalFields::titled("Ship");
        f.priority = 11;
        s.create_goal(None, None, &f).map(drop)
    })),
    ("goals", "kind IN ('hard', 'soft')", Typed),
    ("goals", "mode IN ('achieve', 'maintain', 'cease', 'avoid', 'query')", Typed),
    ("goals", "refinement IN ('and', 'or')", Typed),
    ("goals", "status IN ('pending', 'active', 'in_progress', 'achieved', 'failed', 'suspended', 'abandoned')", Typed),
    ("goals", "json_valid(preconditions) AND json_type(preconditions) = 'array'", Typed),
    ("goals", "json_valid(postconditions) AND json_type(postconditions) = 'array'", Typed),
    ("goals", "json_valid(effects) AND json_type(effects) = 'array'", Typed),
    ("goals", "parent_id IS NULL OR parent_id <> id", Refused(|s| s.move_goal("G-1", Some("G-1")).map(drop))),
    ("goal_metrics", "length(trim(name)) > 0", Refused(|s| {
        let mut f = GoalFields::titled("Ship");
        f.metrics = vec![Metric { name: "\0sales".into(), target: 1.0, current: 0.0, unit: String::new() }];
        s.create_goal(None, None, &f).map(drop)
    })),
    ("goal_dependencies", "goal_id <> depends_on_id", Refused(|s| s.add_goal_dependency("G-1", "G-1"))),
    ("goal_contributions", "kind IN ('++', '+', '-', '--')", Typed),
    ("goal_contributions", "from_goal_id <> to_goal_id", Refused(|s| s.set_goal_contribution("G-SOFT", "G-SOFT", Some(ContributionKind::Helps)))),
    ("actions", "length(key) BETWEEN 1 AND 64", Refused(|s| s.create_action(Some(LONG_KEY), &ActionFields::named("Pack", 1.0, 1.0)).map(drop))),
    ("actions", "length(trim(name)) > 0", Refused(|s| s.create_action(None, &ActionFields::named("\0Pack", 1.0, 1.0)).map(drop))),
    ("actions", "cost >= 0", Refused(|s| s.create_action(None, &ActionFields::named("Pack", -1.0, 1.0)).map(drop))),
    ("actions", "duration >= 0", Refused(|s| s.create_action(None, &ActionFields::named("Pack", 1.0, f64::NAN)).map(drop))),
    ("actions", "json_valid(preconditions) AND json_type(preconditions) = 'array'", Typed),
    ("actions", "json_valid(effects) AND json_type(effects) = 'array'", Typed),
    ("action_capabilities", "min_level BETWEEN 1 AND 5", Refused(|s| {
        let mut f = ActionFields::named("Pack", 1.0, 1.0);
        f.requires = vec![CapabilityLevel { capability: "pack".into(), level: 0 }];
        s.create_action(None, &f).map(drop)
    })),
    ("plans", "length(key) BETWEEN 1 AND 64", Refused(|s| s.create_plan(Some(LONG_KEY), "G-1", &PlanFields::titled("P")).map(drop))),
    ("plans", "priority BETWEEN 1 AND 10", Refused(|s| {
        let mut f = PlanFields::titled("P");
        f.priority = 0;
        s.create_plan(None, "G-1", &f).map(drop)
    })),
    ("plans", "status IN ('draft', 'active', 'completed', 'failed', 'abandoned')", Typed),
    ("plans", "json_valid(preconditions) AND json_type(preconditions) = 'array'", Typed),
    ("plans", "json_valid(postconditions) AND json_type(postconditions) = 'array'", Typed),
    ("plans", "budget IS NULL OR budget >= 0", Refused(|s| {
        let mut f = PlanFields::titled("P");
        f.budget = Some(-5.0);
        s.create_plan(None, "G-1", &f).map(drop)
    })),
    ("plans", "deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'", Refused(|s| {
        let mut f = PlanFields::titled("P");
        f.deadline = Some("\0soon".into());
        s.create_plan(None, "G-1", &f).map(drop)
    })),
    ("plans", "json_valid(constraints) AND json_type(constraints) = 'array'", Typed),
    ("plan_steps", "length(key) BETWEEN 1 AND 64", Refused(|s| s.add_step("P-1", Some(LONG_KEY), "A-1", "").map(drop))),
    ("plan_edges", "before_id <> after_id", Refused(|s| s.add_edge("P-1", "S-1", "S-1"))),
    ("tasks", "length(key) BETWEEN 1 AND 64", Refused(|s| s.create_task(Some(LONG_KEY), &TaskFields::titled("T", 1.0)).map(drop))),
    ("tasks", "length(trim(title)) > 0", Refused(|s| s.create_task(None, &TaskFields::titled("\0Pack", 1.0)).map(drop))),
    ("tasks", "status IN ('todo', 'in_progress', 'done', 'failed', 'blocked')", Typed),
    ("tasks", "priority BETWEEN 1 AND 10", Refused(|s| {
        let mut f = TaskFields::titled("T", 1.0);
        f.priority = 200;
        s.create_task(None, &f).map(drop)
    })),
    ("tasks", "deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'", Refused(|s| {
        let mut f = TaskFields::titled("T", 1.0);
        f.deadline = Some("12/31/2026".into());
        s.create_task(None, &f).map(drop)
    })),
    ("tasks", "effort >= 0", Refused(|s| s.create_task(None, &TaskFields::titled("T", -0.5)).map(drop))),
    // completed_at is set and cleared by the status transitions, never by a caller.
    ("tasks", "(status = 'done') = (completed_at IS NOT NULL)", Internal),
    ("task_dependencies", "task_id <> depends_on_id", Refused(|s| s.add_task_dependency("T-1", "T-1"))),
    ("key_sequences", "next >= 1", Internal),
    ("row_id_floors", "floor >= 0", Internal),
    ("events", "json_valid(payload)", Internal),
    // Authors are checked by their type (`Author::parse`) before a gesture runs.
    ("events", "length(author) BETWEEN 1 AND 128", Typed),
    ("history", "undone IN (0, 1)", Internal),
    ("world_facts", "length(key) BETWEEN 1 AND 128", Refused(|s| s.set_fact("\0stock", Value::Int(1)).map(drop))),
    ("world_facts", "json_valid(value) AND json_type(value) IN ('true', 'false', 'integer', 'real', 'text')", Refused(|s| {
        s.set_fact("stock", Value::Number(f64::INFINITY)).map(drop)
    })),
    ("methods", "length(key) BETWEEN 1 AND 64", Refused(|s| s.create_method(Some(LONG_KEY), "G-1", &MethodFields::named("M", vec![Subtask::action("A-1")])).map(drop))),
    ("methods", "length(trim(name)) > 0", Refused(|s| s.create_method(None, "G-1", &MethodFields::named("\0M", vec![Subtask::action("A-1")])).map(drop))),
    ("methods", "priority BETWEEN 1 AND 10", Refused(|s| {
        let mut f = MethodFields::named("M", vec![Subtask::action("A-1")]);
        f.priority = 0;
        s.create_method(None, "G-1", &f).map(drop)
    })),
    ("methods", "ordered IN (0, 1)", Typed),
    ("methods", "json_valid(conditions) AND json_type(conditions) = 'array'", Typed),
    ("workspace_identity", "singleton = 1", Internal),
    ("workspace_identity", "length(uuid) = 36", Internal),
    ("bridge_outbox", "length(stream) BETWEEN 1 AND 64", Refused(|s| s.set_outbox_cursor("", 1))),
    ("bridge_outbox", "acked_seq >= 0", Refused(|s| s.set_outbox_cursor("EVENTS", -1))),
    ("bridge_reports", "length(id) BETWEEN 1 AND 128", Refused(|s| s.apply_agent_report(&AgentReport::new(&"r".repeat(129), "AG-1", "T-1", ReportStatus::Done)).map(drop))),
    ("method_subtasks", "position >= 0", Internal),
    ("method_subtasks", "kind IN ('goal', 'action')", Typed),
    (
        "method_subtasks",
        "(kind = 'goal' AND goal_id IS NOT NULL AND action_id IS NULL) OR (kind = 'action' AND action_id IS NOT NULL AND goal_id IS NULL)",
        Refused(|s| s.create_method(None, "G-1", &MethodFields::named("M", vec![Subtask::goal("NO-SUCH-GOAL")])).map(drop)),
    ),
];

/// A store with one of everything the gestures above refer to.
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.create_goal(Some("G-1"), None, &GoalFields::titled("Ship")).unwrap();
    let mut soft = GoalFields::titled("Delight");
    soft.kind = GoalKind::Soft;
    s.create_goal(Some("G-SOFT"), None, &soft).unwrap();
    s.create_action(Some("A-1"), &ActionFields::named("Pack", 1.0, 1.0)).unwrap();
    s.create_plan(Some("P-1"), "G-1", &PlanFields::titled("Plan")).unwrap();
    s.add_step("P-1", Some("S-1"), "A-1", "").unwrap();
    s.create_task(Some("T-1"), &TaskFields::titled("Pack", 1.0)).unwrap();
    s
}

#[test]
fn the_domain_refuses_what_each_check_would() {
    for (table, check, guard) in CHECKS {
        let Refused(gesture) = guard else { continue };
        let mut s = store();
        match gesture(&mut s) {
            Ok(()) => panic!("{table} CHECK ({check}): the store accepted a value the schema refuses"),
            Err(e @ (Error::Database(_) | Error::Migration(_))) => panic!("{table} CHECK ({check}): a bare SQL error reached the caller: {e}"),
            Err(_) => {}
        }
    }
}

#[test]
fn every_check_is_listed() {
    let mut found = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        let sql = std::fs::read_to_string(&file).unwrap();
        let mut table = String::new();
        let mut rest = sql.as_str();
        while let Some(at) = ["CHECK (", "CREATE TABLE ", "ALTER TABLE "].iter().filter_map(|w| rest.find(w)).min() {
            if let Some(after) = ["CREATE TABLE ", "ALTER TABLE "].iter().find_map(|w| rest[at..].strip_prefix(w)) {
                table = after.split_whitespace().next().unwrap().to_owned();
                rest = after;
                continue;
            }
            let body = &rest[at + 7..];
            let mut depth = 1;
            let end = body.char_indices().find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            });
            let end = end.unwrap().0;
            let text = body[..end].split_whitespace().collect::<Vec<_>>().join(" ");
            found.push((table.clone(), text));
            rest = &body[end..];
        }
    }
    let listed: Vec<(String, String)> = CHECKS.iter().map(|(t, c, _)| (t.to_string(), c.to_string())).collect();
    for f in &found {
        assert!(listed.contains(f), "CHECK not guarded here: {f:?}");
    }
    for l in &listed {
        assert!(found.contains(l), "listed CHECK not in the schema: {l:?}");
    }
}
