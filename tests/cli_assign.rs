//! `mabos-planner-cli assign` as a script would use it: dry run, JSON, apply, undo.


mod common;
use common::cli::Cli;

#[test]
fn dry_run_writes_nothing_and_apply_is_one_undo_step() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let before = cli.ok(&["export", "workspace"]);

    let dry: serde_json::Value = serde_json::from_str(&cli.ok(&["assign", "--dry-run", "--json"])).unwrap();
    assert_eq!(dry["applied"], false);
    let planned = dry["assignments"].as_array().unwrap();
    assert!(!planned.is_empty(), "{dry}");
    let sum: u64 = planned.iter().map(|a| a["score"]["total"].as_u64().unwrap()).sum();
    assert_eq!(dry["total_score"].as_u64().unwrap(), sum);
    assert_eq!(cli.ok(&["export", "workspace"]), before);

    let text = cli.ok(&["assign"]);
    assert!(text.ends_with("applied as one undoable step\n"), "{text}");
    // Every pair the dry run proposed is now in the workspace, and every rule holds.
    let after: serde_json::Value = serde_json::from_str(&cli.ok(&["export", "workspace"])).unwrap();
    for a in planned {
        let line = format!("{} → {}  score {}", a["task"].as_str().unwrap(), a["agent"].as_str().unwrap(), a["score"]["total"]);
        assert!(text.contains(&line), "{line} not in {text}");
        let task = after["tasks"].as_array().unwrap().iter().find(|t| t["key"] == a["task"]).unwrap();
        assert_eq!(task["assignee"], a["agent"]);
    }
    assert!(cli.ok(&["check"]).contains("ok: 0 problem(s)"));

    assert!(cli.ok(&["undo"]).starts_with("undid workspace assignment assignment_applied"));
    assert_eq!(cli.ok(&["export", "workspace"]), before);
}

#[test]
fn an_empty_workspace_has_nothing_to_assign() {
    let cli = Cli::new();
    assert_eq!(cli.ok(&["assign"]), "total score 0: 0 assigned, 0 unassigned; nothing to assign\n");
    let json: serde_json::Value = serde_json::from_str(&cli.ok(&["assign", "--json"])).unwrap();
    assert_eq!(json["applied"], false);
    assert_eq!(json["assignments"], serde_json::json!([]));
    assert_eq!(cli.ok(&["events"]), "", "an empty round logs no event");
}
