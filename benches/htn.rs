//! HTN decomposition on generated method libraries (depth × branching), and saving a
//! decomposition as a plan.
//!
//! `cargo bench --bench htn`. Figures are recorded in docs/performance.md.
//!
//! The library: every goal above the leaves has two methods. The preferred one (higher
//! priority) is skipped — by a failed condition, or, in the backtracking variant, only
//! after its whole subtree has been decomposed and its last action found inapplicable —
//! and the second splits the goal into `branching` sub-goals (ordered at even depths,
//! unordered at odd ones). A leaf goal's one method runs two actions, the second
//! needing the first's effect. A tree of depth d and branching b yields 2·b^d actions.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use mabos_planner::htn::{decompose, Method, MethodFields, Subtask};
use mabos_planner::*;
use std::hint::black_box;

struct Library {
    methods: Vec<Method>,
    actions: Vec<Action>,
    goals: Vec<String>,
}

fn is(key: &str) -> Condition {
    Condition::new(key, Op::Eq, Value::Bool(true))
}

fn library(depth: u32, branching: usize, backtrack: bool) -> Library {
    let mut lib = Library { methods: Vec::new(), actions: Vec::new(), goals: Vec::new() };
    let mut never = ActionFields::named("never", 1.0, 1.0);
    never.preconditions.push(is("impossible"));
    lib.actions.push(Action { key: "A-NEVER".into(), fields: never });
    goal(&mut lib, "G", 0, depth, branching, backtrack);
    lib
}

fn goal(lib: &mut Library, key: &str, level: u32, depth: u32, branching: usize, backtrack: bool) {
    lib.goals.push(key.to_owned());
    let mut method = |suffix: &str, priority: u8, ordered: bool, conditions: Vec<Condition>, subtasks: Vec<Subtask>| {
        let fields = MethodFields { priority, ordered, conditions, ..MethodFields::named(suffix, subtasks) };
        lib.methods.push(Method { key: format!("M-{key}-{suffix}"), goal: key.to_owned(), fields });
    };
    if level == depth {
        let (first, second) = (format!("A-{key}-1"), format!("A-{key}-2"));
        method("work", 5, true, vec![], vec![Subtask::action(&first), Subtask::action(&second)]);
        let done = format!("{key}.started");
        let mut a = ActionFields::named("start", 1.0, 1.0);
        a.effects.push(Effect::new(&done, Value::Bool(true)));
        lib.actions.push(Action { key: first, fields: a });
        let mut b = ActionFields::named("finish", 1.0, 1.0);
        b.preconditions.push(is(&done));
        b.effects.push(Effect::new(&format!("{key}.done"), Value::Bool(true)));
        lib.actions.push(Action { key: second, fields: b });
        return;
    }
    let children: Vec<String> = (0..branching).map(|i| format!("{key}.{i}")).collect();
    let split: Vec<Subtask> = children.iter().map(|c| Subtask::goal(c)).collect();
    if backtrack && level == 0 {
        // The whole tree, then an action that never applies: all of it is undone.
        let mut doomed = split.clone();
        doomed.push(Subtask::action("A-NEVER"));
        method("doomed", 9, true, vec![], doomed);
    } else {
        method("fast", 9, true, vec![is("mode.fast")], vec![Subtask::action("A-NEVER")]);
    }
    method("split", 5, level.is_multiple_of(2), vec![], split);
    for c in &children {
        goal(lib, c, level + 1, depth, branching, backtrack);
    }
}

fn decomposition(c: &mut Criterion) {
    let mut group = c.benchmark_group("htn decompose");
    for (depth, branching) in [(3, 4), (4, 4), (5, 4), (8, 2), (10, 2), (6, 3)] {
        let lib = library(depth, branching, false);
        let n = decompose("G", &WorldState::new(), &lib.methods, &lib.actions).unwrap().actions.len();
        group.bench_function(format!("depth {depth}, branching {branching}: {} methods, {n} actions", lib.methods.len()), |b| {
            b.iter(|| black_box(decompose("G", &WorldState::new(), &lib.methods, &lib.actions).unwrap()))
        });
    }
    for (depth, branching) in [(4, 4), (8, 2)] {
        let lib = library(depth, branching, true);
        let n = decompose("G", &WorldState::new(), &lib.methods, &lib.actions).unwrap().actions.len();
        group.bench_function(format!("backtracking, depth {depth}, branching {branching}: {n} actions, tree built twice"), |b| {
            b.iter(|| black_box(decompose("G", &WorldState::new(), &lib.methods, &lib.actions).unwrap()))
        });
    }
    group.finish();
}

/// The library in a store, for the gesture.
fn store_with(lib: &Library) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let doc = serde_json::json!({
        "format": "mabos-planner", "version": 1, "kind": "workspace", "exported_at": "2026-01-01T00:00:00Z", "generator": "bench",
        "goals": lib.goals.iter().map(|g| serde_json::json!({"key": g, "title": g, "status": "pending", "priority": 5, "kind": "hard", "mode": "achieve", "refinement": "and"})).collect::<Vec<_>>(),
        "actions": lib.actions.iter().map(|a| { let mut v = serde_json::to_value(&a.fields).unwrap(); v["key"] = a.key.clone().into(); v }).collect::<Vec<_>>(),
        "methods": lib.methods.iter().map(|m| { let mut v = serde_json::to_value(&m.fields).unwrap(); v["key"] = m.key.clone().into(); v["goal"] = m.goal.clone().into(); v }).collect::<Vec<_>>(),
    });
    s.import(&doc.to_string()).unwrap();
    s
}

fn saving(c: &mut Criterion) {
    let mut group = c.benchmark_group("htn plan_from_decomposition");
    group.sample_size(20);
    for (depth, branching) in [(4, 4), (5, 4)] {
        let lib = library(depth, branching, false);
        let n = decompose("G", &WorldState::new(), &lib.methods, &lib.actions).unwrap().actions.len();
        group.bench_function(format!("depth {depth}, branching {branching}: {n} steps"), |b| {
            b.iter_batched(|| store_with(&lib), |mut s| black_box(s.plan_from_decomposition("G", &WorldState::new(), None).unwrap()), BatchSize::LargeInput)
        });
    }
    group.finish();
}

criterion_group!(benches, decomposition, saving);
criterion_main!(benches);
