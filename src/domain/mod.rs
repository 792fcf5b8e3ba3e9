//! The domain model: plain data types and the rules that need no database.
//!
//! Every entity is named by a human-readable [`Key`]; integer ids stay inside the store.
//! Knows nothing about SQL, files or the engines: every other module builds on it.

/// An enum stored and exported as fixed lower-case text.
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

mod action;
mod agent_report;
mod author;
mod agent;
mod assignment_conflict;
mod bulk;
mod condition;
mod decomposition_failure;
mod entity;
mod event;
mod goal;
mod graph_path;
mod integrity;
mod invalid;
mod key;
mod plan;
mod scalar;
mod task;
mod validation;
mod work_offer;

pub use action::*;
pub use agent_report::{AgentReport, BridgeBacklog, ReportApplied, ReportStatus};
pub use author::Author;
pub use agent::*;
pub use assignment_conflict::AssignmentConflict;
pub use bulk::{BulkAssignment, GoalBulkEdit, NewParent, SelectionProblem, TaskRefusal, MAX_BULK_KEYS};
pub use condition::*;
pub use decomposition_failure::{GoalFailure, GoalFailureReason, MethodAttempt, MethodFailure};
pub use entity::Entity;
pub use event::{Event, HistoryEntry};
pub use goal::*;
pub use graph_path::path;
pub use integrity::{Finding, IntegrityReport};
pub use invalid::{check, check_conditions, check_deadline, check_effects, Invalid};
pub use key::*;
pub use plan::*;
pub use scalar::*;
pub use task::*;
pub use validation::{check_capability_list, check_fact};
pub use work_offer::TaskReadiness;
