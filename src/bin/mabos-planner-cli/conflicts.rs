//! `conflicts [--json]`: goals whose effects fail other goals' (or their own)
//! postconditions; exit code 1 when there is any.

use anyhow::Result;
use mabos_planner::Store;
use std::process::ExitCode;

pub fn run(store: &Store, json: bool) -> Result<ExitCode> {
    let conflicts = store.goal_conflicts()?;
    if json {
        super::output::emit(&format!("{}\n", serde_json::to_string_pretty(&conflicts)?));
    } else if conflicts.is_empty() {
        super::output::emit("no goal conflicts\n");
    } else {
        let mut out = String::new();
        for c in &conflicts {
            let whose = if c.goal == c.other { "its own".to_owned() } else { format!("{}'s", c.other) };
            out += &format!("{} sets {} = {}, which fails {whose} postcondition {}\n", c.goal, c.fact, c.value, c.condition);
        }
        super::output::emit(&out);
    }
    Ok(if conflicts.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
