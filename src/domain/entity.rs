//! The kinds of thing a workspace holds, as errors, events and searches name them.

use serde::Serialize;
use std::fmt;

/// The kinds of thing the store holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Capability,
    Agent,
    Goal,
    Action,
    Plan,
    Step,
    Task,
    /// A fact of the recorded world state.
    Fact,
    Method,
    Workspace,
}

impl Entity {
    /// "a goal", "an agent": the entity with its indefinite article, for messages.
    pub fn with_article(self) -> String {
        let article = if matches!(self, Entity::Agent | Entity::Action) { "an" } else { "a" };
        format!("{article} {}", self.as_str())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Capability => "capability",
            Entity::Agent => "agent",
            Entity::Goal => "goal",
            Entity::Action => "action",
            Entity::Plan => "plan",
            Entity::Step => "step",
            Entity::Task => "task",
            Entity::Fact => "fact",
            Entity::Method => "method",
            Entity::Workspace => "workspace",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

