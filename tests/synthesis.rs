//! Plan synthesis over a real store: reading the goal and the library, the agent filter,
//! the start state, and saving a plan as one undoable gesture. The workspace is
//! `workspaces::kitchen`.

mod common;
use common::builders::is;
use common::{dump, workspaces};
use mabos_planner::synthesis::{SearchMode, SynthesisOptions, SynthesisOutcome};
use mabos_planner::*;

fn actions_of(plan: &Plan) -> Vec<&str> {
    plan.steps.iter().map(|s| s.action.as_str()).collect()
}

#[test]
fn the_cheapest_plan_is_found_from_the_goals_preconditions() {
    let s = workspaces::kitchen();
    let result = s.synthesize_plan("G-DINNER", &SynthesisOptions::default()).unwrap();
    // Only the `=` precondition becomes a fact; `guests ≥ 2` says nothing about a value.
    assert_eq!(result.start, [("kitchen.open".to_owned(), Value::Bool(true))].into());
    let plan = result.plan().unwrap();
    let steps: Vec<(&str, &str)> = plan.steps.iter().map(|s| (s.key.as_str(), s.action.as_str())).collect();
    // f = g + h_max ties at 10 between "set the table first" (h 9) and "set it last" (h 1):
    // the lower h wins, so setting the table comes last; it is ordered with nothing.
    assert_eq!(steps, [("S1", "shop"), ("S2", "chop"), ("S3", "cook"), ("S4", "set-table")]);
    assert_eq!(plan.cost, 10.0);
    let edges: Vec<(&str, &str)> = plan.edges.iter().map(|e| (e.before.as_str(), e.after.as_str())).collect();
    assert_eq!(edges, [("S1", "S2"), ("S2", "S3")]);
}

#[test]
fn greedy_may_pay_more() {
    let s = workspaces::kitchen();
    let options = SynthesisOptions { mode: SearchMode::Greedy, ..Default::default() };
    assert_eq!(s.synthesize_plan("G-DINNER", &options).unwrap().plan().unwrap().cost, 13.0);
}

#[test]
fn agents_only_drops_actions_no_active_agent_can_do() {
    let mut s = workspaces::kitchen();
    // The chef can cook; the only caterer is inactive, so catering stays out either way.
    let options = SynthesisOptions { agents_only: true, ..Default::default() };
    let result = s.synthesize_plan("G-DINNER", &options).unwrap();
    assert_eq!(result.actions_considered, 4);
    assert_eq!(result.plan().unwrap().cost, 10.0);
    // A chef below level 4 cannot cook: dinner becomes unreachable with agents only.
    let mut junior = s.agent("AG-CHEF").unwrap().fields;
    junior.capabilities = vec![CapabilityLevel::new("cooking", 3)];
    s.update_agent("AG-CHEF", &junior).unwrap();
    let result = s.synthesize_plan("G-DINNER", &options).unwrap();
    assert_eq!(result.outcome, SynthesisOutcome::Unreachable { index: 0, condition: is("dinner.served") });
}

#[test]
fn an_explicit_start_state_overrides_the_preconditions() {
    let s = workspaces::kitchen();
    let start: WorldState = [("kitchen.open".to_owned(), Value::Bool(true)), ("chopped".to_owned(), Value::Bool(true))].into();
    let options = SynthesisOptions { start: Some(start), ..Default::default() };
    let plan = s.synthesize_plan("G-DINNER", &options).unwrap().plan().unwrap().clone();
    assert_eq!(plan.cost, 5.0);
    // Without the kitchen open, only cooking from nothing is impossible: no groceries.
    let options = SynthesisOptions { start: Some(WorldState::new()), ..Default::default() };
    assert_eq!(s.synthesize_plan("G-DINNER", &options).unwrap().outcome, SynthesisOutcome::Unsolvable);
}

#[test]
fn a_bad_start_state_or_goal_is_refused() {
    let s = workspaces::kitchen();
    let options = SynthesisOptions { start: Some([("two words".to_owned(), Value::Int(1))].into()), ..Default::default() };
    let err = s.synthesize_plan("G-DINNER", &options).unwrap_err();
    assert_eq!((err.code(), err.field()), ("invalid", Some("start")));
    assert!(err.to_string().contains("two words"), "{err}");
    let err = s.synthesize_plan("G-NOPE", &SynthesisOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "no goal has the key \"G-NOPE\"");
}

#[test]
fn synthesising_writes_nothing() {
    let s = workspaces::kitchen();
    let before = (dump(&s), s.last_event_seq().unwrap());
    s.synthesize_plan("G-DINNER", &SynthesisOptions::default()).unwrap();
    assert_eq!((dump(&s), s.last_event_seq().unwrap()), before);
}

#[test]
fn saving_is_one_gesture_and_one_undo_step() {
    let mut s = workspaces::kitchen();
    let before = dump(&s);
    let seq = s.last_event_seq().unwrap();
    let result = s.synthesize_plan("G-DINNER", &SynthesisOptions::default()).unwrap();
    let plan = s.create_synthesized_plan("G-DINNER", &result).unwrap();
    assert_eq!(plan.goal, "G-DINNER");
    assert_eq!(plan.status, PlanStatus::Draft);
    assert_eq!(actions_of(&plan), ["shop", "chop", "cook", "set-table"]);
    assert_eq!(plan.edges, [PlanEdge { before: "S1".into(), after: "S2".into() }, PlanEdge { before: "S2".into(), after: "S3".into() }]);
    assert_eq!(plan.fields.preconditions, [is("kitchen.open")]);
    assert_eq!(plan.fields.postconditions, [is("dinner.served"), is("table.set")]);
    assert_eq!(s.plans(Some("G-DINNER")).unwrap()[0].total_cost, 10.0);
    let events = s.events(seq, 10).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].entity.as_str(), events[0].key.as_str(), events[0].kind.as_str()), ("plan", plan.key.as_str(), "created"));
    assert!(s.integrity_report().unwrap().is_ok());
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
}

#[test]
fn saving_a_result_without_a_plan_is_refused_and_changes_nothing() {
    let mut s = workspaces::kitchen();
    let options = SynthesisOptions { max_nodes: 1, ..Default::default() };
    let result = s.synthesize_plan("G-DINNER", &options).unwrap();
    let before = dump(&s);
    let err = s.create_synthesized_plan("G-DINNER", &result).unwrap_err();
    assert_eq!(err.code(), "no_plan");
    assert!(err.to_string().starts_with("goal G-DINNER: no plan to save: no plan within the node budget of 1 (1 nodes expanded in "), "{err}");
    assert_eq!(dump(&s), before);
}

#[test]
fn the_demo_express_goal_is_reachable_with_agents_only() {
    let mut s = Store::open_in_memory().unwrap();
    demo::build(&mut s).unwrap();
    let options = SynthesisOptions { agents_only: true, ..Default::default() };
    let result = s.synthesize_plan("G-EXPRESS", &options).unwrap();
    let plan = s.create_synthesized_plan("G-EXPRESS", &result).unwrap();
    let mut used = actions_of(&plan);
    used.sort_unstable();
    assert_eq!(used, ["A-COURIER-API", "A-COURIER-RATES", "A-COURIER-ZONES", "A-LATE-CUTOFF", "A-TRACKING"]);
    // The API leaves the SLA at 36 h; the cut-off brings it to 20 h and must come after it.
    let key_of = |action: &str| plan.steps.iter().find(|s| s.action == action).unwrap().key.clone();
    assert!(plan.edges.contains(&PlanEdge { before: key_of("A-COURIER-API"), after: key_of("A-LATE-CUTOFF") }));
    assert!(s.integrity_report().unwrap().is_ok());
}
