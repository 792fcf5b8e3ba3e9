//! `search TEXT`: goals, actions, agents and tasks that match, best first.

use crate::output::emit;
use anyhow::Result;
use mabos_planner::{SearchHit, Store};

/// One hit a line, `kind key  label  — context`; JSON lines with `json`.
pub fn run(store: &Store, text: &str, limit: usize, json: bool) -> Result<()> {
    let mut out = String::new();
    for hit in store.search(text, limit)? {
        if json {
            out.push_str(&serde_json::to_string(&hit)?);
        } else {
            out.push_str(&line(&hit));
        }
        out.push('\n');
    }
    emit(&out);
    Ok(())
}

fn line(hit: &SearchHit) -> String {
    let mut line = format!("{:<6} {:<12} {}", hit.kind.as_str(), hit.key, hit.label);
    if !hit.context.is_empty() {
        line.push_str(" — ");
        line.push_str(&hit.context);
    }
    line
}
