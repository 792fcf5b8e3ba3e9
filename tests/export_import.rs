//! JSON export and import through the public API: round trips, refusals (each leaving
//! the database exactly as it was), the merge rule, and undo.

mod common;
use common::{dump, rich::rich, seeded};
use mabos_planner::export::{validate_document, DocumentKind, GENERATOR};
use mabos_planner::*;
use serde_json::{json, Value};

/// A small workspace in canonical form: what the exporter writes for it, byte for byte.
const SMALL: &str = include_str!("data/small-workspace.json");

/// Pins `exported_at` (SOURCE_DATE_EPOCH) to 2026-01-01T00:00:00Z. Every test calls this
/// first; the variable is set once, before any test of this binary reads it.
fn pin_time() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::env::set_var("SOURCE_DATE_EPOCH", "1767225600"));
}

/// SMALL as this build exports it (the generator names the crate version).
fn small() -> String {
    SMALL.replace("\"mabos-planner 0.1.0\"", &format!("{GENERATOR:?}"))
}

/// SMALL with the values at some JSON pointers replaced (or added: a new member, or
/// an element just past the end of a list).
fn with(edits: &[(&str, Value)]) -> String {
    edit(|doc| {
        for (pointer, value) in edits {
            let (parent, member) = pointer.rsplit_once('/').unwrap();
            match doc.pointer_mut(parent).unwrap() {
                Value::Object(map) => {
                    map.insert(member.to_owned(), value.clone());
                }
                Value::Array(list) => match member.parse::<usize>().unwrap() {
                    i if i == list.len() => list.push(value.clone()),
                    i => list[i] = value.clone(),
                },
                other => panic!("{parent} is {other}"),
            }
        }
    })
}

fn set(pointer: &str, value: Value) -> String {
    with(&[(pointer, value)])
}

/// SMALL without the member at `pointer`.
fn without(pointer: &str) -> String {
    edit(|doc| {
        let (parent, member) = pointer.rsplit_once('/').unwrap();
        doc.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(member).unwrap();
    })
}

fn edit(f: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(SMALL).unwrap();
    f(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap()
}

/// Importing `json` into a non-empty store is refused at `pointer` with a message that
/// contains `message_part`, and changes nothing: no row, no event. The pure check
/// refuses it the same way, unless the refusal needs the database.
#[track_caller]
fn check_refused(json: &str, pointer: &str, message_part: &str) {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    seeded(&mut store, |_| {});
    let (before, last_event) = (dump(&store), store.last_event_seq().unwrap());
    // The first problem listed is the one under test; a broken key or name may leave
    // references to it broken too, which the refusal lists after it.
    match store.import(json).map_err(|e| e.import_problems()) {
        Err(Some((problems, _))) => {
            let first = &problems[0];
            assert_eq!(first.pointer, pointer, "pointer, for the message {:?} (all: {problems:?})", first.message);
            assert!(first.message.contains(message_part), "{:?} should contain {message_part:?}", first.message);
        }
        other => panic!("expected a refusal at {pointer}, got {other:?}"),
    }
    assert_eq!(dump(&store), before, "the refused import changed the database");
    assert_eq!(store.last_event_seq().unwrap(), last_event, "the refused import logged an event");
    // Ok: refused for what the database holds, which the pure check cannot see.
    if let Err(e) = validate_document(json) {
        match e.import_problems() {
            Some((problems, _)) => assert_eq!(problems[0].pointer, pointer, "validate_document"),
            None => panic!("validate_document: {e}"),
        }
    }
}

#[test]
fn refuses_unreadable_files() {
    let small = small();
    check_refused(r#"{"format": "mabos-planner",, }"#, "", "not valid JSON");
    check_refused(&small[..small.len() / 2], "", "ends too early");
    check_refused("", "", "ends too early");
    check_refused(&format!("{small}]"), "", "not valid JSON");
    check_refused("[1, 2]", "", "JSON object");
}

#[test]
fn refuses_other_formats_and_versions() {
    check_refused(&set("/format", json!("other-tool")), "/format", "not a mabos-planner file");
    check_refused(&without("/format"), "", "missing field `format`");
    check_refused(&set("/version", json!(2)), "/version", "supported versions: 1");
    check_refused(&set("/version", json!(0)), "/version", "unsupported version 0");
    check_refused(&set("/version", json!("1")), "/version", "whole number");
    check_refused(&without("/version"), "", "missing field `version`");
}

#[test]
fn refuses_wrong_types_and_unknown_fields() {
    check_refused(&set("/goals/0/colour", json!("red")), "/goals/0/colour", "unknown field `colour`");
    check_refused(&set("/extra", json!(1)), "/extra", "unknown field `extra`");
    check_refused(&set("/kind", json!("project")), "/kind", "unknown variant `project`");
    check_refused(&set("/goals/1/priority", json!("high")), "/goals/1/priority", "invalid type");
    check_refused(&set("/goals/1/priority", json!(300)), "/goals/1/priority", "u8");
    check_refused(&without("/goals/2/title"), "/goals/2", "missing field `title`");
    check_refused(&set("/goals/0/status", json!("done")), "/goals/0/status", "unknown variant `done`");
    check_refused(&set("/tasks/0/step", json!("P-1/S1")), "/tasks/0/step", "invalid type");
    check_refused(&set("/goals/0/preconditions/0/op", json!("like")), "/goals/0/preconditions/0/op", "unknown variant `like`");
    check_refused(&set("/goals/0/preconditions/0/value", json!({ "a": 1 })), "/goals/0/preconditions/0/value", "expected true, false, a number or a text");
    let twice = SMALL.replacen(r#""title": "Open a shop","#, r#""title": "Open a shop", "title": "Again","#, 1);
    check_refused(&twice, "/goals/0", "duplicate field `title`");
}

#[test]
fn refuses_out_of_range_values() {
    check_refused(&set("/goals/0/priority", json!(11)), "/goals/0/priority", "between 1 and 10");
    check_refused(&set("/goals/0/title", json!("  ")), "/goals/0/title", "must not be empty");
    check_refused(&set("/actions/0/cost", json!(-1.5)), "/actions/0/cost", "must not be negative");
    check_refused(&set("/agents/0/capabilities/0/level", json!(6)), "/agents/0/capabilities/0/level", "between 1 and 5");
    check_refused(&set("/agents/0/capacity", json!(-1)), "/agents/0/capacity", "must not be negative");
    check_refused(&set("/tasks/0/effort", json!(-2)), "/tasks/0/effort", "must not be negative");
    check_refused(&set("/tasks/0/priority", json!(0)), "/tasks/0/priority", "between 1 and 10");
    check_refused(&set("/plans/0/budget", json!(-1)), "/plans/0/budget", "must not be negative");
    check_refused(&set("/capabilities/0/name", json!(" db")), "/capabilities/0/name", "white space");
    // SQLite's length() stops at U+0000: the schema's CHECK would refuse it with no pointer.
    check_refused(&set("/goals/0/title", json!("\u{0}Open a shop")), "/goals/0/title", "control character");
    check_refused(&set("/agents/0/name", json!("Ann\u{0}")), "/agents/0/name", "control character");
}

/// A file with several problems lists every one, each with its pointer, in file order.
#[test]
fn lists_every_problem_of_a_refused_file() {
    let json = with(&[
        ("/goals/0/priority", json!(11)),
        ("/goals/1/title", json!(" ")),
        ("/actions/0/cost", json!(-1)),
        ("/tasks/0/effort", json!(-2)),
    ]);
    let err = validate_document(&json).unwrap_err();
    let (problems, truncated) = err.import_problems().expect("an import refusal");
    let pointers: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(pointers, ["/goals/0/priority", "/goals/1/title", "/actions/0/cost", "/tasks/0/effort"]);
    assert!(!truncated);
    assert!(matches!(err, Error::ImportProblems { .. }));
    assert_eq!(err.to_string().lines().count(), 5, "{err}");
}

#[test]
fn refuses_malformed_conditions() {
    check_refused(&set("/goals/3/preconditions/0/value", json!("berlin")), "/goals/3/preconditions/0", "needs a list");
    check_refused(&set("/goals/0/preconditions/0/key", json!("budget approved")), "/goals/0/preconditions/0", "white space");
    check_refused(
        &set("/plans/0/constraints", json!([{ "key": "x", "op": "lt", "value": true }])),
        "/plans/0/constraints/0",
        "numbers or texts",
    );
    check_refused(&set("/actions/0/effects/0/key", json!("")), "/actions/0/effects/0", "must not be empty");
}

#[test]
fn refuses_bad_and_duplicate_keys() {
    check_refused(&set("/goals/0/key", json!("G 1")), "/goals/0/key", "may not contain ' '");
    check_refused(&set("/goals/3/key", json!("G-1")), "/goals/3/key", "duplicate key \"G-1\": /goals/0 has it too");
    check_refused(&set("/capabilities/1/name", json!("db")), "/capabilities/1/name", "duplicate capability");
    check_refused(&set("/plans/0/steps/1/key", json!("S1")), "/plans/0/steps/1/key", "duplicate key \"S1\"");
    let metric = json!({ "name": "revenue", "target": 1.0, "current": 0.0, "unit": "" });
    check_refused(&set("/goals/0/metrics/1", metric), "/goals/0/metrics/1/name", "appears twice");
    check_refused(&set("/goals/1/depends_on", json!(["G-3", "G-3"])), "/goals/1/depends_on/1", "listed twice");
    check_refused(&set("/plans/0/edges/1", json!({ "before": "S1", "after": "S2" })), "/plans/0/edges/1", "listed twice");
}

#[test]
fn refuses_dangling_references() {
    let dangling = "which is not in this file";
    check_refused(&set("/goals/1/parent", json!("G-9")), "/goals/1/parent", dangling);
    check_refused(&set("/goals/1/depends_on/0", json!("G-9")), "/goals/1/depends_on/0", dangling);
    check_refused(&set("/goals/3/contributions/0/to", json!("G-9")), "/goals/3/contributions/0/to", dangling);
    check_refused(&set("/plans/0/goal", json!("G-9")), "/plans/0/goal", dangling);
    check_refused(&set("/plans/0/steps/0/action", json!("A-9")), "/plans/0/steps/0/action", dangling);
    check_refused(&set("/plans/0/edges/0/after", json!("S9")), "/plans/0/edges/0/after", dangling);
    check_refused(&set("/tasks/0/assignee", json!("AG-9")), "/tasks/0/assignee", dangling);
    check_refused(&set("/tasks/0/step/plan", json!("P-9")), "/tasks/0/step/plan", dangling);
    check_refused(&set("/tasks/0/step/step", json!("S9")), "/tasks/0/step/step", dangling);
    check_refused(&set("/tasks/0/goal", json!("G-9")), "/tasks/0/goal", dangling);
    check_refused(&set("/tasks/1/depends_on/0", json!("T-99")), "/tasks/1/depends_on/0", dangling);
    // Capabilities are named, not keyed, but must still be declared in the file.
    check_refused(&set("/actions/0/requires/0/capability", json!("cooking")), "/actions/0/requires/0/capability", "not in /capabilities");
    check_refused(&set("/agents/0/capabilities/1/capability", json!("cooking")), "/agents/0/capabilities/1/capability", "not in /capabilities");
}

#[test]
fn refuses_cycles_and_names_them() {
    check_refused(&set("/goals/0/parent", json!("G-4")), "/goals/2/parent", "goal parents form a cycle (each goal's parent follows it): G-1 → G-4 → G-3 → G-1");
    check_refused(&set("/goals/2/parent", json!("G-3")), "/goals/2/parent", "G-3 → G-3");
    check_refused(&set("/goals/2/depends_on", json!(["G-2"])), "/goals/2/depends_on/0", "goal dependencies form a cycle: G-2 → G-3 → G-2");
    check_refused(&set("/goals/0/depends_on", json!(["G-1"])), "/goals/0/depends_on/0", "goal dependencies form a cycle: G-1 → G-1");
    check_refused(&set("/plans/0/edges/1", json!({ "before": "S2", "after": "S1" })), "/plans/0/edges/1", "plan P-1 precedence forms a cycle: S1 → S2 → S1");
    check_refused(&set("/tasks/0/depends_on", json!(["T-11"])), "/tasks/1/depends_on/0", "task dependencies form a cycle: T-10 → T-11 → T-10");
    check_refused(&set("/tasks/2/depends_on", json!(["T-12"])), "/tasks/2/depends_on/0", "T-12 → T-12");
}

#[test]
fn refuses_invalid_timestamps_and_task_times() {
    let rfc = "must be an RFC 3339 time";
    check_refused(&set("/exported_at", json!("yesterday")), "/exported_at", rfc);
    check_refused(&set("/tasks/0/created_at", json!("2026-13-01T00:00:00Z")), "/tasks/0/created_at", rfc);
    check_refused(&set("/tasks/0/completed_at", json!("2026-01-02 12:30")), "/tasks/0/completed_at", rfc);
    check_refused(&set("/plans/0/deadline", json!("31/01/2027")), "/plans/0/deadline", rfc);
    check_refused(&set("/tasks/1/deadline", json!("soon")), "/tasks/1/deadline", rfc);
    check_refused(&set("/tasks/0/completed_at", Value::Null), "/tasks/0/completed_at", "a done task needs completed_at");
    check_refused(&set("/tasks/1/completed_at", json!("2026-01-05T00:00:00Z")), "/tasks/1/completed_at", "only a done task has completed_at");
    check_refused(&set("/tasks/0/started_at", Value::Null), "/tasks/0/started_at", "needs started_at");
}

#[test]
fn refuses_what_the_store_would_refuse() {
    // An open task's assignee must be active and hold what the step's action requires.
    check_refused(&set("/tasks/2/assignee", json!("AG-3")), "/tasks/2/assignee", "agent AG-3 is inactive");
    check_refused(
        &with(&[
            ("/tasks/1/assignee", json!("AG-2")),
            ("/tasks/1/step/step", json!("S1")),
            ("/agents/0/capabilities/0/level", json!(1)),
        ]),
        "/tasks/1/assignee",
        "it needs db at level 2, the agent has level 1",
    );
    check_refused(&set("/goals/3/kind", json!("hard")), "/goals/3/contributions/0", "only soft goals contribute");
    check_refused(&set("/goals/3/contributions/0/to", json!("G-4")), "/goals/3/contributions/0/to", "cannot contribute to itself");
    check_refused(&with(&[("/kind", json!("plan")), ("/plans", json!([]))]), "/plans", "exactly one plan, not 0");
}

#[test]
fn refuses_keys_the_database_already_holds() {
    // The seeded store holds G-ROOT and T-1; capabilities, merged by name, never clash.
    check_refused(&set("/goals/3/key", json!("G-ROOT")), "/goals/3/key", "a goal with the key \"G-ROOT\" already exists");
    check_refused(&set("/tasks/2/key", json!("T-1")), "/tasks/2/key", "a task with the key \"T-1\" already exists");
}

#[test]
fn importing_the_same_file_twice_is_refused_the_second_time() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    store.import(SMALL).unwrap();
    let before = dump(&store);
    let err = store.import(SMALL).unwrap_err();
    assert!(matches!(&err, Error::Import { pointer, .. } if pointer == "/agents/0/key"), "{err}");
    assert_eq!(dump(&store), before);
}

#[test]
fn a_canonical_file_comes_back_byte_for_byte() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    store.import(SMALL).unwrap();
    assert_eq!(store.export_workspace().unwrap(), small());
}

#[test]
fn workspace_round_trip_is_byte_identical() {
    pin_time();
    let mut source = Store::open_in_memory().unwrap();
    rich(&mut source);
    let first = source.export_workspace().unwrap();
    assert_eq!(source.export_workspace().unwrap(), first, "two exports of the same data");
    let mut target = Store::open_in_memory().unwrap();
    target.import(&first).unwrap();
    assert_eq!(target.export_workspace().unwrap(), first);
}

#[test]
fn plan_round_trip_is_byte_identical() {
    pin_time();
    let mut source = Store::open_in_memory().unwrap();
    rich(&mut source);
    let first = source.export_plan("P-SHOP").unwrap();
    let mut target = Store::open_in_memory().unwrap();
    let report = target.import(&first).unwrap();
    assert_eq!(report.kind, DocumentKind::Plan);
    assert_eq!(target.export_plan("P-SHOP").unwrap(), first);
}

#[test]
fn a_plan_export_leaves_out_links_to_the_outside() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    rich(&mut store);
    let doc = validate_document(&store.export_plan("P-SHOP").unwrap()).unwrap();
    let keys = |list: Vec<&str>| list.join(" ");
    assert_eq!(keys(doc.goals.iter().map(|g| g.key.as_str()).collect()), "G-HAPPY G-SHOP G-SHOP-DB G-SHOP-UI");
    assert_eq!(keys(doc.actions.iter().map(|a| a.key.as_str()).collect()), "A-BUILD A-SHIP A-TEST");
    assert_eq!(keys(doc.agents.iter().map(|a| a.key.as_str()).collect()), "AG-OLD AG-OPS AG-WEB");
    assert_eq!(keys(doc.tasks.iter().map(|t| t.key.as_str()).collect()), "T-1 T-2 T-3 T-4");
    assert_eq!(keys(doc.capabilities.iter().map(|c| c.name.as_str()).collect()), "db ops/deploy web");
    let goal = |key: &str| doc.goals.iter().find(|g| g.key == key).unwrap();
    let task = |key: &str| doc.tasks.iter().find(|t| t.key == key).unwrap();
    assert_eq!(goal("G-SHOP").parent, None, "the root's parent G-ROOT is outside");
    assert!(goal("G-SHOP").depends_on.is_empty(), "G-OLD is outside");
    let to: Vec<&str> = goal("G-HAPPY").contributions.iter().map(|c| c.to.as_str()).collect();
    assert_eq!(to, ["G-SHOP", "G-SHOP-UI"], "G-COST is outside");
    assert_eq!(task("T-4").goal, None, "G-OLD is outside");
    assert_eq!(task("T-3").depends_on, ["T-2"], "T-5 is outside");
}

#[test]
fn capabilities_merge_by_name_and_only_the_file_is_added() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    seeded(&mut store, |_| {});
    let before: Vec<String> = dump(&store);
    let report = store.import(SMALL).unwrap();
    assert_eq!((report.capabilities_created, report.capabilities_reused), (1, 1), "{report:?}");
    let names: Vec<String> = store.capabilities().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["db", "web"]);
    let after = dump(&store);
    assert!(before.iter().all(|row| after.contains(row)), "an existing row changed");
    assert_eq!(store.goal("G-ROOT").unwrap().fields.title, "Grow revenue");
    assert_eq!(store.goal("G-2").unwrap().parent.as_deref(), Some("G-1"));
    assert_eq!(store.agent("AG-2").unwrap().workload, 0.5, "T-12 is open and AG-2's");
}

#[test]
fn a_plan_file_clashing_with_the_database_is_refused_whole() {
    pin_time();
    let mut source = Store::open_in_memory().unwrap();
    rich(&mut source);
    // The seeded store holds G-HAPPY, as the plan file does.
    check_refused(&source.export_plan("P-SHOP").unwrap(), "/goals/0/key", "already exists in the database");
}

#[test]
fn the_report_counts_what_was_added() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    let report = store.import(SMALL).unwrap();
    assert_eq!(
        serde_json::to_value(&report).unwrap(),
        json!({
            "kind": "workspace", "capabilities_created": 2, "capabilities_reused": 0,
            "agents": 2, "goals": 4, "actions": 2, "methods": 0, "plans": 1, "steps": 2, "tasks": 3
        })
    );
}

#[test]
fn an_import_is_one_undoable_gesture() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    let empty = dump(&store);
    store.import(SMALL).unwrap();
    let imported = dump(&store);
    let events = store.events(0, 10).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].entity.as_str(), events[0].kind.as_str()), ("workspace", "imported"));
    assert_eq!(events[0].payload["goals"], 4);
    store.undo().unwrap();
    assert_eq!(dump(&store), empty);
    assert!(matches!(store.undo(), Err(Error::NothingToUndo)));
    store.redo().unwrap();
    assert_eq!(dump(&store), imported);
}

#[test]
fn validate_document_needs_no_database() {
    let doc = validate_document(SMALL).unwrap();
    assert_eq!((doc.kind, doc.goals.len(), doc.tasks.len()), (DocumentKind::Workspace, 4, 3));
}

#[test]
fn a_document_built_in_code_is_checked_like_a_file() {
    pin_time();
    let mut store = Store::open_in_memory().unwrap();
    let mut doc = validate_document(SMALL).unwrap();
    doc.version = 2;
    let err = store.import_document(doc.clone()).unwrap_err();
    assert!(matches!(&err, Error::Import { pointer, .. } if pointer == "/version"), "{err}");
    doc.version = 1;
    doc.goals[1].parent = Some("G-9".into());
    let err = store.import_document(doc).unwrap_err();
    assert!(matches!(&err, Error::Import { pointer, .. } if pointer == "/goals/1/parent"), "{err}");
    assert!(dump(&store).is_empty());
}
