//! Assignment rounds over a real store: a hand-checked workspace, applying a proposal as
//! one undoable gesture, and refusing (changing nothing) a proposal that went stale.
//! The workspace is `workspaces::assignment_round`.

mod common;
use common::{dump, workspaces};
use mabos_planner::assignment::{AssignmentConflict, AssignmentProposal, UnassignedReason};
use mabos_planner::*;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2027-03-01 00:00 UTC);

fn pairs(p: &AssignmentProposal) -> Vec<(&str, &str, u32)> {
    p.assignments.iter().map(|a| (a.task.as_str(), a.agent.as_str(), a.score.total)).collect()
}

#[test]
fn hand_checked_round() {
    let store = workspaces::assignment_round();
    let p = store.plan_assignment_at(NOW).unwrap();
    // T-PAY: only ANN qualifies with room (DAN has 1 h spare): 2 + 8 + 80 + 40 (due in 12 h).
    // T-COPY: ANN 58 or BOB 55; ANN is worth more on T-PAY, so BOB: 0 + 5 + 50.
    // T-ANY: DAN 12 + 0 (fills him exactly: 3 + 1 = 4 h) + 30 beats BOB's 0 + 8 + 30.
    // T-LOW (ANN 21, BOB 18, DAN 22) loses: giving DAN T-LOW instead of T-ANY scores 20 less.
    assert_eq!(pairs(&p), [("T-ANY", "AG-DAN", 42), ("T-COPY", "AG-BOB", 55), ("T-PAY", "AG-ANN", 130)]);
    assert_eq!(p.total_score, 227);
    let pay = &p.assignments[2];
    assert_eq!((pay.score.experience, pay.score.spare_capacity, pay.score.priority, pay.score.urgency), (2, 8, 80, 40));
    assert_eq!((pay.effort, pay.workload, pay.capacity), (2.0, 0.0, 10.0));
    assert_eq!(p.as_of, "2027-03-01T00:00:00.000Z");

    let reasons: Vec<(&str, &UnassignedReason)> = p.unassigned.iter().map(|u| (u.task.as_str(), &u.reason)).collect();
    assert_eq!(
        reasons,
        [
            ("T-BIG", &UnassignedReason::NoSpareCapacity { effort: 20.0, capable_agents: 3, most_spare: 10.0 }),
            ("T-BLOCK", &UnassignedReason::Blocked),
            (
                "T-BOTH",
                &UnassignedReason::NoAgentHoldsAll { requires: vec![CapabilityLevel::new("copy", 4), CapabilityLevel::new("payments", 1)] }
            ),
            ("T-LEGAL", &UnassignedReason::MissingCapability { capability: "legal".into(), level: 2 }),
            (
                "T-LOW",
                &UnassignedReason::Outscored {
                    eligible_agents: 3,
                    best_agent: "AG-DAN".into(),
                    best_score: 22,
                    best_agent_takes: "T-ANY".into()
                }
            ),
        ]
    );
    assert_eq!(
        p.unassigned[4].reason.to_string(),
        "all 3 eligible agent(s) were given higher-scoring work: AG-DAN would score 22 here but takes T-ANY"
    );
}

#[test]
fn planning_writes_nothing() {
    let store = workspaces::assignment_round();
    let before = (dump(&store), store.events(0, 1000).unwrap().len());
    store.plan_assignment_at(NOW).unwrap();
    assert_eq!((dump(&store), store.events(0, 1000).unwrap().len()), before);
}

#[test]
fn applying_is_one_gesture_and_one_undo() {
    let mut store = workspaces::assignment_round();
    let before = dump(&store);
    let last = store.events(0, 1000).unwrap().last().unwrap().seq;
    let p = store.plan_assignment_at(NOW).unwrap();
    let tasks = store.apply_assignment(&p).unwrap();
    let assigned: Vec<(&str, Option<&str>)> = tasks.iter().map(|t| (t.key.as_str(), t.assignee.as_deref())).collect();
    assert_eq!(assigned, [("T-ANY", Some("AG-DAN")), ("T-COPY", Some("AG-BOB")), ("T-PAY", Some("AG-ANN"))]);
    assert_eq!(store.agent("AG-DAN").unwrap().workload, 4.0);
    assert!(store.integrity_report().unwrap().is_ok());

    let events = store.events(last, 1000).unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!((events[0].entity.as_str(), events[0].kind.as_str()), ("workspace", "assignment_applied"));

    let after = dump(&store);
    store.undo().unwrap();
    assert_eq!(dump(&store), before);
    store.redo().unwrap();
    assert_eq!(dump(&store), after);
}

#[test]
fn the_next_round_sees_the_new_workloads() {
    let mut store = workspaces::assignment_round();
    let first = store.plan_assignment_at(NOW).unwrap();
    store.apply_assignment(&first).unwrap();
    let second = store.plan_assignment_at(NOW).unwrap();
    // ANN (2 h of 10 held): 2 + 7 + 10 = 19; BOB (4 of 8): 0 + 3 + 10 = 13; DAN is full.
    assert_eq!(pairs(&second), [("T-LOW", "AG-ANN", 19)]);
    let big = second.unassigned.iter().find(|u| u.task == "T-BIG").unwrap();
    assert_eq!(big.reason, UnassignedReason::NoSpareCapacity { effort: 20.0, capable_agents: 3, most_spare: 8.0 });
}

/// Plans, lets `change` edit the workspace, and expects the proposal to be refused with
/// nothing written.
fn check_stale(change: impl FnOnce(&mut Store), expected: impl FnOnce(&Error) -> bool) {
    let mut store = workspaces::assignment_round();
    let p = store.plan_assignment_at(NOW).unwrap();
    change(&mut store);
    let before = (dump(&store), store.events(0, 1000).unwrap().len());
    let error = store.apply_assignment(&p).unwrap_err();
    assert!(expected(&error), "{error}");
    assert_eq!((dump(&store), store.events(0, 1000).unwrap().len()), before);
}

#[test]
fn a_stale_proposal_is_refused_whole() {
    check_stale(
        |s| {
            s.assign_task("T-COPY", Some("AG-ANN")).unwrap();
        },
        |e| matches!(e, Error::StaleAssignment { task, reason: AssignmentConflict::TaskAlreadyAssigned { agent }, .. } if task == "T-COPY" && agent == "AG-ANN"),
    );
    check_stale(
        |s| {
            s.set_task_status("T-PAY", TaskStatus::Blocked).unwrap();
        },
        |e| matches!(e, Error::StaleAssignment { reason: AssignmentConflict::TaskNotOffered { status: TaskStatus::Blocked }, .. }),
    );
    check_stale(
        |s| {
            // DAN takes on another hour: T-ANY no longer fits.
            s.create_task(Some("T-MORE"), &TaskFields::titled("more", 1.0)).unwrap();
            s.assign_task("T-MORE", Some("AG-DAN")).unwrap();
        },
        |e| {
            matches!(e, Error::StaleAssignment { task, agent, reason: AssignmentConflict::OverCapacity { workload, effort, capacity } }
                if task == "T-ANY" && agent == "AG-DAN" && (*workload, *effort, *capacity) == (4.0, 1.0, 4.0))
        },
    );
    check_stale(
        |s| {
            let mut f = s.agent("AG-ANN").unwrap().fields;
            f.capabilities = vec![CapabilityLevel::new("payments", 2), CapabilityLevel::new("copy", 2)];
            s.update_agent("AG-ANN", &f).unwrap();
        },
        |e| matches!(e, Error::MissingCapability { task, capability, required: 3, held: Some(2), .. } if task == "T-PAY" && capability == "payments"),
    );
    check_stale(
        |s| {
            let mut f = s.agent("AG-BOB").unwrap().fields;
            f.active = false;
            s.update_agent("AG-BOB", &f).unwrap();
        },
        |e| matches!(e, Error::AgentInactive { agent, .. } if agent == "AG-BOB"),
    );
    check_stale(|s| s.delete_task("T-PAY").unwrap(), |e| matches!(e, Error::NotFound { entity: Entity::Task, key } if key == "T-PAY"));
}

#[test]
fn a_proposal_naming_an_agent_twice_is_refused() {
    let mut store = workspaces::assignment_round();
    let mut p = store.plan_assignment_at(NOW).unwrap();
    let before = dump(&store);
    p.assignments[0].agent = "AG-BOB".into();
    let error = store.apply_assignment(&p).unwrap_err();
    assert!(matches!(&error, Error::StaleAssignment { reason: AssignmentConflict::DuplicateAgent, agent, .. } if agent == "AG-BOB"), "{error}");
    assert_eq!(error.to_string(), "cannot assign task T-COPY to agent AG-BOB: the proposal gives the agent more than one task");
    assert_eq!(error.code(), "stale_assignment");
    assert_eq!(dump(&store), before);
}

#[test]
fn an_empty_round_logs_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_task(Some("T-1"), &TaskFields::titled("alone", 1.0)).unwrap();
    let p = store.plan_assignment_at(NOW).unwrap();
    assert!(p.assignments.is_empty());
    assert_eq!(p.unassigned[0].reason, UnassignedReason::NoActiveAgent);
    let events = store.events(0, 1000).unwrap().len();
    assert_eq!(store.apply_assignment(&p).unwrap(), Vec::<Task>::new());
    assert_eq!(store.events(0, 1000).unwrap().len(), events);
}
