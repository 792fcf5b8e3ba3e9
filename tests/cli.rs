//! The CLI as a script would use it: exit codes, stdout, stderr, files.

use std::process::Command;

mod common;
use common::cli::Cli;

/// SOURCE_DATE_EPOCH as the CLI tests pin it (1790000000), in RFC 3339.
const GENERATED_AT: &str = "2026-09-21T14:13:20.000Z";

#[test]
fn demo_export_import_round_trip() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    assert!(cli.ok(&["goals"]).contains("G-REV Grow quarterly revenue"));
    let workspace = cli.ok(&["export", "workspace"]);
    let file = cli.path("workspace.json");
    cli.ok(&["export", "workspace", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), workspace);

    let other = Cli::new();
    other.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(other.ok(&["export", "workspace"]), workspace);
    assert!(other.ok(&["check"]).starts_with("ok:") || other.ok(&["check"]).contains("\nok:"));
}

#[test]
fn export_plan_to_stdout_and_file() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let plan = cli.ok(&["export", "plan", "P-STORE"]);
    assert!(plan.contains("\"P-STORE\""));
    assert!(cli.fails(&["export", "plan", "P-NOPE"]).contains("P-NOPE"));
}

#[test]
fn export_a_plan_report_to_stdout_and_file() {
    let cli = Cli::with_demo();
    let args = ["export", "html", "P-FULFIL", "--now", "2027-01-01T00:00:00Z"];
    let html = cli.ok(&args);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    // Its time is SOURCE_DATE_EPOCH's, as in the JSON export; the timeline starts at --now.
    assert!(html.contains(&format!("<dd class=\"generated-at\">{GENERATED_AT}</dd>")), "{html}");
    assert!(html.contains("Hours from 2027-01-01T00:00:00.000Z"));
    assert!(html.contains("Critical path: S1 → S2"));
    let file = cli.path("p-fulfil.html");
    cli.ok(&[&args[..], &["-o", file.to_str().unwrap()]].concat());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), html);
    assert!(cli.fails(&["export", "html", "P-NOPE"]).contains("P-NOPE"));
    assert!(cli.fails(&["export", "html", "P-FULFIL", "--now", "tomorrow"]).contains("--now"));
}

#[test]
fn undo_and_redo_the_demo() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    assert!(cli.ok(&["undo"]).starts_with("undid"));
    assert_eq!(cli.ok(&["goals"]), "");
    assert!(cli.ok(&["redo"]).starts_with("redid"));
    assert!(cli.ok(&["goals"]).contains("G-REV"));
    assert!(cli.fails(&["redo"]).contains("nothing to redo"));
}

#[test]
fn events_are_json_lines() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    cli.ok(&["undo"]);
    let lines: Vec<serde_json::Value> = cli.ok(&["events"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["kind"], "undo");
    assert_eq!(cli.ok(&["events", "--since", "1"]).lines().count(), 1);
}

#[test]
fn check_fails_on_a_broken_file() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    assert!(cli.ok(&["check", "--json"]).contains("\"problems\": []"));
    let conn = rusqlite::Connection::open(cli.db()).unwrap();
    conn.execute("UPDATE agents SET active = 0 WHERE key = 'AG-1'", []).unwrap();
    drop(conn);
    let out = cli.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("problem [assignment]"));
}

#[test]
fn bad_input_fails_cleanly() {
    let cli = Cli::new();
    let broken = cli.path("broken.json");
    std::fs::write(&broken, "{\"format\": \"mabos-planner\", ").unwrap();
    cli.fails(&["import", broken.to_str().unwrap()]);
    cli.fails(&["import", cli.path("missing.json").to_str().unwrap()]);
    let out = cli.run_with_stdin(&["import", "-"], "[1, 2");
    assert_eq!(out.status.code(), Some(1));
    // A database path that cannot be a file.
    let out = Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli")).args(["--db", "/proc/nope/x.db", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Unknown subcommands and flags are clap's usage errors (exit 2).
    assert_eq!(cli.run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn layout_reads_stdin_and_writes_the_contract() {
    let cli = Cli::new();
    let input = r#"{"nodes":[{"id":"a","width":100,"height":40},{"id":"b","width":100,"height":40}],"edges":[{"source":"a","target":"b"}]}"#;
    let out = cli.run_with_stdin(&["layout"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["crossings"], 0);
    assert!(v["nodes"][1]["y"].as_f64().unwrap() > v["nodes"][0]["y"].as_f64().unwrap());
    let bad = cli.run_with_stdin(&["layout"], "{\"nodes\": 3}");
    assert_eq!(bad.status.code(), Some(1));
    // `layout` on its own (no --db) takes a shorter way in, with the same output.
    let alone = |stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli"))
            .arg("layout")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    assert_eq!(alone(input).stdout, out.stdout);
    let bad_alone = alone("{\"nodes\": 3}");
    assert_eq!((bad_alone.status.code(), bad_alone.stderr), (Some(1), bad.stderr));
}

#[test]
fn help_is_complete() {
    let cli = Cli::new();
    let help = cli.ok(&["--help"]);
    for sub in ["init", "demo", "import", "export", "check", "events", "undo", "redo", "layout", "bridge"] {
        assert!(help.contains(sub), "{sub} missing from --help");
    }
}

/// `bridge` hands over to the bridge's own binary (`$MABOS_PLANNER_BRIDGE` here) with the
/// database, the server and the verbosity, and says how to build it when it is missing.
#[test]
fn bridge_runs_the_bridge_binary_in_its_place() {
    use std::os::unix::fs::PermissionsExt;
    let cli = Cli::new();
    let fake = cli.path("fake-bridge");
    std::fs::write(&fake, "#!/bin/sh\necho \"$@\"\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = |program: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli"))
            .args(["--db", cli.db().to_str().unwrap(), "-vv", "bridge", "--nats", "nats://broker:4222"])
            .env("MABOS_PLANNER_BRIDGE", program)
            .output()
            .unwrap()
    };
    let out = run(&fake);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("--db {} --nats nats://broker:4222 -vv\n", cli.db().display()));
    let missing = run(&cli.path("no-such-bridge"));
    let stderr = String::from_utf8(missing.stderr).unwrap();
    assert_eq!(missing.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no-such-bridge") && stderr.contains("cargo build --release -p mabos-planner-bridge"), "{stderr}");
}

/// Only a regular file is read: a device, a folder or a FIFO is refused at once.
#[test]
fn import_refuses_what_is_not_a_regular_file() {
    let cli = Cli::new();
    assert!(cli.fails(&["import", "/dev/zero"]).contains("not a regular file"));
    let folder = cli.path("folder");
    std::fs::create_dir(&folder).unwrap();
    assert!(cli.fails(&["import", folder.to_str().unwrap()]).contains("a folder"));
    let fifo = cli.path("pipe");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        assert!(cli.fails(&["import", fifo.to_str().unwrap()]).contains("not a regular file"));
    }
}

/// A refused file's problems are listed one per line, each with its JSON pointer.
#[test]
fn import_lists_every_problem_one_per_line() {
    let cli = Cli::new();
    let mut doc: serde_json::Value = serde_json::from_str(include_str!("data/small-workspace.json")).unwrap();
    doc["goals"][0]["priority"] = 11.into();
    doc["goals"][1]["title"] = "\u{0}Shop".into();
    doc["tasks"][0]["effort"] = (-2).into();
    let file = cli.path("bad.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let stderr = cli.fails(&["import", file.to_str().unwrap()]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].contains("3 problems"), "{stderr}");
    assert!(lines[1].starts_with("/goals/0/priority: "), "{stderr}");
    assert!(lines[2].starts_with("/goals/1/title: "), "{stderr}");
    assert!(lines[3].starts_with("/tasks/0/effort: "), "{stderr}");
}
