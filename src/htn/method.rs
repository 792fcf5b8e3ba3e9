//! Methods: one way to achieve a goal, as a list of subtasks (sub-goals to decompose
//! further, or actions to perform), applicable when all its conditions hold.

use crate::domain::{check_not_blank, check_priority, first_bad_condition, Condition, Entity, Invalid, PRIORITY_DEFAULT};
use serde::{Deserialize, Serialize};

/// A compound subtask (a goal, decomposed by its own methods) or a primitive one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SubtaskKind {
    Goal,
    Action,
}

impl SubtaskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubtaskKind::Goal => "goal",
            SubtaskKind::Action => "action",
        }
    }

    pub fn parse(text: &str) -> Option<SubtaskKind> {
        match text {
            "goal" => Some(SubtaskKind::Goal),
            "action" => Some(SubtaskKind::Action),
            _ => None,
        }
    }
}

/// One entry of a method's subtask list: `{"kind": "action", "key": "A-QA"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Subtask {
    pub kind: SubtaskKind,
    /// The goal's or the action's key.
    pub key: String,
}

impl Subtask {
    pub fn goal(key: &str) -> Subtask {
        Subtask { kind: SubtaskKind::Goal, key: key.to_owned() }
    }

    pub fn action(key: &str) -> Subtask {
        Subtask { kind: SubtaskKind::Action, key: key.to_owned() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MethodFields {
    pub name: String,
    /// 1–10; among a goal's methods, higher priority is tried first (then by key).
    pub priority: u8,
    /// `true`: each subtask starts after the previous one ends. `false`: the subtasks
    /// are unordered, and a plan orders only what interferes (see docs/htn.md).
    #[serde(default = "yes")]
    pub ordered: bool,
    /// All must hold, in the state the goal is decomposed in, for the method to apply.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// Decomposed in list order; may be empty (the goal needs nothing more).
    #[serde(default)]
    pub subtasks: Vec<Subtask>,
}

fn yes() -> bool {
    true
}

impl MethodFields {
    pub fn named(name: &str, subtasks: Vec<Subtask>) -> MethodFields {
        MethodFields { name: name.to_owned(), priority: PRIORITY_DEFAULT, ordered: true, conditions: Vec::new(), subtasks }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Method {
    pub key: String,
    /// The goal this method achieves.
    pub goal: String,
    #[serde(flatten)]
    pub fields: MethodFields,
}

impl MethodFields {
    /// A method's own fields, as the store and the importer check them.
    pub fn validate(&self, key: &str) -> Result<(), Invalid> {
        check_method_fields(self).map_err(|(field, reason)| Invalid::new(Entity::Method, key, field, reason))
    }
}

/// The first problem with a method's own fields, as (field, reason). References to
/// goals and actions are the store's to check.
pub fn check_method_fields(f: &MethodFields) -> Result<(), (String, String)> {
    check_not_blank(&f.name).map_err(|r| ("name".to_owned(), r))?;
    check_priority(f.priority).map_err(|r| ("priority".to_owned(), r))?;
    if let Some((i, reason)) = first_bad_condition(&f.conditions) {
        return Err((format!("conditions[{i}]"), reason));
    }
    for (i, s) in f.subtasks.iter().enumerate() {
        if let Err(reason) = crate::domain::Key::parse(&s.key) {
            return Err((format!("subtasks[{i}].key"), reason));
        }
    }
    Ok(())
}
