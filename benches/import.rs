//! Bulk import against the floor of what SQLite can do: `Store::import` of a workspace
//! file of 100,000 goals, versus a raw prepared INSERT of the same goal rows in one
//! transaction into the same schema. The target: import at ≥ 60% of the raw rate.
//!
//! Run: `cargo bench --bench import`. Each iteration starts from a fresh database file
//! (WAL, as `Store::open` makes it); the setup is not timed.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use mabos_planner::export::v1::*;
use mabos_planner::export::{to_text, GENERATOR};
use mabos_planner::*;
use rusqlite::params;
use std::time::Duration;
use tempfile::TempDir;

const GOALS: usize = 100_000;
/// Goals per tree: each a random recursive tree, so depths of a few levels.
const TREE: usize = 50;

/// A small deterministic generator: the same document on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn pick<T: Copy>(rng: &mut Lcg, all: &[T]) -> T {
    all[rng.below(all.len())]
}

/// 2,000 goal trees of 50 goals, parents before children, each goal with a
/// precondition and a postcondition.
fn goals() -> Vec<GoalDoc> {
    let mut rng = Lcg(7);
    (0..GOALS)
        .map(|i| {
            let tree_start = i - i % TREE;
            let parent = (i != tree_start).then(|| format!("G-{}", tree_start + rng.below(i - tree_start)));
            GoalDoc {
                key: format!("G-{i}"),
                title: format!("Goal number {i} of the quarterly plan"),
                description: if i % 3 == 0 { format!("Context for goal {i}: why it matters.") } else { String::new() },
                status: pick(&mut rng, GoalStatus::ALL),
                priority: 1 + rng.below(10) as u8,
                kind: pick(&mut rng, GoalKind::ALL),
                mode: pick(&mut rng, GoalMode::ALL),
                refinement: pick(&mut rng, Refinement::ALL),
                parent,
                depends_on: Vec::new(),
                contributions: Vec::new(),
                preconditions: vec![Condition::new(&format!("stock.item{}", i % 97), Op::Ge, Value::Int(rng.below(500) as i64))],
                postconditions: vec![Condition::new(&format!("state.flag{}", i % 13), Op::Eq, Value::Bool(i % 2 == 0))],
                effects: Vec::new(),
                metrics: Vec::new(),
            }
        })
        .collect()
}

/// The file as the exporter writes it: goals sorted by key, so children often come
/// before their parents (`G-10` < `G-2`).
fn document(goals: &[GoalDoc]) -> Document {
    let mut goals = goals.to_vec();
    goals.sort_by(|a, b| a.key.cmp(&b.key));
    Document {
        format: FORMAT.into(),
        version: VERSION,
        kind: DocumentKind::Workspace,
        exported_at: "2026-01-01T00:00:00Z".into(),
        generator: GENERATOR.into(),
        capabilities: Vec::new(),
        agents: Vec::new(),
        goals,
        actions: Vec::new(),
        methods: Vec::new(),
        plans: Vec::new(),
        tasks: Vec::new(),
        world_state: Vec::new(),
    }
}

/// The goal rows as the raw INSERT binds them, in the order generated (parents first,
/// each tree together: the raw insert's best case), with ids 1, 2, … in that order.
struct RawGoal {
    key: String,
    title: String,
    description: String,
    priority: u8,
    kind: &'static str,
    mode: &'static str,
    refinement: &'static str,
    status: &'static str,
    preconditions: String,
    postconditions: String,
    parent_id: Option<i64>,
}

fn raw_rows(goals: &[GoalDoc]) -> Vec<RawGoal> {
    let id_of = |key: &str| key[2..].parse::<i64>().unwrap() + 1;
    goals
        .iter()
        .map(|g| RawGoal {
            key: g.key.clone(),
            title: g.title.clone(),
            description: g.description.clone(),
            priority: g.priority,
            kind: g.kind.as_str(),
            mode: g.mode.as_str(),
            refinement: g.refinement.as_str(),
            status: g.status.as_str(),
            preconditions: serde_json::to_string(&g.preconditions).unwrap(),
            postconditions: serde_json::to_string(&g.postconditions).unwrap(),
            parent_id: g.parent.as_deref().map(id_of),
        })
        .collect()
}

fn raw_insert(store: &Store, rows: &[RawGoal]) {
    let conn = store.connection();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    {
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO goals (id, key, title, description, priority, kind, mode, refinement, status,
                                    preconditions, postconditions, effects, parent_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '[]', ?12)",
            )
            .unwrap();
        for (i, r) in rows.iter().enumerate() {
            insert
                .execute(params![
                    i as i64 + 1,
                    r.key,
                    r.title,
                    r.description,
                    r.priority,
                    r.kind,
                    r.mode,
                    r.refinement,
                    r.status,
                    r.preconditions,
                    r.postconditions,
                    r.parent_id
                ])
                .unwrap();
        }
    }
    conn.execute_batch("COMMIT").unwrap();
}

fn fresh_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.db")).unwrap();
    (dir, store)
}

fn bench(c: &mut Criterion) {
    let goals = goals();
    let doc = document(&goals);
    let json = to_text(&doc);
    let rows = raw_rows(&goals);
    eprintln!("import bench: {GOALS} goals, a file of {:.1} MB", json.len() as f64 / 1e6);

    // Both ends must hold the same goals: check once, outside the timing.
    let (_dir, store) = fresh_store();
    raw_insert(&store, &rows);
    let (_dir2, mut imported) = fresh_store();
    assert_eq!(imported.import(&json).unwrap().goals, GOALS);
    let count = |s: &Store| s.connection().query_row("SELECT count(*) FROM goals", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count(&store), count(&imported));

    let mut group = c.benchmark_group("import_100k_goals");
    group.sampling_mode(SamplingMode::Flat).sample_size(10).measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(GOALS as u64));
    group.bench_function("raw_prepared_insert", |b| {
        b.iter_batched(fresh_store, |(dir, store)| {
            raw_insert(&store, &rows);
            (dir, store)
        }, BatchSize::PerIteration)
    });
    group.bench_function("store_import_json", |b| {
        b.iter_batched(fresh_store, |(dir, mut store)| {
            store.import(&json).unwrap();
            (dir, store)
        }, BatchSize::PerIteration)
    });
    group.bench_function("store_import_document", |b| {
        b.iter_batched(|| (fresh_store(), doc.clone()), |((dir, mut store), doc)| {
            store.import_document(doc).unwrap();
            (dir, store)
        }, BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
