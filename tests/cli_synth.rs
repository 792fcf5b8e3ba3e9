//! `mabos-planner-cli synth` as a script would use it: exit codes, stdout, stderr, files.


mod common;
use common::cli::Cli;

#[test]
fn prints_the_cheapest_plan_with_its_order() {
    let cli = Cli::with_demo();
    let out = cli.ok(&["synth", "G-EXPRESS"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("plan for G-EXPRESS by A* (optimal): cost 4000, 5 step(s), "), "{out}");
    assert_eq!(
        lines[1..],
        [
            "  S1 A-TRACKING Build the parcel tracking page (cost 600)",
            "  S2 A-COURIER-ZONES Map courier delivery zones (cost 400)",
            "  S3 A-COURIER-RATES Negotiate express courier rates (cost 1200)",
            "  S4 A-COURIER-API Integrate the courier booking API (cost 1500)",
            "  S5 A-LATE-CUTOFF Move the picking cut-off to 14:00 (cost 300)",
            "edges: S1 → S4, S2 → S3, S3 → S4, S4 → S5",
        ]
    );
    // Greedy takes the one expensive step.
    let greedy = cli.ok(&["synth", "G-EXPRESS", "--greedy", "--agents-only"]);
    assert!(greedy.starts_with("plan for G-EXPRESS by greedy (not optimal): cost 9000, 1 step(s), "), "{greedy}");
}

#[test]
fn save_stores_a_draft_plan_that_undo_removes() {
    let cli = Cli::with_demo();
    let out = cli.ok(&["synth", "G-EXPRESS", "--save"]);
    assert!(out.ends_with("saved as draft plan P-1\n"), "{out}");
    let plan: serde_json::Value = serde_json::from_str(&cli.ok(&["export", "plan", "P-1"])).unwrap();
    assert_eq!(plan["plans"][0]["status"], "draft");
    assert_eq!(plan["plans"][0]["steps"].as_array().unwrap().len(), 5);
    assert_eq!(plan["plans"][0]["edges"].as_array().unwrap().len(), 4);
    assert!(cli.ok(&["check"]).contains("ok:"));
    assert!(cli.ok(&["undo"]).starts_with("undid plan P-1 created"));
    assert!(cli.outcome(1, &["export", "plan", "P-1"]).1.contains("no plan has the key \"P-1\""));
}

#[test]
fn json_output_carries_the_outcome_and_the_saved_key() {
    let cli = Cli::with_demo();
    let out: serde_json::Value = serde_json::from_str(&cli.ok(&["synth", "G-EXPRESS", "--json", "--save"])).unwrap();
    assert_eq!(out["outcome"]["kind"], "found");
    assert_eq!(out["outcome"]["plan"]["cost"], 4000.0);
    assert_eq!(out["start"], serde_json::json!({ "warehouse.open": true }));
    assert_eq!(out["saved"], "P-1");
}

#[test]
fn no_plan_exits_1_and_says_why() {
    let cli = Cli::with_demo();
    let (_, stderr) = cli.outcome(1, &["synth", "G-REV"]);
    assert_eq!(stderr, "error: no plan for goal G-REV: postconditions[0] revenue.target_met = true does not hold at the start and no action can make it hold\n");
    let (_, stderr) = cli.outcome(1, &["synth", "G-SHOP", "--max-nodes", "5"]);
    assert!(stderr.starts_with("error: no plan for goal G-SHOP: no plan within the node budget of 5 (5 nodes expanded in "), "{stderr}");
    let (stdout, _) = cli.outcome(1, &["synth", "G-SHOP", "--time-limit-ms", "0", "--json"]);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(out["outcome"], serde_json::json!({ "kind": "limit_reached", "limit": "time_limit" }));
    assert_eq!(out["saved"], serde_json::Value::Null);
    // --save with no plan saves nothing.
    cli.outcome(1, &["synth", "G-REV", "--save"]);
    assert!(cli.outcome(1, &["export", "plan", "P-1"]).1.contains("P-1"));
}

#[test]
fn a_start_state_file_replaces_the_preconditions() {
    let cli = Cli::with_demo();
    let state = cli.path("state.json");
    std::fs::write(&state, r#"{"warehouse.open": true, "zones.mapped": true, "courier.contracted": true}"#).unwrap();
    let out = cli.ok(&["synth", "G-EXPRESS", "--state", state.to_str().unwrap()]);
    assert!(out.starts_with("plan for G-EXPRESS by A* (optimal): cost 2400, 3 step(s)"), "{out}");
    std::fs::write(&state, "[1, 2]").unwrap();
    assert!(cli.outcome(1, &["synth", "G-EXPRESS", "--state", state.to_str().unwrap()]).1.contains("not a JSON object of facts"));
    assert!(cli.outcome(1, &["synth", "G-NOPE"]).1.contains("no goal has the key \"G-NOPE\""));
}
