//! Watching a running search and stopping it: what a window needs to show a progress bar
//! and a Cancel button while the search runs on another thread.

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How far a running search has come.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SearchProgress {
    pub nodes_expanded: u64,
    /// Distinct states generated so far (the start included).
    pub nodes_generated: u64,
    /// A*: the highest f expanded so far. With an admissible heuristic no plan is cheaper,
    /// so it climbs towards the cost of the plan the search will return. Greedy: the
    /// lowest estimate reached so far (it falls towards 0 as the search nears the target).
    pub best_f: f64,
    pub elapsed_ms: f64,
    /// The limits the search runs under, so a bar can show the nearer one.
    pub max_nodes: u64,
    pub time_limit_ms: u64,
}

/// The caller's side of a running search. [`SearchControl::none`] watches nothing.
pub struct SearchControl<'a> {
    /// Set it (from any thread) to stop the search; it ends as cancelled within about
    /// 64 expansions.
    pub cancel: Option<&'a AtomicBool>,
    /// Called on the search's thread at most once per `interval`, and once at the start.
    pub on_progress: Option<&'a mut dyn FnMut(&SearchProgress)>,
    pub interval: Duration,
}

impl<'a> SearchControl<'a> {
    pub fn none() -> SearchControl<'static> {
        SearchControl { cancel: None, on_progress: None, interval: Duration::MAX }
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancel.is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    pub(crate) fn report(&mut self, progress: &SearchProgress) {
        if let Some(report) = self.on_progress.as_mut() {
            report(progress);
        }
    }
}
