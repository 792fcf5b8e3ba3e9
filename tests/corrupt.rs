//! Databases written behind the store's back (foreign keys off, CHECKs ignored): every
//! read command of the CLI and every read of the store answers with a result or a typed
//! error, never a panic, and `check` reports what is wrong.

mod common;

use common::cli::Cli;
use mabos_planner::{Store, TaskFilter};
use rusqlite::Connection;

/// (what, SQL run with foreign keys and CHECKs off, text `check` must print). A text
/// where a number belongs cannot be written at all: the tables are STRICT.
const CORRUPTIONS: &[(&str, &str, &str)] = &[
    ("a goal whose parent row is missing", "UPDATE goals SET parent_id = 9999 WHERE key = 'G-SHOP'", "goals row"),
    (
        "a parent cycle",
        "UPDATE goals SET parent_id = (SELECT id FROM goals WHERE key = 'G-SHOP') WHERE key = 'G-REV'",
        "goal tree form a cycle",
    ),
    ("a task whose step is missing", "UPDATE tasks SET step_id = 9999 WHERE id = (SELECT min(id) FROM tasks)", "tasks row"),
    (
        "a plan edge to a missing step",
        "INSERT INTO plan_edges (plan_id, before_id, after_id)
         SELECT plan_id, id, 9999 FROM plan_steps WHERE id = (SELECT min(id) FROM plan_steps)",
        "plan_edges row",
    ),
    ("a step whose action is missing", "UPDATE plan_steps SET action_id = 9999 WHERE id = (SELECT min(id) FROM plan_steps)", "plan_steps row"),
    ("a task assigned to a missing agent", "UPDATE tasks SET assignee_id = 9999 WHERE id = (SELECT max(id) FROM tasks)", "tasks row"),
    ("a dependency on a missing goal", "INSERT INTO goal_dependencies (goal_id, depends_on_id) SELECT id, 9999 FROM goals WHERE key = 'G-PAY'", "goal_dependencies row"),
    ("invalid JSON in a column", "UPDATE goals SET preconditions = '[{\"key\": ' WHERE key = 'G-SHOP'", "preconditions"),
    ("JSON of the wrong shape", "UPDATE actions SET effects = '{\"a\": 1}' WHERE id = (SELECT min(id) FROM actions)", "effects"),
    ("an unknown goal status", "UPDATE goals SET status = 'lost' WHERE key = 'G-PAY'", "status"),
    ("an unknown task status", "UPDATE tasks SET status = 'paused' WHERE id = (SELECT min(id) FROM tasks)", "status"),
    ("an unknown plan status", "UPDATE plans SET status = 'sleeping' WHERE key = 'P-STORE'", "status"),
    ("a priority out of range", "UPDATE goals SET priority = 99 WHERE key = 'G-CATALOG'", "priority"),
];

/// Every read command of the CLI, on the demo's keys.
const READS: &[&[&str]] = &[
    &["check"],
    &["check", "--json"],
    &["export", "workspace"],
    &["export", "plan", "P-STORE"],
    &["goals"],
    &["search", "store"],
    &["validate-plan", "P-STORE"],
    &["critical-path", "P-STORE"],
    &["conflicts"],
    &["monitor", "--now", "2026-06-01T00:00:00Z"],
    &["monitor", "--json", "--now", "2026-06-01T00:00:00Z"],
    &["events"],
    &["methods"],
    &["world"],
    &["assign", "--dry-run"],
    &["synth", "G-SHOP"],
    &["decompose", "G-SHOP"],
];

fn corrupted(sql: &str) -> Cli {
    let cli = Cli::with_demo();
    let conn = Connection::open(cli.db()).unwrap();
    conn.execute_batch(&format!("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; {sql};")).unwrap();
    cli
}

#[test]
fn no_read_command_panics_on_corrupt_rows_and_check_reports_them() {
    for (what, sql, reported) in CORRUPTIONS {
        let cli = corrupted(sql);
        for args in READS {
            let out = cli.run(args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{what}: {args:?} exited {:?}: {stderr}", out.status.code());
            assert!(!stderr.contains("panicked"), "{what}: {args:?}: {stderr}");
        }
        let out = cli.run(&["check"]);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{what}: check should fail:\n{stdout}{stderr}");
        assert!(stdout.contains(reported) || stderr.contains(reported), "{what}: check should report {reported:?}:\n{stdout}{stderr}");
    }
}

#[test]
fn no_store_read_panics_on_corrupt_rows() {
    for (what, sql, _) in CORRUPTIONS {
        let cli = corrupted(sql);
        let store = Store::open(&cli.db()).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| every_read(&store)));
        assert!(outcome.is_ok(), "{what}: a store read panicked");
    }
}

/// Calls every read method of the store on every key it lists; errors are fine.
fn every_read(store: &Store) {
    let goals: Vec<String> = store.goal_tree().map(|t| t.into_iter().map(|n| n.key).collect()).unwrap_or_default();
    let plans: Vec<String> = store.plans(None).map(|p| p.into_iter().map(|p| p.key).collect()).unwrap_or_default();
    let tasks: Vec<String> = store.tasks(&TaskFilter::default()).map(|t| t.into_iter().map(|t| t.key).collect()).unwrap_or_default();
    let agents: Vec<String> = store.agents().map(|a| a.into_iter().map(|a| a.key).collect()).unwrap_or_default();
    let actions: Vec<String> = store.actions().map(|a| a.into_iter().map(|a| a.key).collect()).unwrap_or_default();
    let _ = (store.capabilities(), store.goal_dependencies(), store.world_state(), store.goal_progress(), store.goal_conflicts());
    let _ = (store.monitor("2026-06-01T00:00:00Z"), store.plan_assignment(), store.methods(None), store.integrity_report());
    let _ = (store.export_workspace(), store.events(0, 1000), store.search("store", 20), store.last_event_seq());
    let _ = (store.can_undo(), store.can_redo(), store.plan_assignment_at(time::OffsetDateTime::UNIX_EPOCH));
    for g in ["G-SHOP", "G-REV", "G-PAY"].iter().map(|s| s.to_string()).chain(goals) {
        let _ = (store.goal(&g), store.goal_subtree(&g), store.goal_deletion_preview(&g), store.methods(Some(&g)));
        let _ = (store.synthesize_plan(&g, &Default::default()), store.decompose_goal(&g, &Default::default()));
    }
    for p in plans {
        let _ = (store.plan(&p), store.plan_totals(&p), store.plan_progress(&p), store.critical_path(&p), store.export_plan(&p));
        let _ = store.validate_plan(&p, None, None);
    }
    for t in tasks {
        let _ = (store.task(&t), store.repair_options(&t));
    }
    for a in agents {
        let _ = (store.agent(&a), store.agent_tasks(&a));
    }
    for a in actions {
        let _ = store.action(&a);
    }
}
