//! Every refusal the store promises: the exact typed error, and nothing changed — not
//! the workspace, not the event log.

mod common;
use common::builders::{action, agent};
use common::{dump, strings, workspaces};
use mabos_planner::*;
use Entity::*;

/// An error with its prose left out: what a test pins down exactly.
fn shape(e: &Error) -> String {
    match e {
        Error::Invalid { entity, key, field, .. } => format!("Invalid {{ entity: {entity:?}, key: {key:?}, field: {field:?} }}"),
        other => format!("{other:?}"),
    }
}

/// Runs `gesture`, which must be refused with `expected`, and checks that it changed nothing.
#[track_caller]
fn check<T: std::fmt::Debug>(store: &mut Store, gesture: impl FnOnce(&mut Store) -> Result<T>, expected: Error) {
    let before = dump(store);
    let seq = store.last_event_seq().unwrap();
    match gesture(store) {
        Ok(value) => panic!("accepted, returned {value:?}; expected {expected:?}"),
        Err(e) => assert_eq!(shape(&e), shape(&expected), "{e}"),
    }
    assert_eq!(dump(store), before, "a refused gesture changed the workspace");
    assert_eq!(store.last_event_seq().unwrap(), seq, "a refused gesture was logged");
}

fn invalid(entity: Entity, key: &str, field: &str) -> Error {
    Error::Invalid { entity, key: key.into(), field: field.into(), reason: String::new() }
}

fn not_found(entity: Entity, key: &str) -> Error {
    Error::NotFound { entity, key: key.into() }
}

fn duplicate(entity: Entity, key: &str) -> Error {
    Error::DuplicateKey { entity, key: key.into() }
}

fn cycle(entity: Entity, relation: &'static str, keys: &[&str]) -> Error {
    Error::Cycle { entity, relation, cycle: keys.iter().map(|k| k.to_string()).collect() }
}

#[test]
fn titles_and_names_must_not_be_blank() {
    let mut s = workspaces::seeded();
    for blank in ["", "   ", "\t\n"] {
        check(&mut s, |s| s.create_goal(Some("G-X"), None, &GoalFields::titled(blank)), invalid(Goal, "G-X", "title"));
        check(&mut s, |s| s.update_goal("G-ROOT", &GoalFields::titled(blank)), invalid(Goal, "G-ROOT", "title"));
        check(&mut s, |s| s.create_task(Some("T-X"), &TaskFields::titled(blank, 1.0)), invalid(Task, "T-X", "title"));
        check(&mut s, |s| s.update_task("T-2", &TaskFields::titled(blank, 1.0)), invalid(Task, "T-2", "title"));
        check(&mut s, |s| s.create_action(Some("A-X"), &ActionFields::named(blank, 1.0, 1.0)), invalid(Action, "A-X", "name"));
        check(&mut s, |s| s.create_agent(Some("AG-X"), &AgentFields::named(blank, 1.0)), invalid(Agent, "AG-X", "name"));
    }
    // A generated key is named in the error even though it was never kept.
    let mut fresh = Store::open_in_memory().unwrap();
    check(&mut fresh, |s| s.create_goal(None, None, &GoalFields::titled(" ")), invalid(Goal, "G-1", "title"));
}

#[test]
fn priorities_run_from_1_to_10() {
    let mut s = workspaces::seeded();
    for priority in [0, 11, 255] {
        let g = GoalFields { priority, ..GoalFields::titled("G") };
        check(&mut s, |s| s.create_goal(Some("G-X"), None, &g), invalid(Goal, "G-X", "priority"));
        check(&mut s, |s| s.update_goal("G-SHOP", &g), invalid(Goal, "G-SHOP", "priority"));
        let p = PlanFields { priority, ..PlanFields::titled("P") };
        check(&mut s, |s| s.create_plan(Some("P-X"), "G-SHOP", &p), invalid(Plan, "P-X", "priority"));
        check(&mut s, |s| s.update_plan("P-SHOP", &p), invalid(Plan, "P-SHOP", "priority"));
        let t = TaskFields { priority, ..TaskFields::titled("T", 1.0) };
        check(&mut s, |s| s.create_task(Some("T-X"), &t), invalid(Task, "T-X", "priority"));
        check(&mut s, |s| s.update_task("T-2", &t), invalid(Task, "T-2", "priority"));
    }
}

#[test]
fn capability_levels_run_from_1_to_5() {
    let mut s = workspaces::seeded();
    for level in [0, 6] {
        check(&mut s, |s| s.create_agent(Some("AG-X"), &agent("Bot").capabilities(&[("web", level)]).fields()), invalid(Agent, "AG-X", "capabilities[0].level"));
        check(&mut s, |s| s.update_agent("AG-1", &agent("Bot").capabilities(&[("web", 4), ("db", level)]).fields()), invalid(Agent, "AG-1", "capabilities[1].level"));
        check(&mut s, |s| s.create_action(Some("A-X"), &action("Do").requires(&[("web", level)]).fields()), invalid(Action, "A-X", "requires[0].level"));
        check(&mut s, |s| s.update_action("A-TEST", &action("Do").requires(&[("qa", 1), ("db", level)]).fields()), invalid(Action, "A-TEST", "requires[1].level"));
    }
}

#[test]
fn capability_names_are_checked_and_not_repeated() {
    let mut s = workspaces::seeded();
    for bad in ["", " web", "web ", &"x".repeat(65)] {
        check(&mut s, |s| s.create_agent(Some("AG-X"), &agent("Bot").capabilities(&[(bad, 1)]).fields()), invalid(Agent, "AG-X", "capabilities[0].capability"));
        check(&mut s, |s| s.create_action(Some("A-X"), &action("Do").requires(&[(bad, 1)]).fields()), invalid(Action, "A-X", "requires[0].capability"));
        check(&mut s, |s| s.rename_capability("web", bad), invalid(Capability, "web", "name"));
    }
    check(&mut s, |s| s.create_agent(Some("AG-X"), &agent("Bot").capabilities(&[("web", 1), ("web", 2)]).fields()), invalid(Agent, "AG-X", "capabilities[1].capability"));
    check(&mut s, |s| s.create_action(Some("A-X"), &action("Do").requires(&[("db", 1), ("db", 1)]).fields()), invalid(Action, "A-X", "requires[1].capability"));
}

#[test]
fn amounts_are_finite_and_not_negative() {
    let mut s = workspaces::seeded();
    for bad in [-1.0, -f64::MIN_POSITIVE, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        check(&mut s, |s| s.create_action(Some("A-X"), &ActionFields::named("Do", bad, 1.0)), invalid(Action, "A-X", "cost"));
        check(&mut s, |s| s.create_action(Some("A-X"), &ActionFields::named("Do", 1.0, bad)), invalid(Action, "A-X", "duration"));
        check(&mut s, |s| s.update_action("A-TEST", &ActionFields::named("Do", bad, 1.0)), invalid(Action, "A-TEST", "cost"));
        check(&mut s, |s| s.create_task(Some("T-X"), &TaskFields::titled("T", bad)), invalid(Task, "T-X", "effort"));
        check(&mut s, |s| s.update_task("T-1", &TaskFields::titled("T", bad)), invalid(Task, "T-1", "effort"));
        check(&mut s, |s| s.create_agent(Some("AG-X"), &AgentFields::named("Bot", bad)), invalid(Agent, "AG-X", "capacity"));
        check(&mut s, |s| s.update_agent("AG-1", &AgentFields { capacity: bad, ..agent("Bot").capabilities(&[("web", 4)]).fields() }), invalid(Agent, "AG-1", "capacity"));
        let p = PlanFields { budget: Some(bad), ..PlanFields::titled("P") };
        check(&mut s, |s| s.create_plan(Some("P-X"), "G-SHOP", &p), invalid(Plan, "P-X", "budget"));
        check(&mut s, |s| s.update_plan("P-SHOP", &p), invalid(Plan, "P-SHOP", "budget"));
    }
    for bad in [f64::NAN, f64::INFINITY] {
        let mut g = GoalFields::titled("G");
        g.metrics.push(Metric { name: "m".into(), target: bad, current: 0.0, unit: String::new() });
        check(&mut s, |s| s.create_goal(Some("G-X"), None, &g), invalid(Goal, "G-X", "metrics[0].target"));
        g.metrics[0] = Metric { name: "m".into(), target: 1.0, current: bad, unit: String::new() };
        check(&mut s, |s| s.create_goal(Some("G-X"), None, &g), invalid(Goal, "G-X", "metrics[0].current"));
    }
}

#[test]
fn unknown_keys_are_not_found() {
    let mut s = workspaces::seeded();
    let on_step = |plan: &str, step: &str| TaskFields { step: Some(StepRef { plan: plan.into(), step: step.into() }), ..TaskFields::titled("T", 1.0) };
    let for_goal = |g: &str| TaskFields { goal: Some(g.into()), ..TaskFields::titled("T", 1.0) };
    // Goals, and goals named as a parent or a link end.
    check(&mut s, |s| s.goal("G-NOPE"), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.update_goal("G-NOPE", &GoalFields::titled("G")), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.set_goal_status("G-NOPE", GoalStatus::Active), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.create_goal(Some("G-X"), Some("G-NOPE"), &GoalFields::titled("G")), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.move_goal("G-SHOP", Some("G-NOPE")), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.move_goal("G-NOPE", None), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.add_goal_dependency("G-SHOP", "G-NOPE"), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.remove_goal_dependency("G-NOPE", "G-SHOP"), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.set_goal_contribution("G-HAPPY", "G-NOPE", Some(ContributionKind::Helps)), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.delete_goal("G-NOPE"), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.goal_subtree("G-NOPE"), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.goal_deletion_preview("G-NOPE"), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.create_plan(Some("P-X"), "G-NOPE", &PlanFields::titled("P")), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.create_task(Some("T-X"), &for_goal("G-NOPE")), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.tasks(&TaskFilter { goal: Some("G-NOPE".into()), ..Default::default() }), not_found(Goal, "G-NOPE"));
    // Actions.
    check(&mut s, |s| s.action("A-NOPE"), not_found(Action, "A-NOPE"));
    check(&mut s, |s| s.update_action("A-NOPE", &ActionFields::named("Do", 1.0, 1.0)), not_found(Action, "A-NOPE"));
    check(&mut s, |s| s.delete_action("A-NOPE"), not_found(Action, "A-NOPE"));
    check(&mut s, |s| s.add_step("P-SHOP", None, "A-NOPE", ""), not_found(Action, "A-NOPE"));
    check(&mut s, |s| s.update_step("P-SHOP", "S1", "A-NOPE", ""), not_found(Action, "A-NOPE"));
    // Agents.
    check(&mut s, |s| s.agent("AG-NOPE"), not_found(Agent, "AG-NOPE"));
    check(&mut s, |s| s.update_agent("AG-NOPE", &AgentFields::named("Bot", 1.0)), not_found(Agent, "AG-NOPE"));
    check(&mut s, |s| s.delete_agent("AG-NOPE"), not_found(Agent, "AG-NOPE"));
    check(&mut s, |s| s.assign_task("T-2", Some("AG-NOPE")), not_found(Agent, "AG-NOPE"));
    check(&mut s, |s| s.tasks(&TaskFilter { assignee: Some(Some("AG-NOPE".into())), ..Default::default() }), not_found(Agent, "AG-NOPE"));
    // Plans and their steps.
    check(&mut s, |s| s.plan("P-NOPE"), not_found(Plan, "P-NOPE"));
    check(&mut s, |s| s.plans(Some("G-NOPE")), not_found(Goal, "G-NOPE"));
    check(&mut s, |s| s.update_plan("P-NOPE", &PlanFields::titled("P")), not_found(Plan, "P-NOPE"));
    check(&mut s, |s| s.set_plan_status("P-NOPE", PlanStatus::Active), not_found(Plan, "P-NOPE"));
    check(&mut s, |s| s.delete_plan("P-NOPE"), not_found(Plan, "P-NOPE"));
    check(&mut s, |s| s.add_step("P-NOPE", None, "A-TEST", ""), not_found(Plan, "P-NOPE"));
    check(&mut s, |s| s.add_edge("P-NOPE", "S1", "S2"), not_found(Plan, "P-NOPE"));
    check(&mut s, |s| s.add_edge("P-SHOP", "S1", "S9"), not_found(Step, "P-SHOP/S9"));
    check(&mut s, |s| s.remove_edge("P-SHOP", "S9", "S1"), not_found(Step, "P-SHOP/S9"));
    check(&mut s, |s| s.update_step("P-SHOP", "S9", "A-TEST", ""), not_found(Step, "P-SHOP/S9"));
    check(&mut s, |s| s.remove_step("P-SHOP", "S9"), not_found(Step, "P-SHOP/S9"));
    check(&mut s, |s| s.create_task(Some("T-X"), &on_step("P-SHOP", "S9")), not_found(Step, "P-SHOP/S9"));
    check(&mut s, |s| s.create_task(Some("T-X"), &on_step("P-NOPE", "S1")), not_found(Step, "P-NOPE/S1"));
    check(&mut s, |s| s.tasks(&TaskFilter { plan: Some("P-NOPE".into()), ..Default::default() }), not_found(Plan, "P-NOPE"));
    // Tasks.
    check(&mut s, |s| s.task("T-NOPE"), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.update_task("T-NOPE", &TaskFields::titled("T", 1.0)), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.set_task_status("T-NOPE", TaskStatus::Done), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.assign_task("T-NOPE", None), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.add_task_dependency("T-1", "T-NOPE"), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.add_task_dependency("T-NOPE", "T-1"), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.remove_task_dependency("T-2", "T-NOPE"), not_found(Task, "T-NOPE"));
    check(&mut s, |s| s.delete_task("T-NOPE"), not_found(Task, "T-NOPE"));
    // Capabilities.
    check(&mut s, |s| s.rename_capability("juggling", "circus"), not_found(Capability, "juggling"));
    check(&mut s, |s| s.delete_capability("juggling"), not_found(Capability, "juggling"));
}

#[test]
fn keys_are_unique() {
    let mut s = workspaces::seeded();
    check(&mut s, |s| s.create_goal(Some("G-ROOT"), None, &GoalFields::titled("G")), duplicate(Goal, "G-ROOT"));
    check(&mut s, |s| s.create_agent(Some("AG-1"), &AgentFields::named("Bot", 1.0)), duplicate(Agent, "AG-1"));
    check(&mut s, |s| s.create_action(Some("A-TEST"), &ActionFields::named("Do", 1.0, 1.0)), duplicate(Action, "A-TEST"));
    check(&mut s, |s| s.create_plan(Some("P-SHOP"), "G-ROOT", &PlanFields::titled("P")), duplicate(Plan, "P-SHOP"));
    check(&mut s, |s| s.add_step("P-SHOP", Some("S2"), "A-TEST", ""), duplicate(Step, "S2"));
    check(&mut s, |s| s.create_task(Some("T-2"), &TaskFields::titled("T", 1.0)), duplicate(Task, "T-2"));
    check(&mut s, |s| s.create_capability("web"), duplicate(Capability, "web"));
    s.create_capability("db").unwrap();
    check(&mut s, |s| s.rename_capability("db", "web"), duplicate(Capability, "web"));
}

#[test]
fn keys_must_be_well_formed() {
    let mut s = workspaces::seeded();
    let long = "K".repeat(MAX_KEY_LEN + 1);
    for bad in ["", "-G", ".G", "G 1", "G/1", "Gé", long.as_str()] {
        check(&mut s, |s| s.create_goal(Some(bad), None, &GoalFields::titled("G")), invalid(Goal, bad, "key"));
        check(&mut s, |s| s.create_agent(Some(bad), &AgentFields::named("Bot", 1.0)), invalid(Agent, bad, "key"));
        check(&mut s, |s| s.create_action(Some(bad), &ActionFields::named("Do", 1.0, 1.0)), invalid(Action, bad, "key"));
        check(&mut s, |s| s.create_plan(Some(bad), "G-ROOT", &PlanFields::titled("P")), invalid(Plan, bad, "key"));
        check(&mut s, |s| s.add_step("P-SHOP", Some(bad), "A-TEST", ""), invalid(Step, bad, "key"));
        check(&mut s, |s| s.create_task(Some(bad), &TaskFields::titled("T", 1.0)), invalid(Task, bad, "key"));
    }
}

#[test]
fn a_goal_cannot_become_its_own_ancestor() {
    let mut s = Store::open_in_memory().unwrap();
    s.create_goal(Some("G-1"), None, &GoalFields::titled("one")).unwrap();
    s.create_goal(Some("G-2"), Some("G-1"), &GoalFields::titled("two")).unwrap();
    s.create_goal(Some("G-3"), Some("G-2"), &GoalFields::titled("three")).unwrap();
    check(&mut s, |s| s.move_goal("G-1", Some("G-3")), cycle(Goal, "parent", &["G-1", "G-2", "G-3", "G-1"]));
    check(&mut s, |s| s.move_goal("G-1", Some("G-2")), cycle(Goal, "parent", &["G-1", "G-2", "G-1"]));
    check(&mut s, |s| s.move_goal("G-2", Some("G-3")), cycle(Goal, "parent", &["G-2", "G-3", "G-2"]));
    for key in ["G-1", "G-2", "G-3"] {
        check(&mut s, |s| s.move_goal(key, Some(key)), cycle(Goal, "parent", &[key, key]));
    }
}

#[test]
fn goal_dependencies_stay_acyclic() {
    let mut s = Store::open_in_memory().unwrap();
    for key in ["G-1", "G-2", "G-3"] {
        s.create_goal(Some(key), None, &GoalFields::titled(key)).unwrap();
    }
    s.add_goal_dependency("G-2", "G-3").unwrap();
    s.add_goal_dependency("G-3", "G-1").unwrap();
    check(&mut s, |s| s.add_goal_dependency("G-1", "G-2"), cycle(Goal, "dependencies", &["G-1", "G-2", "G-3", "G-1"]));
    check(&mut s, |s| s.add_goal_dependency("G-1", "G-3"), cycle(Goal, "dependencies", &["G-1", "G-3", "G-1"]));
    check(&mut s, |s| s.add_goal_dependency("G-2", "G-2"), cycle(Goal, "dependencies", &["G-2", "G-2"]));
}

#[test]
fn plan_precedence_stays_acyclic() {
    let mut s = workspaces::seeded();
    s.add_step("P-SHOP", None, "A-TEST", "").unwrap(); // S3
    s.add_edge("P-SHOP", "S2", "S3").unwrap(); // S1 → S2 → S3
    check(&mut s, |s| s.add_edge("P-SHOP", "S3", "S1"), cycle(Plan, "precedence", &["S1", "S2", "S3", "S1"]));
    check(&mut s, |s| s.add_edge("P-SHOP", "S2", "S1"), cycle(Plan, "precedence", &["S1", "S2", "S1"]));
    check(&mut s, |s| s.add_edge("P-SHOP", "S2", "S2"), cycle(Plan, "precedence", &["S2", "S2"]));
}

#[test]
fn task_dependencies_stay_acyclic() {
    let mut s = Store::open_in_memory().unwrap();
    for key in ["T-1", "T-2", "T-3"] {
        s.create_task(Some(key), &TaskFields::titled(key, 1.0)).unwrap();
    }
    s.add_task_dependency("T-2", "T-3").unwrap();
    s.add_task_dependency("T-3", "T-1").unwrap();
    check(&mut s, |s| s.add_task_dependency("T-1", "T-2"), cycle(Task, "dependencies", &["T-1", "T-2", "T-3", "T-1"]));
    check(&mut s, |s| s.add_task_dependency("T-1", "T-3"), cycle(Task, "dependencies", &["T-1", "T-3", "T-1"]));
    check(&mut s, |s| s.add_task_dependency("T-3", "T-3"), cycle(Task, "dependencies", &["T-3", "T-3"]));
}

fn transition(entity: Entity, key: &str, from: impl ToString, to: impl ToString) -> Error {
    Error::InvalidTransition { entity, key: key.into(), from: from.to_string(), to: to.to_string() }
}

/// For each status, a way to reach it from the initial one.
fn goal_path(to: GoalStatus) -> &'static [GoalStatus] {
    use GoalStatus::*;
    match to {
        Pending => &[],
        Active => &[Active],
        InProgress => &[Active, InProgress],
        Achieved => &[Active, InProgress, Achieved],
        Failed => &[Active, InProgress, Failed],
        Suspended => &[Active, Suspended],
        Abandoned => &[Abandoned],
    }
}

#[test]
fn goal_status_follows_the_life_cycle() {
    for &from in GoalStatus::ALL {
        let mut s = Store::open_in_memory().unwrap();
        s.create_goal(Some("G-1"), None, &GoalFields::titled("G")).unwrap();
        for &step in goal_path(from) {
            s.set_goal_status("G-1", step).unwrap();
        }
        for &to in GoalStatus::ALL {
            if from.can_become(to) {
                assert_eq!(s.set_goal_status("G-1", to).unwrap().status, to, "{from} -> {to}");
                s.undo().unwrap();
            } else {
                check(&mut s, |s| s.set_goal_status("G-1", to), transition(Goal, "G-1", from, to));
            }
        }
    }
}

fn plan_path(to: PlanStatus) -> &'static [PlanStatus] {
    use PlanStatus::*;
    match to {
        Draft => &[],
        Active => &[Active],
        Completed => &[Active, Completed],
        Failed => &[Active, Failed],
        Abandoned => &[Abandoned],
    }
}

#[test]
fn plan_status_follows_the_life_cycle() {
    for &from in PlanStatus::ALL {
        let mut s = Store::open_in_memory().unwrap();
        s.create_goal(Some("G-1"), None, &GoalFields::titled("G")).unwrap();
        s.create_plan(Some("P-1"), "G-1", &PlanFields::titled("P")).unwrap();
        for &step in plan_path(from) {
            s.set_plan_status("P-1", step).unwrap();
        }
        for &to in PlanStatus::ALL {
            if from.can_become(to) {
                assert_eq!(s.set_plan_status("P-1", to).unwrap().status, to, "{from} -> {to}");
                s.undo().unwrap();
            } else {
                check(&mut s, |s| s.set_plan_status("P-1", to), transition(Plan, "P-1", from, to));
            }
        }
    }
}

fn task_path(to: TaskStatus) -> &'static [TaskStatus] {
    use TaskStatus::*;
    match to {
        Todo => &[],
        InProgress => &[InProgress],
        Done => &[InProgress, Done],
        Failed => &[InProgress, Failed],
        Blocked => &[Blocked],
    }
}

#[test]
fn task_status_follows_the_life_cycle() {
    for &from in TaskStatus::ALL {
        let mut s = Store::open_in_memory().unwrap();
        s.create_task(Some("T-1"), &TaskFields::titled("T", 1.0)).unwrap();
        for &step in task_path(from) {
            s.set_task_status("T-1", step).unwrap();
        }
        for &to in TaskStatus::ALL {
            if from.can_become(to) {
                assert_eq!(s.set_task_status("T-1", to).unwrap().status, to, "{from} -> {to}");
                s.undo().unwrap();
            } else {
                check(&mut s, |s| s.set_task_status("T-1", to), transition(Task, "T-1", from, to));
            }
        }
    }
}

fn missing(task: &str, agent: &str, capability: &str, required: u8, held: Option<u8>) -> Error {
    Error::MissingCapability { task: task.into(), agent: agent.into(), capability: capability.into(), required, held }
}

fn inactive(task: &str, agent: &str) -> Error {
    Error::AgentInactive { task: task.into(), agent: agent.into() }
}

/// T-1 is made from a step of A-BUILD, which needs web at level 3.
#[test]
fn an_assignee_must_be_active_and_able() {
    let mut s = workspaces::seeded();
    s.create_agent(Some("AG-NONE"), &agent("Bot").capabilities(&[("db", 5)]).fields()).unwrap();
    s.create_agent(Some("AG-LOW"), &agent("Bot").capabilities(&[("web", 2)]).fields()).unwrap();
    s.create_agent(Some("AG-OFF"), &AgentFields { active: false, ..agent("Bot").capabilities(&[("web", 5)]).fields() }).unwrap();
    check(&mut s, |s| s.assign_task("T-1", Some("AG-NONE")), missing("T-1", "AG-NONE", "web", 3, None));
    check(&mut s, |s| s.assign_task("T-1", Some("AG-LOW")), missing("T-1", "AG-LOW", "web", 3, Some(2)));
    check(&mut s, |s| s.assign_task("T-1", Some("AG-OFF")), inactive("T-1", "AG-OFF"));
    // Even a task that needs nothing cannot go to an inactive agent.
    check(&mut s, |s| s.assign_task("T-2", Some("AG-OFF")), inactive("T-2", "AG-OFF"));
    // The first missing capability, by name, is the one named.
    s.update_action("A-TEST", &action("Do").requires(&[("qa", 2), ("db", 4)]).fields()).unwrap();
    s.create_task(Some("T-QA"), &TaskFields { step: Some(StepRef { plan: "P-SHOP".into(), step: "S2".into() }), ..TaskFields::titled("QA", 1.0) }).unwrap();
    check(&mut s, |s| s.assign_task("T-QA", Some("AG-LOW")), missing("T-QA", "AG-LOW", "db", 4, None));
    check(&mut s, |s| s.assign_task("T-QA", Some("AG-NONE")), missing("T-QA", "AG-NONE", "qa", 2, None));
    // A done task keeps its assignee.
    s.set_task_status("T-1", TaskStatus::Done).unwrap();
    check(&mut s, |s| s.assign_task("T-1", None), invalid(Task, "T-1", "assignee"));
}

/// AG-1 (web 4) holds T-1, open and made from a step of A-BUILD (web 3).
#[test]
fn an_assignee_keeps_qualifying_for_its_open_tasks() {
    let mut s = workspaces::seeded();
    let ag1 = |active: bool, caps: &[(&str, u8)]| AgentFields { name: "Web bot".into(), capacity: 40.0, active, ..agent("Bot").capabilities(caps).fields() };
    check(&mut s, |s| s.update_agent("AG-1", &ag1(false, &[("web", 4)])), inactive("T-1", "AG-1"));
    check(&mut s, |s| s.update_agent("AG-1", &ag1(true, &[("web", 2)])), missing("T-1", "AG-1", "web", 3, Some(2)));
    check(&mut s, |s| s.update_agent("AG-1", &ag1(true, &[("db", 5)])), missing("T-1", "AG-1", "web", 3, None));
    let mut build = s.action("A-BUILD").unwrap().fields;
    build.requires = vec![CapabilityLevel::new("web", 5)];
    check(&mut s, |s| s.update_action("A-BUILD", &build), missing("T-1", "AG-1", "web", 5, Some(4)));
    build.requires = vec![CapabilityLevel::new("web", 3), CapabilityLevel::new("db", 1)];
    check(&mut s, |s| s.update_action("A-BUILD", &build), missing("T-1", "AG-1", "db", 1, None));
    // Pointing the step, or the task, at a more demanding action.
    s.create_action(Some("A-DB"), &action("Do").requires(&[("db", 2)]).fields()).unwrap();
    s.add_step("P-SHOP", Some("S-DB"), "A-DB", "").unwrap();
    check(&mut s, |s| s.update_step("P-SHOP", "S1", "A-DB", ""), missing("T-1", "AG-1", "db", 2, None));
    let mut t1 = s.task("T-1").unwrap().fields;
    t1.step = Some(StepRef { plan: "P-SHOP".into(), step: "S-DB".into() });
    check(&mut s, |s| s.update_task("T-1", &t1), missing("T-1", "AG-1", "db", 2, None));
    // Reopening a failed task re-checks its assignee.
    s.set_task_status("T-1", TaskStatus::Failed).unwrap();
    s.update_agent("AG-1", &ag1(false, &[("web", 4)])).unwrap();
    check(&mut s, |s| s.set_task_status("T-1", TaskStatus::Todo), inactive("T-1", "AG-1"));
}

#[test]
fn a_task_waits_for_what_it_depends_on() {
    let mut s = workspaces::seeded(); // T-2 depends on T-1, which is in progress.
    let waiting = |task: &str, on: &[&str]| Error::TaskWaiting { task: task.into(), waiting_on: strings(on) };
    check(&mut s, |s| s.set_task_status("T-2", TaskStatus::InProgress), waiting("T-2", &["T-1"]));
    check(&mut s, |s| s.set_task_status("T-2", TaskStatus::Done), waiting("T-2", &["T-1"]));
    s.create_task(Some("T-0"), &TaskFields::titled("first", 1.0)).unwrap();
    s.add_task_dependency("T-2", "T-0").unwrap();
    check(&mut s, |s| s.set_task_status("T-2", TaskStatus::InProgress), waiting("T-2", &["T-0", "T-1"]));
    s.set_task_status("T-1", TaskStatus::Done).unwrap();
    check(&mut s, |s| s.set_task_status("T-2", TaskStatus::Done), waiting("T-2", &["T-0"]));
    // Waiting does not stop a task from being blocked or failed.
    s.set_task_status("T-2", TaskStatus::Blocked).unwrap();
    s.set_task_status("T-0", TaskStatus::Done).unwrap();
    s.set_task_status("T-2", TaskStatus::InProgress).unwrap();
}

/// Malformed conditions, one for each complaint of `Condition::problem`.
fn bad_conditions() -> Vec<Condition> {
    use Value::*;
    vec![
        Condition::new("", Op::Eq, Int(1)),
        Condition::new("stock level", Op::Eq, Int(1)),
        Condition::new(&"k".repeat(129), Op::Eq, Int(1)),
        Condition::one_of("region", Op::In, vec![]),
        Condition::one_of("region", Op::NotIn, vec![]),
        Condition::new("region", Op::In, Text("eu".into())),
        Condition::new("region", Op::NotIn, Text("eu".into())),
        Condition::one_of("stock", Op::Eq, vec![Int(1)]),
        Condition::one_of("stock", Op::Ge, vec![Int(1), Int(2)]),
        Condition::new("ready", Op::Lt, Bool(true)),
        Condition::new("ready", Op::Ge, Bool(false)),
        Condition::new("stock", Op::Eq, Number(f64::NAN)),
        Condition::new("stock", Op::Le, Number(f64::INFINITY)),
        Condition::one_of("stock", Op::In, vec![Int(1), Number(f64::NAN)]),
    ]
}

fn bad_effects() -> Vec<Effect> {
    vec![
        Effect::new("", Value::Int(1)),
        Effect::new("shop live", Value::Bool(true)),
        Effect::new(&"k".repeat(129), Value::Int(1)),
        Effect::new("stock", Value::Number(f64::NAN)),
        Effect::new("stock", Value::Number(f64::NEG_INFINITY)),
    ]
}

#[test]
fn malformed_conditions_and_effects_name_their_place() {
    let mut s = workspaces::seeded();
    let good = Condition::new("stock", Op::Ge, Value::Int(10));
    let good_effect = Effect::new("shop.live", Value::Bool(true));
    for bad in bad_conditions() {
        assert!(bad.problem().is_some(), "{bad:?}");
        let list = vec![good.clone(), bad];
        for field in ["preconditions", "postconditions"] {
            let mut g = GoalFields::titled("G");
            match field {
                "preconditions" => g.preconditions = list.clone(),
                _ => g.postconditions = list.clone(),
            }
            check(&mut s, |s| s.create_goal(Some("G-X"), None, &g), invalid(Goal, "G-X", &format!("{field}[1]")));
            check(&mut s, |s| s.update_goal("G-SHOP", &g), invalid(Goal, "G-SHOP", &format!("{field}[1]")));
        }
        let a = ActionFields { preconditions: list.clone(), ..ActionFields::named("Do", 1.0, 1.0) };
        check(&mut s, |s| s.create_action(Some("A-X"), &a), invalid(Action, "A-X", "preconditions[1]"));
        check(&mut s, |s| s.update_action("A-TEST", &a), invalid(Action, "A-TEST", "preconditions[1]"));
        for field in ["preconditions", "postconditions", "constraints"] {
            let mut p = PlanFields::titled("P");
            match field {
                "preconditions" => p.preconditions = list.clone(),
                "postconditions" => p.postconditions = list.clone(),
                _ => p.constraints = list.clone(),
            }
            check(&mut s, |s| s.create_plan(Some("P-X"), "G-SHOP", &p), invalid(Plan, "P-X", &format!("{field}[1]")));
            check(&mut s, |s| s.update_plan("P-SHOP", &p), invalid(Plan, "P-SHOP", &format!("{field}[1]")));
        }
    }
    for bad in bad_effects() {
        assert!(bad.problem().is_some(), "{bad:?}");
        let list = vec![good_effect.clone(), bad];
        let g = GoalFields { effects: list.clone(), ..GoalFields::titled("G") };
        check(&mut s, |s| s.create_goal(Some("G-X"), None, &g), invalid(Goal, "G-X", "effects[1]"));
        check(&mut s, |s| s.update_goal("G-SHOP", &g), invalid(Goal, "G-SHOP", "effects[1]"));
        let a = ActionFields { effects: list, ..ActionFields::named("Do", 1.0, 1.0) };
        check(&mut s, |s| s.create_action(Some("A-X"), &a), invalid(Action, "A-X", "effects[1]"));
        check(&mut s, |s| s.update_action("A-TEST", &a), invalid(Action, "A-TEST", "effects[1]"));
    }
}

#[test]
fn metric_names_are_present_and_unique() {
    let mut s = workspaces::seeded();
    let metric = |name: &str| Metric { name: name.into(), target: 1.0, current: 0.0, unit: String::new() };
    let with = |names: &[&str]| GoalFields { metrics: names.iter().map(|n| metric(n)).collect(), ..GoalFields::titled("G") };
    check(&mut s, |s| s.create_goal(Some("G-X"), None, &with(&["orders", "visits", "orders"])), invalid(Goal, "G-X", "metrics[2].name"));
    check(&mut s, |s| s.update_goal("G-SHOP", &with(&["orders", "orders"])), invalid(Goal, "G-SHOP", "metrics[1].name"));
    check(&mut s, |s| s.create_goal(Some("G-X"), None, &with(&[" "])), invalid(Goal, "G-X", "metrics[0].name"));
}

#[test]
fn only_soft_goals_contribute() {
    let mut s = workspaces::seeded(); // G-HAPPY is soft and helps G-SHOP; the others are hard.
    check(&mut s, |s| s.set_goal_contribution("G-SHOP", "G-ROOT", Some(ContributionKind::Helps)), invalid(Goal, "G-SHOP", "contributions"));
    check(&mut s, |s| s.set_goal_contribution("G-HAPPY", "G-HAPPY", Some(ContributionKind::Makes)), invalid(Goal, "G-HAPPY", "contributions"));
    let hard = GoalFields { kind: GoalKind::Hard, ..s.goal("G-HAPPY").unwrap().fields };
    check(&mut s, |s| s.update_goal("G-HAPPY", &hard), invalid(Goal, "G-HAPPY", "kind"));
    // Without its contributions it may become hard.
    s.set_goal_contribution("G-HAPPY", "G-SHOP", None).unwrap();
    s.update_goal("G-HAPPY", &hard).unwrap();
}

#[test]
fn what_is_in_use_cannot_be_deleted() {
    let mut s = workspaces::seeded();
    let in_use = |entity, key: &str, by: &[&str]| Error::InUse { entity, key: key.into(), used_by: strings(by) };
    check(&mut s, |s| s.delete_action("A-BUILD"), in_use(Action, "A-BUILD", &["plan P-SHOP"]));
    s.create_goal(Some("G-2"), None, &GoalFields::titled("G")).unwrap();
    s.create_plan(Some("P-2"), "G-2", &PlanFields::titled("P")).unwrap();
    s.add_step("P-2", None, "A-BUILD", "").unwrap();
    s.add_step("P-2", None, "A-BUILD", "again").unwrap();
    check(&mut s, |s| s.delete_action("A-BUILD"), in_use(Action, "A-BUILD", &["plan P-2", "plan P-SHOP"]));
    check(&mut s, |s| s.delete_capability("web"), in_use(Capability, "web", &["action A-BUILD", "agent AG-1"]));
}

#[test]
fn deadlines_are_rfc3339_times() {
    let mut s = workspaces::seeded();
    let bad_deadlines = [
        "",
        "tomorrow",
        "2026-12-31",
        "2026-12-31T17:00:00",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-12-31T25:00:00Z",
        // Valid text whose UTC time falls outside years 0000–9999.
        "0000-01-01T00:30:00+01:00",
        "9999-12-31T23:00:00-02:00",
    ];
    for bad in bad_deadlines {
        let p = PlanFields { deadline: Some(bad.into()), ..PlanFields::titled("P") };
        check(&mut s, |s| s.create_plan(Some("P-X"), "G-SHOP", &p), invalid(Plan, "P-X", "deadline"));
        check(&mut s, |s| s.update_plan("P-SHOP", &p), invalid(Plan, "P-SHOP", "deadline"));
        let t = TaskFields { deadline: Some(bad.into()), ..TaskFields::titled("T", 1.0) };
        check(&mut s, |s| s.create_task(Some("T-X"), &t), invalid(Task, "T-X", "deadline"));
        check(&mut s, |s| s.update_task("T-2", &t), invalid(Task, "T-2", "deadline"));
    }
    // A good deadline is stored in UTC.
    let t = TaskFields { deadline: Some("2026-12-31T19:00:00+02:00".into()), ..TaskFields::titled("T", 1.0) };
    assert_eq!(s.create_task(Some("T-X"), &t).unwrap().fields.deadline.as_deref(), Some("2026-12-31T17:00:00.000Z"));
}

#[test]
fn a_started_task_cannot_begin_to_wait_on_open_work() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_task(Some("T-A"), &TaskFields::titled("A", 1.0)).unwrap();
    store.create_task(Some("T-B"), &TaskFields::titled("B", 1.0)).unwrap();
    store.set_task_status("T-A", TaskStatus::InProgress).unwrap();
    let before = common::dump(&store);
    let err = store.add_task_dependency("T-A", "T-B").unwrap_err();
    assert!(matches!(&err, Error::Invalid { entity: Entity::Task, key, field, .. } if key == "T-A" && field == "depends_on"), "{err}");
    assert_eq!(common::dump(&store), before);
    // Waiting on finished work is fine.
    store.set_task_status("T-B", TaskStatus::Done).unwrap();
    store.add_task_dependency("T-A", "T-B").unwrap();
}
