//! Input validation: turns the contract's string ids into checked index-based graphs.
//!
//! Everything after this module trusts its types: nodes are numbered in input order,
//! sizes are finite and not negative, edges join two distinct known nodes, and each
//! `(source, target)` pair appears once. [`dag`] also refuses cycles.
//!
//! Choices about doubtful input: a self-loop is refused (a drawing has nowhere to put
//! it and it is a cycle of one); a repeated edge is drawn once, since it adds nothing
//! to the picture and would only double-count crossings.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;

use super::contract::{LayoutInput, LayoutOptions};
use super::error::LayoutError;

/// Nodes and distinct edges of a checked input, before any structural check.
#[derive(Debug)]
pub(crate) struct Checked<'a> {
    pub ids: Vec<&'a str>,
    pub width: Vec<f64>,
    pub height: Vec<f64>,
    /// Distinct edges as `(source, target)` node indices, in first-occurrence order.
    pub edges: Vec<(u32, u32)>,
}

/// One connected component, with node indices in input order and its edges (as
/// indices into [`Checked::edges`]) in input order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Component {
    pub nodes: Vec<u32>,
    pub edges: Vec<u32>,
}

pub(crate) fn check_options(options: &LayoutOptions) -> Result<(), LayoutError> {
    let gaps = [
        ("node_gap", options.node_gap),
        ("layer_gap", options.layer_gap),
        ("edge_gap", options.edge_gap),
        ("component_gap", options.component_gap),
    ];
    for (name, value) in gaps {
        // A zero gap would let distinct nodes or bends share a coordinate, which makes
        // the drawing ambiguous (and its crossings uncountable).
        if !(value.is_finite() && value > 0.0) {
            return Err(LayoutError::InvalidOption { name, value });
        }
    }
    Ok(())
}

/// Checks node ids and sizes and resolves edges, without looking at the structure.
pub(crate) fn check(input: &LayoutInput) -> Result<Checked<'_>, LayoutError> {
    let mut index: HashMap<&str, u32> = HashMap::with_capacity(input.nodes.len());
    let mut checked = Checked {
        ids: Vec::with_capacity(input.nodes.len()),
        width: Vec::with_capacity(input.nodes.len()),
        height: Vec::with_capacity(input.nodes.len()),
        edges: Vec::with_capacity(input.edges.len()),
    };
    for node in &input.nodes {
        for (field, value) in [("width", node.width), ("height", node.height)] {
            if !(value.is_finite() && value >= 0.0) {
                return Err(LayoutError::InvalidSize {
                    id: node.id.clone(),
                    field,
                    value,
                });
            }
        }
        let next = checked.ids.len() as u32;
        if index.insert(node.id.as_str(), next).is_some() {
            return Err(LayoutError::DuplicateNode {
                id: node.id.clone(),
            });
        }
        checked.ids.push(node.id.as_str());
        checked.width.push(node.width);
        checked.height.push(node.height);
    }
    let mut seen: HashSet<(u32, u32)> = HashSet::with_capacity(input.edges.len());
    for edge in &input.edges {
        let lookup = |id: &String| {
            index
                .get(id.as_str())
                .copied()
                .ok_or_else(|| LayoutError::UnknownNode {
                    from: edge.source.clone(),
                    to: edge.target.clone(),
                    missing: id.clone(),
                })
        };
        let (source, target) = (lookup(&edge.source)?, lookup(&edge.target)?);
        if source == target {
            return Err(LayoutError::SelfLoop {
                id: edge.source.clone(),
            });
        }
        if seen.insert((source, target)) {
            checked.edges.push((source, target));
        }
    }
    Ok(checked)
}

/// Checks the input and that it has no cycle.
pub(crate) fn dag(input: &LayoutInput) -> Result<Checked<'_>, LayoutError> {
    let nodes = check(input)?;
    let graph = nodes.petgraph();
    match toposort(&graph, None) {
        Ok(_) => Ok(nodes),
        Err(_) => Err(LayoutError::Cycle {
            cycle: nodes.a_cycle(&graph),
        }),
    }
}

impl Checked<'_> {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Node `i` of the result is node `i` of the input, edge `j` is `edges[j]`.
    fn petgraph(&self) -> DiGraph<(), (), u32> {
        let mut graph = DiGraph::with_capacity(self.len(), self.edges.len());
        for _ in 0..self.len() {
            graph.add_node(());
        }
        for &(s, t) in &self.edges {
            graph.add_edge(NodeIndex::new(s as usize), NodeIndex::new(t as usize), ());
        }
        graph
    }

    /// A shortest cycle through the first node (in input order) that lies on any cycle,
    /// listed from that node. Assumes the graph is cyclic.
    fn a_cycle(&self, graph: &DiGraph<(), (), u32>) -> Vec<String> {
        let strong = tarjan_scc(graph)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .min_by_key(|scc| scc.iter().map(|n| n.index()).min())
            .unwrap_or_default();
        let in_scc: HashSet<usize> = strong.iter().map(|n| n.index()).collect();
        let Some(start) = in_scc.iter().copied().min() else {
            return Vec::new();
        };
        let mut out: Vec<Vec<u32>> = vec![Vec::new(); self.len()];
        for &(s, t) in &self.edges {
            out[s as usize].push(t);
        }
        // Breadth-first from `start` inside its strong component finds the shortest way
        // back, visiting successors in input order so the answer is deterministic.
        let mut came_from: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(v) = queue.pop_front() {
            for &w in &out[v] {
                let w = w as usize;
                if w == start {
                    let mut cycle = vec![v];
                    while let Some(&p) = came_from.get(cycle.last().unwrap_or(&start)) {
                        cycle.push(p);
                    }
                    cycle.reverse();
                    return cycle.into_iter().map(|i| self.ids[i].to_owned()).collect();
                }
                if in_scc.contains(&w) && !came_from.contains_key(&w) {
                    came_from.insert(w, v);
                    queue.push_back(w);
                }
            }
        }
        vec![self.ids[start].to_owned()]
    }

    /// Connected components (ignoring direction), ordered by their first node.
    pub fn components(&self) -> Vec<Component> {
        let mut sets = UnionFind::<u32>::new(self.len());
        for &(s, t) in &self.edges {
            sets.union(s, t);
        }
        let mut slot_of_root: HashMap<u32, usize> = HashMap::new();
        let mut components: Vec<Component> = Vec::new();
        let mut slot = vec![0usize; self.len()];
        for v in 0..self.len() as u32 {
            let root = sets.find_mut(v);
            let next = components.len();
            let k = *slot_of_root.entry(root).or_insert(next);
            if k == next {
                components.push(Component {
                    nodes: Vec::new(),
                    edges: Vec::new(),
                });
            }
            components[k].nodes.push(v);
            slot[v as usize] = k;
        }
        for (j, &(s, _)) in self.edges.iter().enumerate() {
            components[slot[s as usize]].edges.push(j as u32);
        }
        components
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(nodes: &[&str], edges: &[(&str, &str)]) -> LayoutInput {
        let json = serde_json::json!({
            "nodes": nodes.iter().map(|id| serde_json::json!({"id": id, "width": 10.0, "height": 10.0})).collect::<Vec<_>>(),
            "edges": edges.iter().map(|(s, t)| serde_json::json!({"source": s, "target": t})).collect::<Vec<_>>(),
        });
        serde_json::from_value(json).unwrap()
    }

    fn check_err(nodes: &[&str], edges: &[(&str, &str)], expected: &str) {
        let got = match dag(&input(nodes, edges)) {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn refusals() {
        check_err(&["a", "b"], &[("a", "b")], "ok");
        check_err(
            &["a", "a"],
            &[],
            r#"node id "a" is used by more than one node"#,
        );
        check_err(
            &["a"],
            &[("a", "z")],
            r#"edge "a" -> "z" names unknown node "z""#,
        );
        check_err(
            &["a"],
            &[("a", "a")],
            r#"edge "a" -> "a" is a self-loop; layouts draw edges between distinct nodes only"#,
        );
        check_err(
            &["x", "a", "b", "c"],
            &[("x", "a"), ("a", "b"), ("b", "c"), ("c", "a")],
            "the graph has a cycle: a -> b -> c -> a",
        );
        // The shortest way back is reported, not the first one found.
        check_err(
            &["a", "b", "c", "d"],
            &[("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("b", "a")],
            "the graph has a cycle: a -> b -> a",
        );
    }

    #[test]
    fn sizes_must_be_finite_and_not_negative() {
        let mut bad = input(&["a"], &[]);
        bad.nodes[0].height = -1.0;
        let err = dag(&bad).unwrap_err().to_string();
        assert_eq!(
            err,
            r#"node "a" has height -1; sizes must be finite and not negative"#
        );
        bad.nodes[0].height = f64::NAN;
        assert!(matches!(
            dag(&bad),
            Err(LayoutError::InvalidSize {
                field: "height",
                ..
            })
        ));
    }

    #[test]
    fn repeated_edges_are_drawn_once() {
        let graph = input(&["a", "b"], &[("a", "b"), ("a", "b")]);
        let checked = check(&graph).unwrap();
        assert_eq!(checked.edges, vec![(0, 1)]);
    }

    #[test]
    fn components_in_first_node_order() {
        let graph = input(
            &["a", "b", "c", "d", "e"],
            &[("d", "b"), ("a", "c"), ("c", "e")],
        );
        let checked = check(&graph).unwrap();
        let got: Vec<(Vec<u32>, Vec<u32>)> = checked
            .components()
            .into_iter()
            .map(|c| (c.nodes, c.edges))
            .collect();
        assert_eq!(
            got,
            vec![(vec![0, 2, 4], vec![1, 2]), (vec![1, 3], vec![0])]
        );
    }
}
