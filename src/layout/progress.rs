//! How far a layered layout has got, so that a shell can show a progress bar on big
//! graphs. The units are nodes handled per phase: layering counts every node once,
//! ordering each component's nodes as it finishes, routing every node once more.

use serde::Serialize;

/// The phase a layout is in when it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum LayoutPhase {
    Layering,
    Ordering,
    Routing,
    Done,
}

/// `done` of `total` units of work are finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LayoutProgress {
    pub phase: LayoutPhase,
    pub done: u32,
    pub total: u32,
}

/// Counts units for one layout of `nodes` nodes and hands each step to `report`.
pub(crate) struct Meter<'r> {
    report: &'r mut dyn FnMut(LayoutProgress),
    done: u32,
    total: u32,
}

impl<'r> Meter<'r> {
    pub(crate) fn new(nodes: usize, report: &'r mut dyn FnMut(LayoutProgress)) -> Meter<'r> {
        let total = u32::try_from(nodes.saturating_mul(3)).unwrap_or(u32::MAX);
        Meter { report, done: 0, total }
    }

    /// `units` more are done; the layout is now in `phase`.
    pub(crate) fn advance(&mut self, phase: LayoutPhase, units: usize) {
        self.done = self.done.saturating_add(u32::try_from(units).unwrap_or(u32::MAX)).min(self.total);
        (self.report)(LayoutProgress { phase, done: self.done, total: self.total });
    }

    pub(crate) fn finish(&mut self) {
        self.done = self.total;
        (self.report)(LayoutProgress { phase: LayoutPhase::Done, done: self.total, total: self.total });
    }
}

#[cfg(test)]
mod tests {
    use super::{LayoutPhase, LayoutProgress};
    use crate::layout::{layered_with_progress, EdgeSpec, LayoutInput, LayoutOptions, NodeBox};

    #[test]
    fn progress_rises_to_the_total_and_ends_done() {
        // Two components: a chain of three and a lone node.
        let nodes = ["a", "b", "c", "d"].map(|id| NodeBox { id: id.into(), width: 10.0, height: 10.0 }).to_vec();
        let edges = [("a", "b"), ("b", "c")].map(|(s, t)| EdgeSpec { source: s.into(), target: t.into() }).to_vec();
        let mut seen: Vec<LayoutProgress> = Vec::new();
        layered_with_progress(&LayoutInput { nodes, edges }, &LayoutOptions::default(), None, &mut |p| seen.push(p)).unwrap();
        let steps: Vec<(LayoutPhase, u32)> = seen.iter().map(|p| (p.phase, p.done)).collect();
        use LayoutPhase::*;
        assert_eq!(steps, [(Ordering, 4), (Ordering, 7), (Ordering, 8), (Routing, 8), (Done, 12)]);
        assert!(seen.iter().all(|p| p.total == 12));
    }
}
