//! `export tasks` and `import-tasks`: tasks as CSV from a script (docs/csv.md).

mod common;
use common::cli::Cli;

/// A database holding the demo workspace without its tasks, as a JSON import.
fn demo_without_tasks(demo: &Cli) -> Cli {
    let mut doc: serde_json::Value = serde_json::from_str(&demo.ok(&["export", "workspace"])).unwrap();
    doc["tasks"] = serde_json::json!([]);
    let other = Cli::new();
    let file = other.path("workspace.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    other.ok(&["import", file.to_str().unwrap()]);
    other
}

#[test]
fn export_then_import_gives_the_same_tasks() {
    let demo = Cli::with_demo();
    let text = demo.ok(&["export", "tasks"]);
    assert!(text.starts_with("key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on,"));
    let file = demo.path("tasks.csv");
    demo.ok(&["export", "tasks", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    let other = demo_without_tasks(&demo);
    assert_eq!(other.ok(&["export", "tasks"]).lines().count(), 1, "the header alone");
    let rows = text.matches("\r\n").count() - 1;
    let report = other.ok(&["import-tasks", file.to_str().unwrap()]);
    assert!(report.starts_with(&format!("{{\"tasks\":{rows},\"dependencies\":")), "{report}");
    assert_eq!(other.ok(&["export", "tasks"]), text);
    assert_eq!(other.ok(&["export", "workspace"]), demo.ok(&["export", "workspace"]));
    assert!(other.ok(&["check"]).contains("ok"));
    // One undoable step.
    assert!(other.ok(&["undo"]).contains("workspace tasks imported"));
    assert_eq!(other.ok(&["export", "tasks"]).lines().count(), 1);
}

#[test]
fn filters_and_standard_input() {
    let demo = Cli::with_demo();
    let done = demo.ok(&["export", "tasks", "--status", "done"]);
    assert!(done.split("\r\n").skip(1).filter(|r| !r.is_empty()).all(|r| r.contains(",done,")), "{done}");
    assert!(demo.outcome(2, &["export", "tasks", "--status", "finished"]).1.contains("todo, in_progress, done, failed, blocked"));

    let other = Cli::new();
    let text = "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on\n\
                T-1,\"Read, then \"\"write\"\"\",\"two\nlines\",todo,5,1.5,,,,,,\n";
    let out = other.run_with_stdin(&["import-tasks", "-"], text);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(other.ok(&["export", "tasks"]).contains("\r\nT-1,\"Read, then \"\"write\"\"\",\"two\nlines\",todo,5,1.5,"));
}

/// A refused file's problems are listed one per line by row and column; nothing is written.
#[test]
fn import_lists_every_problem_and_writes_nothing() {
    let cli = Cli::with_demo();
    let before = cli.ok(&["export", "workspace"]);
    let file = cli.path("bad.csv");
    std::fs::write(
        &file,
        "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on\r\n\
         T-100,Fine,,todo,5,1,,,,,,\r\n\
         T-101,,,todo,high,1,,G-NOPE,,,,\r\n\
         T-1,Taken,,todo,5,1,,,,,,T-100\r\n",
    )
    .unwrap();
    let stderr = cli.fails(&["import-tasks", file.to_str().unwrap()]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].contains("4 problems"), "{stderr}");
    assert!(lines[1].starts_with("/rows/3/title: "), "{stderr}");
    assert!(lines[2].starts_with("/rows/3/priority: "), "{stderr}");
    assert!(lines[3].starts_with("/rows/3/goal: "), "{stderr}");
    assert!(lines[4].starts_with("/rows/4/key: ") && lines[4].contains("already exists"), "{stderr}");
    assert_eq!(cli.ok(&["export", "workspace"]), before);
}

#[test]
fn refuses_non_utf8_empty_and_irregular_files() {
    let cli = Cli::new();
    let file = cli.path("latin1.csv");
    std::fs::write(&file, b"key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on\nT-1,Caf\xe9,,todo,5,1,,,,,,\n").unwrap();
    assert!(cli.fails(&["import-tasks", file.to_str().unwrap()]).contains("not UTF-8"));
    std::fs::write(&file, "").unwrap();
    assert!(cli.fails(&["import-tasks", file.to_str().unwrap()]).contains("the file is empty"));
    assert!(cli.fails(&["import-tasks", "/dev/zero"]).contains("not a regular file"));
    assert_eq!(cli.ok(&["export", "tasks"]).lines().count(), 1);
}
