//! Drawings of the workspace's graphs for the app: the goal graph (tree and
//! dependencies) and a plan's step graph, read from the store and placed by
//! [`crate::layout`]. Depends on both; neither knows about it.

mod goal_graph;
mod plan_graph;

pub use goal_graph::{goal_graph, GoalGraph, GoalLink};
pub use plan_graph::{plan_graph, PlanGraph};

use crate::layout::{layered_with_progress, Layout, LayoutInput, LayoutOptions, LayoutProgress, NodeBox};
use crate::Result;
use serde::Deserialize;

/// The size of a node's box as the UI draws it.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NodeSize {
    pub width: f64,
    pub height: f64,
}

/// What the UI asks for: its node size, and for a stable re-layout the drawing it shows
/// now (so that a small edit moves few nodes).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DiagramRequest {
    pub node: NodeSize,
    #[serde(default)]
    pub previous: Option<Layout>,
}

/// Lays out `ids` joined by `edges` (which must form a DAG) at the requested size.
fn lay_out(
    ids: impl Iterator<Item = String>,
    edges: Vec<crate::layout::EdgeSpec>,
    request: &DiagramRequest,
    progress: &mut dyn FnMut(LayoutProgress),
) -> Result<Layout> {
    let nodes = ids.map(|id| NodeBox { id, width: request.node.width, height: request.node.height }).collect();
    let input = LayoutInput { nodes, edges };
    Ok(layered_with_progress(&input, &LayoutOptions::default(), request.previous.as_ref(), progress)?)
}
