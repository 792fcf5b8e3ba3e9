//! Hand-checked plans: each test reads as plan → expected report lines.

use super::*;
use crate::domain::{ActionFields, Value};
use crate::planning::order::tests::plan;
use time::macros::datetime;

fn is(key: &str, v: Value) -> Condition {
    Condition::new(key, Op::Eq, v)
}

fn text(t: &str) -> Value {
    Value::Text(t.into())
}

/// Action `Ai` (used by step `Si`) with these preconditions and effects, 1 h and 100.
fn action(i: usize, pre: &[Condition], effects: &[(&str, Value)]) -> Action {
    let mut fields = ActionFields::named(&format!("action {i}"), 100.0, 1.0);
    fields.preconditions = pre.to_vec();
    fields.effects = effects.iter().map(|(k, v)| Effect::new(k, v.clone())).collect();
    Action { key: format!("A{i}"), fields }
}

fn input<'a>(actions: &'a [Action], goal: &'a [Condition]) -> ValidationInput<'a> {
    ValidationInput { actions, goal_postconditions: goal, start_state: None, start: datetime!(2027-01-01 09:00 UTC) }
}

/// A reading as "S2: \"open\" ok", "start: absent FAILS".
fn readings(list: &[Reading]) -> String {
    let one = |r: &Reading| {
        let from = match &r.from {
            Supplier::Start => "start".to_owned(),
            Supplier::Step { step } => step.clone(),
        };
        let value = r.value.as_ref().map_or("absent".to_owned(), Value::to_string);
        format!("{from}: {value} {}", if r.holds { "ok" } else { "FAILS" })
    };
    list.iter().map(one).collect::<Vec<_>>().join(", ")
}

fn steps(list: &[StepCondition]) -> Vec<String> {
    list.iter().map(|c| format!("{} needs {} ← {}", c.step, c.condition, readings(&c.readings))).collect()
}

#[test]
fn a_diamond_where_one_order_breaks_the_join() {
    // S1 → {S2, S3} → S4. S2 opens the gate, S3 closes it, S4 needs it open: S4 runs
    // after whichever of S2, S3 ran last, so the gate may be closed.
    let p = plan(4, &[(1, 2), (1, 3), (2, 4), (3, 4)]);
    let actions = [
        action(1, &[], &[]),
        action(2, &[], &[("gate", text("open"))]),
        action(3, &[], &[("gate", text("closed"))]),
        action(4, &[is("gate", text("open"))], &[]),
    ];
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    assert!(!report.valid);
    assert_eq!(steps(&report.broken_steps), ["S4 needs gate = \"open\" ← S2: \"open\" ok, S3: \"closed\" FAILS"]);
    assert!(report.causal_links.is_empty());
}

#[test]
fn ordering_the_writers_repairs_the_diamond() {
    // The same steps with S3 → S2: S2's "open" is always the last write before S4.
    let p = plan(4, &[(1, 2), (1, 3), (2, 4), (3, 4), (3, 2)]);
    let actions = [
        action(1, &[], &[]),
        action(2, &[], &[("gate", text("open"))]),
        action(3, &[], &[("gate", text("closed"))]),
        action(4, &[is("gate", text("open"))], &[]),
    ];
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    assert!(report.valid, "{report:#?}");
    assert_eq!(steps(&report.causal_links), ["S4 needs gate = \"open\" ← S2: \"open\" ok"]);
}

#[test]
fn causal_links_name_the_supplying_step_or_the_start_state() {
    // Plan precondition site.designed = true; S1 builds on it, S2 deploys what S1 built.
    let mut p = plan(2, &[(1, 2)]);
    p.fields.preconditions = vec![is("site.designed", Value::Bool(true)), Condition::new("stock", Op::Ge, Value::Int(10))];
    let actions = [
        action(1, &[is("site.designed", Value::Bool(true))], &[("site.built", Value::Bool(true))]),
        action(2, &[is("site.built", Value::Bool(true)), Condition::new("site.live", Op::Ne, Value::Bool(true))], &[("site.live", Value::Bool(true))]),
    ];
    let goal = [is("site.live", Value::Bool(true))];
    let report = validate_plan(&p, &input(&actions, &goal)).unwrap();
    assert!(report.valid, "{report:#?}");
    assert!(!report.state_given);
    // Only the eq precondition becomes a fact; stock ≥ 10 pins down no value.
    assert_eq!(report.start_state, WorldState::from([("site.designed".to_owned(), Value::Bool(true))]));
    assert_eq!(
        steps(&report.causal_links),
        [
            "S1 needs site.designed = true ← start: true ok",
            "S2 needs site.built = true ← S1: true ok",
            "S2 needs site.live ≠ true ← start: absent ok",
        ]
    );
}

#[test]
fn a_step_parallel_to_its_supplier_may_run_first() {
    let p = plan(2, &[]);
    let actions = [action(1, &[], &[("built", Value::Bool(true))]), action(2, &[is("built", Value::Bool(true))], &[])];
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    assert_eq!(steps(&report.broken_steps), ["S2 needs built = true ← start: absent FAILS, S1: true ok"]);
}

#[test]
fn the_final_state_against_goal_and_plan_postconditions() {
    // S1 and S2 in parallel both write stage; the goal wants "done", the plan wants a
    // report nobody writes.
    let mut p = plan(2, &[]);
    p.fields.postconditions = vec![is("report.sent", Value::Bool(true))];
    let actions = [action(1, &[], &[("stage", text("done"))]), action(2, &[], &[("stage", text("review"))])];
    let goal = [is("stage", text("done"))];
    let report = validate_plan(&p, &input(&actions, &goal)).unwrap();
    let unmet: Vec<String> =
        report.unmet_postconditions.iter().map(|u| format!("{} {}: {} ← {}", u.owner, u.key, u.condition, readings(&u.readings))).collect();
    assert_eq!(unmet, ["goal G-T: stage = \"done\" ← S1: \"done\" ok, S2: \"review\" FAILS", "plan P-T: report.sent = true ← start: absent FAILS"]);
    assert!(!report.valid);
}

#[test]
fn constraints_are_checked_in_every_state_an_execution_passes_through() {
    // The shop must stay open throughout; S2 closes it for a while and S3 reopens it.
    let mut p = plan(3, &[(1, 2), (2, 3)]);
    p.fields.preconditions = vec![is("shop.open", Value::Bool(true))];
    p.fields.constraints = vec![is("shop.open", Value::Bool(true)), Condition::new("staff", Op::Ge, Value::Int(2))];
    let actions = [
        action(1, &[], &[("staff", Value::Int(3))]),
        action(2, &[], &[("shop.open", Value::Bool(false))]),
        action(3, &[], &[("shop.open", Value::Bool(true))]),
    ];
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    let violations: Vec<String> = report.constraint_violations.iter().map(|c| format!("{} ← {}", c.condition, readings(&c.readings))).collect();
    assert_eq!(
        violations,
        ["shop.open = true ← start: true ok, S2: false FAILS, S3: true ok", "staff ≥ 2 ← start: absent FAILS, S1: 3 ok"]
    );
}

#[test]
fn budget_and_deadline() {
    // Three 1 h steps in a chain and one in parallel: 2 h... then 3 h on the path; 400 in all.
    let mut p = plan(4, &[(1, 2), (2, 3)]);
    p.fields.budget = Some(350.0);
    p.fields.deadline = Some("2027-01-01T11:30:00Z".into());
    let actions: Vec<Action> = (1..=4).map(|i| action(i, &[], &[])).collect();
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    assert_eq!((report.total_cost, report.duration_hours), (400.0, 3.0));
    assert_eq!(report.budget, Some(BudgetCheck { budget: 350.0, total_cost: 400.0, over: true }));
    let d = report.deadline.unwrap();
    assert_eq!((d.start.as_str(), d.finish.as_deref(), d.deadline.as_str()), ("2027-01-01T09:00:00.000Z", Some("2027-01-01T12:00:00.000Z"), "2027-01-01T11:30:00.000Z"));
    assert!(d.late && !report.valid);

    p.fields.budget = Some(400.0);
    let early = ValidationInput { start: datetime!(2027-01-01 08:30 UTC), ..input(&actions, &[]) };
    let report = validate_plan(&p, &early).unwrap();
    assert!(report.valid && !report.budget.unwrap().over && !report.deadline.unwrap().late);
}

#[test]
fn a_duration_beyond_the_calendar_is_late() {
    let mut p = plan(1, &[]);
    p.fields.deadline = Some("2030-01-01T00:00:00Z".into());
    let mut a = action(1, &[], &[]);
    a.fields.duration = 1e300;
    let report = validate_plan(&p, &input(&[a], &[])).unwrap();
    let d = report.deadline.unwrap();
    assert!(d.late && d.finish.is_none());
}

#[test]
fn an_unreadable_deadline_is_refused_with_its_field() {
    let mut p = plan(0, &[]);
    p.fields.deadline = Some("next week".into());
    let err = validate_plan(&p, &input(&[], &[])).unwrap_err();
    assert_eq!(err.field(), Some("deadline"));
    assert!(err.to_string().starts_with("plan P-T: deadline must be an RFC 3339 time"), "{err}");
}

#[test]
fn an_empty_plan_is_judged_on_its_start_state() {
    let p = plan(0, &[]);
    let report = validate_plan(&p, &input(&[], &[])).unwrap();
    assert!(report.valid && report.steps == 0 && report.duration_hours == 0.0);

    let mut p = plan(0, &[]);
    p.fields.preconditions = vec![is("done", Value::Bool(true))];
    let goal = [is("done", Value::Bool(true)), is("shipped", Value::Bool(true))];
    let report = validate_plan(&p, &input(&[], &goal)).unwrap();
    let unmet: Vec<String> = report.unmet_postconditions.iter().map(|u| format!("{}: {}", u.condition, readings(&u.readings))).collect();
    assert_eq!(unmet, ["shipped = true: start: absent FAILS"]);
}

#[test]
fn a_missing_action_is_reported_and_the_rest_still_checked() {
    let p = plan(2, &[(1, 2)]);
    let actions = [action(2, &[is("x", Value::Int(1))], &[])];
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    assert!(!report.valid);
    assert_eq!(report.missing_actions, [MissingAction { step: "S1".into(), action: "A1".into() }]);
    assert_eq!(steps(&report.broken_steps), ["S2 needs x = 1 ← start: absent FAILS"]);
    assert_eq!(report.total_cost, 100.0);
}

#[test]
fn a_given_start_state_wins_and_is_held_to_the_plans_preconditions() {
    let mut p = plan(1, &[]);
    p.fields.preconditions = vec![is("warehouse.open", Value::Bool(true)), Condition::new("stock", Op::Ge, Value::Int(10))];
    let actions = [action(1, &[Condition::new("stock", Op::Ge, Value::Int(5))], &[])];
    let state = WorldState::from([("stock".to_owned(), Value::Int(7))]);
    let given = ValidationInput { start_state: Some(&state), ..input(&actions, &[]) };
    let report = validate_plan(&p, &given).unwrap();
    assert!(report.state_given && report.start_state == state);
    let unmet: Vec<String> = report.unmet_preconditions.iter().map(|c| format!("{}: {}", c.condition, readings(&c.readings))).collect();
    assert_eq!(unmet, ["warehouse.open = true: start: absent FAILS", "stock ≥ 10: start: 7 FAILS"]);
    assert_eq!(steps(&report.causal_links), ["S1 needs stock ≥ 5 ← start: 7 ok"]);
    assert!(!report.valid);
}

#[test]
fn a_step_does_not_supply_its_own_precondition() {
    // S1 needs x = 1 and sets it: only the start state can supply it.
    let p = plan(1, &[]);
    let actions = [action(1, &[is("x", Value::Int(1))], &[("x", Value::Int(1))])];
    let report = validate_plan(&p, &input(&actions, &[])).unwrap();
    assert_eq!(steps(&report.broken_steps), ["S1 needs x = 1 ← start: absent FAILS"]);
}
