//! `world [set KEY VALUE | unset KEY]`: the recorded world state.

use crate::output::emit;
use anyhow::{bail, Result};
use mabos_planner::{Store, Value};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    change: Option<Change>,
}

#[derive(clap::Subcommand)]
enum Change {
    /// Record a fact; VALUE is read as JSON (true, 3, 2.5, "text"), anything else as text
    Set { key: String, value: String },
    /// Forget a fact (it becomes unknown)
    Unset { key: String },
}

impl Args {
    /// Setting or removing a fact writes; showing the state only reads.
    pub fn writes(&self) -> bool {
        self.change.is_some()
    }
}

pub fn run(store: &mut Store, args: Args) -> Result<()> {
    match args.change {
        None => {
            let mut out = String::new();
            for (key, value) in store.world_state()? {
                out += &format!("{key} = {}\n", serde_json::to_string(&value)?);
            }
            emit(&out);
        }
        Some(Change::Set { key, value }) => {
            let value = parse_value(&value)?;
            let before = store.set_fact(&key, value.clone())?;
            let was = before.map(|b| format!(" (was {})", json(&b))).unwrap_or_default();
            emit(&format!("{key} = {}{was}\n", json(&value)));
        }
        Some(Change::Unset { key }) => {
            let before = store.unset_fact(&key)?;
            emit(&format!("{key} unset (was {})\n", json(&before)));
        }
    }
    Ok(())
}

fn json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// JSON scalars as themselves; text that is not JSON as text.
fn parse_value(text: &str) -> Result<Value> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v @ (serde_json::Value::Bool(_) | serde_json::Value::Number(_) | serde_json::Value::String(_))) => Ok(serde_json::from_value(v)?),
        Ok(_) => bail!("a fact's value is true, false, a number or a text, not {text}"),
        Err(_) => Ok(Value::Text(text.to_owned())),
    }
}
