//! Gestures on a selection: many tasks onto one agent (the ones it may hold go, each
//! other one is named with its reason), one edit on many goals (all or nothing), many plan
//! steps removed. Each is one event and one undo step; a refused one changes nothing.

mod common;
use common::{dump, workspaces};
use mabos_planner::*;

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| k.to_string()).collect()
}

fn assignee(store: &Store, task: &str) -> Option<String> {
    store.task(task).unwrap().assignee
}

/// A refusal without its prose: the task, the code and the capability named.
fn refused(report: &BulkAssignment) -> Vec<(&str, &str, Option<&str>)> {
    report.refused.iter().map(|r| (r.task.as_str(), r.code.as_str(), r.capability.as_deref())).collect()
}

/// Runs `gesture`, which must be refused as `expected` says, and checks that neither the
/// workspace nor the event log changed.
#[track_caller]
fn check_refused<T: std::fmt::Debug>(store: &mut Store, gesture: impl FnOnce(&mut Store) -> Result<T>, expected: impl Fn(&Error) -> bool) {
    let before = dump(store);
    let seq = store.last_event_seq().unwrap();
    match gesture(store) {
        Ok(value) => panic!("accepted, returned {value:?}"),
        Err(e) => assert!(expected(&e), "refused with an unexpected error: {e:?}"),
    }
    assert_eq!(dump(store), before, "a refused gesture changed the workspace");
    assert_eq!(store.last_event_seq().unwrap(), seq, "a refused gesture was logged");
}

#[test]
fn the_tasks_an_agent_can_hold_go_and_each_other_is_named_with_its_capability() {
    // AG-ANN holds payments 4 and copy 2: T-PAY (payments 3) and T-COPY (copy 1) fit,
    // T-LEGAL needs legal, T-BOTH needs copy at 4, T-DONE is done, T-NONE does not exist.
    let mut s = workspaces::assignment_round();
    let seq = s.last_event_seq().unwrap();
    let report = s.assign_tasks(&keys(&["T-PAY", "T-LEGAL", "T-COPY", "T-BOTH", "T-DONE", "T-NONE"]), Some("AG-ANN")).unwrap();
    assert_eq!(report.agent.as_deref(), Some("AG-ANN"));
    assert_eq!(report.assigned, keys(&["T-PAY", "T-COPY"]));
    assert_eq!(
        refused(&report),
        [
            ("T-LEGAL", "missing_capability", Some("legal")),
            ("T-BOTH", "missing_capability", Some("copy")),
            ("T-DONE", "invalid", None),
            ("T-NONE", "not_found", None),
        ]
    );
    assert!(report.refused[0].message.contains("legal at level 2"), "{}", report.refused[0].message);
    assert!(report.refused[1].message.contains("the agent has level 2"), "{}", report.refused[1].message);
    for (task, agent) in [("T-PAY", Some("AG-ANN")), ("T-COPY", Some("AG-ANN")), ("T-LEGAL", None), ("T-BOTH", None), ("T-DONE", None)] {
        assert_eq!(assignee(&s, task).as_deref(), agent, "{task}");
    }
    assert_eq!(s.last_event_seq().unwrap(), seq + 1, "one gesture, one event");
}

#[test]
fn one_undo_takes_back_a_whole_bulk_assignment_and_one_redo_replays_it() {
    let mut s = workspaces::assignment_round();
    s.assign_task("T-COPY", Some("AG-BOB")).unwrap();
    let before = dump(&s);
    s.assign_tasks(&keys(&["T-PAY", "T-COPY", "T-ANY", "T-LOW"]), Some("AG-ANN")).unwrap();
    let after = dump(&s);
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
    assert_eq!(assignee(&s, "T-COPY").as_deref(), Some("AG-BOB"), "a task taken from another agent goes back to it");
    s.redo().unwrap();
    assert_eq!(dump(&s), after);
}

#[test]
fn several_tasks_are_unassigned_at_once_except_the_done() {
    let mut s = workspaces::assignment_round();
    s.assign_task("T-COPY", Some("AG-BOB")).unwrap();
    let report = s.assign_tasks(&keys(&["T-HELD", "T-COPY", "T-DONE", "T-ANY"]), None).unwrap();
    assert_eq!(report.agent, None);
    assert_eq!(report.assigned, keys(&["T-HELD", "T-COPY", "T-ANY"]));
    assert_eq!(refused(&report), [("T-DONE", "invalid", None)]);
    assert_eq!((assignee(&s, "T-HELD"), assignee(&s, "T-COPY")), (None, None));
    check_refused(&mut s, |s| s.assign_tasks(&keys(&["T-DONE", "T-GONE"]), None), |e| matches!(e, Error::NoneAssigned { agent: None, refused } if refused.len() == 2));
}

#[test]
fn when_no_task_can_go_nothing_changes() {
    let mut s = workspaces::assignment_round();
    // Several refused: one error lists each with its reason.
    check_refused(&mut s, |s| s.assign_tasks(&keys(&["T-LEGAL", "T-BOTH", "T-DONE"]), Some("AG-ANN")), |e| match e {
        Error::NoneAssigned { agent, refused } => {
            agent.as_deref() == Some("AG-ANN") && refused.iter().map(|r| r.task.as_str()).collect::<Vec<_>>() == ["T-LEGAL", "T-BOTH", "T-DONE"]
        }
        _ => false,
    });
    // One refused: the single assignment's own error.
    check_refused(&mut s, |s| s.assign_tasks(&keys(&["T-LEGAL"]), Some("AG-ANN")), |e| {
        matches!(e, Error::MissingCapability { task, capability, required: 2, held: None, .. } if task == "T-LEGAL" && capability == "legal")
    });
    // An inactive agent takes nothing, however capable.
    check_refused(&mut s, |s| s.assign_tasks(&keys(&["T-PAY", "T-ANY"]), Some("AG-CAT")), |e| {
        matches!(e, Error::NoneAssigned { refused, .. } if refused.iter().all(|r| r.code == "agent_inactive"))
    });
    // An unknown agent refuses the whole gesture.
    check_refused(&mut s, |s| s.assign_tasks(&keys(&["T-PAY"]), Some("AG-NOBODY")), |e| matches!(e, Error::NotFound { entity: Entity::Agent, .. }));
}

#[test]
fn a_selection_is_never_empty_never_unbounded_and_counts_each_key_once() {
    let mut s = workspaces::assignment_round();
    check_refused(&mut s, |s| s.assign_tasks(&[], Some("AG-ANN")), |e| matches!(e, Error::NothingSelected { entity: Entity::Task }));
    check_refused(&mut s, |s| s.edit_goals(&[], &GoalBulkEdit { priority: Some(3), ..Default::default() }), |e| {
        matches!(e, Error::NothingSelected { entity: Entity::Goal })
    });
    check_refused(&mut s, |s| s.remove_steps("P-1", &[]), |e| matches!(e, Error::NothingSelected { entity: Entity::Step }));
    let too_many: Vec<String> = (0..=MAX_BULK_KEYS).map(|i| format!("T-{i}")).collect();
    check_refused(&mut s, |s| s.assign_tasks(&too_many, Some("AG-ANN")), |e| {
        matches!(e, Error::TooManyKeys { count, max, .. } if *count == MAX_BULK_KEYS + 1 && *max == MAX_BULK_KEYS)
            && e.to_string().contains("select fewer")
    });
    check_refused(&mut s, |s| s.edit_goals(&too_many, &GoalBulkEdit::default()), |e| matches!(e, Error::TooManyKeys { .. }));
    check_refused(&mut s, |s| s.remove_steps("P-1", &too_many), |e| matches!(e, Error::TooManyKeys { .. }));
    let report = s.assign_tasks(&keys(&["T-PAY", "T-PAY", "T-LEGAL", "T-LEGAL"]), Some("AG-ANN")).unwrap();
    assert_eq!(report.assigned, keys(&["T-PAY"]));
    assert_eq!(refused(&report), [("T-LEGAL", "missing_capability", Some("legal"))]);
}

#[test]
fn a_long_selection_within_the_bound_is_one_gesture() {
    let mut s = Store::open_in_memory().unwrap();
    s.create_agent(Some("AG-1"), &AgentFields::named("Bot", 1.0)).unwrap();
    let tasks: Vec<String> = (0..2_000).map(|_| s.create_task(None, &TaskFields::titled("t", 1.0)).unwrap().key).collect();
    let before = dump(&s);
    let report = s.assign_tasks(&tasks, Some("AG-1")).unwrap();
    assert_eq!(report.assigned.len(), tasks.len());
    assert!(report.refused.is_empty());
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
}

#[test]
fn a_bulk_goal_edit_sets_every_field_on_every_goal_as_one_step() {
    let mut s = workspaces::linked_goals();
    let before = dump(&s);
    let seq = s.last_event_seq().unwrap();
    let edit = GoalBulkEdit { status: Some(GoalStatus::Active), priority: Some(9), parent: Some(NewParent::Under("G-OTHER".into())) };
    let edited = s.edit_goals(&keys(&["G-A1", "G-B", "G-SOFT", "G-A1"]), &edit).unwrap();
    assert_eq!(edited, keys(&["G-A1", "G-B", "G-SOFT"]));
    for key in ["G-A1", "G-B", "G-SOFT"] {
        let goal = s.goal(key).unwrap();
        assert_eq!((goal.status, goal.fields.priority, goal.parent.as_deref()), (GoalStatus::Active, 9, Some("G-OTHER")), "{key}");
    }
    assert_eq!(s.last_event_seq().unwrap(), seq + 1, "one gesture, one event");
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
    // Back to roots, and a status a goal already has is no move at all.
    s.edit_goals(&keys(&["G-A"]), &GoalBulkEdit { status: Some(GoalStatus::Active), ..Default::default() }).unwrap();
    s.edit_goals(&keys(&["G-A", "G-B"]), &GoalBulkEdit { status: Some(GoalStatus::Active), parent: Some(NewParent::Root), ..Default::default() }).unwrap();
    assert_eq!((s.goal("G-A").unwrap().parent, s.goal("G-B").unwrap().parent), (None, None));
}

#[test]
fn a_bulk_goal_edit_that_breaks_a_rule_for_one_goal_changes_none() {
    let mut s = workspaces::linked_goals();
    s.set_goal_status("G-B", GoalStatus::Active).unwrap();
    s.set_goal_status("G-B", GoalStatus::Abandoned).unwrap();
    // The life cycle: G-B is abandoned, a final status; G-A before it would have moved.
    let activate = GoalBulkEdit { status: Some(GoalStatus::Active), ..Default::default() };
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-A", "G-B", "G-OTHER"]), &activate), |e| {
        matches!(e, Error::InvalidTransition { entity: Entity::Goal, key, from, to } if key == "G-B" && from == "abandoned" && to == "active")
    });
    // A parent below a selected goal closes a cycle: G-A1 is under G-A.
    let under_a1 = GoalBulkEdit { parent: Some(NewParent::Under("G-A1".into())), ..Default::default() };
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-OTHER", "G-A"]), &under_a1), |e| {
        matches!(e, Error::Cycle { entity: Entity::Goal, relation: "parent", cycle } if cycle.last().map(String::as_str) == Some("G-A"))
    });
    // A goal under itself.
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-OTHER", "G-A1"]), &under_a1), |e| matches!(e, Error::Cycle { relation: "parent", .. }));
    // The priority range, named by goal and field (one goal at fault: its own error).
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-A"]), &GoalBulkEdit { priority: Some(0), ..Default::default() }), |e| {
        matches!(e, Error::Invalid { entity: Entity::Goal, key, field, .. } if key == "G-A" && field == "priority")
    });
    // Unknown keys: a selected goal, or the new parent.
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-A", "G-GONE"]), &GoalBulkEdit { priority: Some(2), ..Default::default() }), |e| {
        matches!(e, Error::NotFound { entity: Entity::Goal, key } if key == "G-GONE")
    });
    // Several goals at fault: each is named with its field, and still nothing changes.
    let both = GoalBulkEdit { status: Some(GoalStatus::Active), parent: Some(NewParent::Under("G-A1".into())), ..Default::default() };
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-A", "G-B", "G-SOFT"]), &both), |e| match e {
        Error::SelectionRefused { entity: Entity::Goal, problems, truncated: false } => {
            problems.iter().map(|p| (p.key.as_str(), p.field.as_str())).collect::<Vec<_>>() == [("G-A", "parent"), ("G-B", "status")]
                && e.to_string().starts_with("2 goals cannot take the edit, so none was changed:\nG-A: ")
        }
        _ => false,
    });
    let too_low = GoalBulkEdit { priority: Some(0), ..Default::default() };
    let all: Vec<String> = (0..120).map(|_| s.create_goal(None, None, &GoalFields::titled("g")).unwrap().key).collect();
    check_refused(&mut s, |s| s.edit_goals(&all, &too_low), |e| {
        matches!(e, Error::SelectionRefused { problems, truncated: true, .. } if problems.len() == MAX_IMPORT_PROBLEMS && problems.iter().all(|p| p.field == "priority"))
    });
    let under_gone = GoalBulkEdit { parent: Some(NewParent::Under("G-GONE".into())), ..Default::default() };
    check_refused(&mut s, |s| s.edit_goals(&keys(&["G-A"]), &under_gone), |e| matches!(e, Error::NotFound { key, .. } if key == "G-GONE"));
}

#[test]
fn removing_several_steps_is_one_step_of_undo_and_follows_the_single_removal() {
    let mut s = workspaces::linked_goals();
    let before = dump(&s);
    let removed = s.remove_steps("P-A", &keys(&["S1", "S2", "S1"])).unwrap();
    assert_eq!(removed, keys(&["S1", "S2"]));
    assert!(s.plan("P-A").unwrap().steps.is_empty());
    assert_eq!(s.task("T-STEP").unwrap().fields.step, None, "the task made from a removed step stays, detached");
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
    check_refused(&mut s, |s| s.remove_steps("P-A", &keys(&["S1", "S9"])), |e| matches!(e, Error::NotFound { entity: Entity::Step, key } if key == "P-A/S9"));
    check_refused(&mut s, |s| s.remove_steps("P-NONE", &keys(&["S1"])), |e| matches!(e, Error::NotFound { entity: Entity::Plan, .. }));
}

#[test]
fn the_store_keeps_its_rules_after_bulk_gestures() {
    let mut s = workspaces::assignment_round();
    s.assign_tasks(&keys(&["T-PAY", "T-LEGAL", "T-COPY", "T-BOTH", "T-ANY"]), Some("AG-ANN")).unwrap();
    s.edit_goals(&keys(&["G-1"]), &GoalBulkEdit { status: Some(GoalStatus::Active), priority: Some(7), parent: None }).unwrap();
    s.remove_steps("P-1", &keys(&["S-PAY", "S-COPY"])).unwrap();
    assert!(s.integrity_report().unwrap().problems.is_empty());
}
