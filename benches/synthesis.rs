//! Criterion benchmarks of plan synthesis on generated domains of growing size: a
//! blocks world (reverse a tower; moving heavier blocks costs more) and a logistics world
//! (trucks drive between depots at distance-based costs, packages are loaded and unloaded).
//! Before timing, prints each case's plan cost and nodes expanded for A* and greedy;
//! nothing here asserts a time.

#[allow(dead_code)]
#[path = "../tests/common/builders.rs"]
mod builders;

use builders::action;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mabos_planner::synthesis::{synthesize, SearchLimits, SearchMode, SynthesisProblem};
use mabos_planner::{Condition, Effect, Op, Value, WorldState};
use std::time::Duration;

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

/// `n` blocks in one tower, b0 on top; the target is two towers, every block on the block
/// two below it in the start tower's numbering (b0 on b2 on b4 ..., b1 on b3 ...), so the
/// bottom blocks must be dug out first. Moving block i costs 1 + i % 3.
fn blocks(n: usize) -> SynthesisProblem {
    let block = |i: usize| format!("b{i}");
    let places = |except: usize| std::iter::once("table".to_owned()).chain((0..n).filter(move |&j| j != except).map(block));
    let mut actions = Vec::new();
    for b in 0..n {
        for from in places(b) {
            for to in places(b).filter(|to| *to != from) {
                let mut pre = vec![
                    Condition::new(&format!("on.{}", block(b)), Op::Eq, text(&from)),
                    Condition::new(&format!("clear.{}", block(b)), Op::Eq, Value::Bool(true)),
                ];
                let mut effects = vec![Effect::new(&format!("on.{}", block(b)), text(&to))];
                if to != "table" {
                    pre.push(Condition::new(&format!("clear.{to}"), Op::Eq, Value::Bool(true)));
                    effects.push(Effect::new(&format!("clear.{to}"), Value::Bool(false)));
                }
                if from != "table" {
                    effects.push(Effect::new(&format!("clear.{from}"), Value::Bool(true)));
                }
                actions.push(action(&format!("move.{}.{from}.{to}", block(b))).cost(1.0 + (b % 3) as f64).pre(pre).effects(effects).value());
            }
        }
    }
    let mut start = WorldState::new();
    for i in 0..n {
        let below = if i + 1 < n { block(i + 1) } else { "table".into() };
        start.insert(format!("on.{}", block(i)), text(&below));
        start.insert(format!("clear.{}", block(i)), Value::Bool(i == 0));
    }
    let target = (0..n)
        .map(|i| Condition::new(&format!("on.{}", block(i)), Op::Eq, text(&if i + 2 < n { block(i + 2) } else { "table".into() })))
        .collect();
    SynthesisProblem { start, target, actions }
}

/// `depots` in a ring (neighbours 3 apart in cost, plus chords across costing 5), `trucks`
/// spread around it, `packages` each to be moved to another depot.
fn logistics(depots: usize, trucks: usize, packages: usize) -> SynthesisProblem {
    let depot = |i: usize| format!("d{i}");
    let mut roads = Vec::new();
    for i in 0..depots {
        roads.push((i, (i + 1) % depots, 3.0));
        if depots >= 6 && i < depots / 2 {
            roads.push((i, i + depots / 2, 5.0));
        }
    }
    let mut actions = Vec::new();
    for t in 0..trucks {
        let at = format!("at.t{t}");
        for &(a, b, cost) in &roads {
            for (from, to) in [(a, b), (b, a)] {
                let pre = vec![Condition::new(&at, Op::Eq, text(&depot(from)))];
                actions.push(action(&format!("drive.t{t}.{}.{}", depot(from), depot(to))).cost(cost).pre(pre).effect(&at, text(&depot(to))).value());
            }
        }
        for p in 0..packages {
            let pkg = format!("pkg.p{p}");
            let truck = format!("t{t}");
            for d in 0..depots {
                let here = Condition::new(&at, Op::Eq, text(&depot(d)));
                let load_pre = vec![here.clone(), Condition::new(&pkg, Op::Eq, text(&depot(d)))];
                actions.push(action(&format!("load.p{p}.t{t}.{}", depot(d))).pre(load_pre).effect(&pkg, text(&truck)).value());
                let unload_pre = vec![here, Condition::new(&pkg, Op::Eq, text(&truck))];
                actions.push(action(&format!("unload.p{p}.t{t}.{}", depot(d))).pre(unload_pre).effect(&pkg, text(&depot(d))).value());
            }
        }
    }
    let mut start = WorldState::new();
    for t in 0..trucks {
        start.insert(format!("at.t{t}"), text(&depot(t * depots / trucks)));
    }
    for p in 0..packages {
        start.insert(format!("pkg.p{p}"), text(&depot((p * 3) % depots)));
    }
    let target = (0..packages).map(|p| Condition::new(&format!("pkg.p{p}"), Op::Eq, text(&depot((p * 3 + 2 + p) % depots)))).collect();
    SynthesisProblem { start, target, actions }
}

const LIMITS: SearchLimits = SearchLimits { max_nodes: 2_000_000, time_limit: Duration::from_secs(120) };

fn cases() -> Vec<(String, SynthesisProblem)> {
    let mut cases: Vec<(String, SynthesisProblem)> = (4..=7).map(|n| (format!("blocks-{n}"), blocks(n))).collect();
    for (d, t, p) in [(4, 1, 1), (6, 1, 2), (6, 2, 3), (8, 2, 4)] {
        cases.push((format!("logistics-{d}d{t}t{p}p"), logistics(d, t, p)));
    }
    cases
}

fn mode_name(mode: SearchMode) -> &'static str {
    match mode {
        SearchMode::Optimal => "astar",
        SearchMode::Greedy => "greedy",
    }
}

/// One run per case and mode: what the table in docs/performance.md reports beside the times.
fn report(cases: &[(String, SynthesisProblem)]) {
    println!("| domain | actions | mode | plan cost | steps | edges | nodes expanded | one run |");
    println!("|---|---:|---|---:|---:|---:|---:|---:|");
    for (name, problem) in cases {
        for mode in [SearchMode::Optimal, SearchMode::Greedy] {
            let r = synthesize(problem, mode, LIMITS);
            let (cost, steps, edges) = match r.plan() {
                Some(p) => (p.cost.to_string(), p.steps.len().to_string(), p.edges.len().to_string()),
                None => (r.why_no_plan().unwrap_or_default(), "—".into(), "—".into()),
            };
            println!(
                "| {name} | {} | {} | {cost} | {steps} | {edges} | {} | {:.1} ms |",
                problem.actions.len(),
                mode_name(mode),
                r.nodes_expanded,
                r.elapsed_ms
            );
        }
    }
}

fn synthesis(c: &mut Criterion) {
    let cases = cases();
    report(&cases);
    if std::env::var_os("SYNTH_REPORT_ONLY").is_some() {
        return;
    }
    let mut group = c.benchmark_group("synthesis");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for (name, problem) in &cases {
        for mode in [SearchMode::Optimal, SearchMode::Greedy] {
            group.bench_with_input(BenchmarkId::new(mode_name(mode), name), problem, |b, p| b.iter(|| synthesize(p, mode, LIMITS)));
        }
    }
    group.finish();
}

criterion_group!(benches, synthesis);
criterion_main!(benches);
