//! Criterion benchmarks of the layout module: layered layouts of generated DAGs
//! (deep-and-narrow like real plans, and wide) and tidy trees. Reports timings only;
//! nothing here asserts a time.

#[path = "../examples/layout_bench/dag_gen.rs"]
mod dag_gen;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mabos_planner::layout::{layered, tidy_tree, LayoutOptions};

fn layered_dags(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("layered");
    group.sample_size(10);
    for shape in [dag_gen::Shape::Deep, dag_gen::Shape::Wide] {
        for n in [1_000, 5_000] {
            let input = dag_gen::dag(shape, n, 1);
            group.bench_with_input(BenchmarkId::new(shape.name(), n), &input, |b, input| {
                b.iter(|| layered(input, &options).expect("generated DAGs are valid"))
            });
        }
    }
    group.finish();
}

fn tidy_trees(c: &mut Criterion) {
    let options = LayoutOptions::default();
    let mut group = c.benchmark_group("tidy_tree");
    for (name, input) in [
        ("random", dag_gen::tree(10_000, 1)),
        ("chain", dag_gen::chain(10_000)),
    ] {
        group.bench_with_input(BenchmarkId::new(name, 10_000), &input, |b, input| {
            b.iter(|| tidy_tree(input, &options).expect("generated trees are valid"))
        });
    }
    group.finish();
}

criterion_group!(benches, layered_dags, tidy_trees);
criterion_main!(benches);
