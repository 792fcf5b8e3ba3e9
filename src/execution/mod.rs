//! Plan execution: what starting plans, finishing and failing tasks, and repairing them
//! produce, and the rules for it that need no database — progress roll-up over the goal
//! tree, which goal status moves are taken, which library action can stand in for a
//! failed one.
//!
//! The gestures and queries themselves are use cases (`ops/execution.rs`, `ops/world.rs`,
//! `ops/progress.rs`, `ops/repair.rs`, `ops/monitor.rs`); docs/execution.md describes the
//! semantics.

mod goal_moves;
mod monitor;
mod outcome;
mod progress;
mod repair;

pub use goal_moves::{completed_plan_outcome, status_path};
pub(crate) use goal_moves::path_to_in_progress;
pub use monitor::{AgentLoad, BlockedTask, MonitorReport, TaskBrief};
pub use outcome::{FactChange, GoalOutcome, PlanCompleted, PlanStart, RepairApplied, TaskCompletion};
pub use progress::{GoalProgress, PlanProgress, ProgressBasis};
pub(crate) use progress::{roll_up, GoalInput, PlanInput};
pub use repair::{rank_substitutes, repair_options, uncovered_effects, RepairOption, RepairProposal, Substitute, UnusableSubstitute};
