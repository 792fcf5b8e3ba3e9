//! Graph layout: layered (Sugiyama) layouts for DAGs and a tidy tree layout, on petgraph.
//!
//! Layout knows nothing about goals or plans: it takes an abstract graph of sized nodes
//! and directed edges ([`LayoutInput`]) and returns node centres and edge polylines
//! ([`Layout`]), with `y` growing downward.
//!
//! - [`layered`]: Sugiyama-style drawing of a DAG, dot's method (network simplex
//!   layering, median/transpose crossing reduction, Brandes–Köpf coordinates).
//! - [`layered_stable`]: the same, seeded by a previous drawing so edits move little;
//!   [`moved_nodes`] measures how little.
//! - [`layered_with_progress`]: either of them, reporting [`LayoutProgress`] as it goes.
//! - [`tidy_tree`]: Reingold–Tilford tidy drawing of a forest in linear time.
//! - [`layered_json`]: the JSON contract in and out, for the CLI and the UI shell.
//!
//! Same input, same output bytes: ties are broken by input order, never by hashing.

mod contract;
mod coordinates;
mod crossings;
mod error;
mod graph;
mod layer_graph;
mod layered;
mod layering;
mod network_simplex;
mod ordering;
mod progress;
mod routing;
mod stability;
mod tree;

pub use contract::{EdgePath, EdgeSpec, Layout, LayoutInput, LayoutOptions, NodeBox, NodePosition};
pub use error::LayoutError;
pub use layered::{layered, layered_stable, layered_with_progress};
pub use progress::{LayoutPhase, LayoutProgress};
pub use stability::{moved_nodes, Movement};
pub use tree::tidy_tree;

use serde::Deserialize;

/// The JSON form of a layered layout request: the input contract (`nodes`, `edges`)
/// plus two optional members, `options` (any subset of [`LayoutOptions`]) and
/// `previous` (an earlier result, for a stable re-layout). The members are spelled out
/// rather than flattening [`LayoutInput`] in: serde buffers a flattened struct's whole
/// input as generic values first, which cost more than laying out a small graph.
#[derive(Deserialize)]
struct LayeredRequest {
    nodes: Vec<NodeBox>,
    #[serde(default)]
    edges: Vec<EdgeSpec>,
    #[serde(default)]
    options: LayoutOptions,
    #[serde(default)]
    previous: Option<Layout>,
}

/// Parses the input contract
/// (`{"nodes":[{"id","width","height"}],"edges":[{"source","target"}]}`), lays it out
/// with [`layered`] (or [`layered_stable`] when `previous` is given) and returns the
/// output contract (`{"nodes":[{"id","x","y"}],"edges":[{"source","target","points"}],
/// "crossings":N}`).
pub fn layered_json(input: &str) -> Result<String, LayoutError> {
    let request: LayeredRequest = serde_json::from_str(input)?;
    let graph = LayoutInput {
        nodes: request.nodes,
        edges: request.edges,
    };
    let layout = match &request.previous {
        None => layered(&graph, &request.options)?,
        Some(previous) => layered_stable(&graph, &request.options, previous)?,
    };
    Ok(serde_json::to_string(&layout)?)
}
