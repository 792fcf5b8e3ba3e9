//! Reasoning over plans and goals that needs no database: whether a plan's partial order
//! guarantees every step's preconditions (validation), when each step can run (critical
//! path and slack), and which goals' effects undo other goals' postconditions (conflicts).
//!
//! Pure functions over domain types; the `Store` methods that load their inputs live in
//! `ops/planning.rs`. Semantics: docs/planning.md.

mod conflicts;
mod critical_path;
mod last_writers;
mod order;
mod totals;
mod validate;
mod validation_report;

pub use conflicts::{goal_conflicts, GoalConflict, GoalOutcome};
pub use critical_path::{critical_path, CriticalPath, StepSchedule};
pub use totals::plan_totals;
pub use validate::{facts_of, validate_plan, ValidationInput};
pub use validation_report::*;
