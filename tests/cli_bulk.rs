//! The bulk gestures from the command line, as a script would use them: several tasks
//! to one agent, several goals edited, several steps removed; each one undo step, and a
//! refusal that writes nothing names every entity at fault.

mod common;
use common::cli::Cli;
use serde_json::Value;

fn workspace(cli: &Cli) -> Value {
    serde_json::from_str(&cli.ok(&["export", "workspace"])).unwrap()
}

fn find<'a>(doc: &'a Value, list: &str, key: &str) -> &'a Value {
    doc[list].as_array().unwrap().iter().find(|e| e["key"] == key).unwrap_or_else(|| panic!("{list} {key}"))
}

#[test]
fn tasks_go_to_an_agent_in_one_step_and_the_refused_are_named() {
    let cli = Cli::with_demo();
    let before = cli.ok(&["export", "workspace"]);
    // AG-2 lacks devops, which T-10 needs: T-22 goes in, T-10 is named and stays.
    let done: Value = serde_json::from_str(&cli.ok(&["assign-tasks", "T-10", "T-22", "--to", "AG-2", "--json"])).unwrap();
    assert_eq!(done["assigned"], serde_json::json!(["T-22"]));
    assert_eq!(done["refused"][0]["task"], "T-10");
    assert_eq!(done["refused"][0]["capability"], "devops");
    let after = workspace(&cli);
    assert_eq!(find(&after, "tasks", "T-22")["assignee"], "AG-2");
    assert!(find(&after, "tasks", "T-10")["assignee"].is_null());
    cli.ok(&["undo"]);
    assert_eq!(cli.ok(&["export", "workspace"]), before, "one undo step takes the whole gesture back");

    let text = cli.ok(&["assign-tasks", "T-10", "T-20", "--to", "AG-1"]);
    assert_eq!(text, "assigned to AG-1: T-10, T-20\n");
    assert_eq!(cli.ok(&["assign-tasks", "T-10", "T-20", "--unassign"]), "unassigned: T-10, T-20\n");
}

#[test]
fn a_bulk_assignment_the_agent_can_take_none_of_fails_and_writes_nothing() {
    let cli = Cli::with_demo();
    let before = cli.ok(&["export", "workspace"]);
    let err = cli.fails(&["assign-tasks", "T-10", "--to", "AG-2"]);
    assert!(err.contains("T-10") && err.contains("devops"), "{err}");
    assert!(cli.fails(&["assign-tasks", "T-NOPE", "--to", "AG-1"]).contains("T-NOPE"));
    // Neither an agent nor --unassign, or both: refused by the parser.
    cli.exits(2, &["assign-tasks", "T-10"]);
    cli.exits(2, &["assign-tasks", "T-10", "--to", "AG-1", "--unassign"]);
    assert_eq!(cli.ok(&["export", "workspace"]), before);
    // An unknown task among known ones is named; the others go in.
    let text = cli.ok(&["assign-tasks", "T-10", "T-NOPE", "--to", "AG-1"]);
    assert!(text.starts_with("assigned to AG-1: T-10
left as it was: ") && text.contains("T-NOPE"), "{text}");
}

#[test]
fn goals_are_edited_together_or_not_at_all() {
    let cli = Cli::with_demo();
    let before = cli.ok(&["export", "workspace"]);
    assert_eq!(cli.ok(&["edit-goals", "G-CATALOG", "G-COMP", "--priority", "2"]), "edited 2 goals: G-CATALOG, G-COMP\n");
    let after = workspace(&cli);
    for key in ["G-CATALOG", "G-COMP"] {
        assert_eq!(find(&after, "goals", key)["priority"], 2, "{key}");
    }
    cli.ok(&["undo"]);
    assert_eq!(cli.ok(&["export", "workspace"]), before, "one undo step");

    // Every goal at fault is named, and none is changed.
    let err = cli.fails(&["edit-goals", "G-CATALOG", "G-COMP", "--priority", "11"]);
    assert!(err.contains("G-CATALOG: goal G-CATALOG: priority") && err.contains("G-COMP: goal G-COMP: priority"), "{err}");
    assert!(cli.fails(&["edit-goals", "G-CATALOG", "--parent", "G-NOPE"]).contains("G-NOPE"));
    assert!(cli.fails(&["edit-goals", "G-CATALOG"]).contains("nothing to change"));
    cli.exits(2, &["edit-goals", "G-CATALOG", "--status", "bogus"]);
    cli.exits(2, &["edit-goals", "G-CATALOG", "--parent", "G-COMP", "--root"]);
    assert_eq!(cli.ok(&["export", "workspace"]), before);
}

#[test]
fn steps_are_removed_with_their_edges_in_one_step() {
    let cli = Cli::with_demo();
    let before = cli.ok(&["export", "workspace"]);
    assert_eq!(cli.ok(&["remove-steps", "P-CAMPAIGN", "S4", "S5"]), "removed 2 steps from P-CAMPAIGN: S4, S5\n");
    let after = workspace(&cli);
    let plan = find(&after, "plans", "P-CAMPAIGN");
    let steps: Vec<&str> = plan["steps"].as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(steps, ["S1", "S2", "S3"]);
    for e in plan["edges"].as_array().unwrap() {
        assert!(!["S4", "S5"].contains(&e["before"].as_str().unwrap()) && !["S4", "S5"].contains(&e["after"].as_str().unwrap()), "{e}");
    }
    cli.ok(&["undo"]);
    assert_eq!(cli.ok(&["export", "workspace"]), before);
    // An unknown step refuses the whole gesture.
    assert!(cli.fails(&["remove-steps", "P-CAMPAIGN", "S1", "S9"]).contains("S9"));
    assert_eq!(cli.ok(&["export", "workspace"]), before);
}
