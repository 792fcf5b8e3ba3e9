//! The planning subcommands as a script would use them: exit codes, text, JSON.

use mabos_planner::{Condition, Effect, GoalFields, Op, Store, Value};

mod common;
use common::cli::Cli;

const START: &str = "2027-01-04T09:00:00Z";

#[test]
fn validate_plan_exits_0_when_valid_and_1_when_not() {
    let cli = Cli::with_demo();
    let text = cli.exits(0, &["validate-plan", "P-STORE", "--start", START]);
    assert!(text.starts_with("plan P-STORE (goal G-SHOP): valid\n"), "{text}");
    assert!(text.contains("S7 (A-SETUP-PAY) needs pci.certified = true: from S6: true"), "{text}");

    let text = cli.exits(1, &["validate-plan", "P-PRICING", "--start", START]);
    assert!(text.contains("INVALID") && text.contains("cost 2300 of a budget of 2000 — OVER BUDGET"), "{text}");
}

#[test]
fn validate_plan_json_parses_and_a_state_file_replaces_the_preconditions() {
    let cli = Cli::with_demo();
    let json = cli.exits(0, &["validate-plan", "P-CAMPAIGN", "--json", "--start", START]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["start_state"], serde_json::json!({ "store.live": true }));

    // Starting from a state where the store is not live breaks every step that needs it.
    let state = cli.path("state.json");
    std::fs::write(&state, r#"{"store.live": false}"#).unwrap();
    let json = cli.exits(1, &["validate-plan", "P-CAMPAIGN", "--json", "--state", state.to_str().unwrap(), "--start", START]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let broken: Vec<&str> = report["broken_steps"].as_array().unwrap().iter().map(|b| b["step"].as_str().unwrap()).collect();
    assert_eq!(broken, ["S3", "S4", "S5"]);
    assert_eq!(report["unmet_preconditions"][0]["readings"][0], serde_json::json!({ "value": false, "from": { "kind": "start" }, "holds": false }));
}

#[test]
fn errors_exit_1_with_a_message() {
    let cli = Cli::with_demo();
    let out = cli.run(&["validate-plan", "P-NONE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no plan has the key \"P-NONE\""));
    let out = cli.run(&["validate-plan", "P-STORE", "--start", "tomorrow"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--start must be an RFC 3339 time"));
    let bad = cli.path("bad.json");
    std::fs::write(&bad, "[1, 2]").unwrap();
    let out = cli.run(&["validate-plan", "P-STORE", "--state", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a start state is a JSON object of facts"));
    assert_eq!(cli.run(&["critical-path", "P-NONE"]).status.code(), Some(1));
}

#[test]
fn critical_path_text_and_json() {
    let cli = Cli::with_demo();
    let text = cli.exits(0, &["critical-path", "P-STORE"]);
    assert!(text.starts_with("plan P-STORE: 138 h, cost 19300\ncritical steps: S1, S4, S7, S8, S9, S10\n"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&cli.exits(0, &["critical-path", "P-STORE", "--json"])).unwrap();
    assert_eq!(json["duration_hours"], 138.0);
    let s2 = json["steps"].as_array().unwrap().iter().find(|s| s["step"] == "S2").unwrap();
    assert_eq!((s2["slack"].as_f64(), s2["critical"].as_bool()), (Some(94.0), Some(false)));
}

#[test]
fn conflicts_exit_0_when_none() {
    let cli = Cli::with_demo();
    assert_eq!(cli.exits(0, &["conflicts"]), "no goal conflicts\n");
    let json: serde_json::Value = serde_json::from_str(&cli.exits(0, &["conflicts", "--json"])).unwrap();
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn conflicts_exit_1_and_name_both_goals() {
    let cli = Cli::new();
    {
        let mut store = Store::open(&cli.path("planner.db")).unwrap();
        let mut sale = GoalFields::titled("Clearance sale");
        sale.effects = vec![Effect::new("price.level", Value::Int(70))];
        store.create_goal(Some("G-SALE"), None, &sale).unwrap();
        let mut margin = GoalFields::titled("Protect margins");
        margin.postconditions = vec![Condition::new("price.level", Op::Ge, Value::Int(90))];
        store.create_goal(Some("G-MARGIN"), None, &margin).unwrap();
    }
    let text = cli.exits(1, &["conflicts"]);
    assert_eq!(text, "G-SALE sets price.level = 70, which fails G-MARGIN's postcondition price.level ≥ 90\n");
    let json: serde_json::Value = serde_json::from_str(&cli.exits(1, &["conflicts", "--json"])).unwrap();
    assert_eq!(json[0]["goal"], "G-SALE");
    assert_eq!(json[0]["other"], "G-MARGIN");
}
