//! Plan execution at size: starting a 1,000-step plan (one gesture: 1,000 tasks and
//! their dependencies, with the undo changeset), and the monitoring report over a
//! workspace of 10,000 tasks.
//!
//! `cargo bench --bench execution`. Figures are recorded in docs/performance.md.

use criterion::{criterion_group, criterion_main, Criterion};
use mabos_planner::export::v1::*;
use mabos_planner::export::GENERATOR;
use mabos_planner::*;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A plan of `steps` steps for goal `goal`: step i follows i − 1 and, every third
/// step, also i − 7, so that it is a DAG with about 1.3 edges per step and real
/// parallel branches.
fn plan_doc(key: &str, goal: &str, steps: usize) -> PlanDoc {
    let step_key = |i: usize| format!("S{i}");
    let mut edges = Vec::new();
    for i in 1..steps {
        edges.push(EdgeDoc { before: step_key(i - 1), after: step_key(i) });
        if i % 3 == 0 && i >= 7 {
            edges.push(EdgeDoc { before: step_key(i - 7), after: step_key(i) });
        }
    }
    PlanDoc {
        key: key.into(),
        goal: goal.into(),
        title: key.into(),
        status: PlanStatus::Draft,
        priority: 5,
        budget: None,
        deadline: Some("2026-06-01T00:00:00Z".into()),
        preconditions: Vec::new(),
        postconditions: Vec::new(),
        constraints: Vec::new(),
        steps: (0..steps).map(|i| StepDoc { key: step_key(i), action: format!("A-{}", i % 10), note: String::new() }).collect(),
        edges,
    }
}

fn goal_doc(key: &str, parent: Option<&str>, refinement: Refinement) -> GoalDoc {
    GoalDoc {
        key: key.into(),
        title: key.into(),
        description: String::new(),
        status: GoalStatus::Pending,
        priority: 5,
        kind: GoalKind::Hard,
        mode: GoalMode::Achieve,
        refinement,
        parent: parent.map(str::to_owned),
        depends_on: Vec::new(),
        contributions: Vec::new(),
        preconditions: Vec::new(),
        postconditions: Vec::new(),
        effects: Vec::new(),
        metrics: Vec::new(),
    }
}

/// Ten actions (A-0 … A-9), each setting one fact; `plans` plans of `steps` steps,
/// one per leaf goal, the leaves under ten AND/OR parents under one root.
fn workspace(plans: usize, steps: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let mut goals = vec![goal_doc("ROOT", None, Refinement::And)];
    for g in 0..10 {
        goals.push(goal_doc(&format!("G-{g}"), Some("ROOT"), if g % 2 == 0 { Refinement::And } else { Refinement::Or }));
    }
    for p in 0..plans {
        goals.push(goal_doc(&format!("G-{}-{p}", p % 10), Some(&format!("G-{}", p % 10)), Refinement::And));
    }
    let actions = (0..10)
        .map(|i| ActionDoc {
            key: format!("A-{i}"),
            name: format!("Action {i}"),
            description: String::new(),
            cost: 10.0 * (i + 1) as f64,
            duration: (i % 4 + 1) as f64,
            requires: Vec::new(),
            preconditions: Vec::new(),
            effects: vec![Effect::new(&format!("fact.{i}"), Value::Int(i as i64))],
        })
        .collect();
    let agents = (0..20)
        .map(|i| AgentDoc { key: format!("AG-{i}"), name: format!("Agent {i}"), active: true, experience: 0, capacity: 40.0, capabilities: Vec::new() })
        .collect();
    let doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        kind: DocumentKind::Workspace,
        exported_at: "2026-01-01T00:00:00Z".into(),
        generator: GENERATOR.into(),
        capabilities: Vec::new(),
        agents,
        goals,
        actions,
        plans: (0..plans).map(|p| plan_doc(&format!("P-{p}"), &format!("G-{}-{p}", p % 10), steps)).collect(),
        tasks: Vec::new(),
        world_state: Vec::new(),
        methods: Vec::new(),
    };
    store.import_document(doc).unwrap();
    (dir, store)
}

fn start_plan(c: &mut Criterion) {
    let (_dir, mut store) = workspace(1, 1000);
    let mut group = c.benchmark_group("start a 1,000-step plan");
    group.sample_size(20);
    // Each start is undone outside the measurement, so that every sample starts the same draft plan.
    group.bench_function("Store::start_plan", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                black_box(store.start_plan("P-0").unwrap());
                total += t.elapsed();
                store.undo().unwrap();
            }
            total
        })
    });
    group.finish();
}

fn monitor(c: &mut Criterion) {
    // 100 plans × 100 steps = 10,000 tasks once started.
    let (_dir, mut store) = workspace(100, 100);
    for p in 0..100 {
        store.start_plan(&format!("P-{p}")).unwrap();
    }
    // A third of each plan done (its first steps, in order), the next quarter assigned.
    for p in 0..100 {
        let tasks = store.tasks(&TaskFilter { plan: Some(format!("P-{p}")), ..Default::default() }).unwrap();
        let by_step = |s: usize| tasks.iter().find(|t| t.fields.step.as_ref().is_some_and(|r| r.step == format!("S{s}"))).unwrap().key.clone();
        for s in 0..33 {
            store.complete_task(&by_step(s)).unwrap();
        }
        for s in 33..58 {
            store.assign_task(&by_step(s), Some(&format!("AG-{}", (p + s) % 20))).unwrap();
        }
    }
    let report = store.monitor("2026-07-01T00:00:00Z").unwrap();
    eprintln!(
        "monitor over {} tasks: {} active plans, {} ready, {} blocked, {} overdue, {} overloaded agents, {} goals",
        store.connection().query_row("SELECT count(*) FROM tasks", [], |r| r.get::<_, i64>(0)).unwrap(),
        report.active_plans.len(),
        report.ready.len(),
        report.blocked.len(),
        report.overdue.len(),
        report.overloaded.len(),
        report.goals.len()
    );
    let mut group = c.benchmark_group("monitor, 10,000 tasks");
    group.sample_size(20);
    group.bench_function("Store::monitor", |b| b.iter(|| black_box(store.monitor("2026-07-01T00:00:00Z").unwrap())));
    group.bench_function("Store::goal_progress", |b| b.iter(|| black_box(store.goal_progress().unwrap())));
    group.finish();
}

criterion_group!(benches, start_plan, monitor);
criterion_main!(benches);
