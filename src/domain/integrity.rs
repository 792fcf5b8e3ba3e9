//! The integrity report: what `check` finds when it re-checks every rule from the rows.

use serde::Serialize;

/// One broken rule or warning.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Finding {
    /// What kind of rule: `sqlite`, `foreign_key`, `cycle`, `row`, `assignment`, `json`, `capacity`.
    pub rule: &'static str,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IntegrityReport {
    /// Broken rules: the database is not as the store keeps it.
    pub problems: Vec<Finding>,
    /// Things a planner should look at, which break no rule (agents over capacity).
    pub warnings: Vec<Finding>,
    /// Rows per table.
    pub counts: Vec<(String, i64)>,
}

impl IntegrityReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}
