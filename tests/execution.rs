//! Plan execution over a real store: starting plans, finishing tasks in order, the
//! recorded world state, plan completion and goal achievement, progress roll-up,
//! failure and repair, monitoring, undo, and export/import of the world state.
//! The workspace is `workspaces::shop_and_marketing`.

mod common;
use common::builders::{action, is};
use common::{dump, workspaces};
use mabos_planner::*;
use proptest::prelude::*;

const LATER: &str = "2026-06-01T00:00:00Z";

fn ready(store: &Store) -> Vec<String> {
    let mut keys: Vec<String> = store.monitor(LATER).unwrap().ready.into_iter().map(|t| t.key).collect();
    keys.sort();
    keys
}

fn progress_of(store: &Store, goal: &str) -> f64 {
    store.goal_progress().unwrap().into_iter().find(|g| g.goal == goal).unwrap().progress
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-12, "{actual} != {expected}");
}

#[test]
fn starting_a_plan_turns_its_steps_into_tasks() {
    let mut store = workspaces::shop_and_marketing();
    let start = store.start_plan("P-SHOP").unwrap();
    assert_eq!(start.tasks, ["T-1", "T-2", "T-3", "T-4"]);
    assert_eq!(start.ready, ["T-1"]);
    assert_eq!((start.goal.as_str(), start.goal_status), ("G-SHOP", GoalStatus::InProgress));
    assert_eq!(store.plan("P-SHOP").unwrap().status, PlanStatus::Active);
    assert_eq!(store.goal("G-SHOP").unwrap().status, GoalStatus::InProgress);

    let test = store.task("T-2").unwrap();
    assert_eq!(
        (test.fields.title.as_str(), test.fields.effort, test.fields.priority, test.fields.goal.as_deref()),
        ("A-TEST", 4.0, 7, Some("G-SHOP"))
    );
    assert_eq!(test.fields.step, Some(StepRef { plan: "P-SHOP".into(), step: "S2".into() }));
    assert_eq!(test.fields.description, "note for S2");
    assert_eq!(test.fields.deadline.as_deref(), Some("2027-01-01T00:00:00.000Z"));
    assert_eq!((test.status, test.depends_on.as_slice()), (TaskStatus::Todo, &["T-1".to_owned()][..]));
    assert_eq!(store.task("T-3").unwrap().depends_on, ["T-2"]);
    assert_eq!(store.task("T-4").unwrap().depends_on, ["T-1"]);
    assert_eq!(store.task("T-1").unwrap().depends_on, Vec::<String>::new());
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn finishing_tasks_in_order_completes_the_plan_and_achieves_the_goal() {
    let mut store = workspaces::shop_and_marketing();
    store.start_plan("P-SHOP").unwrap();
    assert_eq!(ready(&store), ["T-1"]);
    let err = store.complete_task("T-2").unwrap_err();
    assert!(matches!(&err, Error::TaskWaiting { waiting_on, .. } if waiting_on == &["T-1"]), "{err}");

    let done = store.complete_task("T-1").unwrap();
    assert_eq!(done.now_ready, ["T-2", "T-4"]);
    assert_eq!(
        done.facts,
        [
            FactChange { key: "shop.built".into(), before: None, after: Value::Bool(true) },
            FactChange { key: "stock".into(), before: None, after: Value::Int(5) },
        ]
    );
    assert_eq!(done.plan_completed, None);
    assert_eq!(ready(&store), ["T-2", "T-4"]);
    close(store.plan_progress("P-SHOP").unwrap().progress, 10.0 / 20.0);

    assert_eq!(store.complete_task("T-4").unwrap().now_ready, Vec::<String>::new());
    assert_eq!(store.complete_task("T-2").unwrap().now_ready, ["T-3"]);
    assert_eq!(ready(&store), ["T-3"]);
    let last = store.complete_task("T-3").unwrap();
    assert_eq!(
        last.plan_completed,
        Some(PlanCompleted { plan: "P-SHOP".into(), goal: "G-SHOP".into(), goal_outcome: GoalOutcome::Achieved { from: GoalStatus::InProgress } })
    );
    assert_eq!(store.plan("P-SHOP").unwrap().status, PlanStatus::Completed);
    assert_eq!(store.goal("G-SHOP").unwrap().status, GoalStatus::Achieved);
    let world = store.world_state().unwrap();
    assert_eq!(world.get("shop.live"), Some(&Value::Bool(true)));
    assert_eq!(world.get("shop.tested"), Some(&Value::Bool(true)));
    assert_eq!(world.len(), 4);
    let p = store.plan_progress("P-SHOP").unwrap();
    assert_eq!((p.tasks, p.done_tasks, p.total_effort, p.done_effort, p.progress), (4, 4, 20.0, 20.0, 1.0));
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn progress_rolls_up_through_and_and_or() {
    let mut store = workspaces::shop_and_marketing();
    for p in ["P-SHOP", "P-ADS", "P-SEO"] {
        store.start_plan(p).unwrap();
    }
    // Tasks: P-SHOP T-1..T-4 (10, 4, 2, 4 h), P-ADS T-5 (8 h), P-SEO T-6, T-7 (3 h each).
    assert_eq!(progress_of(&store, "ROOT"), 0.0);
    for task in ["T-1", "T-4", "T-6"] {
        store.complete_task(task).unwrap();
    }
    close(progress_of(&store, "G-SHOP"), 14.0 / 20.0);
    close(progress_of(&store, "G-ADS"), 0.0);
    close(progress_of(&store, "G-SEO"), 3.0 / 6.0);
    // OR: the best sub-goal, G-SEO (0.5, weighing its 6 h).
    close(progress_of(&store, "G-MKT"), 0.5);
    // AND: (20 h × 0.7 + 6 h × 0.5) / 26 h.
    close(progress_of(&store, "ROOT"), 17.0 / 26.0);

    store.complete_task("T-2").unwrap();
    store.complete_task("T-3").unwrap();
    let shop = store.goal_progress().unwrap().into_iter().find(|g| g.goal == "G-SHOP").unwrap();
    assert_eq!((shop.progress, shop.effort, shop.basis), (1.0, 20.0, ProgressBasis::Achieved));
    close(progress_of(&store, "ROOT"), 23.0 / 26.0);
    let mkt = store.goal_progress().unwrap().into_iter().find(|g| g.goal == "G-MKT").unwrap();
    assert_eq!(mkt.basis, ProgressBasis::SubGoals);
}

#[test]
fn unmet_postconditions_complete_the_plan_but_leave_the_goal() {
    let mut store = workspaces::shop_and_marketing();
    store.start_plan("P-SEO").unwrap();
    let mut f = store.goal("G-SEO").unwrap().fields;
    f.postconditions = vec![Condition::new("seo.rank", Op::Le, Value::Int(10))];
    store.update_goal("G-SEO", &f).unwrap();
    store.complete_task("T-1").unwrap();
    let done = store.complete_task("T-2").unwrap().plan_completed.unwrap();
    assert_eq!(
        done.goal_outcome,
        GoalOutcome::ConditionsUnmet { status: GoalStatus::InProgress, unmet: vec![Condition::new("seo.rank", Op::Le, Value::Int(10))] }
    );
    assert_eq!(store.plan("P-SEO").unwrap().status, PlanStatus::Completed);
    assert_eq!(store.goal("G-SEO").unwrap().status, GoalStatus::InProgress);
    // A goal set aside by a person is left as it is.
    let mut store = workspaces::shop_and_marketing();
    store.start_plan("P-ADS").unwrap();
    store.set_goal_status("G-ADS", GoalStatus::Suspended).unwrap();
    let done = store.complete_task("T-1").unwrap().plan_completed.unwrap();
    assert_eq!(done.goal_outcome, GoalOutcome::LeftAsIs { status: GoalStatus::Suspended });
}

#[test]
fn refused_starts_change_nothing() {
    let mut store = workspaces::shop_and_marketing();
    store.create_plan(Some("P-EMPTY"), "G-ADS", &PlanFields::titled("nothing")).unwrap();
    let before = dump(&store);
    assert!(matches!(store.start_plan("P-EMPTY"), Err(Error::PlanEmpty { plan }) if plan == "P-EMPTY"));
    assert!(matches!(store.start_plan("P-NONE"), Err(Error::NotFound { entity: Entity::Plan, .. })));
    store.set_goal_status("G-ADS", GoalStatus::Active).unwrap();
    store.set_goal_status("G-ADS", GoalStatus::Abandoned).unwrap();
    let before_abandoned = dump(&store);
    let err = store.start_plan("P-ADS").unwrap_err();
    assert_eq!(err.to_string(), "goal G-ADS cannot go from abandoned to in_progress");
    assert_eq!(dump(&store), before_abandoned);
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(dump(&store), before);

    store.start_plan("P-SHOP").unwrap();
    let err = store.start_plan("P-SHOP").unwrap_err();
    assert_eq!(err.to_string(), "plan P-SHOP cannot go from active to active");
    store.set_plan_status("P-SHOP", PlanStatus::Draft).unwrap();
    store.complete_task("T-1").unwrap();
    let before = dump(&store);
    let err = store.start_plan("P-SHOP").unwrap_err();
    assert!(matches!(&err, Error::PlanHasOpenTasks { tasks, .. } if tasks == &["T-2", "T-3", "T-4"]), "{err}");
    assert_eq!(err.to_string(), "plan P-SHOP already has open tasks: T-2, T-3, T-4");
    assert_eq!(dump(&store), before);
}

#[test]
fn undo_of_a_start_restores_everything() {
    let mut store = workspaces::shop_and_marketing();
    let before = dump(&store);
    store.start_plan("P-SHOP").unwrap();
    let started = dump(&store);
    assert_ne!(started, before);
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
    store.redo().unwrap();
    assert_eq!(dump(&store), started);
    store.complete_task("T-1").unwrap();
    store.undo().unwrap();
    assert_eq!(dump(&store), started);
    assert!(store.world_state().unwrap().is_empty());
}

#[test]
fn set_task_status_done_runs_execution_too() {
    let mut store = workspaces::shop_and_marketing();
    store.start_plan("P-ADS").unwrap();
    store.set_fact("mood", Value::Text("calm".into())).unwrap();
    store.set_task_status("T-1", TaskStatus::Done).unwrap();
    assert_eq!(store.plan("P-ADS").unwrap().status, PlanStatus::Completed);
    assert_eq!(store.goal("G-ADS").unwrap().status, GoalStatus::Achieved);
}

#[test]
fn failure_and_repair() {
    let mut store = workspaces::shop_and_marketing();
    action("A-LAUNCH-CHEAP").cost(5.0).pre([is("cdn.ready")]).effect("shop.live", true).create(&mut store);
    action("A-LAUNCH-ALT").cost(30.0).hours(3.0).pre([is("shop.tested")]).effect("shop.live", true).effect("x", 1).create(&mut store);
    action("A-LAUNCH-PRICEY").cost(80.0).effect("shop.live", true).create(&mut store);
    action("A-LAUNCH-WRONG").effect("shop.live", false).create(&mut store);
    store.start_plan("P-SHOP").unwrap();
    for task in ["T-1", "T-2", "T-4"] {
        store.complete_task(task).unwrap();
    }
    let err = store.repair_options("T-3").unwrap_err();
    assert_eq!(err.to_string(), "task T-3: status is todo: only a failed task can be repaired");
    store.set_task_status("T-3", TaskStatus::Failed).unwrap();

    let proposal = store.repair_options("T-3").unwrap();
    assert_eq!((proposal.action.as_str(), proposal.step.step.as_str()), ("A-LAUNCH", "S3"));
    let options: Vec<(String, f64)> = proposal
        .options
        .iter()
        .map(|o| match o {
            RepairOption::Substitute(s) => (s.action.clone(), s.cost),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(options, [("A-LAUNCH-ALT".to_owned(), 30.0), ("A-LAUNCH-PRICEY".to_owned(), 80.0)]);
    assert_eq!(proposal.unusable.len(), 1);
    assert_eq!(proposal.unusable[0].action, "A-LAUNCH-CHEAP");
    assert_eq!(proposal.unusable[0].unmet_preconditions, [is("cdn.ready")]);

    // Asking for something that is not an option is refused, naming why; nothing changes.
    let before = dump(&store);
    let refused = |store: &mut Store, action: &str| store.apply_repair("T-3", Some(action)).unwrap_err().to_string();
    assert_eq!(refused(&mut store, "A-LAUNCH-CHEAP"), "task T-3 cannot be repaired: the preconditions of A-LAUNCH-CHEAP do not hold: cdn.ready = true");
    assert_eq!(refused(&mut store, "A-LAUNCH-WRONG"), "task T-3 cannot be repaired: A-LAUNCH-WRONG does not produce shop.live = true");
    assert_eq!(refused(&mut store, "A-LAUNCH"), "task T-3 cannot be repaired: A-LAUNCH is the action that failed");
    // One action does it, so there is no re-plan (a sequence of two or more).
    let no_replan = store.apply_replan("T-3").unwrap_err().to_string();
    assert!(no_replan.contains("synthesis found no sequence"), "{no_replan}");
    assert_eq!(dump(&store), before);

    let applied = store.apply_repair("T-3", None).unwrap();
    assert_eq!(
        applied,
        RepairApplied {
            failed_task: "T-3".into(),
            step: StepRef { plan: "P-SHOP".into(), step: "S3".into() },
            from_action: "A-LAUNCH".into(),
            to_action: "A-LAUNCH-ALT".into(),
            new_task: "T-5".into(),
            ready: true,
            added_steps: vec![],
            added_tasks: vec![],
        }
    );
    assert_eq!(store.plan("P-SHOP").unwrap().steps[2].action, "A-LAUNCH-ALT");
    let fresh = store.task("T-5").unwrap();
    assert_eq!((fresh.fields.title.as_str(), fresh.fields.effort, fresh.depends_on.as_slice()), ("A-LAUNCH-ALT", 3.0, &["T-2".to_owned()][..]));
    assert_eq!(store.task("T-3").unwrap().status, TaskStatus::Failed);
    // The failed task is superseded: it has no repair of its own any more.
    let err = store.repair_options("T-3").unwrap_err();
    assert_eq!(err.to_string(), "task T-3 cannot be repaired: its step has a newer task, T-5");
    // Progress counts the step's newest task: 18 of 21 hours.
    close(store.plan_progress("P-SHOP").unwrap().progress, 18.0 / 21.0);

    let done = store.complete_task("T-5").unwrap();
    assert_eq!(done.plan_completed.unwrap().goal_outcome, GoalOutcome::Achieved { from: GoalStatus::InProgress });
    assert_eq!(store.world_state().unwrap().get("x"), Some(&Value::Int(1)));
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
}

#[test]
fn repair_rewires_waiting_tasks() {
    let mut store = workspaces::shop_and_marketing();
    action("A-BUILD-2").cost(400.0).hours(12.0).effect("shop.built", true).effect("stock", 5.0).create(&mut store);
    store.start_plan("P-SHOP").unwrap();
    store.set_task_status("T-1", TaskStatus::Failed).unwrap();
    let applied = store.apply_repair("T-1", Some("A-BUILD-2")).unwrap();
    assert_eq!((applied.new_task.as_str(), applied.ready), ("T-5", true));
    assert_eq!(store.task("T-2").unwrap().depends_on, ["T-5"]);
    assert_eq!(store.task("T-4").unwrap().depends_on, ["T-5"]);
    assert_eq!(ready(&store), ["T-5"]);
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn repair_by_replanning_splices_a_sequence_before_the_successors() {
    let mut store = workspaces::shop_and_marketing();
    // No other action builds the shop and stocks it at once; framing, then stocking, does.
    action("A-FRAME").cost(100.0).hours(5.0).effect("shop.built", true).create(&mut store);
    action("A-STOCK").cost(50.0).hours(2.0).pre([is("shop.built")]).effect("stock", 5).create(&mut store);
    store.start_plan("P-SHOP").unwrap();
    store.set_task_status("T-1", TaskStatus::Failed).unwrap();
    let before = dump(&store);

    let proposal = store.repair_options("T-1").unwrap();
    assert_eq!(proposal.options, [RepairOption::Resynthesize { actions: vec!["A-FRAME".into(), "A-STOCK".into()], cost: 150.0 }]);
    let applied = store.apply_repair("T-1", None).unwrap();
    assert_eq!(applied.to_action, "A-FRAME → A-STOCK");
    assert_eq!((applied.new_task.as_str(), applied.added_steps.as_slice(), applied.added_tasks.as_slice()), ("T-5", &["S5".to_owned()][..], &["T-6".to_owned()][..]));

    // S1 takes the first action; S5 follows it and precedes S1's old successors.
    let plan = store.plan("P-SHOP").unwrap();
    assert_eq!(plan.steps.iter().find(|s| s.key == "S1").unwrap().action, "A-FRAME");
    let mut edges: Vec<String> = plan.edges.iter().map(|e| format!("{}->{}", e.before, e.after)).collect();
    edges.sort();
    assert_eq!(edges, ["S1->S5", "S2->S3", "S5->S2", "S5->S4"]);
    assert_eq!(store.task("T-6").unwrap().depends_on, ["T-5"]);
    assert_eq!(store.task("T-2").unwrap().depends_on, ["T-6"]);
    assert_eq!(store.task("T-4").unwrap().depends_on, ["T-6"]);
    assert_eq!(ready(&store), ["T-5"]);
    assert!(store.integrity_report().unwrap().is_ok());
    assert!(store.validate_plan("P-SHOP", None, None).unwrap().broken_steps.is_empty());

    // One gesture: one undo puts everything back.
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
}

#[test]
fn world_facts_by_hand() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.set_fact("stock.days", Value::Int(21)).unwrap(), None);
    assert_eq!(store.set_fact("stock.days", Value::Number(2.5)).unwrap(), Some(Value::Int(21)));
    store.set_fact("region", Value::Text("eu".into())).unwrap();
    let world = store.world_state().unwrap();
    assert_eq!(world.into_iter().collect::<Vec<_>>(), [("region".to_owned(), Value::Text("eu".into())), ("stock.days".to_owned(), Value::Number(2.5))]);
    let before = dump(&store);
    assert_eq!(store.set_fact("a b", Value::Bool(true)).unwrap_err().to_string(), "fact a b: key must not contain white space");
    assert_eq!(store.set_fact("n", Value::Number(f64::NAN)).unwrap_err().to_string(), "fact n: value must be a finite number");
    assert_eq!(store.unset_fact("nope").unwrap_err().to_string(), "no fact has the key \"nope\"");
    assert_eq!(dump(&store), before);
    assert_eq!(store.unset_fact("region").unwrap(), Value::Text("eu".into()));
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
}

#[test]
fn monitor_reports_what_needs_attention() {
    let mut store = workspaces::shop_and_marketing();
    let mut f = AgentFields::named("Builder", 5.0);
    f.capabilities = vec![];
    store.create_agent(Some("AG-1"), &f).unwrap();
    store.create_agent(Some("AG-2"), &AgentFields::named("Idle", 5.0)).unwrap();
    store.start_plan("P-SHOP").unwrap();
    store.start_plan("P-SEO").unwrap();
    store.assign_task("T-1", Some("AG-1")).unwrap();
    store.set_task_status("T-4", TaskStatus::Blocked).unwrap();
    store.set_task_status("T-5", TaskStatus::Failed).unwrap();

    let report = store.monitor("2027-02-01T00:00:00+01:00").unwrap();
    assert_eq!(report.at, "2027-01-31T23:00:00.000Z");
    let keys = |list: &[TaskBrief]| list.iter().map(|t| t.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&report.ready), ["T-1"]);
    let blocked: Vec<(String, Vec<String>, bool)> = report.blocked.iter().map(|b| (b.task.key.clone(), b.waiting_on.clone(), b.marked_blocked)).collect();
    assert_eq!(
        blocked,
        [
            ("T-2".to_owned(), vec!["T-1".to_owned()], false),
            ("T-3".to_owned(), vec!["T-2".to_owned()], false),
            ("T-4".to_owned(), vec!["T-1".to_owned()], true),
            ("T-6".to_owned(), vec!["T-5".to_owned()], false),
        ]
    );
    // Every unfinished task of both plans is past the plans' deadline; P-SHOP's have priority 7, P-SEO's too.
    assert_eq!(keys(&report.overdue), ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6"]);
    assert_eq!(keys(&report.failed), ["T-5"]);
    assert_eq!(report.overloaded, [AgentLoad { agent: "AG-1".into(), name: "Builder".into(), workload: 10.0, capacity: 5.0, open_tasks: 1 }]);
    let plans: Vec<&str> = report.active_plans.iter().map(|p| p.plan.as_str()).collect();
    assert_eq!(plans, ["P-SEO", "P-SHOP"]);
    assert_eq!(report.goals.len(), 5);
    assert!(store.monitor("2027-01-01T00:00:00Z").unwrap().overdue.is_empty());
    assert_eq!(store.monitor("soon").unwrap_err().to_string(), "workspace monitor: now must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not \"soon\"");
    // It serialises for the app.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["blocked"][2]["marked_blocked"], serde_json::json!(true));
}

#[test]
fn the_world_state_round_trips_through_a_workspace_export() {
    // A fixed `exported_at`, so that two exports compare equal.
    std::env::set_var("SOURCE_DATE_EPOCH", "1790000000");
    let mut store = workspaces::shop_and_marketing();
    store.start_plan("P-SHOP").unwrap();
    store.complete_task("T-1").unwrap();
    store.set_fact("region", Value::Text("eu".into())).unwrap();
    store.set_fact("ratio", Value::Number(0.5)).unwrap();
    let text = store.export_workspace().unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["world_state"],
        serde_json::json!([
            {"key": "ratio", "value": 0.5},
            {"key": "region", "value": "eu"},
            {"key": "shop.built", "value": true},
            {"key": "stock", "value": 5},
        ])
    );
    let mut other = Store::open_in_memory().unwrap();
    other.import(&text).unwrap();
    assert_eq!(other.world_state().unwrap(), store.world_state().unwrap());
    assert_eq!(other.export_workspace().unwrap(), text);
    // A plan file carries no world state.
    assert!(!store.export_plan("P-SHOP").unwrap().contains("world_state"));
    // A workspace without facts writes no world_state member, as before.
    assert!(!workspaces::shop_and_marketing().export_workspace().unwrap().contains("world_state"));

    // A fact the database already holds refuses the import, like any key.
    let err = other.import(&text).unwrap_err();
    assert!(matches!(err, Error::Import { .. }), "{err}");
    let mut clash = Store::open_in_memory().unwrap();
    clash.set_fact("stock", Value::Int(1)).unwrap();
    let mut without_entities: serde_json::Value = json.clone();
    for list in ["capabilities", "agents", "goals", "actions", "plans", "tasks"] {
        without_entities[list] = serde_json::json!([]);
    }
    let err = clash.import(&without_entities.to_string()).unwrap_err();
    assert_eq!(err.to_string(), "/world_state/3/key: the fact \"stock\" is already recorded in the database; nothing was imported");
    // Malformed facts are refused with their pointer.
    let mut bad = without_entities.clone();
    bad["world_state"][1]["key"] = serde_json::json!("a b");
    assert_eq!(Store::open_in_memory().unwrap().import(&bad.to_string()).unwrap_err().to_string(), "/world_state/1/key: fact a b: key must not contain white space");
    let mut twice = without_entities.clone();
    twice["world_state"][1]["key"] = serde_json::json!("ratio");
    assert_eq!(Store::open_in_memory().unwrap().import(&twice.to_string()).unwrap_err().to_string(), "/world_state/1/key: duplicate fact \"ratio\"");
    let mut in_plan: serde_json::Value = serde_json::from_str(&store.export_plan("P-SHOP").unwrap()).unwrap();
    in_plan["world_state"] = json["world_state"].clone();
    let err = Store::open_in_memory().unwrap().import(&in_plan.to_string()).unwrap_err().to_string();
    assert!(err.starts_with("/world_state: "), "{err}");
}

/// A random plan DAG: `n` steps, each edge (i, j) with i < j kept by its flag.
fn dag() -> impl Strategy<Value = (usize, Vec<(usize, usize)>, Vec<usize>)> {
    (1usize..10).prop_flat_map(|n| {
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|j| (0..j).map(move |i| (i, j))).collect();
        let count = pairs.len();
        (Just(n), Just(pairs), proptest::collection::vec(any::<bool>(), count), proptest::collection::vec(any::<prop::sample::Index>(), n))
            .prop_map(|(n, pairs, keep, picks)| {
                let edges = pairs.into_iter().zip(keep).filter(|(_, k)| *k).map(|(e, _)| e).collect();
                (n, edges, picks.into_iter().map(|i| i.index(usize::MAX)).collect())
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Finishing ready tasks in any order completes the plan, and the store's ready set
    /// is always exactly the tasks whose predecessors are all done.
    #[test]
    fn any_order_of_ready_tasks_completes_the_plan((n, edges, picks) in dag()) {
        let mut store = Store::open_in_memory().unwrap();
        store.create_goal(Some("G"), None, &GoalFields::titled("G")).unwrap();
        store.create_action(Some("A"), &ActionFields::named("Work", 1.0, 2.0)).unwrap();
        store.create_plan(Some("P"), "G", &PlanFields::titled("P")).unwrap();
        for i in 0..n {
            store.add_step("P", Some(&format!("S{i}")), "A", "").unwrap();
        }
        for (i, j) in &edges {
            store.add_edge("P", &format!("S{i}"), &format!("S{j}")).unwrap();
        }
        let tasks = store.start_plan("P").unwrap().tasks;
        let mut done = vec![false; n];
        for (round, pick) in picks.iter().enumerate() {
            let expected: Vec<String> = (0..n)
                .filter(|&j| !done[j] && edges.iter().filter(|e| e.1 == j).all(|e| done[e.0]))
                .map(|j| tasks[j].clone())
                .collect();
            let mut actual = ready(&store);
            actual.sort_by_key(|k| tasks.iter().position(|t| t == k));
            prop_assert_eq!(&actual, &expected);
            let chosen = &actual[pick % actual.len()];
            let completion = store.complete_task(chosen).unwrap();
            done[tasks.iter().position(|t| t == chosen).unwrap()] = true;
            prop_assert_eq!(completion.plan_completed.is_some(), round == n - 1);
            close(store.plan_progress("P").unwrap().progress, (round + 1) as f64 / n as f64);
        }
        prop_assert_eq!(store.plan("P").unwrap().status, PlanStatus::Completed);
        prop_assert_eq!(store.goal("G").unwrap().status, GoalStatus::Achieved);
    }
}
