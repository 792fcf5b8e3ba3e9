//! `mabos-planner-cli` as a script runs it: one fresh database per `Cli`, exit codes,
//! stdout and stderr. Exports are pinned with SOURCE_DATE_EPOCH so their bytes compare.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    /// A fresh, empty database.
    pub fn new() -> Cli {
        Cli { dir: tempfile::tempdir().unwrap() }
    }

    /// A fresh database with the demo workspace loaded.
    pub fn with_demo() -> Cli {
        let cli = Cli::new();
        cli.ok(&["demo"]);
        cli
    }

    pub fn db(&self) -> PathBuf {
        self.path("planner.db")
    }

    /// A file beside the database.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("MABOS_PLANNER_DB")
            .env_remove("MABOS_PLANNER_AUTHOR")
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, "")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.exits(0, args)
    }

    /// Runs, expects `code` and no panic; returns stdout.
    pub fn exits(&self, code: i32, args: &[&str]) -> String {
        self.outcome(code, args).0
    }

    /// Runs and expects a clean failure (exit 1, no panic); returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        self.outcome(1, args).1
    }

    /// Runs, expects `code` and no panic; returns (stdout, stderr).
    pub fn outcome(&self, code: i32, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        (String::from_utf8(out.stdout).unwrap(), stderr)
    }
}
