//! What the CLI prints, and where.

use anyhow::{Context, Result};
use mabos_planner::{GoalNode, IntegrityReport, Store};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Writes to stdout; a closed pipe (`| head`) ends the program quietly instead of
/// panicking, any other failure (a full disk) with a message and exit code 1.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("error: writing standard output: {e}");
            std::process::exit(1);
        }
    }
}

/// Writes `text` to `path` (atomically: see `mabos_planner::fsutil`) or to stdout.
pub fn write_out(path: Option<&Path>, text: &str) -> Result<()> {
    let Some(path) = path else {
        emit(text);
        return Ok(());
    };
    mabos_planner::fsutil::write_atomic(path, text.as_bytes()).with_context(|| format!("writing {}", path.display()))
}

pub fn events(store: &Store, mut since: i64, follow: bool) -> Result<()> {
    loop {
        for event in store.events(since, 1000)? {
            since = event.seq;
            emit(&format!("{}\n", serde_json::to_string(&event)?));
        }
        if !follow {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

pub fn integrity_text(report: &IntegrityReport) -> String {
    let mut out = String::new();
    for f in &report.problems {
        out += &format!("problem [{}]: {}\n", f.rule, f.message);
    }
    for f in &report.warnings {
        out += &format!("warning [{}]: {}\n", f.rule, f.message);
    }
    let counts: Vec<String> = report.counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
    out += &format!(
        "{}: {} problem(s), {} warning(s); {}\n",
        if report.is_ok() { "ok" } else { "FAILED" },
        report.problems.len(),
        report.warnings.len(),
        counts.join(", ")
    );
    out
}

/// The goal tree, indented, with status and priority.
pub fn goal_tree_text(nodes: &[GoalNode]) -> String {
    let mut children: HashMap<Option<&str>, Vec<&GoalNode>> = HashMap::new();
    for n in nodes {
        children.entry(n.parent.as_deref()).or_default().push(n);
    }
    let mut out = String::new();
    let mut stack: Vec<(&GoalNode, usize)> = children.get(&None).into_iter().flatten().rev().map(|n| (*n, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        out += &format!("{}{} {} [{}, p{}, {}]\n", "  ".repeat(depth), n.key, n.title, n.status, n.priority, n.kind);
        stack.extend(children.get(&Some(n.key.as_str())).into_iter().flatten().rev().map(|c| (*c, depth + 1)));
    }
    out
}
