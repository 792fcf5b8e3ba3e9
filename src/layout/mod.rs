//! Graph layout: layered (Sugiyama) layouts for DAGs and a tidy tree layout, on petgraph.

mod contract;
mod error;
mod graph;
mod layering;
mod network_simplex;

pub use contract::{EdgePath, EdgeSpec, Layout, LayoutInput, LayoutOptions, NodeBox, NodePosition};
pub use error::LayoutError;
