//! Version 1 of the export format: the document types, field by field.
//!
//! These types are the file format, not the domain model: they change only with a new
//! format version, whatever happens to the domain structs. Value types whose JSON is the
//! same in both (conditions, effects, metrics, capability levels and the text enums) are
//! reused from the domain. docs/json-export.md describes every field.

use crate::domain::{
    CapabilityLevel, Condition, ContributionKind, Effect, GoalKind, GoalMode, GoalStatus, Metric, PlanStatus,
    Refinement, TaskStatus,
};
use crate::htn::Subtask;
use serde::{Deserialize, Serialize};

/// The value of `format` in every file.
pub const FORMAT: &str = "mabos-planner";

/// The version this module describes, the one the exporter writes.
pub const VERSION: u32 = 1;

/// Every version the importer reads.
pub const SUPPORTED_VERSIONS: [u32; 1] = [1];

/// What a file holds: one plan with what it needs, or a whole workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Plan,
    Workspace,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Plan => "plan",
            DocumentKind::Workspace => "workspace",
        }
    }
}

/// A whole export file. Every list is sorted by key (capabilities by name).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub kind: DocumentKind,
    /// RFC 3339 UTC.
    pub exported_at: String,
    /// `mabos-planner <crate version>`.
    pub generator: String,
    #[serde(default)]
    pub capabilities: Vec<CapabilityDoc>,
    #[serde(default)]
    pub agents: Vec<AgentDoc>,
    #[serde(default)]
    pub goals: Vec<GoalDoc>,
    #[serde(default)]
    pub actions: Vec<ActionDoc>,
    /// HTN methods. Optional, and left out when there are none, so that files from
    /// before methods existed read and write unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<MethodDoc>,
    #[serde(default)]
    pub plans: Vec<PlanDoc>,
    #[serde(default)]
    pub tasks: Vec<TaskDoc>,
    /// The recorded world state, sorted by key: workspace files only, and left out
    /// when there are no facts (so that files without it read as before).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::values::effects")]
    pub world_state: Vec<Effect>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityDoc {
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentDoc {
    pub key: String,
    pub name: String,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub experience: u32,
    pub capacity: f64,
    /// Sorted by capability name.
    #[serde(default)]
    pub capabilities: Vec<CapabilityLevel>,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalDoc {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub status: GoalStatus,
    pub priority: u8,
    pub kind: GoalKind,
    pub mode: GoalMode,
    pub refinement: Refinement,
    /// The parent goal's key; `null` for a root.
    #[serde(default)]
    pub parent: Option<String>,
    /// Keys of the goals that must be achieved first, sorted.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Sorted by `to`.
    #[serde(default)]
    pub contributions: Vec<ContributionDoc>,
    /// Conditions and effects keep their order: it is part of their meaning.
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub preconditions: Vec<Condition>,
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub postconditions: Vec<Condition>,
    #[serde(default, deserialize_with = "super::values::effects")]
    pub effects: Vec<Effect>,
    /// Sorted by name.
    #[serde(default)]
    pub metrics: Vec<Metric>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContributionDoc {
    pub to: String,
    pub kind: ContributionKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDoc {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub cost: f64,
    /// In hours.
    pub duration: f64,
    /// Sorted by capability name.
    #[serde(default)]
    pub requires: Vec<CapabilityLevel>,
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub preconditions: Vec<Condition>,
    #[serde(default, deserialize_with = "super::values::effects")]
    pub effects: Vec<Effect>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodDoc {
    pub key: String,
    /// The goal the method achieves.
    pub goal: String,
    pub name: String,
    pub priority: u8,
    #[serde(default = "yes")]
    pub ordered: bool,
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub conditions: Vec<Condition>,
    /// In order: the order is part of the method's meaning.
    #[serde(default)]
    pub subtasks: Vec<Subtask>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDoc {
    pub key: String,
    pub goal: String,
    #[serde(default)]
    pub title: String,
    pub status: PlanStatus,
    pub priority: u8,
    #[serde(default)]
    pub budget: Option<f64>,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub preconditions: Vec<Condition>,
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub postconditions: Vec<Condition>,
    #[serde(default, deserialize_with = "super::values::conditions")]
    pub constraints: Vec<Condition>,
    /// Sorted by key.
    #[serde(default)]
    pub steps: Vec<StepDoc>,
    /// Sorted by `before`, then `after`.
    #[serde(default)]
    pub edges: Vec<EdgeDoc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDoc {
    pub key: String,
    pub action: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeDoc {
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskDoc {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub status: TaskStatus,
    pub priority: u8,
    /// In hours.
    pub effort: f64,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub goal: Option<String>,
    /// The plan step the task was made from.
    #[serde(default)]
    pub step: Option<StepRefDoc>,
    #[serde(default)]
    pub assignee: Option<String>,
    /// Keys of the tasks that must be done first, sorted.
    #[serde(default)]
    pub depends_on: Vec<String>,
    pub created_at: String,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRefDoc {
    pub plan: String,
    pub step: String,
}
