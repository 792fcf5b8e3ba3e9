//! Fixtures shared by the integration tests: the entity builders, the small workspaces
//! built with them, the rich and seeded workspaces, the command-line runner, and the
//! views that compare stores (`dump`, `orphans`).
#![allow(dead_code)]

use mabos_planner::*;

pub mod builders;
pub mod cli;
pub mod rich;
pub mod workspaces;

/// Every row of every workspace table, as text, in a fixed order: two stores hold the
/// same workspace exactly when their dumps are equal. The log, the history and the
/// counters that only grow (key sequences, row id floors), the workspace id and the
/// broker bridge's bookkeeping are not the workspace.
pub fn dump(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT IN ('events', 'history', 'refinery_schema_history', 'key_sequences', 'row_id_floors',
                              'workspace_identity', 'bridge_outbox', 'bridge_offers', 'bridge_reports')
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let n = conn.prepare(&format!("SELECT * FROM {table}")).unwrap().column_count();
        let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {}", order.join(", "))).unwrap();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// A new store in memory holding `store`'s workspace without its tasks (the same
/// goals, plans, agents and the rest, by one JSON import): where tasks exported from
/// `store` are imported again.
pub fn without_tasks(store: &Store) -> Store {
    let mut doc: export::Document = serde_json::from_str(&store.export_workspace().unwrap()).unwrap();
    doc.tasks.clear();
    let mut target = Store::open_in_memory().unwrap();
    target.import_document(doc).unwrap();
    target
}

/// Rows whose foreign keys point at nothing, as `PRAGMA foreign_key_check` reports them.
pub fn orphans(store: &Store) -> Vec<String> {
    let mut stmt = store.connection().prepare("PRAGMA foreign_key_check").unwrap();
    let rows = stmt
        .query_map([], |r| Ok(format!("{:?} row {:?} -> {:?}", r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

/// The list as owned strings, to compare with keys a store returns.
pub fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Builds a small workspace of every kind of entity, calling `after` after each gesture.
pub fn seeded(store: &mut Store, mut after: impl FnMut(&Store)) {
    let mut step = |store: &mut Store, f: &mut dyn FnMut(&mut Store)| {
        f(store);
        after(store);
    };
    step(store, &mut |s| {
        s.create_goal(Some("G-ROOT"), None, &GoalFields::titled("Grow revenue")).unwrap();
    });
    step(store, &mut |s| {
        let mut f = GoalFields::titled("Launch shop");
        f.metrics.push(Metric { name: "orders".into(), target: 100.0, current: 0.0, unit: "per day".into() });
        f.postconditions.push(Condition::new("shop.live", Op::Eq, Value::Bool(true)));
        s.create_goal(Some("G-SHOP"), Some("G-ROOT"), &f).unwrap();
    });
    step(store, &mut |s| {
        let mut f = GoalFields::titled("Happy customers");
        f.kind = GoalKind::Soft;
        s.create_goal(Some("G-HAPPY"), Some("G-ROOT"), &f).unwrap();
    });
    step(store, &mut |s| s.add_goal_dependency("G-HAPPY", "G-SHOP").unwrap());
    step(store, &mut |s| s.set_goal_contribution("G-HAPPY", "G-SHOP", Some(ContributionKind::Helps)).unwrap());
    step(store, &mut |s| {
        let mut f = ActionFields::named("Build site", 500.0, 16.0);
        f.requires.push(CapabilityLevel::new("web", 3));
        f.effects.push(Effect::new("shop.live", Value::Bool(true)));
        s.create_action(Some("A-BUILD"), &f).unwrap();
    });
    step(store, &mut |s| {
        s.create_action(Some("A-TEST"), &ActionFields::named("Test site", 100.0, 4.0)).unwrap();
    });
    step(store, &mut |s| {
        let mut f = AgentFields::named("Web bot", 40.0);
        f.capabilities.push(CapabilityLevel::new("web", 4));
        s.create_agent(Some("AG-1"), &f).unwrap();
    });
    step(store, &mut |s| {
        s.create_plan(Some("P-SHOP"), "G-SHOP", &PlanFields::titled("Shop v1")).unwrap();
    });
    step(store, &mut |s| {
        s.add_step("P-SHOP", None, "A-BUILD", "").unwrap();
    });
    step(store, &mut |s| {
        s.add_step("P-SHOP", None, "A-TEST", "smoke tests").unwrap();
    });
    step(store, &mut |s| s.add_edge("P-SHOP", "S1", "S2").unwrap());
    step(store, &mut |s| {
        let mut f = TaskFields::titled("Build the site", 16.0);
        f.step = Some(StepRef { plan: "P-SHOP".into(), step: "S1".into() });
        f.goal = Some("G-SHOP".into());
        s.create_task(Some("T-1"), &f).unwrap();
    });
    step(store, &mut |s| {
        s.create_task(Some("T-2"), &TaskFields::titled("Test the site", 4.0)).unwrap();
    });
    step(store, &mut |s| s.add_task_dependency("T-2", "T-1").unwrap());
    step(store, &mut |s| {
        s.assign_task("T-1", Some("AG-1")).unwrap();
    });
    step(store, &mut |s| {
        s.set_task_status("T-1", TaskStatus::InProgress).unwrap();
    });
    step(store, &mut |s| {
        s.set_goal_status("G-SHOP", GoalStatus::Active).unwrap();
    });
}
