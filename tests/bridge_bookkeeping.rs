//! The workspace id and the broker bridge's bookkeeping (outbox cursor, work offers):
//! kept in the database, never part of the workspace, its log or its undo history; and the
//! readiness of the tasks the offers are compared with.

mod common;
use common::dump;
use common::workspaces::task_board;
use mabos_planner::*;

fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && text.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

#[test]
fn the_workspace_id_is_made_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    let id = Store::open(&path).unwrap().workspace_id().unwrap();
    assert!(is_uuid_v4(&id), "{id}");
    assert_eq!(Store::open(&path).unwrap().workspace_id().unwrap(), id);
    assert_eq!(Store::open_read_only(&path).unwrap().workspace_id().unwrap(), id);
    let other = Store::open(&dir.path().join("other.db")).unwrap().workspace_id().unwrap();
    assert_ne!(other, id);
    assert!(is_uuid_v4(&Store::open_in_memory().unwrap().workspace_id().unwrap()));
}

#[test]
fn the_outbox_cursor_only_moves_forward_and_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.outbox_cursor("EVENTS").unwrap(), 0);
    store.set_outbox_cursor("EVENTS", 5).unwrap();
    store.set_outbox_cursor("EVENTS", 3).unwrap();
    store.set_outbox_cursor("OTHER", 1).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!((store.outbox_cursor("EVENTS").unwrap(), store.outbox_cursor("OTHER").unwrap()), (5, 1));
}

#[test]
fn bookkeeping_is_no_gesture_and_no_undo_step() {
    let mut store = task_board();
    let (before, seq) = (dump(&store), store.last_event_seq().unwrap());
    store.set_outbox_cursor("EVENTS", seq).unwrap();
    store.set_work_offer("T-1", Some("AG-1")).unwrap();
    store.set_work_offer("T-6", Some("AG-1")).unwrap();
    store.set_work_offer("T-6", Some("AG-2")).unwrap();
    assert_eq!(store.work_offers().unwrap(), [("T-1".to_owned(), "AG-1".to_owned()), ("T-6".to_owned(), "AG-2".to_owned())]);
    store.set_work_offer("T-1", None).unwrap();
    assert_eq!(store.work_offers().unwrap(), [("T-6".to_owned(), "AG-2".to_owned())]);
    assert_eq!((dump(&store), store.last_event_seq().unwrap()), (before, seq));
    // The newest undo step is still the workspace's last gesture, not the bookkeeping.
    let undone = store.undo().unwrap();
    assert_eq!(undone.seq, seq);
    assert_eq!(store.work_offers().unwrap().len(), 1);
    assert_eq!(store.outbox_cursor("EVENTS").unwrap(), seq);
}

#[test]
fn undo_steps_recorded_at_version_4_stay_undoable_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema-v4.db"), &path).unwrap();
    let mut store = Store::open(&path).unwrap();
    assert!(store.can_undo().unwrap());
    let undone = store.undo().unwrap();
    assert_eq!(undone.author, "unknown");
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn the_backlog_counts_unacknowledged_events_and_applied_reports() {
    let mut store = task_board();
    let seq = store.last_event_seq().unwrap();
    assert_eq!(store.bridge_backlog("EVENTS").unwrap(), BridgeBacklog { events_waiting: seq, reports_applied: 0 });
    store.set_outbox_cursor("EVENTS", seq - 2).unwrap();
    assert_eq!(store.bridge_backlog("EVENTS").unwrap().events_waiting, 2);
    store.apply_agent_report(&AgentReport::new("r-1", "AG-1", "T-1", ReportStatus::Started)).unwrap();
    // A refused report is not counted.
    assert!(store.apply_agent_report(&AgentReport::new("r-2", "AG-2", "T-1", ReportStatus::Done)).is_err());
    assert_eq!(store.bridge_backlog("EVENTS").unwrap(), BridgeBacklog { events_waiting: 3, reports_applied: 1 });
    store.set_outbox_cursor("EVENTS", seq + 1).unwrap();
    assert_eq!(store.bridge_backlog("EVENTS").unwrap().events_waiting, 0);
}

#[test]
fn work_readiness_lists_the_assigned_tasks_to_do_and_the_tasks_offered() {
    use TaskStatus::*;
    let mut store = task_board();
    store.add_task_dependency("T-6", "T-2").unwrap();
    store.set_work_offer("T-2", Some("AG-1")).unwrap();
    store.set_work_offer("T-GONE", Some("AG-1")).unwrap();
    let row = |key: &str, status, assignee: &str, waiting| TaskReadiness { key: key.into(), status, assignee: Some(assignee.into()), waiting };
    // T-7 is to do but nobody's; T-3, T-4 and T-5 are neither to do nor offered.
    let expected = [row("T-1", Todo, "AG-1", false), row("T-2", InProgress, "AG-1", false), row("T-6", Todo, "AG-2", true)];
    assert_eq!(store.work_readiness().unwrap(), expected);
    store.set_task_status("T-2", Done).unwrap();
    // The same readiness as the whole tasks say: to do, every dependency done.
    let tasks = store.tasks(&TaskFilter::default()).unwrap();
    let done = |key: &String| tasks.iter().any(|t| &t.key == key && t.status == Done);
    let ready: Vec<String> =
        tasks.iter().filter(|t| t.status == Todo && t.assignee.is_some() && t.depends_on.iter().all(done)).map(|t| t.key.clone()).collect();
    let from_query: Vec<String> = store.work_readiness().unwrap().into_iter().filter(|t| t.is_ready()).map(|t| t.key).collect();
    assert_eq!(from_query, ["T-1", "T-6"]);
    assert_eq!(ready.len(), 2);
    assert!(ready.iter().all(|key| from_query.contains(key)));
}
