//! Property tests of the layout invariants that no single example covers, on random
//! DAGs and forests, through the public API only.

use std::collections::HashMap;

use mabos_planner::layout::{
    layered, layered_stable, moved_nodes, tidy_tree, EdgeSpec, Layout, LayoutInput, LayoutOptions,
    NodeBox,
};
use proptest::prelude::*;

const EPS: f64 = 1e-6;

/// A random graph: `n` nodes with sizes, edges between node indices, and the order in
/// which nodes are listed in the input (so input order is not a topological order).
#[derive(Debug, Clone)]
struct Spec {
    sizes: Vec<(f64, f64)>,
    edges: Vec<(usize, usize)>,
    listing: Vec<usize>,
}

impl Spec {
    fn input(&self) -> LayoutInput {
        LayoutInput {
            nodes: self
                .listing
                .iter()
                .map(|&i| NodeBox {
                    id: format!("n{i}"),
                    width: self.sizes[i].0,
                    height: self.sizes[i].1,
                })
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|&(s, t)| EdgeSpec {
                    source: format!("n{s}"),
                    target: format!("n{t}"),
                })
                .collect(),
        }
    }
}

fn sizes(n: usize) -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((0u32..=12, 0u32..=6), n).prop_map(|v| {
        v.into_iter()
            .map(|(w, h)| (f64::from(w) * 10.0, f64::from(h) * 10.0))
            .collect()
    })
}

/// DAGs: edges always go from a lower to a higher index.
fn dags() -> impl Strategy<Value = Spec> {
    (1usize..=60).prop_flat_map(|n| {
        let edges = prop::collection::vec((0..n, 0..n), 0..=2 * n).prop_map(|pairs| {
            pairs
                .into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.min(b), a.max(b)))
                .collect::<Vec<_>>()
        });
        let listing = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
        (sizes(n), edges, listing).prop_map(|(sizes, edges, listing)| Spec {
            sizes,
            edges,
            listing,
        })
    })
}

/// Forests: node `i` has at most one parent, of lower index.
fn forests() -> impl Strategy<Value = Spec> {
    (1usize..=80).prop_flat_map(|n| {
        let parents = prop::collection::vec(prop::option::weighted(0.9, 0usize..n), n);
        let listing = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
        (sizes(n), parents, listing).prop_map(|(sizes, parents, listing)| {
            let edges = parents
                .into_iter()
                .enumerate()
                .filter_map(|(child, p)| {
                    p.map(|p| p % child.max(1))
                        .filter(|_| child > 0)
                        .map(|p| (p, child))
                })
                .collect();
            Spec {
                sizes,
                edges,
                listing,
            }
        })
    })
}

fn options() -> LayoutOptions {
    LayoutOptions {
        node_gap: 12.0,
        layer_gap: 30.0,
        edge_gap: 5.0,
        component_gap: 25.0,
        ..LayoutOptions::default()
    }
}

/// Node id → (x, y, width, height).
fn boxes(input: &LayoutInput, layout: &Layout) -> HashMap<String, (f64, f64, f64, f64)> {
    let size: HashMap<&str, (f64, f64)> = input
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), (n.width, n.height)))
        .collect();
    layout
        .nodes
        .iter()
        .map(|p| {
            let (w, h) = size[p.id.as_str()];
            (p.id.clone(), (p.x, p.y, w, h))
        })
        .collect()
}

/// Nodes sharing a centre line (a layer or a depth) must keep `gap` between boxes.
fn assert_no_overlap(input: &LayoutInput, layout: &Layout, gap: f64) -> Result<(), TestCaseError> {
    let mut rows: HashMap<u64, Vec<(f64, f64)>> = HashMap::new();
    for (x, y, w, _) in boxes(input, layout).into_values() {
        rows.entry(y.to_bits())
            .or_default()
            .push((x - w / 2.0, x + w / 2.0));
    }
    for row in rows.values_mut() {
        row.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in row.windows(2) {
            prop_assert!(
                pair[1].0 - pair[0].1 >= gap - EPS,
                "boxes {:?} too close",
                pair
            );
        }
    }
    Ok(())
}

/// Every edge goes down, starts at the middle of its source's bottom side, ends at the
/// middle of its target's top side, and never goes up in between.
fn assert_edges_point_down(input: &LayoutInput, layout: &Layout) -> Result<(), TestCaseError> {
    let boxes = boxes(input, layout);
    for edge in &layout.edges {
        let (sx, sy, _, sh) = boxes[&edge.source];
        let (tx, ty, _, th) = boxes[&edge.target];
        prop_assert!(ty > sy, "{edge:?} does not point down");
        let (first, last) = (edge.points[0], edge.points[edge.points.len() - 1]);
        prop_assert!(
            (first[0] - sx).abs() < EPS && (first[1] - (sy + sh / 2.0)).abs() < EPS,
            "{edge:?} start"
        );
        prop_assert!(
            (last[0] - tx).abs() < EPS && (last[1] - (ty - th / 2.0)).abs() < EPS,
            "{edge:?} end"
        );
        for pair in edge.points.windows(2) {
            prop_assert!(pair[1][1] >= pair[0][1], "{edge:?} goes up");
        }
    }
    Ok(())
}

/// No vertical piece of an edge passes through a node box other than its own ends.
fn assert_edges_avoid_nodes(input: &LayoutInput, layout: &Layout) -> Result<(), TestCaseError> {
    let boxes = boxes(input, layout);
    for edge in &layout.edges {
        for pair in edge.points.windows(2) {
            let ([x0, y0], [x1, y1]) = (pair[0], pair[1]);
            if x0 != x1 {
                continue;
            }
            for (id, &(x, y, w, h)) in &boxes {
                if *id == edge.source || *id == edge.target {
                    continue;
                }
                let overlaps_vertically = y0.max(y - h / 2.0) < y1.min(y + h / 2.0);
                let inside = (x0 - x).abs() < w / 2.0;
                prop_assert!(
                    !(overlaps_vertically && inside),
                    "{edge:?} cuts through {id}"
                );
            }
        }
    }
    Ok(())
}

fn orientation(p: [f64; 2], q: [f64; 2], r: [f64; 2]) -> f64 {
    (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
}

/// Pairs of segments of different edges whose interiors cross, by plain geometry.
fn drawn_crossings(layout: &Layout) -> usize {
    let segments: Vec<(usize, [f64; 2], [f64; 2])> = layout
        .edges
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.points.windows(2).map(move |p| (i, p[0], p[1])))
        .collect();
    let mut count = 0;
    for (k, &(i, a, b)) in segments.iter().enumerate() {
        for &(j, c, d) in &segments[k + 1..] {
            if i == j {
                continue;
            }
            let proper = orientation(a, b, c) * orientation(a, b, d) < 0.0
                && orientation(c, d, a) * orientation(c, d, b) < 0.0;
            count += usize::from(proper);
        }
    }
    count
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn layered_invariants(spec in dags()) {
        let input = spec.input();
        let options = options();
        let layout = layered(&input, &options).unwrap();
        prop_assert_eq!(layout.nodes.len(), input.nodes.len());
        assert_no_overlap(&input, &layout, options.node_gap)?;
        assert_edges_point_down(&input, &layout)?;
        assert_edges_avoid_nodes(&input, &layout)?;
        prop_assert_eq!(layout.crossings, drawn_crossings(&layout));
        let again = layered(&input, &options).unwrap();
        prop_assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&layout).unwrap());
    }

    #[test]
    fn stable_relayout_invariants(spec in dags()) {
        // The drawing before the edit lacks the last node listed and its edges.
        let input = spec.input();
        let gone = input.nodes.last().map(|n| n.id.clone()).unwrap_or_default();
        let before_input = LayoutInput {
            nodes: input.nodes[..input.nodes.len() - 1].to_vec(),
            edges: input.edges.iter().filter(|e| e.source != gone && e.target != gone).cloned().collect(),
        };
        let options = options();
        let before = layered(&before_input, &options).unwrap();
        let layout = layered_stable(&input, &options, &before).unwrap();
        assert_no_overlap(&input, &layout, options.node_gap)?;
        assert_edges_point_down(&input, &layout)?;
        assert_edges_avoid_nodes(&input, &layout)?;
        prop_assert_eq!(layout.crossings, drawn_crossings(&layout));
        // Nothing changed: nothing moves.
        let again = layered_stable(&before_input, &options, &before).unwrap();
        prop_assert_eq!(moved_nodes(&before, &again, 1e-9).moved, 0);
        prop_assert_eq!(again.crossings, before.crossings);
    }

    #[test]
    fn tidy_tree_invariants(spec in forests()) {
        let input = spec.input();
        let options = options();
        let layout = tidy_tree(&input, &options).unwrap();
        prop_assert_eq!(layout.crossings, 0);
        prop_assert_eq!(drawn_crossings(&layout), 0);
        assert_no_overlap(&input, &layout, options.node_gap)?;
        assert_edges_point_down(&input, &layout)?;
        // A parent is centred over the span of its children's centres.
        let at: HashMap<&str, (f64, f64)> = layout.nodes.iter().map(|p| (p.id.as_str(), (p.x, p.y))).collect();
        let mut span: HashMap<&str, (f64, f64)> = HashMap::new();
        for e in &input.edges {
            let x = at[e.target.as_str()].0;
            let s = span.entry(e.source.as_str()).or_insert((x, x));
            *s = (s.0.min(x), s.1.max(x));
        }
        for (parent, (lo, hi)) in span {
            prop_assert!((at[parent].0 - (lo + hi) / 2.0).abs() < EPS, "{parent} not centred");
        }
        let again = tidy_tree(&input, &options).unwrap();
        prop_assert_eq!(again, layout);
    }
}
