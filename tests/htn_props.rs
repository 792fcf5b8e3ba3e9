//! Property tests of HTN decomposition over random method libraries: whatever the
//! decomposition returns is executable. Replayed from the start state, every action's
//! preconditions hold and the end state is the one reported — in the order simulated,
//! and in any other order the precedence edges allow. And the search is complete: when
//! trying every combination of method choices finds a decomposition, so does it.

mod common;
use common::builders::action;
use mabos_planner::htn::{decompose_with, GoalFailureReason, Limits, Method, MethodFields, Node, Part, Subtask, SubtaskKind};
use mabos_planner::*;
use proptest::prelude::*;

const FACTS: usize = 4;
const GOALS: usize = 4;

fn fact(i: usize) -> String {
    format!("f{i}")
}

fn condition() -> impl Strategy<Value = Condition> {
    (0..FACTS, 0..6usize, 0..3i64, 0..3i64).prop_map(|(f, op, a, b)| match op {
        0 => Condition::new(&fact(f), Op::Eq, Value::Int(a)),
        1 => Condition::new(&fact(f), Op::Ne, Value::Int(a)),
        2 => Condition::new(&fact(f), Op::Lt, Value::Int(a + 1)),
        3 => Condition::new(&fact(f), Op::Ge, Value::Int(a)),
        4 => Condition::one_of(&fact(f), Op::In, vec![Value::Int(a), Value::Int(b)]),
        _ => Condition::one_of(&fact(f), Op::NotIn, vec![Value::Int(a)]),
    })
}

fn any_action(i: usize) -> impl Strategy<Value = Action> {
    let pre = prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(condition(), 1..3)];
    (pre, prop::collection::vec((0..FACTS, 0..3i64), 0..3)).prop_map(move |(pre, effects)| {
        action(&format!("A{i}")).named("a").pre(pre).effects(effects.into_iter().map(|(f, v)| Effect::new(&fact(f), Value::Int(v)))).value()
    })
}

/// Method `i < GOALS` belongs to goal `i`, so that every goal has one; the others to
/// any goal. Subtasks name any goal, its own included: cycles and deep recursion are
/// part of the test.
fn method(i: usize) -> impl Strategy<Value = Method> {
    let subtask = prop_oneof![
        3 => (0..6usize).prop_map(|a| Subtask::action(&format!("A{a}"))),
        1 => (0..GOALS).prop_map(|g| Subtask::goal(&format!("G{g}"))),
    ];
    let conditions = prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(condition(), 1..3)];
    (0..GOALS, 1..=10u8, any::<bool>(), conditions, prop::collection::vec(subtask, 1..6)).prop_map(
        move |(goal, priority, ordered, conditions, subtasks)| Method {
            key: format!("M{i}"),
            goal: format!("G{}", if i < GOALS { i } else { goal }),
            fields: MethodFields { priority, ordered, conditions, ..MethodFields::named("m", subtasks) },
        },
    )
}

fn library() -> impl Strategy<Value = (Vec<Method>, Vec<Action>)> {
    let actions = (0..6).map(any_action).collect::<Vec<_>>();
    let methods = (GOALS..3 * GOALS).prop_flat_map(|n| (0..n).map(method).collect::<Vec<_>>());
    (methods, actions)
}

fn state() -> impl Strategy<Value = WorldState> {
    prop::collection::btree_map((0..FACTS).prop_map(fact), (0..3i64).prop_map(Value::Int), 0..FACTS)
}

/// Replays `order` (positions into `actions`) from `start`: the end state, or the first
/// action whose preconditions fail.
fn replay(start: &WorldState, actions: &[&Action], order: &[usize]) -> Result<WorldState, String> {
    let mut s = start.clone();
    for &i in order {
        let a = actions[i];
        if let Some(c) = a.fields.preconditions.iter().find(|c| !c.holds(&s)) {
            return Err(format!("step {i} ({}): {c} fails in {s:?}", a.key));
        }
        apply_effects(&mut s, &a.fields.effects);
    }
    Ok(s)
}

/// A topological order of `0..n` under `edges`, choosing among the ready steps with `seed`.
fn linearize(n: usize, edges: &[(usize, usize)], mut seed: u64) -> Vec<usize> {
    let mut indegree = vec![0; n];
    for &(_, b) in edges {
        indegree[b] += 1;
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while !ready.is_empty() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let next = ready.swap_remove((seed >> 33) as usize % ready.len());
        order.push(next);
        for &(a, b) in edges {
            if a == next {
                indegree[b] -= 1;
                if indegree[b] == 0 {
                    ready.push(b);
                }
            }
        }
    }
    order
}

/// The tree's action leaves, depth first.
fn leaves(node: &Node, out: &mut Vec<usize>) {
    for p in &node.parts {
        match p {
            Part::Action { step, .. } => out.push(*step),
            Part::Goal { node } => leaves(node, out),
        }
    }
}

/// Every state `goal` can end in from `state`, by trying every method of every goal met
/// (under the rules decompose follows: method conditions, action preconditions, no goal
/// met again below itself in the same state, goals at most `max_depth` deep). A plain
/// enumeration, written independently of the search it checks.
fn outcomes(goal: &str, state: &WorldState, depth: usize, above: &mut Vec<(String, WorldState)>, lib: &(Vec<Method>, Vec<Action>), max_depth: usize) -> Vec<WorldState> {
    if depth > max_depth || above.iter().any(|(g, s)| g == goal && s == state) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in lib.0.iter().filter(|m| m.goal == goal && m.fields.conditions.iter().all(|c| c.holds(state))) {
        above.push((goal.to_owned(), state.clone()));
        let mut current = vec![state.clone()];
        for sub in &m.fields.subtasks {
            let mut next: Vec<WorldState> = Vec::new();
            for s in &current {
                let reached = match sub.kind {
                    SubtaskKind::Action => match lib.1.iter().find(|a| a.key == sub.key) {
                        Some(a) if a.fields.preconditions.iter().all(|c| c.holds(s)) => {
                            let mut after = s.clone();
                            apply_effects(&mut after, &a.fields.effects);
                            vec![after]
                        }
                        _ => Vec::new(),
                    },
                    SubtaskKind::Goal => outcomes(&sub.key, s, depth + 1, above, lib, max_depth),
                };
                for r in reached {
                    if !next.contains(&r) {
                        next.push(r);
                    }
                }
            }
            current = next;
        }
        above.pop();
        for r in current {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn finds_a_decomposition_whenever_one_exists((library, start) in (library(), state())) {
        let limits = Limits { max_depth: 3, max_nodes: 200_000 };
        let possible = outcomes("G0", &start, 0, &mut Vec::new(), &library, limits.max_depth);
        match decompose_with("G0", &start, &library.0, &library.1, limits) {
            Ok(d) => prop_assert!(possible.contains(&d.final_state), "decomposed to {:?}, which no choice of methods reaches", d.final_state),
            Err(Error::NotDecomposable { failure, .. }) if matches!(failure.reason, GoalFailureReason::NodeLimit { .. }) => {}
            Err(e) => prop_assert!(possible.is_empty(), "no decomposition ({e}), but these end states can be reached: {possible:?}"),
        }
    }

    #[test]
    fn every_decomposition_is_executable(((methods, actions), start, seed) in (library(), state(), any::<u64>())) {
        let limits = Limits { max_depth: 6, ..Limits::default() };
        let Ok(d) = decompose_with("G0", &start, &methods, &actions, limits) else { return Ok(()) };
        let steps: Vec<&Action> = d.actions.iter().map(|k| actions.iter().find(|a| &a.key == k).unwrap()).collect();
        let simulated: Vec<usize> = (0..steps.len()).collect();
        prop_assert_eq!(replay(&start, &steps, &simulated), Ok(d.final_state.clone()));
        let mut order = Vec::new();
        leaves(&d.tree, &mut order);
        prop_assert_eq!(order, simulated);
        for &(a, b) in &d.edges {
            prop_assert!(a < b, "edge {a} → {b} runs backwards");
        }
        let other = linearize(steps.len(), &d.edges, seed);
        prop_assert_eq!(other.len(), steps.len());
        prop_assert_eq!(replay(&start, &steps, &other), Ok(d.final_state.clone()), "order {:?}", other);
    }
}
