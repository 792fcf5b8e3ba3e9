//! Property tests of plan synthesis on small random domains: A* is optimal (against a
//! brute-force search over every action sequence up to a bound), greedy finds a plan
//! exactly when one exists, and every plan — replayed in its sequence or in any
//! linearisation of its lifted partial order — satisfies every precondition and the target.
//! LM-cut never exceeds the true cost to go (Dijkstra over every reachable state) from the
//! start and the states reached after it, and A* with it or with h_max returns that true optimum.

mod common;
use common::builders::action;
use mabos_planner::synthesis::{
    estimate, synthesize, synthesize_with, Heuristic, SearchLimits, SearchMode, SynthesisOutcome, SynthesisProblem, SynthesizedPlan,
};
use mabos_planner::{apply_effects, Action, Condition, Effect, Op, Value, WorldState};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

const FACTS: [&str; 5] = ["f0", "f1", "f2", "f3", "f4"];
/// Sequences up to this length are enumerated by the brute force.
const BOUND: usize = 5;
const LIMITS: SearchLimits = SearchLimits { max_nodes: 100_000, time_limit: Duration::from_secs(60) };

/// Conditions over the first `facts` facts; half of them `=`, which few states satisfy.
fn condition(facts: usize) -> impl Strategy<Value = Condition> {
    (0..facts, 0..2 * Op::ALL.len(), 0..3i64, 0..3i64).prop_map(|(f, op, v, w)| {
        let op = Op::ALL.get(op).copied().unwrap_or(Op::Eq);
        match op {
            Op::In | Op::NotIn => Condition::one_of(FACTS[f], op, vec![Value::Int(v), Value::Int(w)]),
            _ => Condition::new(FACTS[f], op, Value::Int(v)),
        }
    })
}

fn any_action(key: String, facts: usize, max_pre: usize) -> impl Strategy<Value = Action> {
    let costs = prop::sample::select(vec![0.0, 1.0, 2.0, 3.0, 5.0]);
    let effect = (0..facts, 0..3i64).prop_map(|(f, v)| Effect::new(FACTS[f], Value::Int(v)));
    (costs, prop::collection::vec(condition(facts), 0..=max_pre), prop::collection::vec(effect, 1..3))
        .prop_map(move |(cost, pre, effects)| action(&key).cost(cost).pre(pre).effects(effects).value())
}

/// A random domain over `facts` facts (values 0–2 or absent) with up to `max_actions`
/// actions (each with up to `max_pre` preconditions) and up to `max_targets` target conditions.
fn domain(facts: usize, max_actions: usize, max_pre: usize, max_targets: usize) -> impl Strategy<Value = SynthesisProblem> {
    let start = prop::collection::vec(prop::option::weighted(0.4, 0..3i64), facts)
        .prop_map(|vs| vs.into_iter().zip(FACTS).filter_map(|(v, f)| v.map(|v| (f.to_owned(), Value::Int(v)))).collect::<WorldState>());
    let actions = (1..=max_actions).prop_flat_map(move |n| (0..n).map(|i| any_action(format!("a{i}"), facts, max_pre)).collect::<Vec<_>>());
    (start, prop::collection::vec(condition(facts), 1..=max_targets), actions)
        .prop_map(|(start, target, actions)| SynthesisProblem { start, target, actions })
}

/// Small enough for the brute force.
fn small() -> impl Strategy<Value = SynthesisProblem> {
    domain(3, 6, 2, 3)
}

/// Wider, for longer plans with steps that can run in parallel: the target asks for
/// values on several distinct facts, which rarely hold at the start.
fn wide() -> impl Strategy<Value = SynthesisProblem> {
    let target = prop::sample::subsequence(FACTS.to_vec(), 2..=4).prop_flat_map(|facts| {
        facts.into_iter().map(|f| (1..3i64).prop_map(move |v| Condition::new(f, Op::Eq, Value::Int(v)))).collect::<Vec<_>>()
    });
    (domain(FACTS.len(), 12, 1, 1), target).prop_map(|(mut p, target)| {
        p.target = target;
        p
    })
}

fn holds_all(conditions: &[Condition], state: &WorldState) -> bool {
    conditions.iter().all(|c| c.holds(state))
}

/// The cheapest cost of any action sequence of at most `BOUND` steps that reaches the target.
fn brute_force(p: &SynthesisProblem) -> Option<f64> {
    fn go(p: &SynthesisProblem, state: &WorldState, cost: f64, depth: usize, best: &mut Option<f64>) {
        if best.is_some_and(|b| cost >= b) {
            return;
        }
        if holds_all(&p.target, state) {
            *best = Some(cost);
            return;
        }
        if depth == BOUND {
            return;
        }
        for a in &p.actions {
            if holds_all(&a.fields.preconditions, state) {
                let mut next = state.clone();
                apply_effects(&mut next, &a.fields.effects);
                go(p, &next, cost + a.fields.cost, depth + 1, best);
            }
        }
    }
    let mut best = None;
    go(p, &p.start, 0.0, 0, &mut best);
    best
}

/// Every state reachable from the start (the start first).
fn reachable(p: &SynthesisProblem) -> Vec<WorldState> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut states = vec![p.start.clone()];
    seen.insert(serde_json::to_string(&p.start).unwrap(), 0);
    let mut i = 0;
    while i < states.len() {
        for a in &p.actions {
            if holds_all(&a.fields.preconditions, &states[i]) {
                let mut next = states[i].clone();
                apply_effects(&mut next, &a.fields.effects);
                if let std::collections::hash_map::Entry::Vacant(slot) = seen.entry(serde_json::to_string(&next).unwrap()) {
                    slot.insert(states.len());
                    states.push(next);
                }
            }
        }
        i += 1;
    }
    states
}

/// The exact cheapest cost from the start to the target: Dijkstra over the reachable states.
fn dijkstra(p: &SynthesisProblem) -> Option<f64> {
    let mut best: HashMap<String, f64> = HashMap::new();
    // Costs are small whole numbers or halves here: keyed by cost × 2 for an ordered frontier.
    let mut frontier: BTreeMap<(u64, u64), WorldState> = BTreeMap::new();
    let mut count = 0u64;
    frontier.insert((0, 0), p.start.clone());
    best.insert(serde_json::to_string(&p.start).unwrap(), 0.0);
    while let Some(((twice, _), state)) = frontier.pop_first() {
        let cost = twice as f64 / 2.0;
        if best[&serde_json::to_string(&state).unwrap()] < cost {
            continue;
        }
        if holds_all(&p.target, &state) {
            return Some(cost);
        }
        for a in &p.actions {
            if holds_all(&a.fields.preconditions, &state) {
                let mut next = state.clone();
                apply_effects(&mut next, &a.fields.effects);
                let c = cost + a.fields.cost;
                let key = serde_json::to_string(&next).unwrap();
                if best.get(&key).is_none_or(|&b| c < b) {
                    best.insert(key, c);
                    count += 1;
                    frontier.insert(((c * 2.0) as u64, count), next);
                }
            }
        }
    }
    None
}

/// Replays steps in `order` (indexes into the plan's steps); panics with the step at fault.
fn replay(p: &SynthesisProblem, plan: &SynthesizedPlan, order: &[usize]) -> Result<(), String> {
    let library: HashMap<&str, &Action> = p.actions.iter().map(|a| (a.key.as_str(), a)).collect();
    let mut state = p.start.clone();
    for &i in order {
        let action = library[plan.steps[i].action.as_str()];
        if !holds_all(&action.fields.preconditions, &state) {
            return Err(format!("step {} ({}) not applicable in {state:?}", plan.steps[i].key, action.key));
        }
        apply_effects(&mut state, &action.fields.effects);
    }
    if holds_all(&p.target, &state) {
        Ok(())
    } else {
        Err(format!("target not met in {state:?}"))
    }
}

/// Calls `visit` with every linearisation of the plan's partial order.
fn linearisations(plan: &SynthesizedPlan, visit: &mut dyn FnMut(&[usize])) {
    let index: HashMap<&str, usize> = plan.steps.iter().enumerate().map(|(i, s)| (s.key.as_str(), i)).collect();
    let n = plan.steps.len();
    let mut waiting = vec![0usize; n];
    let mut after = vec![Vec::new(); n];
    for e in &plan.edges {
        let (b, a) = (index[e.before.as_str()], index[e.after.as_str()]);
        after[b].push(a);
        waiting[a] += 1;
    }
    fn go(after: &[Vec<usize>], waiting: &mut [usize], used: &mut [bool], order: &mut Vec<usize>, visit: &mut dyn FnMut(&[usize])) {
        if order.len() == waiting.len() {
            visit(order);
            return;
        }
        for i in 0..waiting.len() {
            if used[i] || waiting[i] > 0 {
                continue;
            }
            used[i] = true;
            order.push(i);
            after[i].iter().for_each(|&a| waiting[a] -= 1);
            go(after, waiting, used, order, visit);
            after[i].iter().for_each(|&a| waiting[a] += 1);
            order.pop();
            used[i] = false;
        }
    }
    go(&after, &mut waiting, &mut vec![false; n], &mut Vec::new(), visit);
}

fn check_plan(p: &SynthesisProblem, plan: &SynthesizedPlan) -> Result<usize, TestCaseError> {
    let sequence: Vec<usize> = (0..plan.steps.len()).collect();
    replay(p, plan, &sequence).map_err(TestCaseError::fail)?;
    let cost: f64 = plan.steps.iter().map(|s| s.cost).sum();
    prop_assert_eq!(cost, plan.cost);
    let mut count = 0;
    let mut failure = None;
    linearisations(plan, &mut |order| {
        count += 1;
        if let Err(e) = replay(p, plan, order) {
            failure.get_or_insert(format!("linearisation {order:?} of {:?}: {e}", plan.edges));
        }
    });
    if let Some(f) = failure {
        return Err(TestCaseError::fail(f));
    }
    prop_assert!(count >= 1);
    Ok(count)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_star_cost_is_the_brute_force_optimum(p in small()) {
        let optimal = synthesize(&p, SearchMode::Optimal, LIMITS);
        let greedy = synthesize(&p, SearchMode::Greedy, LIMITS);
        let bounded = brute_force(&p);
        match (&optimal.outcome, bounded) {
            (SynthesisOutcome::Found { plan }, Some(best)) => {
                // A* searches without a length bound, so it can only do as well or better;
                // when its plan fits the bound the brute force saw it too: equal.
                prop_assert!(plan.cost <= best + 1e-9, "A* {} > brute force {}", plan.cost, best);
                if plan.steps.len() <= BOUND {
                    prop_assert!((plan.cost - best).abs() < 1e-9, "A* {} vs brute force {}", plan.cost, best);
                }
            }
            (SynthesisOutcome::Found { plan }, None) => prop_assert!(plan.steps.len() > BOUND, "brute force missed {:?}", plan),
            (SynthesisOutcome::Unsolvable | SynthesisOutcome::Unreachable { .. }, None) => {}
            (outcome, bounded) => prop_assert!(false, "A* {:?}, brute force {:?}", outcome, bounded),
        }
        match (&optimal.outcome, &greedy.outcome) {
            (SynthesisOutcome::Found { plan: best }, SynthesisOutcome::Found { plan }) => prop_assert!(plan.cost >= best.cost - 1e-9),
            (SynthesisOutcome::Found { .. }, other) | (other, SynthesisOutcome::Found { .. }) => {
                prop_assert!(false, "one mode found a plan, the other said {:?}", other)
            }
            (a, b) => prop_assert_eq!(a, b),
        }
    }

    #[test]
    fn lm_cut_never_exceeds_the_true_cost_and_a_star_finds_it(p in prop_oneof![small(), wide()]) {
        // From the start and the first states reached after it (all of them in small cases).
        for state in reachable(&p).into_iter().take(24) {
            let from = SynthesisProblem { start: state, ..p.clone() };
            let optimum = dijkstra(&from);
            let lm_cut = estimate(&from, Heuristic::LmCut);
            let h_max = estimate(&from, Heuristic::HMax);
            match (lm_cut, optimum) {
                // Admissible, and at least h_max (LM-cut's first cut alone is worth h_max).
                (Some(h), Some(best)) => {
                    prop_assert!(h <= best + 1e-9, "LM-cut {} > optimum {} from {:?}", h, best, from.start);
                    prop_assert!(h >= h_max.unwrap() - 1e-9, "LM-cut {} < h_max {:?}", h, h_max);
                }
                // A relaxed dead end is a real one.
                (None, best) => prop_assert!(best.is_none(), "LM-cut dead end, optimum {:?}", best),
                (Some(_), None) => {}
            }
        }
        let optimum = dijkstra(&p);
        for heuristic in [Heuristic::LmCut, Heuristic::HMax] {
            let result = synthesize_with(&p, SearchMode::Optimal, heuristic, LIMITS);
            match (result.plan(), optimum) {
                (Some(plan), Some(best)) => prop_assert!((plan.cost - best).abs() < 1e-9, "A* on {} {} vs optimum {}", heuristic, plan.cost, best),
                (None, None) => {}
                (plan, best) => prop_assert!(false, "A* on {} {:?}, optimum {:?}", heuristic, plan, best),
            }
        }
    }

    #[test]
    fn plans_and_every_linearisation_reach_the_target(p in prop_oneof![small(), wide(), wide()]) {
        for mode in [SearchMode::Optimal, SearchMode::Greedy] {
            if let Some(plan) = synthesize(&p, mode, LIMITS).plan() {
                check_plan(&p, plan)?;
            }
        }
    }

    #[test]
    fn the_same_input_gives_the_same_plan(p in wide()) {
        for mode in [SearchMode::Optimal, SearchMode::Greedy] {
            let first = synthesize(&p, mode, LIMITS);
            let mut reversed = p.clone();
            reversed.actions.reverse();
            let second = synthesize(&reversed, mode, LIMITS);
            prop_assert_eq!(first.outcome, second.outcome);
            prop_assert_eq!(first.nodes_expanded, second.nodes_expanded);
        }
    }
}
