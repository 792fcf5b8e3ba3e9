//! docs/schema/mabos-planner-v1.schema.json is valid JSON Schema (draft 2020-12) and
//! describes what the exporter writes: exports of both kinds validate against it.

mod common;
use common::rich::rich;
use mabos_planner::*;
use serde_json::{json, Value};

const SCHEMA: &str = include_str!("../docs/schema/mabos-planner-v1.schema.json");

/// Every schema error for `instance`, as text; empty when it validates.
fn schema_errors(instance: &Value) -> String {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema file is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let url = "file:///mabos-planner-v1.schema.json";
    compiler.add_resource(url, schema).unwrap();
    let index = compiler.compile(url, &mut schemas).unwrap_or_else(|e| panic!("not a valid schema: {e:#}"));
    match schemas.validate(instance, index) {
        Ok(()) => String::new(),
        Err(e) => format!("{e:#}"),
    }
}

#[track_caller]
fn check_valid(json: &str) {
    let errors = schema_errors(&serde_json::from_str(json).unwrap());
    assert!(errors.is_empty(), "{errors}");
}

#[test]
fn exports_of_both_kinds_validate() {
    let mut store = Store::open_in_memory().unwrap();
    rich(&mut store);
    check_valid(&store.export_workspace().unwrap());
    check_valid(&store.export_plan("P-SHOP").unwrap());
    check_valid(include_str!("data/small-workspace.json"));
}

#[test]
fn the_schema_refuses_what_the_importer_refuses() {
    let small: Value = serde_json::from_str(include_str!("data/small-workspace.json")).unwrap();
    let check_invalid = |pointer: &str, value: Value| {
        let mut doc = small.clone();
        *doc.pointer_mut(pointer).unwrap() = value;
        assert!(!schema_errors(&doc).is_empty(), "{pointer} accepted");
    };
    check_invalid("/version", json!(2));
    check_invalid("/goals/0/priority", json!(11));
    check_invalid("/goals/0/key", json!("G 1"));
    check_invalid("/goals/3/preconditions/0/value", json!("berlin"));
    check_invalid("/tasks/0/completed_at", Value::Null);
    check_invalid("/tasks/1/completed_at", json!("2026-01-05T00:00:00Z"));
    check_invalid("/agents/0/capabilities/0/level", json!(0));
    check_invalid("/plans/0/deadline", json!("soon"));
    let mut extra = small.clone();
    extra["goals"][0]["colour"] = json!("red");
    assert!(!schema_errors(&extra).is_empty(), "unknown member accepted");
}

#[test]
fn the_world_state_validates_and_plan_files_hold_none() {
    let mut store = Store::open_in_memory().unwrap();
    rich(&mut store);
    store.set_fact("shop.live", mabos_planner::Value::Bool(true)).unwrap();
    store.set_fact("stock.days", mabos_planner::Value::Int(21)).unwrap();
    let workspace: Value = serde_json::from_str(&store.export_workspace().unwrap()).unwrap();
    let facts = workspace["world_state"].as_array().unwrap();
    assert!(facts.contains(&json!({ "key": "stock.days", "value": 21 })), "{facts:?}");
    check_valid(&workspace.to_string());
    let mut plan: Value = serde_json::from_str(&store.export_plan("P-SHOP").unwrap()).unwrap();
    plan["world_state"] = workspace["world_state"].clone();
    assert!(!schema_errors(&plan).is_empty(), "a plan file with facts accepted");
}

#[test]
fn methods_validate_and_bad_ones_are_refused() {
    let demo: Value = serde_json::from_str(&demo::workspace_json().unwrap()).unwrap();
    assert!(!demo["methods"].as_array().unwrap().is_empty());
    let errors = schema_errors(&demo);
    assert!(errors.is_empty(), "{errors}");
    let check_invalid = |pointer: &str, value: Value| {
        let mut doc = demo.clone();
        *doc.pointer_mut(pointer).unwrap() = value;
        assert!(!schema_errors(&doc).is_empty(), "{pointer} accepted");
    };
    check_invalid("/methods/0/priority", json!(0));
    check_invalid("/methods/0/subtasks/0/kind", json!("task"));
    check_invalid("/methods/0/name", json!(" "));
    check_invalid("/methods/0/ordered", json!("yes"));
}
