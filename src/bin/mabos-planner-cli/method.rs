//! `method add` and `method remove`: editing HTN methods (one gesture each).

use crate::output::emit;
use anyhow::{bail, Context, Result};
use mabos_planner::htn::{MethodFields, Subtask, SubtaskKind};
use mabos_planner::{Condition, Store, PRIORITY_DEFAULT};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Add a method to a goal
    Add {
        /// The goal the method achieves
        goal: String,
        /// Subtasks in order, each `goal:KEY` or `action:KEY`
        #[arg(value_name = "SUBTASK")]
        subtasks: Vec<String>,
        /// What the method is called
        #[arg(long)]
        name: String,
        /// The method's key [default: the next M-n]
        #[arg(long)]
        key: Option<String>,
        /// 1–10; higher is tried first
        #[arg(long, default_value_t = PRIORITY_DEFAULT)]
        priority: u8,
        /// The subtasks may run in any order (plans order only what interferes)
        #[arg(long)]
        unordered: bool,
        /// A condition that must hold, as JSON: '{"key":"region","op":"in","value":["eu"]}' (repeatable)
        #[arg(long, value_name = "JSON")]
        when: Vec<String>,
    },
    /// Remove a method
    Remove {
        /// The method's key
        key: String,
    },
}

pub fn run(store: &mut Store, command: Command) -> Result<()> {
    match command {
        Command::Add { goal, subtasks, name, key, priority, unordered, when } => {
            let conditions = when
                .iter()
                .enumerate()
                .map(|(i, text)| serde_json::from_str::<Condition>(text).with_context(|| format!("--when #{}: not a condition: {text}", i + 1)))
                .collect::<Result<Vec<_>>>()?;
            let subtasks = subtasks.iter().map(|s| subtask(s)).collect::<Result<Vec<_>>>()?;
            let fields = MethodFields { priority, ordered: !unordered, conditions, ..MethodFields::named(&name, subtasks) };
            let method = store.create_method(key.as_deref(), &goal, &fields)?;
            emit(&format!("created method {} for goal {}\n", method.key, method.goal));
        }
        Command::Remove { key } => {
            store.delete_method(&key)?;
            emit(&format!("removed method {key}\n"));
        }
    }
    Ok(())
}

fn subtask(text: &str) -> Result<Subtask> {
    let Some((kind, key)) = text.split_once(':') else {
        bail!("subtask {text:?}: write goal:KEY or action:KEY");
    };
    match SubtaskKind::parse(kind) {
        Some(kind) => Ok(Subtask { kind, key: key.to_owned() }),
        None => bail!("subtask {text:?}: the kind is goal or action, not {kind:?}"),
    }
}
