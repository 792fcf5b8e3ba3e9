//! docs/schema/mabos-planner-v1.schema.json describes what the exporter writes: both
//! kinds of export of the demo workspace validate against it.
//!
//! The checker below covers the keywords the schema uses (type, const, enum, properties,
//! required, additionalProperties, items, minItems, $ref, oneOf, minimum, maximum,
//! minLength, maxLength); patterns are left to full validators.

use mabos_planner::Store;
use serde_json::Value;

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schema/mabos-planner-v1.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "null" => v.is_null(),
        other => panic!("schema uses unknown type {other}"),
    }
}

/// Every place where `value` breaks `schema`, as JSON pointers with a reason.
fn errors(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local refs only");
        return errors(root, &root["$defs"][name], value, at);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let passing = options.iter().filter(|o| errors(root, o, value, at).is_empty()).count();
        if passing != 1 {
            out.push(format!("{at}: matches {passing} of the oneOf options"));
        }
    }
    match schema.get("type") {
        Some(Value::String(t)) if !type_matches(t, value) => out.push(format!("{at}: not {t}")),
        Some(Value::Array(ts)) if !ts.iter().any(|t| type_matches(t.as_str().unwrap(), value)) => out.push(format!("{at}: wrong type")),
        _ => {}
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            out.push(format!("{at}: not {c}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            out.push(format!("{at}: {value} not in enum"));
        }
    }
    if let (Some(n), Some(x)) = (value.as_f64(), schema.get("minimum").and_then(Value::as_f64)) {
        if n < x {
            out.push(format!("{at}: below minimum"));
        }
    }
    if let (Some(n), Some(x)) = (value.as_f64(), schema.get("maximum").and_then(Value::as_f64)) {
        if n > x {
            out.push(format!("{at}: above maximum"));
        }
    }
    if let Some(s) = value.as_str() {
        let len = s.chars().count() as u64;
        if schema.get("minLength").and_then(Value::as_u64).is_some_and(|m| len < m) || schema.get("maxLength").and_then(Value::as_u64).is_some_and(|m| len > m) {
            out.push(format!("{at}: length out of range"));
        }
    }
    if let Some(obj) = value.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !obj.contains_key(required.as_str().unwrap()) {
                out.push(format!("{at}: missing {required}"));
            }
        }
        for (k, v) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => out.extend(errors(root, s, v, &format!("{at}/{k}"))),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => out.push(format!("{at}/{k}: not in the schema")),
                None => {}
            }
        }
    }
    if let Some(items) = value.as_array() {
        if schema.get("minItems").and_then(Value::as_u64).is_some_and(|m| (items.len() as u64) < m) {
            out.push(format!("{at}: too few items"));
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                out.extend(errors(root, item_schema, item, &format!("{at}/{i}")));
            }
        }
    }
    out
}

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    mabos_planner::demo::build(&mut store).unwrap();
    store
}

#[test]
fn exports_validate_against_the_published_schema() {
    let schema = schema();
    let store = demo();
    for text in [store.export_workspace().unwrap(), store.export_plan("P-STORE").unwrap(), store.export_plan("P-PRICING").unwrap()] {
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(errors(&schema, &schema, &doc, ""), Vec::<String>::new());
    }
}

#[test]
fn the_checker_catches_what_the_schema_forbids() {
    let schema = schema();
    let mut doc: Value = serde_json::from_str(&demo().export_workspace().unwrap()).unwrap();
    doc["goals"][0]["priority"] = 11.into();
    doc["goals"][1]["colour"] = "red".into();
    doc["version"] = 2.into();
    doc["actions"][0]["preconditions"] = serde_json::json!([{"key": "x", "op": "like", "value": 1}]);
    let mut found = errors(&schema, &schema, &doc, "");
    found.sort();
    assert_eq!(
        found,
        [
            "/actions/0/preconditions/0/op: \"like\" not in enum",
            "/goals/0/priority: above maximum",
            "/goals/1/colour: not in the schema",
            "/version: not 1",
        ]
    );
}
