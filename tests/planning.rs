//! Plan validation, critical path and goal conflicts over a real store, built through
//! the public API. The launch plan is `workspaces::launch_diamond`.

mod common;
use common::builders::{eq, is};
use common::workspaces;
use mabos_planner::planning::{Owner, Supplier};
use mabos_planner::*;
use time::macros::datetime;

#[test]
fn the_diamond_is_broken_until_its_writers_are_ordered() {
    let mut store = workspaces::launch_diamond();
    let seq = store.last_event_seq().unwrap();
    let report = store.validate_plan("P-L", None, Some(datetime!(2027-01-01 09:00 UTC))).unwrap();
    assert_eq!(store.last_event_seq().unwrap(), seq, "validation is a query, not a gesture");
    assert!(!report.valid);
    assert_eq!(report.broken_steps.len(), 1);
    let broken = &report.broken_steps[0];
    assert_eq!((broken.step.as_str(), broken.action.as_str(), &broken.condition), ("S4", "A-LIVE", &eq("maintenance", false)));
    let writers: Vec<(Supplier, Option<Value>, bool)> = broken.readings.iter().map(|r| (r.from.clone(), r.value.clone(), r.holds)).collect();
    assert_eq!(
        writers,
        [
            (Supplier::Step { step: "S2".into() }, Some(Value::Bool(true)), false),
            (Supplier::Step { step: "S3".into() }, Some(Value::Bool(false)), true),
        ]
    );
    // Everything else holds: S1 supplies the design to both branches, the goal is met.
    let links: Vec<(&str, &str, Vec<Supplier>)> = report
        .causal_links
        .iter()
        .map(|c| (c.step.as_str(), c.condition.key.as_str(), c.readings.iter().map(|r| r.from.clone()).collect()))
        .collect();
    let s1 = || vec![Supplier::Step { step: "S1".into() }];
    assert_eq!(links, [("S2", "design.ready", s1()), ("S3", "design.ready", s1())]);
    assert!(report.unmet_postconditions.is_empty() && report.constraint_violations.is_empty());
    // 1350 of 2000; 8 + 3 + 2 = 13 h from 09:00 is 22:00, before 23:00.
    assert_eq!((report.total_cost, report.duration_hours), (1350.0, 13.0));
    assert!(!report.budget.unwrap().over);
    let deadline = report.deadline.unwrap();
    assert_eq!(deadline.finish.as_deref(), Some("2027-01-01T22:00:00.000Z"));
    assert!(!deadline.late);

    // The smoke test must come after maintenance mode is on: now S3's value is the last.
    store.add_edge("P-L", "S2", "S3").unwrap();
    let report = store.validate_plan("P-L", None, Some(datetime!(2027-01-01 09:00 UTC))).unwrap();
    assert!(report.valid, "{report:#?}");
    // The chain is now 8 + 1 + 3 + 2 = 14 h: started at 10:00 it is late.
    let late = store.validate_plan("P-L", None, Some(datetime!(2027-01-01 10:00 UTC))).unwrap();
    assert!(!late.valid && late.deadline.unwrap().late && late.broken_steps.is_empty());
}

#[test]
fn a_given_state_and_the_goals_postconditions() {
    let mut store = workspaces::launch_diamond();
    store.add_edge("P-L", "S2", "S3").unwrap();
    let mut fields = store.plan("P-L").unwrap().fields;
    fields.preconditions = vec![is("budget.approved")];
    fields.postconditions = vec![is("press.informed")];
    store.update_plan("P-L", &fields).unwrap();
    let state = WorldState::from([("site.down".to_owned(), Value::Bool(true))]);
    let report = store.validate_plan("P-L", Some(&state), Some(datetime!(2027-01-01 09:00 UTC))).unwrap();
    assert!(report.state_given && !report.valid);
    assert_eq!(report.unmet_preconditions.iter().map(|c| c.condition.key.as_str()).collect::<Vec<_>>(), ["budget.approved"]);
    // The site starts down: the constraint fails in the very first state.
    assert_eq!(report.constraint_violations.len(), 1);
    assert_eq!(report.constraint_violations[0].readings[0].from, Supplier::Start);
    let unmet: Vec<(Owner, &str, &str)> =
        report.unmet_postconditions.iter().map(|u| (u.owner, u.key.as_str(), u.condition.key.as_str())).collect();
    assert_eq!(unmet, [(Owner::Plan, "P-L", "press.informed")]);
}

#[test]
fn the_critical_path_through_the_store() {
    let store = workspaces::launch_diamond();
    let cp = store.critical_path("P-L").unwrap();
    assert_eq!((cp.duration_hours, cp.total_cost), (13.0, 1350.0));
    assert_eq!(cp.critical_steps, ["S1", "S3", "S4"]);
    let s2 = cp.steps.iter().find(|s| s.step == "S2").unwrap();
    assert_eq!((s2.earliest_start, s2.latest_start, s2.slack), (8.0, 10.0, 2.0));
}

#[test]
fn unknown_plans_are_not_found() {
    let store = Store::open_in_memory().unwrap();
    let err = store.validate_plan("P-NONE", None, None).unwrap_err();
    assert_eq!((err.code(), err.to_string().as_str()), ("not_found", "no plan has the key \"P-NONE\""));
    assert_eq!(store.critical_path("P-NONE").unwrap_err().code(), "not_found");
}

#[test]
fn an_empty_plan_reaches_only_what_already_holds() {
    let mut store = Store::open_in_memory().unwrap();
    let mut goal = GoalFields::titled("Ready");
    goal.postconditions = vec![is("ready")];
    store.create_goal(Some("G-R"), None, &goal).unwrap();
    store.create_plan(Some("P-E"), "G-R", &PlanFields::titled("Nothing to do")).unwrap();
    let report = store.validate_plan("P-E", None, None).unwrap();
    assert!(!report.valid && report.steps == 0);
    assert_eq!(report.unmet_postconditions.len(), 1);
    let mut fields = PlanFields::titled("Already done");
    fields.preconditions = vec![is("ready")];
    store.update_plan("P-E", &fields).unwrap();
    assert!(store.validate_plan("P-E", None, None).unwrap().valid);
    assert_eq!(store.critical_path("P-E").unwrap().duration_hours, 0.0);
}

#[test]
fn goal_conflicts_through_the_store() {
    let mut store = Store::open_in_memory().unwrap();
    let mut sale = GoalFields::titled("Clearance sale");
    sale.effects = vec![Effect::new("price.level", Value::Int(70))];
    store.create_goal(Some("G-SALE"), None, &sale).unwrap();
    let mut margin = GoalFields::titled("Protect margins");
    margin.postconditions = vec![Condition::new("price.level", Op::Ge, Value::Int(90))];
    store.create_goal(Some("G-MARGIN"), None, &margin).unwrap();
    let mut closing = GoalFields::titled("Close the shop for stocktaking");
    closing.effects = vec![Effect::new("shop.open", Value::Bool(false))];
    closing.postconditions = vec![is("shop.open")];
    store.create_goal(Some("G-STOCK"), None, &closing).unwrap();

    let found: Vec<(String, String, String)> = store.goal_conflicts().unwrap().into_iter().map(|c| (c.goal, c.other, c.fact)).collect();
    assert_eq!(
        found,
        [("G-SALE".into(), "G-MARGIN".into(), "price.level".into()), ("G-STOCK".into(), "G-STOCK".into(), "shop.open".into())]
    );
    store.undo().unwrap();
    assert_eq!(store.goal_conflicts().unwrap().len(), 1);
}

#[test]
fn the_demo_has_no_goal_conflicts_and_one_plan_over_budget() {
    let mut store = Store::open_in_memory().unwrap();
    store.import(&demo::workspace_json().unwrap()).unwrap();
    assert!(store.goal_conflicts().unwrap().is_empty());
    let invalid: Vec<String> = store
        .plans(None)
        .unwrap()
        .iter()
        .filter(|p| !store.validate_plan(&p.key, None, Some(datetime!(2027-01-04 09:00 UTC))).unwrap().valid)
        .map(|p| p.key.clone())
        .collect();
    assert_eq!(invalid, ["P-PRICING"]);
}
