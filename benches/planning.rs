//! Criterion benchmarks of plan validation and the critical path on a generated plan of
//! 1,000 steps (layers of 20, each step after one to three steps of the two layers
//! before it, every action with two preconditions and two effects over 200 facts).
//! Reports timings only; nothing here asserts a time.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mabos_planner::planning::{critical_path, validate_plan, ValidationInput};
use mabos_planner::{Action, ActionFields, Condition, Effect, Op, Plan, PlanEdge, PlanFields, PlanStatus, Step, Value};

/// xorshift64: a fixed sequence, so every run measures the same plan.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn generated(steps: usize) -> (Plan, Vec<Action>) {
    const WIDTH: usize = 20;
    const FACTS: usize = 200;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let fact = |rng: &mut Rng| format!("fact.{}", rng.below(FACTS));
    let actions: Vec<Action> = (0..steps)
        .map(|i| {
            let mut fields = ActionFields::named(&format!("action {i}"), 10.0 + rng.below(90) as f64, 0.5 + rng.below(16) as f64 / 2.0);
            fields.preconditions = (0..2).map(|_| Condition::new(&fact(&mut rng), Op::Ge, Value::Int(rng.below(3) as i64))).collect();
            fields.effects = (0..2).map(|_| Effect::new(&fact(&mut rng), Value::Int(rng.below(5) as i64))).collect();
            Action { key: format!("A-{i}"), fields }
        })
        .collect();
    let mut edges = Vec::new();
    for i in WIDTH..steps {
        let layer_start = i / WIDTH * WIDTH;
        for _ in 0..1 + rng.below(3) {
            let before = layer_start - WIDTH * (1 + rng.below(2)).min(layer_start / WIDTH) + rng.below(WIDTH);
            edges.push(PlanEdge { before: format!("S{before}"), after: format!("S{i}") });
        }
    }
    edges.sort();
    edges.dedup();
    let mut fields = PlanFields::titled("generated");
    fields.preconditions = (0..FACTS / 2).map(|f| Condition::new(&format!("fact.{f}"), Op::Eq, Value::Int(1))).collect();
    fields.postconditions = (0..10).map(|f| Condition::new(&format!("fact.{f}"), Op::Ge, Value::Int(0))).collect();
    fields.constraints = (0..10).map(|f| Condition::new(&format!("fact.{}", FACTS - 1 - f), Op::Le, Value::Int(3))).collect();
    fields.budget = Some(50_000.0);
    fields.deadline = Some("2030-01-01T00:00:00Z".into());
    let plan = Plan {
        key: "P-BENCH".into(),
        goal: "G-BENCH".into(),
        status: PlanStatus::Draft,
        fields,
        steps: (0..steps).map(|i| Step { key: format!("S{i}"), action: format!("A-{i}"), note: String::new() }).collect(),
        edges,
    };
    (plan, actions)
}

fn planning(c: &mut Criterion) {
    let mut group = c.benchmark_group("planning");
    let n = 1_000;
    let (plan, actions) = generated(n);
    let input = ValidationInput {
        actions: &actions,
        goal_postconditions: &[],
        start_state: None,
        start: time::macros::datetime!(2027-01-01 09:00 UTC),
    };
    let report = validate_plan(&plan, &input).expect("the generated plan is a DAG");
    eprintln!(
        "{n} steps, {} edges: {} broken preconditions, {} causal links, {} h",
        plan.edges.len(),
        report.broken_steps.len(),
        report.causal_links.len(),
        report.duration_hours
    );
    group.bench_with_input(BenchmarkId::new("validate", n), &plan, |b, plan| b.iter(|| validate_plan(plan, &input).unwrap()));
    group.bench_with_input(BenchmarkId::new("critical_path", n), &plan, |b, plan| b.iter(|| critical_path(plan, &actions).unwrap()));
    group.finish();
}

criterion_group!(benches, planning);
criterion_main!(benches);
