//! Tasks as CSV through the public API (docs/csv.md): the exported bytes, round trips,
//! RFC 4180's corners, and refusals that list every problem by row and column and
//! leave the database exactly as it was.

mod common;
use common::builders::*;
use common::rich::rich;
use common::{dump, without_tasks, workspaces};
use mabos_planner::export::csv::columns::COLUMNS;
use mabos_planner::export::{read_file, Document, TasksImportReport};
use mabos_planner::*;
use proptest::prelude::*;

const HEADER: &str = "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on";

fn rich_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    rich(&mut s);
    s
}

fn all(store: &Store) -> String {
    store.export_tasks_csv(&TaskFilter::default()).unwrap()
}

/// The tasks of a workspace export, which carries every stored field of a task.
fn task_docs(store: &Store) -> Vec<export::v1::TaskDoc> {
    serde_json::from_str::<Document>(&store.export_workspace().unwrap()).unwrap().tasks
}

/// The problems of a refused import, as (pointer, message), in the order listed.
fn problems(outcome: Result<TasksImportReport>) -> Vec<(String, String)> {
    let e = outcome.expect_err("the import should be refused");
    let (list, truncated) = e.import_problems().unwrap_or_else(|| panic!("not an import refusal: {e:?}"));
    assert!(!truncated);
    list.into_iter().map(|p| (p.pointer, p.message)).collect()
}

/// Imports `text` into `store`, expecting a refusal that changes nothing; its problems.
fn refused(store: &mut Store, text: &str) -> Vec<(String, String)> {
    let (before, seq) = (dump(store), store.last_event_seq().unwrap());
    let found = problems(store.import_tasks_csv(text));
    assert_eq!(dump(store), before, "a refused import wrote something");
    assert_eq!(store.last_event_seq().unwrap(), seq);
    found
}

fn pointers(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(p, _)| p.as_str()).collect()
}

#[test]
fn exports_every_task_by_key_in_fixed_columns_with_crlf() {
    let store = rich_store();
    let text = all(&store);
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(rows[0], COLUMNS.join(","));
    assert_eq!(rows[0], format!("{HEADER},created_at,started_at,completed_at"));
    let keys: Vec<&str> = rows[1..rows.len() - 1].iter().map(|r| r.split(',').next().unwrap()).collect();
    assert_eq!(keys, ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6"]);
    assert_eq!(rows.last(), Some(&""), "every row ends with CRLF");
    assert!(!text.replace("\r\n", "").contains('\n'));
    let t3 = rows[3];
    assert!(
        t3.starts_with("T-3,Ship it,Ship it (details),blocked,7,0.5,2027-06-30T07:30:00.000Z,,P-SHOP,S3,AG-OPS,T-2;T-5,"),
        "{t3}"
    );
    // The same tasks give the same bytes.
    assert_eq!(all(&store), text);
}

#[test]
fn a_filter_narrows_the_export() {
    let store = rich_store();
    let only = |filter: TaskFilter| -> Vec<String> {
        let text = store.export_tasks_csv(&filter).unwrap();
        text.split("\r\n").skip(1).filter(|r| !r.is_empty()).map(|r| r.split(',').next().unwrap().to_owned()).collect()
    };
    assert_eq!(only(TaskFilter { plan: Some("P-SHOP".into()), ..TaskFilter::default() }), ["T-1", "T-2", "T-3", "T-4"]);
    assert_eq!(only(TaskFilter { status: Some(TaskStatus::Done), ..TaskFilter::default() }), ["T-1"]);
    let none = store.export_tasks_csv(&TaskFilter { goal: Some("G-COST".into()), ..TaskFilter::default() }).unwrap();
    assert_eq!(none, format!("{}\r\n", COLUMNS.join(",")));
}

/// Every task of the rich workspace, every status and link, goes out and comes back
/// the same, as one undoable step.
#[test]
fn round_trip_into_the_same_workspace_without_tasks() {
    let source = rich_store();
    let text = all(&source);
    let mut target = without_tasks(&source);
    let before = dump(&target);
    let report = target.import_tasks_csv(&text).unwrap();
    assert_eq!(report, TasksImportReport { tasks: 6, dependencies: 3 });
    assert_eq!(all(&target), text);
    assert_eq!(task_docs(&target), task_docs(&source));
    assert!(target.integrity_report().unwrap().is_ok());
    let events = target.events(0, 1000).unwrap();
    let last = events.last().unwrap();
    assert_eq!((last.entity.as_str(), last.key.as_str(), last.kind.as_str()), ("workspace", "tasks", "imported"));
    target.undo().unwrap();
    assert_eq!(dump(&target), before);
    target.redo().unwrap();
    assert_eq!(all(&target), text);
}

#[test]
fn reads_quotes_commas_line_breaks_any_line_end_and_a_bom() {
    let mut store = Store::open_in_memory().unwrap();
    let text = format!(
        "\u{feff}{HEADER}\n\
         T-1,\"Say \"\"hi\"\", then go\",\"line one\r\nline two\nline three\rend\",todo,5,1.5,,,,,,\r\n\
         T-2,  spaced title  ,\"a,b\",  in_progress , 3 , 0 ,2027-01-01T10:00:00+01:00,,,,, T-1 ;\r\n\
         ,,,,,,,,,,,\n\
         \n"
    );
    assert_eq!(store.import_tasks_csv(&text).unwrap(), TasksImportReport { tasks: 2, dependencies: 1 });
    let t1 = store.task("T-1").unwrap();
    assert_eq!(t1.fields.title, "Say \"hi\", then go");
    assert_eq!(t1.fields.description, "line one\r\nline two\nline three\rend");
    assert_eq!(t1.fields.effort, 1.5);
    let t2 = store.task("T-2").unwrap();
    assert_eq!((t2.fields.title.as_str(), t2.fields.description.as_str()), ("  spaced title  ", "a,b"));
    assert_eq!((t2.status, t2.fields.priority, t2.fields.effort), (TaskStatus::InProgress, 3, 0.0));
    assert_eq!(t2.fields.deadline.as_deref(), Some("2027-01-01T09:00:00.000Z"));
    assert_eq!(t2.depends_on, ["T-1"]);
    // The time an in-progress task needs and the file leaves out is the import's.
    assert_eq!(t2.started_at.as_deref(), Some(t2.created_at.as_str()));
    // Written back with the fields quoted that need it.
    let out = all(&store);
    assert!(out.contains("T-1,\"Say \"\"hi\"\", then go\",\"line one\r\nline two\nline three\rend\",todo,5,1.5,,,,,,,"), "{out}");
}

#[test]
fn an_empty_file_is_refused_and_a_header_alone_imports_nothing() {
    let mut store = workspaces::task_board();
    let before = dump(&store);
    for text in ["", "\u{feff}", "\n"] {
        match store.import_tasks_csv(text) {
            Err(Error::Import { pointer, message }) => assert!(pointer.is_empty() && message.contains("the file is empty"), "{message}"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(dump(&store), before);
    let header = COLUMNS.join(",");
    assert_eq!(store.import_tasks_csv(&format!("{header}\r\n")).unwrap(), TasksImportReport { tasks: 0, dependencies: 0 });
    assert_eq!(dump(&store), before);
}

#[test]
fn non_utf8_files_are_refused_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tasks.csv");
    std::fs::write(&path, [HEADER.as_bytes(), b"\nT-1,Caf\xe9,,todo,5,1,,,,,,\n"].concat()).unwrap();
    match read_file(&path) {
        Err(Error::Import { pointer, message }) => assert!(pointer.is_empty() && message.contains("not UTF-8"), "{message}"),
        other => panic!("{other:?}"),
    }
    std::fs::write(&path, format!("\u{feff}{HEADER}\nT-1,Café,,todo,5,1,,,,,,\n")).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.import_tasks_csv(&read_file(&path).unwrap()).unwrap();
    assert_eq!(store.task("T-1").unwrap().fields.title, "Café");
}

#[test]
fn header_problems_are_listed_before_any_row_is_read() {
    let mut store = Store::open_in_memory().unwrap();
    let found = refused(&mut store, "key,title,Status,title,priority,effort,deadline,goal,plan,step,assignee,depends_on,owner\nT-1\n");
    // Unknown and repeated columns in header order, then the missing ones.
    assert_eq!(pointers(&found), ["/header/Status", "/header/title", "/header/owner", "/header/description", "/header/status"]);
    assert!(found[2].1.starts_with("unknown column \"owner\""), "{found:?}");
    assert!(found[1].1.contains("appears twice"), "{found:?}");
    assert_eq!(found[3].1, "the header has no column description, which every file needs");
}

/// One file with a problem of every kind: each is listed with its row and column, and
/// nothing is written.
#[test]
fn every_problem_is_listed_by_row_and_column_and_nothing_is_written() {
    let mut store = rich_store();
    let text = format!(
        "{HEADER}\r\n\
         T-1,Taken,,todo,5,1,,,,,,\r\n\
         T-20,,,doing,high,lots,,,,,,\r\n\
         T-21,Unknown links,,todo,5,1,,G-NOPE,P-NOPE,S1,AG-NOPE,T-NOPE\r\n\
         T-22,No such step,,todo,5,1,,,P-SHOP,S99,AG-OLD,\r\n\
         T-23,Incapable,,todo,5,1,,,P-SHOP,S3,AG-WEB,\r\n\
         T-24,Too few,fields\r\n\
         T-25,Cycle,,todo,5,1,,,,,,T-26\r\n\
         T-26,Cycle,,todo,5,1,,,,,,T-25;T-1\r\n\
         T-25,Repeated,,todo,11,-1,2027-13-01,,,,,\r\n\
         t 27,Bad key,,done,5,1,,,,,,\r\n\
         T-28,Done by the retired bot,,done,5,1,,G-OLD,P-OLD,S1,AG-OLD,T-1\r\n"
    );
    let found = refused(&mut store, &text);
    // In file order: by row, then by column, whichever check found them.
    assert_eq!(
        pointers(&found),
        [
            "/rows/2/key",
            "/rows/3/title",
            "/rows/3/status",
            "/rows/3/priority",
            "/rows/3/effort",
            "/rows/4/goal",
            "/rows/4/plan",
            "/rows/4/assignee",
            "/rows/4/depends_on",
            "/rows/5/step",
            "/rows/5/assignee",
            "/rows/6/assignee",
            "/rows/7",
            "/rows/9/depends_on",
            "/rows/10/key",
            "/rows/10/priority",
            "/rows/10/effort",
            "/rows/10/deadline",
            "/rows/11/key",
        ]
    );
    let message = |pointer: &str| &found.iter().find(|(p, _)| p == pointer).unwrap().1;
    assert_eq!(message("/rows/2/key"), "a task with the key \"T-1\" already exists in the database");
    assert_eq!(message("/rows/10/key"), "duplicate key \"T-25\": row 8 has it too");
    assert!(message("/rows/3/status").contains("todo, in_progress, done, failed, blocked"));
    assert!(message("/rows/4/depends_on").contains("\"T-NOPE\", which is neither in this file nor in the database"));
    assert!(message("/rows/4/goal").contains("\"G-NOPE\""));
    assert!(message("/rows/5/step").contains("P-SHOP has no step \"S99\""));
    assert!(message("/rows/5/assignee").contains("AG-OLD"));
    assert!(message("/rows/6/assignee").contains("ops/deploy"));
    assert_eq!(message("/rows/7"), "has 3 fields, the header has 12");
    assert_eq!(message("/rows/9/depends_on"), "task dependencies form a cycle: T-25 → T-26 → T-25");
}

#[test]
fn problems_are_capped_as_for_json() {
    let mut store = Store::open_in_memory().unwrap();
    let mut text = format!("{HEADER}\n");
    for i in 0..MAX_IMPORT_PROBLEMS + 20 {
        text.push_str(&format!("T-{i},Task,,todo,0,1,,,,,,\n"));
    }
    let before = dump(&store);
    let e = store.import_tasks_csv(&text).unwrap_err();
    let (list, truncated) = e.import_problems().unwrap();
    assert_eq!((list.len(), truncated), (MAX_IMPORT_PROBLEMS, true));
    assert_eq!(list[0].pointer, "/rows/2/priority");
    assert_eq!(dump(&store), before);
}

/// Keys already in the database are refused as the JSON importer refuses them; links
/// to tasks already there are fine.
#[test]
fn existing_keys_are_refused_and_existing_tasks_may_be_depended_on() {
    let mut store = rich_store();
    let text = all(&store);
    let found = refused(&mut store, &text);
    assert_eq!(found.len(), 6);
    assert!(found.iter().all(|(p, m)| p.ends_with("/key") && m.contains("already exists")), "{found:?}");

    let added = format!("{HEADER}\nT-7,Follow up,,todo,5,1,,G-ROOT,,,AG-IDLE,T-1;T-5\nT-8,Then,,todo,5,1,,,,,,T-7\n");
    assert_eq!(store.import_tasks_csv(&added).unwrap(), TasksImportReport { tasks: 2, dependencies: 3 });
    let t7 = store.task("T-7").unwrap();
    assert_eq!((t7.depends_on.clone(), t7.assignee.as_deref()), (vec!["T-1".to_owned(), "T-5".to_owned()], Some("AG-IDLE")));
    assert_eq!(store.task("T-8").unwrap().depends_on, ["T-7"]);
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn times_left_out_are_the_imports_where_the_status_needs_them() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on,started_at,created_at\n\
                T-1,Done,,done,5,1,,,,,,,,\n\
                T-2,Failed,,failed,5,1,,,,,,,,\n\
                T-3,Kept,,done,5,1,,,,,,,2026-02-01T00:00:00Z,2026-01-01T00:00:00+01:00\n";
    store.import_tasks_csv(text).unwrap();
    let t1 = store.task("T-1").unwrap();
    assert!(t1.started_at.is_some() && t1.started_at == t1.completed_at && t1.started_at.as_deref() == Some(t1.created_at.as_str()));
    let t2 = store.task("T-2").unwrap();
    assert_eq!((t2.started_at, t2.completed_at), (None, None));
    let t3 = store.task("T-3").unwrap();
    assert_eq!((t3.created_at.as_str(), t3.started_at.as_deref()), ("2025-12-31T23:00:00.000Z", Some("2026-02-01T00:00:00.000Z")));
    assert!(t3.completed_at.is_some());
}

/// A task the property test makes: its fields, and the links and status it asks for
/// (a status the life cycle refuses is left as it is).
#[derive(Clone, Debug)]
struct Spec {
    title: String,
    description: String,
    priority: u8,
    effort: f64,
    deadline: Option<i64>,
    goal: Option<&'static str>,
    plan: Option<&'static str>,
    assignee: Option<&'static str>,
    depends_on: Vec<usize>,
    status: TaskStatus,
}

fn spec() -> impl Strategy<Value = Spec> {
    let text = "[a-zA-Z0-9 ,;\"'=+@éü€漢😀-]{0,12}";
    (
        (text, "[ a-z]?", proptest::string::string_regex("[a-zA-Z0-9 ,;\"\r\n\t'é€-]{0,16}").unwrap()),
        (1u8..=10, prop_oneof![Just(0.0), 0.0f64..1000.0, (0u32..100).prop_map(|n| n as f64 / 4.0)]),
        (proptest::option::of(0i64..4_000_000_000), proptest::option::of(prop_oneof![Just("G-1"), Just("G-4")])),
        (proptest::option::of(prop_oneof![Just("P-1"), Just("P-2")]), proptest::option::of(prop_oneof![Just("AG-1"), Just("AG-3")])),
        (proptest::collection::vec(0usize..8, 0..3), proptest::sample::select(TaskStatus::ALL.to_vec())),
    )
        .prop_map(|((title, pad, description), (priority, effort), (deadline, goal), (plan, assignee), (depends_on, status))| Spec {
            // Never blank: the domain refuses a blank title.
            title: format!("{pad}T{title}"),
            description,
            priority,
            effort,
            deadline,
            goal,
            plan,
            assignee,
            depends_on,
            status,
        })
}

fn build(specs: &[Spec]) -> Store {
    let mut store = workspaces::task_board();
    for key in ["T-1", "T-2", "T-3", "T-4", "T-5", "T-6", "T-7"] {
        store.delete_task(key).unwrap();
    }
    for (i, s) in specs.iter().enumerate() {
        let mut t = task(&format!("T-{i}")).titled(&s.title).priority(s.priority).effort(s.effort).goal(s.goal);
        t = t.described(&s.description);
        if let Some(d) = s.deadline {
            t = t.deadline(time_util::from_unix_seconds(d).unwrap().as_str());
        }
        if let Some(plan) = s.plan {
            t = t.step(plan, "S1");
        }
        t.create(&mut store);
        store.assign_task(&format!("T-{i}"), s.assignee).unwrap();
        for &d in s.depends_on.iter().filter(|&&d| d < i) {
            let _ = store.add_task_dependency(&format!("T-{i}"), &format!("T-{d}"));
        }
    }
    for (i, s) in specs.iter().enumerate() {
        let key = format!("T-{i}");
        if matches!(s.status, TaskStatus::Done | TaskStatus::Failed) {
            let _ = store.set_task_status(&key, TaskStatus::InProgress);
        }
        let _ = store.set_task_status(&key, s.status);
    }
    store
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever valid tasks a workspace holds, their CSV imported into the same
    /// workspace without tasks gives the same tasks and the same bytes.
    #[test]
    fn any_valid_tasks_round_trip(specs in proptest::collection::vec(spec(), 0..8)) {
        let source = build(&specs);
        let text = all(&source);
        let mut target = without_tasks(&source);
        let report = target.import_tasks_csv(&text).unwrap();
        prop_assert_eq!(report.tasks, specs.len());
        prop_assert_eq!(all(&target), text);
        prop_assert_eq!(task_docs(&target), task_docs(&source));
    }
}
