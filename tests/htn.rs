//! HTN methods over a real store: gestures and their refusals, decomposition into a
//! saved plan (one undoable gesture), the deletion rules methods add, export and
//! import, and migrating a database made before methods existed. The workspace is
//! `workspaces::launch_methods`.

mod common;
use common::{dump, workspaces};
use mabos_planner::htn::{MethodFields, Subtask};
use mabos_planner::*;

#[track_caller]
fn refused(s: &mut Store, gesture: impl FnOnce(&mut Store) -> Result<()>, expected: &str) -> Error {
    let before = dump(s);
    let events = s.events(0, 1000).unwrap().len();
    let err = gesture(s).unwrap_err();
    assert_eq!(err.to_string(), expected);
    assert_eq!(dump(s), before, "a refusal changed rows");
    assert_eq!(s.events(0, 1000).unwrap().len(), events, "a refusal was logged");
    err
}

#[test]
fn methods_are_stored_with_subtasks_in_order() {
    let mut s = workspaces::launch_methods();
    let m = s.method("M-SELL").unwrap();
    assert_eq!((m.goal.as_str(), m.fields.ordered, m.fields.subtasks.len()), ("G-SELL", false, 2));
    assert_eq!(m.fields.subtasks[1], Subtask::action("A-MAIL"));
    let keys: Vec<String> = s.methods(Some("G-BUILD")).unwrap().into_iter().map(|m| m.key).collect();
    assert_eq!(keys, ["M-BUILD", "M-BUILD-FAST"]);
    assert_eq!(s.methods(None).unwrap().len(), 4);
    // Generated keys.
    let m = s.create_method(None, "G-ELSE", &MethodFields::named("Nothing to do", vec![])).unwrap();
    assert_eq!(m.key, "M-1");
    // Editing replaces fields and subtasks.
    let edited = MethodFields { priority: 9, ..MethodFields::named("Mail only", vec![Subtask::action("A-MAIL")]) };
    let m = s.update_method("M-SELL", &edited).unwrap();
    assert_eq!((m.fields.priority, m.fields.ordered, m.fields.subtasks.clone()), (9, true, vec![Subtask::action("A-MAIL")]));
    assert!(s.integrity_report().unwrap().is_ok());
}

#[test]
fn bad_methods_are_refused_naming_the_field() {
    let mut s = workspaces::launch_methods();
    let ok = || MethodFields::named("ok", vec![Subtask::action("A-HACK")]);
    refused(&mut s, |s| s.create_method(None, "G-NOPE", &ok()).map(drop), "no goal has the key \"G-NOPE\"");
    refused(
        &mut s,
        |s| s.create_method(None, "G-ELSE", &MethodFields::named("x", vec![Subtask::action("A-HACK"), Subtask::goal("G-GONE")])).map(drop),
        "method M-1: subtasks[1].key no goal has the key \"G-GONE\"",
    );
    let err = refused(
        &mut s,
        |s| s.create_method(None, "G-ELSE", &MethodFields { priority: 11, ..ok() }).map(drop),
        "method M-1: priority must be between 1 and 10, not 11",
    );
    assert_eq!(err.field(), Some("priority"));
    refused(
        &mut s,
        |s| s.create_method(None, "G-ELSE", &MethodFields { conditions: vec![Condition::new("x", Op::In, Value::Int(1))], ..ok() }).map(drop),
        "method M-1: conditions[0] 'in' needs a list of values",
    );
    refused(&mut s, |s| s.create_method(Some("M-SELL"), "G-ELSE", &ok()).map(drop), "a method with the key \"M-SELL\" already exists");
    refused(&mut s, |s| s.update_method("M-SELL", &MethodFields::named(" ", vec![])).map(drop), "method M-SELL: name must not be empty");
    refused(&mut s, |s| s.delete_method("M-NOPE"), "no method has the key \"M-NOPE\"");
}

#[test]
fn decomposing_into_a_plan_is_one_undoable_gesture() {
    let mut s = workspaces::launch_methods();
    let before = dump(&s);
    let events = s.events(0, 1000).unwrap().len();
    let saved = s.plan_from_decomposition("G-LAUNCH", &WorldState::new(), Some("P-LAUNCH")).unwrap();
    let d = &saved.decomposition;
    // Worked out by hand: no rush, so M-BUILD; the sale is unordered but both need `built`.
    assert_eq!(d.actions, ["A-DESIGN", "A-CODE", "A-ADS", "A-MAIL"]);
    assert_eq!(d.tree.parts.len(), 2);
    let plan = s.plan("P-LAUNCH").unwrap();
    assert_eq!(plan, saved.plan);
    assert_eq!((plan.goal.as_str(), plan.status, plan.fields.title.as_str()), ("G-LAUNCH", PlanStatus::Draft, "Launch"));
    let steps: Vec<(&str, &str, &str)> = plan.steps.iter().map(|s| (s.key.as_str(), s.action.as_str(), s.note.as_str())).collect();
    assert_eq!(
        steps,
        [("S1", "A-DESIGN", "method M-BUILD"), ("S2", "A-CODE", "method M-BUILD"), ("S3", "A-ADS", "method M-SELL"), ("S4", "A-MAIL", "method M-SELL")]
    );
    let edges: Vec<(&str, &str)> = plan.edges.iter().map(|e| (e.before.as_str(), e.after.as_str())).collect();
    assert_eq!(edges, [("S1", "S2"), ("S2", "S3"), ("S2", "S4")]);
    let log = s.events(0, 1000).unwrap();
    assert_eq!(log.len(), events + 1);
    let last = log.last().unwrap();
    assert_eq!((last.entity.as_str(), last.key.as_str(), last.kind.as_str()), ("plan", "P-LAUNCH", "decomposed"));
    assert_eq!(last.payload["methods"], serde_json::json!(["M-BUILD", "M-LAUNCH", "M-SELL"]));
    let after = dump(&s);
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
    s.redo().unwrap();
    assert_eq!(dump(&s), after);
    assert!(s.integrity_report().unwrap().is_ok());

    // In a rush the higher-priority method applies.
    let state: WorldState = [("rush".to_owned(), Value::Bool(true))].into();
    let d = s.decompose_goal("G-LAUNCH", &state).unwrap();
    assert_eq!(d.actions, ["A-HACK", "A-ADS", "A-MAIL"]);
}

#[test]
fn a_goal_that_cannot_be_decomposed_saves_nothing() {
    let mut s = workspaces::launch_methods();
    // G-SELL alone: its actions need `built`.
    let err = refused(
        &mut s,
        |s| s.plan_from_decomposition("G-SELL", &WorldState::new(), None).map(drop),
        "goal G-SELL cannot be decomposed: no method of goal G-SELL applies (M-SELL: subtask 0: action A-ADS is not applicable: \
         preconditions[0] built = true fails (built is absent))",
    );
    assert_eq!(err.code(), "not_decomposable");
    refused(&mut s, |s| s.plan_from_decomposition("G-ELSE", &WorldState::new(), None).map(drop), "goal G-ELSE cannot be decomposed: goal G-ELSE has no methods");
    refused(&mut s, |s| s.plan_from_decomposition("G-NOPE", &WorldState::new(), None).map(drop), "no goal has the key \"G-NOPE\"");
    // A plan key already taken refuses after a successful decomposition, too.
    s.create_plan(Some("P-1"), "G-ELSE", &PlanFields::titled("taken")).unwrap();
    refused(&mut s, |s| s.plan_from_decomposition("G-LAUNCH", &WorldState::new(), Some("P-1")).map(drop), "a plan with the key \"P-1\" already exists");
}

#[test]
fn deleting_a_goal_takes_its_methods_unless_another_goal_uses_it() {
    let mut s = workspaces::launch_methods();
    // M-LAUNCH (of G-LAUNCH) uses G-BUILD and G-SELL: refused, naming it.
    let err = refused(&mut s, |s| s.delete_goal("G-BUILD").map(drop), "goal G-BUILD is still used by method M-LAUNCH");
    assert_eq!(err.code(), "in_use");
    // A method of a goal elsewhere using G-LAUNCH's subtree blocks the whole subtree.
    s.create_method(Some("M-ELSE"), "G-ELSE", &MethodFields::named("Launch first", vec![Subtask::goal("G-SELL")])).unwrap();
    refused(&mut s, |s| s.delete_goal("G-LAUNCH").map(drop), "goal G-LAUNCH is still used by method M-ELSE");
    s.delete_method("M-ELSE").unwrap();
    // Uses inside the subtree do not block it; the methods go with their goals.
    let preview = s.goal_deletion_preview("G-LAUNCH").unwrap();
    assert_eq!(preview.methods, ["M-BUILD", "M-BUILD-FAST", "M-LAUNCH", "M-SELL"]);
    let before = dump(&s);
    assert_eq!(s.delete_goal("G-LAUNCH").unwrap(), preview);
    assert_eq!(s.methods(None).unwrap(), vec![]);
    let rows: i64 = s.connection().query_row("SELECT count(*) FROM method_subtasks", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
    assert!(s.integrity_report().unwrap().is_ok());
    s.undo().unwrap();
    assert_eq!(dump(&s), before);
}

#[test]
fn an_action_used_by_a_method_cannot_be_deleted() {
    let mut s = workspaces::launch_methods();
    s.create_plan(Some("P-1"), "G-ELSE", &PlanFields::titled("p")).unwrap();
    s.add_step("P-1", None, "A-MAIL", "").unwrap();
    refused(&mut s, |s| s.delete_action("A-MAIL"), "action A-MAIL is still used by plan P-1, method M-SELL");
    refused(&mut s, |s| s.delete_action("A-HACK"), "action A-HACK is still used by method M-BUILD-FAST");
    s.delete_method("M-BUILD-FAST").unwrap();
    s.delete_action("A-HACK").unwrap();
}

#[test]
fn methods_survive_export_and_import() {
    // Pins exported_at, so that two exports compare equal.
    std::env::set_var("SOURCE_DATE_EPOCH", "1767225600");
    let s = workspaces::launch_methods();
    let text = s.export_workspace().unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["methods"][3]["key"], "M-SELL");
    assert_eq!(doc["methods"][3]["ordered"], false);
    assert_eq!(doc["methods"][2]["subtasks"][0], serde_json::json!({"kind": "goal", "key": "G-BUILD"}));
    let mut other = Store::open_in_memory().unwrap();
    let report = other.import(&text).unwrap();
    assert_eq!(report.methods, 4);
    assert_eq!(other.export_workspace().unwrap(), text);
    assert_eq!(other.methods(None).unwrap(), s.methods(None).unwrap());
    // A method key the database holds already refuses the import, writing nothing.
    let mut taken = Store::open_in_memory().unwrap();
    taken.create_goal(Some("G-X"), None, &GoalFields::titled("x")).unwrap();
    taken.create_method(Some("M-SELL"), "G-X", &MethodFields::named("x", vec![])).unwrap();
    let before = dump(&taken);
    let err = taken.import(&text).unwrap_err();
    assert_eq!(err.to_string(), "/methods/3/key: a method with the key \"M-SELL\" already exists in the database; nothing was imported");
    assert_eq!(dump(&taken), before);
}

#[test]
fn import_checks_method_references_with_pointers() {
    let s = workspaces::launch_methods();
    let doc: serde_json::Value = serde_json::from_str(&s.export_workspace().unwrap()).unwrap();
    let check = |edit: &dyn Fn(&mut serde_json::Value), expected: &str| {
        let mut d = doc.clone();
        edit(&mut d);
        let mut target = Store::open_in_memory().unwrap();
        let err = target.import(&d.to_string()).unwrap_err().to_string();
        // Type errors end with serde's position in the file.
        assert!(err == expected || err.starts_with(&format!("{expected} at line ")), "{err}");
        assert!(dump(&target).is_empty());
    };
    check(&|d| d["methods"][0]["goal"] = "G-GONE".into(), "/methods/0/goal: refers to goal \"G-GONE\", which is not in this file");
    check(
        &|d| d["methods"][3]["subtasks"][1]["key"] = "A-GONE".into(),
        "/methods/3/subtasks/1/key: refers to action \"A-GONE\", which is not in this file",
    );
    // A goal's key given as an action's.
    check(&|d| d["methods"][2]["subtasks"][0]["kind"] = "action".into(), "/methods/2/subtasks/0/key: refers to action \"G-BUILD\", which is not in this file");
    check(&|d| d["methods"][1]["priority"] = 0.into(), "/methods/1/priority: method M-BUILD-FAST: priority must be between 1 and 10, not 0");
    check(&|d| d["methods"][2]["key"] = "M-BUILD".into(), "/methods/2/key: duplicate key \"M-BUILD\": /methods/0 has it too");
    check(&|d| d["methods"][0]["subtasks"][0]["kind"] = "task".into(), "/methods/0/subtasks/0/kind: unknown variant `task`, expected `goal` or `action`");
}

#[test]
fn integrity_finds_malformed_method_conditions() {
    let s = workspaces::launch_methods();
    s.connection().execute("UPDATE methods SET conditions = '[{\"key\":\"a b\",\"op\":\"eq\",\"value\":1}]' WHERE key = 'M-SELL'", []).unwrap();
    let problems: Vec<String> = s.integrity_report().unwrap().problems.into_iter().map(|f| f.message).collect();
    assert_eq!(problems, ["methods M-SELL: conditions [0] key must not contain white space"]);
}

mod before_methods {
    refinery::embed_migrations!("migrations");
}

#[test]
fn a_database_from_before_methods_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        before_methods::migrations::runner().set_target(refinery::Target::Version(1)).run(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO goals (key, title, priority, kind, mode, refinement, status) VALUES ('G-OLD', 'Old', 5, 'hard', 'achieve', 'and', 'pending')",
            [],
        )
        .unwrap();
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'methods'", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0);
    }
    let mut s = Store::open(&path).unwrap();
    s.create_method(None, "G-OLD", &MethodFields::named("Nothing left", vec![])).unwrap();
    let d = s.decompose_goal("G-OLD", &WorldState::new()).unwrap();
    assert_eq!((d.tree.method.as_str(), d.actions.len()), ("M-1", 0));
    assert!(s.integrity_report().unwrap().is_ok());
}
