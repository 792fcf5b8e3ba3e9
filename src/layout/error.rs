//! The one error type of layout: what is wrong with the input, naming the node or edge.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum LayoutError {
    #[error("layout input does not match the layout contract: {0}")]
    Json(#[from] serde_json::Error),
    #[error("node id {id:?} is used by more than one node")]
    DuplicateNode { id: String },
    #[error("edge {from:?} -> {to:?} names unknown node {missing:?}")]
    UnknownNode {
        from: String,
        to: String,
        missing: String,
    },
    #[error("node {id:?} has {field} {value}; sizes must be finite and not negative")]
    InvalidSize {
        id: String,
        field: &'static str,
        value: f64,
    },
    #[error(
        "edge {id:?} -> {id:?} is a self-loop; layouts draw edges between distinct nodes only"
    )]
    SelfLoop { id: String },
    /// `cycle` lists the nodes in edge order; its last node has an edge back to its first.
    #[error("the graph has a cycle: {} -> {}", .cycle.join(" -> "), .cycle[0])]
    Cycle { cycle: Vec<String> },
    #[error(
        "node {child:?} has two parents, {first:?} and {second:?}; a tree layout needs a forest"
    )]
    MultipleParents {
        child: String,
        first: String,
        second: String,
    },
    #[error("layout option {name} is {value}; it must be finite and greater than zero")]
    InvalidOption { name: &'static str, value: f64 },
}
