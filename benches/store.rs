//! Store queries at 100,000 goals, each beside its raw rusqlite baseline in the same run.
//!
//! `cargo bench --bench store`. Figures are recorded in docs/performance.md.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use mabos_planner::Store;
use std::hint::black_box;

const GOALS: i64 = 100_000;

/// 100,000 goals as 1,000 trees of 100: every goal but the roots has a parent among the
/// goals created before it, with up to five children each.
fn workspace() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.db")).unwrap();
    let conn = store.connection();
    conn.execute_batch("BEGIN").unwrap();
    {
        let mut insert = conn
            .prepare(
                "INSERT INTO goals (id, key, title, priority, kind, mode, refinement, status, postconditions, parent_id)
                 VALUES (?1, ?2, ?3, ?4, 'hard', 'achieve', 'and', 'pending', ?5, ?6)",
            )
            .unwrap();
        for id in 1..=GOALS {
            let in_tree = (id - 1) % 100;
            let parent = (in_tree > 0).then(|| id - in_tree + (in_tree - 1) / 5);
            let post = format!(r#"[{{"key":"goal.{id}.done","op":"eq","value":true}}]"#);
            insert.execute((id, format!("G-{id}"), format!("Goal number {id}"), 1 + id % 10, post, parent)).unwrap();
        }
    }
    conn.execute_batch("COMMIT; ANALYZE").unwrap();
    (dir, store)
}

fn goal_tree(c: &mut Criterion) {
    let (_dir, store) = workspace();
    let mut group = c.benchmark_group("goal tree, 100k goals");
    group.sample_size(20);
    group.bench_function("Store::goal_tree", |b| b.iter(|| black_box(store.goal_tree().unwrap())));
    group.bench_function("raw SELECT into Vec", |b| {
        b.iter(|| {
            let mut stmt = store
                .connection()
                .prepare_cached("SELECT key, title, parent_id, priority, kind, status FROM goals ORDER BY id")
                .unwrap();
            let rows: Vec<(String, String, Option<i64>, u8, String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            black_box(rows)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("subtree of 31 goals, 100k goals");
    // G-50001 roots a tree of 100; G-50002 has 31 descendants and itself.
    assert_eq!(store.goal_subtree("G-50002").unwrap().len(), 31);
    group.bench_function("Store::goal_subtree", |b| b.iter(|| black_box(store.goal_subtree("G-50002").unwrap())));
    group.bench_function("Store::goal", |b| b.iter_batched(|| (), |_| black_box(store.goal("G-77777").unwrap()), BatchSize::SmallInput));
    group.finish();
}

criterion_group!(benches, goal_tree);
criterion_main!(benches);
