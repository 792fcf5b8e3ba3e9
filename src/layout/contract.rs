//! The layout contract: sized nodes and edges in, node centres and routed edges out.
//!
//! These types are the JSON shapes the UI and the CLI exchange with the core, so their
//! field names are part of the public contract. Coordinates are in the caller's units
//! (pixels in the UI); `x`, `y` are node centres and `y` grows downward.

use serde::{Deserialize, Serialize};

/// A graph to lay out: nodes with their sizes, and directed edges between them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LayoutInput {
    pub nodes: Vec<NodeBox>,
    #[serde(default)]
    pub edges: Vec<EdgeSpec>,
}

/// A node to place: its id and the size of its box.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeBox {
    pub id: String,
    pub width: f64,
    pub height: f64,
}

/// A directed edge between two node ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeSpec {
    pub source: String,
    pub target: String,
}

/// A finished drawing. Nodes come in input order; edges in input order with repeated
/// `(source, target)` pairs drawn once, at their first occurrence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Layout {
    pub nodes: Vec<NodePosition>,
    pub edges: Vec<EdgePath>,
    /// Edge crossings of this drawing, counted between adjacent layers (long edges
    /// count once per layer gap they cross).
    pub crossings: usize,
}

/// Where a node's centre goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NodePosition {
    pub id: String,
    pub x: f64,
    pub y: f64,
}

/// The polyline of one edge, from the source's bottom side to the target's top side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EdgePath {
    pub source: String,
    pub target: String,
    pub points: Vec<[f64; 2]>,
}

/// Spacing and effort knobs. Every field has a default, so `{}` is a valid JSON value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutOptions {
    /// Smallest horizontal gap between two nodes side by side.
    pub node_gap: f64,
    /// Vertical gap between the bottom of one layer (or tree level) and the top of the next.
    pub layer_gap: f64,
    /// Horizontal room kept beside a long edge where it passes through a layer.
    pub edge_gap: f64,
    /// Horizontal gap between disconnected components of a layered layout.
    pub component_gap: f64,
    /// Crossing-reduction sweeps after the initial ones. dot uses 24; 12 plus the final
    /// sifting does as well on generated plans in half the time. Zero keeps the best
    /// initial ordering (still locally improved).
    pub max_sweeps: u32,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            node_gap: 40.0,
            layer_gap: 80.0,
            edge_gap: 20.0,
            component_gap: 60.0,
            max_sweeps: 12,
        }
    }
}
