//! Hand-checked cases for the search, the heuristics and the lifting, written as
//! "library and target → plan".

use super::heuristic::{Combine, Relaxed};
use super::problem::Compiled;
use super::*;
use crate::domain::{ActionFields, Effect, Op, Value};
use std::sync::atomic::{AtomicBool, Ordering};

fn value(text: &str) -> Value {
    match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => text.parse().map(Value::Int).unwrap_or_else(|_| Value::Text(text.to_owned())),
    }
}

/// `"sla <= 24"`, `"door = open"`, `"flag != true"`.
fn cond(text: &str) -> Condition {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let op = match parts[1] {
        "=" => Op::Eq,
        "!=" => Op::Ne,
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        ">=" => Op::Ge,
        other => panic!("unknown operator {other}"),
    };
    Condition::new(parts[0], op, value(parts[2]))
}

/// `key cost "pre; pre" "fact=value; fact=value"`.
fn act(key: &str, cost: f64, pre: &str, effects: &str) -> Action {
    let mut fields = ActionFields::named(key, cost, 1.0);
    fields.preconditions = pre.split(';').map(str::trim).filter(|p| !p.is_empty()).map(cond).collect();
    fields.effects = effects
        .split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| {
            let (k, v) = e.split_once('=').unwrap();
            Effect::new(k.trim(), value(v.trim()))
        })
        .collect();
    Action { key: key.to_owned(), fields }
}

fn problem(start: &[(&str, &str)], target: &[&str], actions: Vec<Action>) -> SynthesisProblem {
    SynthesisProblem {
        start: start.iter().map(|(k, v)| ((*k).to_owned(), value(v))).collect(),
        target: target.iter().map(|t| cond(t)).collect(),
        actions,
    }
}

const ROOMY: SearchLimits = SearchLimits { max_nodes: 10_000, time_limit: Duration::from_secs(30) };

fn run(p: &SynthesisProblem, mode: SearchMode) -> SynthesisResult {
    synthesize(p, mode, ROOMY)
}

/// The plan's action keys in sequence order, its cost, and its edges as "S1→S2".
fn check(result: &SynthesisResult, actions: &[&str], cost: f64, edges: &[&str]) {
    let plan = result.plan().unwrap_or_else(|| panic!("no plan: {:?}", result.why_no_plan()));
    let found: Vec<&str> = plan.steps.iter().map(|s| s.action.as_str()).collect();
    assert_eq!(found, actions);
    assert_eq!(plan.cost, cost);
    let found: Vec<String> = plan.edges.iter().map(|e| format!("{}→{}", e.before, e.after)).collect();
    assert_eq!(found, edges);
}

/// Cheapest is not shortest: one expensive action does it all, two cheap ones do it too.
fn detour() -> SynthesisProblem {
    problem(
        &[],
        &["done = true"],
        vec![
            act("direct", 10.0, "", "done=true"),
            act("prepare", 2.0, "", "half=true"),
            act("finish", 3.0, "half = true", "done=true"),
        ],
    )
}

#[test]
fn a_star_finds_the_cheapest_plan_not_the_shortest() {
    check(&run(&detour(), SearchMode::Optimal), &["prepare", "finish"], 5.0, &["S1→S2"]);
}

#[test]
fn greedy_takes_the_plan_that_looks_closest() {
    // After `direct` the target holds (h_add = 0), so greedy stops there.
    check(&run(&detour(), SearchMode::Greedy), &["direct"], 10.0, &[]);
}

#[test]
fn typed_conditions_and_absent_facts() {
    // `≥` is met by a larger value; `≠` holds on an absent fact without any step.
    let p = problem(&[("stock", "3")], &["stock >= 21", "recall != true"], vec![act("bulk", 4.0, "", "stock=28")]);
    check(&run(&p, SearchMode::Optimal), &["bulk"], 4.0, &[]);
}

#[test]
fn a_target_that_already_holds_needs_no_step() {
    let p = problem(&[("open", "true")], &["open = true"], vec![act("x", 1.0, "", "open=false")]);
    let result = run(&p, SearchMode::Optimal);
    check(&result, &[], 0.0, &[]);
    assert_eq!(result.nodes_expanded, 0);
}

#[test]
fn an_unproducible_condition_is_named_before_searching() {
    // Something writes `sla`, but never a value ≤ 24.
    let p = problem(&[], &["express = true", "sla <= 24"], vec![act("api", 1.0, "", "express=true; sla=36")]);
    let result = run(&p, SearchMode::Optimal);
    assert_eq!(result.outcome, SynthesisOutcome::Unreachable { index: 1, condition: cond("sla <= 24") });
    assert_eq!(result.nodes_expanded, 0);
    assert_eq!(result.why_no_plan().unwrap(), "postconditions[1] sla ≤ 24 does not hold at the start and no action can make it hold");
}

#[test]
fn exhausting_the_space_proves_there_is_no_plan() {
    // Each action sets one fact and clears the other: both are producible, never together.
    let p = problem(&[], &["a = true", "b = true"], vec![act("left", 1.0, "", "a=true; b=false"), act("right", 1.0, "", "b=true; a=false")]);
    for mode in [SearchMode::Optimal, SearchMode::Greedy] {
        let result = run(&p, mode);
        assert_eq!(result.outcome, SynthesisOutcome::Unsolvable, "{mode}");
        // start, {a}, {b}: every reachable state expanded.
        assert_eq!((result.nodes_expanded, result.nodes_generated), (3, 3), "{mode}");
    }
}

/// A chain of `n` steps: step i needs fact i-1 and makes fact i.
fn chain(n: usize) -> SynthesisProblem {
    let actions = (1..=n).map(|i| act(&format!("step{i:02}"), 1.0, &if i == 1 { String::new() } else { format!("f{} = true", i - 1) }, &format!("f{i}=true"))).collect();
    problem(&[], &[&format!("f{n} = true")], actions)
}

#[test]
fn the_node_budget_stops_the_search() {
    let limits = SearchLimits { max_nodes: 3, time_limit: Duration::from_secs(30) };
    let result = synthesize(&chain(10), SearchMode::Optimal, limits);
    assert_eq!(result.outcome, SynthesisOutcome::LimitReached { limit: SearchLimit::MaxNodes });
    assert_eq!(result.nodes_expanded, 3);
    assert!(result.why_no_plan().unwrap().starts_with("no plan within the node budget of 3 (3 nodes expanded in "));
    // The same search with room enough finds the 10 steps.
    assert_eq!(run(&chain(10), SearchMode::Optimal).plan().unwrap().steps.len(), 10);
}

#[test]
fn the_time_limit_stops_the_search() {
    let limits = SearchLimits { max_nodes: 10_000, time_limit: Duration::ZERO };
    let result = synthesize(&chain(3), SearchMode::Optimal, limits);
    assert_eq!(result.outcome, SynthesisOutcome::LimitReached { limit: SearchLimit::TimeLimit });
    assert_eq!(result.nodes_expanded, 0);
}

/// No plan, and 3^9 reachable states: `left`/`right` never make a and b hold
/// together, and eight free switches multiply the space.
fn big_unsolvable() -> SynthesisProblem {
    let mut actions = vec![act("left", 1.0, "", "a=true; b=false"), act("right", 1.0, "", "b=true; a=false")];
    for i in 0..8 {
        actions.push(act(&format!("on{i}"), 1.0, "", &format!("s{i}=true")));
        actions.push(act(&format!("off{i}"), 1.0, "", &format!("s{i}=false")));
    }
    problem(&[], &["a = true", "b = true"], actions)
}

#[test]
fn progress_is_reported_while_searching_and_the_result_agrees() {
    let limits = SearchLimits { max_nodes: 100_000, time_limit: Duration::from_secs(30) };
    let mut seen: Vec<SearchProgress> = Vec::new();
    let mut report = |p: &SearchProgress| seen.push(p.clone());
    let mut control = SearchControl { cancel: None, on_progress: Some(&mut report), interval: Duration::ZERO };
    let result = synthesize_watched(&big_unsolvable(), SearchMode::Optimal, Heuristic::LmCut, limits, &mut control);
    assert_eq!(result.outcome, SynthesisOutcome::Unsolvable);
    assert!(result.nodes_expanded > 512, "{}", result.nodes_expanded);
    // Once at the start, then every 64 expansions (the interval is zero).
    assert_eq!(seen.len() as u64, 1 + (result.nodes_expanded - 1) / 64);
    assert_eq!(seen[0].nodes_expanded, 0);
    assert!(seen.windows(2).all(|w| w[0].nodes_expanded < w[1].nodes_expanded && w[0].best_f <= w[1].best_f));
    let last = seen.last().unwrap();
    assert!(last.nodes_expanded <= result.nodes_expanded && last.nodes_generated <= result.nodes_generated);
    assert_eq!((last.max_nodes, last.time_limit_ms), (100_000, 30_000));
}

#[test]
fn a_cancelled_search_stops_and_says_so() {
    let limits = SearchLimits { max_nodes: 100_000, time_limit: Duration::from_secs(30) };
    let cancel = AtomicBool::new(false);
    // The operator presses Cancel as soon as the first progress arrives.
    let mut press = |_: &SearchProgress| cancel.store(true, Ordering::Relaxed);
    let mut control = SearchControl { cancel: Some(&cancel), on_progress: None, interval: Duration::ZERO };
    let result = synthesize_watched(&big_unsolvable(), SearchMode::Greedy, Heuristic::HAdd, limits, &mut control);
    assert_eq!(result.outcome, SynthesisOutcome::Unsolvable, "not cancelled: it runs to the end");
    let mut control = SearchControl { cancel: Some(&cancel), on_progress: Some(&mut press), interval: Duration::ZERO };
    let result = synthesize_watched(&big_unsolvable(), SearchMode::Greedy, Heuristic::HAdd, limits, &mut control);
    assert_eq!(result.outcome, SynthesisOutcome::LimitReached { limit: SearchLimit::Cancelled });
    assert_eq!(result.nodes_expanded, 0);
    assert!(result.why_no_plan().unwrap().starts_with("cancelled before a plan was found (0 nodes expanded"), "{:?}", result.why_no_plan());
}

#[test]
fn ties_are_broken_by_action_key_whatever_the_library_order() {
    let actions = vec![act("b-way", 1.0, "", "done=true"), act("a-way", 1.0, "", "done=true")];
    let mut p = problem(&[], &["done = true"], actions);
    for mode in [SearchMode::Optimal, SearchMode::Greedy] {
        check(&run(&p, mode), &["a-way"], 1.0, &[]);
        p.actions.reverse();
        check(&run(&p, mode), &["a-way"], 1.0, &[]);
    }
}

#[test]
fn independent_steps_stay_unordered() {
    let p = problem(&[], &["x = true", "y = true"], vec![act("make-x", 1.0, "", "x=true"), act("make-y", 1.0, "", "y=true")]);
    check(&run(&p, SearchMode::Optimal), &["make-x", "make-y"], 2.0, &[]);
}

#[test]
fn a_later_writer_that_would_break_the_target_stays_after() {
    // `api` leaves sla at 36; `cutoff` brings it to 20. No causal link between them, but
    // `api` after `cutoff` would break `sla ≤ 24`: the threat keeps the order.
    let p = problem(
        &[],
        &["express = true", "sla <= 24"],
        vec![act("api", 3.0, "", "express=true; sla=36"), act("cutoff", 1.0, "", "sla=20")],
    );
    check(&run(&p, SearchMode::Optimal), &["api", "cutoff"], 4.0, &["S1→S2"]);
}

#[test]
fn a_writer_after_the_consumer_stays_after_it() {
    // `close` must wait until `walk` has used the open door; `open → close` is implied.
    let p = problem(
        &[("door", "closed")],
        &["inside = true", "door = closed"],
        vec![act("close", 1.0, "", "door=closed"), act("open", 1.0, "", "door=open"), act("walk", 1.0, "door = open", "inside=true")],
    );
    check(&run(&p, SearchMode::Optimal), &["open", "walk", "close"], 3.0, &["S1→S2", "S2→S3"]);
}

#[test]
fn a_harmless_writer_is_not_ordered() {
    // Both `paint` and `polish` leave `shiny` true; `inspect` needs it and either may come last.
    let p = problem(
        &[],
        &["painted = true", "polished = true", "inspected = true"],
        vec![
            act("inspect", 1.0, "shiny = true", "inspected=true"),
            act("paint", 1.0, "", "painted=true; shiny=true"),
            act("polish", 1.0, "", "polished=true; shiny=true"),
        ],
    );
    let result = run(&p, SearchMode::Optimal);
    let plan = result.plan().unwrap();
    assert_eq!(plan.cost, 3.0);
    // Whichever writer the sequence used last before `inspect` supplies it; the other is free.
    assert_eq!(plan.edges.len(), 1, "{:?}", plan.edges);
    let inspect = plan.steps.iter().find(|s| s.action == "inspect").unwrap();
    assert_eq!(plan.edges[0].after, inspect.key);
}

/// The three estimates of the problem's start: (LM-cut, h_max, h_add).
fn estimates(p: &SynthesisProblem) -> (Option<f64>, Option<f64>, Option<f64>) {
    (estimate(p, Heuristic::LmCut), estimate(p, Heuristic::HMax), estimate(p, Heuristic::HAdd))
}

#[test]
fn h_max_is_the_costliest_single_condition_h_add_the_sum_and_lm_cut_finds_three_landmarks() {
    // Target needs x (cheapest via 2 + 3) and y (4): h_max = 5, h_add = 9; optimum is 9.
    // LM-cut: cut {x, x-direct} costs 3, then {y} 4, then {half, x-direct} 2 (x-direct
    // has 3 left): 9, the optimum.
    let p = problem(
        &[],
        &["x = true", "y = true"],
        vec![act("half", 2.0, "", "h=true"), act("x", 3.0, "h = true", "x=true"), act("y", 4.0, "", "y=true"), act("x-direct", 6.0, "", "x=true")],
    );
    let compiled = Compiled::new(&p.start, &p.target, &p.actions);
    assert_eq!(Relaxed::new(&compiled, Combine::Max).estimate(&compiled, &compiled.start), Some(5.0));
    assert_eq!(estimates(&p), (Some(9.0), Some(5.0), Some(9.0)));
    assert_eq!(run(&p, SearchMode::Optimal).plan().unwrap().cost, 9.0);
}

#[test]
fn lm_cut_counts_a_shared_precondition_once_where_h_add_counts_it_twice() {
    // `key` (5) is a landmark of both targets: LM-cut = 5 + 1 + 1 = 7, the optimum; h_add
    // pays for `key` twice (12), h_max sees one chain (6).
    let p = problem(
        &[],
        &["a = true", "b = true"],
        vec![act("key", 5.0, "", "k=true"), act("a", 1.0, "k = true", "a=true"), act("b", 1.0, "k = true", "b=true")],
    );
    assert_eq!(estimates(&p), (Some(7.0), Some(6.0), Some(12.0)));
}

#[test]
fn lm_cut_on_comparisons_and_inequalities() {
    // `a ≥ 2` is met by 2, 3 or 5; `b ≠ 0` by 1 or 3 (or absent, but b starts at 0). The
    // first cut {A2, A5, AB} costs 3, the second {B1, AB (1 left)} 1: 4, and `AB` alone is
    // the cheapest plan (4). h_max = 3.
    let p = problem(
        &[("a", "0"), ("b", "0")],
        &["a >= 2", "b != 0"],
        vec![act("A2", 3.0, "", "a=2"), act("A5", 5.0, "", "a=5"), act("B1", 2.0, "", "b=1"), act("AB", 4.0, "", "a=3; b=3")],
    );
    assert_eq!(estimates(&p), (Some(4.0), Some(3.0), Some(5.0)));
    assert_eq!(run(&p, SearchMode::Optimal).plan().unwrap().cost, 4.0);
}

#[test]
fn lm_cut_with_fractional_and_zero_costs() {
    // Costs are scaled to integers (×10⁶): 0.25 + 0.5 is exact. The free `prep` is never
    // part of a cut.
    let p = problem(
        &[],
        &["done = true"],
        vec![act("prep", 0.0, "", "p=true"), act("half", 0.25, "p = true", "h=true"), act("done", 0.5, "h = true", "done=true")],
    );
    assert_eq!(estimates(&p), (Some(0.75), Some(0.75), Some(0.75)));
}

#[test]
fn every_heuristic_sees_a_relaxed_dead_end_and_a_satisfied_target() {
    let dead = problem(&[], &["y = true"], vec![act("y", 1.0, "x = true", "y=true")]);
    assert_eq!(estimates(&dead), (None, None, None));
    let done = problem(&[("y", "true")], &["y = true"], vec![act("y", 1.0, "", "y=true")]);
    assert_eq!(estimates(&done), (Some(0.0), Some(0.0), Some(0.0)));
}

#[test]
fn a_star_is_optimal_with_either_admissible_heuristic() {
    for heuristic in [Heuristic::LmCut, Heuristic::HMax] {
        let result = synthesize_with(&detour(), SearchMode::Optimal, heuristic, ROOMY);
        assert_eq!(result.heuristic, heuristic);
        check(&result, &["prepare", "finish"], 5.0, &["S1→S2"]);
    }
}

#[test]
fn a_relaxed_dead_end_is_unsolvable_without_expanding() {
    // `y` needs `x`, which nothing makes: the pre-check passes (something writes y) but the
    // relaxed analysis proves it.
    let p = problem(&[], &["y = true"], vec![act("y", 1.0, "x = true", "y=true")]);
    let result = run(&p, SearchMode::Optimal);
    assert_eq!(result.outcome, SynthesisOutcome::Unsolvable);
    assert_eq!(result.nodes_expanded, 0);
}
