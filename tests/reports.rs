//! Agent reports: one gesture by the agent, applied once per id, refused with the field
//! at fault and nothing written when the agent is not the assignee, the task or agent is
//! unknown, or the life cycle forbids the move.

mod common;
use common::dump;
use common::workspaces::task_board;
use mabos_planner::*;

fn report(id: &str, agent: &str, task: &str, status: ReportStatus) -> AgentReport {
    AgentReport::new(id, agent, task, status)
}

/// What a refusal says: its code and the report field it names.
fn refusal(code: &str, field: &str) -> Result<TaskStatus, (String, String)> {
    Err((code.to_owned(), field.to_owned()))
}

/// Applies `report` to the task board as the operator's store would; a refusal must
/// change nothing (no row, no event).
fn check(report: AgentReport, expected: Result<TaskStatus, (String, String)>) {
    let mut store = task_board();
    store.set_author(Author::parse("app:operator").unwrap());
    let before = (dump(&store), store.last_event_seq().unwrap());
    let outcome = store.apply_agent_report(&report);
    let got = match &outcome {
        Ok(applied) => Ok(applied.to),
        Err(e) => Err((e.code().to_owned(), e.report_field().unwrap_or("-").to_owned())),
    };
    assert_eq!(got, expected, "{report:?}: {outcome:?}");
    if outcome.is_err() {
        assert_eq!((dump(&store), store.last_event_seq().unwrap()), before, "{report:?} wrote something");
    } else {
        assert_eq!(store.task(&report.task).unwrap().status, report.status.task_status());
    }
}

#[test]
fn applies_the_assignees_reports_and_refuses_the_rest() {
    use ReportStatus::*;
    check(report("r-1", "AG-1", "T-1", Started), Ok(TaskStatus::InProgress));
    check(report("r-1", "AG-1", "T-2", Done), Ok(TaskStatus::Done));
    check(report("r-1", "AG-1", "T-2", Failed), Ok(TaskStatus::Failed));
    check(report("r-1", "AG-1", "T-3", Started), Ok(TaskStatus::InProgress));
    check(report("r-1", "AG-2", "T-1", Started), refusal("not_assignee", "agent"));
    check(report("r-1", "AG-1", "T-7", Started), refusal("not_assignee", "agent"));
    check(report("r-1", "AG-9", "T-1", Started), refusal("not_found", "agent"));
    check(report("r-1", "AG-1", "T-99", Started), refusal("not_found", "task"));
    check(report("r-1", "AG-1", "T-4", Started), refusal("invalid_transition", "status"));
    check(report("r-1", "AG-1", "T-2", Started), refusal("invalid_transition", "status"));
    check(report("r-1", "AG-2", "T-5", Done), refusal("invalid_transition", "status"));
    check(report("", "AG-1", "T-1", Started), refusal("invalid", "id"));
    check(AgentReport { note: Some("x".repeat(AgentReport::MAX_NOTE + 1)), ..report("r-1", "AG-1", "T-1", Started) }, refusal("invalid", "note"));
    let bad_fact = [("no spaces".to_owned(), Value::Bool(true))].into_iter().collect();
    check(AgentReport { facts: bad_fact, ..report("r-1", "AG-1", "T-1", Started) }, refusal("invalid", "key"));
}

#[test]
fn a_report_sent_twice_is_applied_once() {
    let mut store = task_board();
    let first = store.apply_agent_report(&report("r-7", "AG-1", "T-1", ReportStatus::Started)).unwrap();
    let seq = store.last_event_seq().unwrap();
    assert_eq!(first.seq, Some(seq));
    let before = dump(&store);
    // Same id, even with another status: the id is what makes a report.
    for status in [ReportStatus::Started, ReportStatus::Done] {
        match store.apply_agent_report(&report("r-7", "AG-1", "T-1", status)) {
            Err(Error::ReportAlreadyApplied { id, seq: Some(s) }) => assert_eq!((id.as_str(), s), ("r-7", seq)),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((dump(&store), store.last_event_seq().unwrap()), (before, seq));
    assert_eq!(store.task("T-1").unwrap().status, TaskStatus::InProgress);
}

#[test]
fn the_agent_is_the_author_and_the_operators_undo_leaves_the_report_alone() {
    let mut store = task_board();
    store.set_author(Author::parse("app:operator").unwrap());
    store.create_goal(Some("G-OP"), None, &GoalFields::titled("Operator's")).unwrap();
    let mut done = report("r-1", "AG-1", "T-2", ReportStatus::Done);
    done.note = Some("shipped".into());
    done.facts = [("site.checked".to_owned(), Value::Bool(true))].into_iter().collect();
    store.apply_agent_report(&done).unwrap();
    let event = store.events(store.last_event_seq().unwrap() - 1, 1).unwrap().remove(0);
    assert_eq!((event.author.as_str(), event.entity.as_str(), event.key.as_str(), event.kind.as_str()), ("agent:AG-1", "task", "T-2", "status_changed"));
    assert_eq!(event.payload["report"]["note"], "shipped");
    assert_eq!(event.payload["to"], "done");
    assert_eq!(store.world_state().unwrap()["site.checked"], Value::Bool(true));
    let undone = store.undo().unwrap();
    assert_eq!(undone.key, "G-OP", "the operator's undo takes the operator's own gesture");
    assert_eq!(store.task("T-2").unwrap().status, TaskStatus::Done);
    assert_eq!(store.author().as_str(), "app:operator");
}

#[test]
fn finishing_the_last_task_of_a_plan_completes_it() {
    let mut store = common::workspaces::launch_diamond();
    common::builders::agent("AG-1").named("bot").capacity(100.0).create(&mut store);
    let start = store.start_plan("P-L").unwrap();
    for task in &start.tasks {
        store.assign_task(task, Some("AG-1")).unwrap();
    }
    // S1, then S2 and S3, then S4, in the order their dependencies allow.
    for (n, task) in start.tasks.iter().enumerate() {
        store.apply_agent_report(&report(&format!("start-{n}"), "AG-1", task, ReportStatus::Started)).unwrap();
        store.apply_agent_report(&report(&format!("done-{n}"), "AG-1", task, ReportStatus::Done)).unwrap();
    }
    assert_eq!(store.plan("P-L").unwrap().status, PlanStatus::Completed);
    assert_eq!(store.goal("G-L").unwrap().status, GoalStatus::Achieved);
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn a_report_on_a_waiting_task_is_refused_by_its_status() {
    let mut store = common::workspaces::launch_diamond();
    common::builders::agent("AG-1").named("bot").capacity(100.0).create(&mut store);
    let start = store.start_plan("P-L").unwrap();
    let last = start.tasks.last().unwrap();
    store.assign_task(last, Some("AG-1")).unwrap();
    let refused = store.apply_agent_report(&report("early", "AG-1", last, ReportStatus::Done)).unwrap_err();
    assert_eq!((refused.code(), refused.report_field()), ("task_waiting", Some("status")));
}
