//! Actions: the reusable library that plan steps draw from.

use super::{CapabilityLevel, Condition, Effect};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ActionFields {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub cost: f64,
    /// In hours.
    pub duration: f64,
    /// Capabilities an agent needs, each with its minimum level.
    #[serde(default)]
    pub requires: Vec<CapabilityLevel>,
    #[serde(default)]
    pub preconditions: Vec<Condition>,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

impl ActionFields {
    pub fn named(name: &str, cost: f64, duration: f64) -> ActionFields {
        ActionFields {
            name: name.to_owned(),
            description: String::new(),
            cost,
            duration,
            requires: Vec::new(),
            preconditions: Vec::new(),
            effects: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Action {
    pub key: String,
    #[serde(flatten)]
    pub fields: ActionFields,
}
