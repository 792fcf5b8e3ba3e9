//! `import-pddl`, `export-pddl` and `export-pddl-plan` as a script runs them: a PDDL
//! problem imported, solved, exported with its plan, and the export imported again into
//! a fresh database with the same actions.

mod common;
use common::cli::Cli;

fn data(name: &str) -> String {
    format!("{}/tests/data/pddl/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The actions of a workspace export, without their descriptions (which name the PDDL
/// action the import read, a schema the first time and a ground action the second).
fn actions(cli: &Cli) -> Vec<serde_json::Value> {
    let mut doc: serde_json::Value = serde_json::from_str(&cli.ok(&["export", "workspace"])).unwrap();
    let mut actions = doc["actions"].as_array_mut().unwrap().clone();
    for a in &mut actions {
        a.as_object_mut().unwrap().remove("description");
    }
    actions
}

#[test]
fn import_solve_export_and_import_again() {
    let cli = Cli::new();
    let report = cli.ok(&["import-pddl", &data("blocks-domain.pddl"), &data("blocks-problem.pddl")]);
    assert!(report.contains("\"actions\":40") && report.contains("\"goals\":1") && report.contains("\"facts\":6"), "{report}");
    let plan = cli.ok(&["synth", "blocks-4", "--save"]);
    assert!(plan.starts_with("plan for blocks-4 by A* (optimal): cost 8, 8 step(s)"), "{plan}");
    let (domain, problem, plan_file) = (cli.path("d.pddl"), cli.path("p.pddl"), cli.path("plan.txt"));
    cli.ok(&["export-pddl", "blocks-4", "--domain", domain.to_str().unwrap(), "--problem", problem.to_str().unwrap()]);
    cli.ok(&["export-pddl-plan", "P-1", "-o", plan_file.to_str().unwrap()]);
    let lines: Vec<String> = std::fs::read_to_string(&plan_file).unwrap().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 9, "{lines:?}");
    assert_eq!(lines[0], "(unstack__d__c)");
    assert_eq!(lines[8], "; cost = 8 (unit cost)");
    let domain_text = std::fs::read_to_string(&domain).unwrap();
    assert!(domain_text.contains("(:action unstack__d__c\n    :parameters ()\n    :precondition (and (on__d__c) (clear__d) (handempty))"), "{domain_text}");

    let again = Cli::new();
    again.ok(&["import-pddl", domain.to_str().unwrap(), problem.to_str().unwrap()]);
    assert_eq!(actions(&again), actions(&cli));
    assert!(again.ok(&["synth", "blocks-4"]).starts_with("plan for blocks-4 by A* (optimal): cost 8, 8 step(s)"));
    // The import was one step.
    assert!(again.ok(&["undo"]).starts_with("undid workspace workspace imported"));
    assert_eq!(again.ok(&["export", "workspace"]).matches("\"key\"").count(), 0);
}

#[test]
fn refusals_exit_1_with_the_place() {
    let cli = Cli::new();
    let err = cli.fails(&["import-pddl", &data("refused-when.pddl"), &data("blocks-problem.pddl")]);
    assert!(err.contains("domain 7:13: (when …) needs the requirement :conditional-effects"), "{err}");
    // The demo's facts are not all true or false: exporting its library says which.
    let demo = Cli::with_demo();
    let d = demo.path("d.pddl");
    let err = demo.fails(&["export-pddl", "G-EXPRESS", "--domain", d.to_str().unwrap(), "--problem", d.to_str().unwrap()]);
    assert!(err.contains("PDDL facts are true or false") || err.contains("is not a test of a true-or-false fact"), "{err}");
    assert!(!d.exists());
}
