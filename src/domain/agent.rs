//! Agents and the capabilities they hold.

use serde::{Deserialize, Serialize};

/// A capability with a level: held by an agent, or required by an action.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct CapabilityLevel {
    pub capability: String,
    /// 1 (novice) to 5 (expert); for a requirement, the minimum level.
    pub level: u8,
}

impl CapabilityLevel {
    pub fn new(capability: &str, level: u8) -> CapabilityLevel {
        CapabilityLevel { capability: capability.to_owned(), level }
    }
}

/// The fields of an agent that its form edits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AgentFields {
    pub name: String,
    /// Experience points: completed work, not calendar time.
    #[serde(default)]
    pub experience: u32,
    /// The most open effort (sum of open tasks' effort) the agent should hold.
    pub capacity: f64,
    #[serde(default = "default_true")]
    pub active: bool,
    #[serde(default)]
    pub capabilities: Vec<CapabilityLevel>,
}

fn default_true() -> bool {
    true
}

impl AgentFields {
    pub fn named(name: &str, capacity: f64) -> AgentFields {
        AgentFields { name: name.to_owned(), experience: 0, capacity, active: true, capabilities: Vec::new() }
    }
}

/// An agent with its derived load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Agent {
    pub key: String,
    #[serde(flatten)]
    pub fields: AgentFields,
    /// Sum of the effort of the open tasks (todo, in progress, blocked) assigned to it.
    pub workload: f64,
    /// How many open tasks it holds.
    pub open_tasks: u32,
}

impl Agent {
    pub fn is_over_capacity(&self) -> bool {
        self.workload > self.fields.capacity
    }

    pub fn level_of(&self, capability: &str) -> Option<u8> {
        self.fields.capabilities.iter().find(|c| c.capability == capability).map(|c| c.level)
    }
}

/// A capability and how much uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Capability {
    pub name: String,
    pub agents: u32,
    pub actions: u32,
}
