//! The layered (Sugiyama) pipeline for DAGs: validate, then per connected component
//! assign layers, cut long edges at dummies, order layers, assign x; finally stack the
//! layers into bands, put components side by side and route the edges.

use std::collections::HashMap;

use super::contract::{EdgePath, Layout, LayoutInput, LayoutOptions, NodePosition};
use super::coordinates::{assign_x, Spacing};
use super::error::LayoutError;
use super::graph::{self, Checked, Component};
use super::layer_graph::LayerGraph;
use super::layering::assign_layers;
use super::ordering::{breadth_first, order, order_from};
use super::routing::{route, Bands, Stop};
use super::stability::hinted_order;

/// Lays out a DAG top to bottom. Refuses cycles, self-loops, unknown ids, repeated ids
/// and bad sizes; draws repeated edges once.
pub fn layered(input: &LayoutInput, options: &LayoutOptions) -> Result<Layout, LayoutError> {
    layout(input, options, None)
}

/// Like [`layered`], but starting from a previous drawing of (nearly) the same graph so
/// that an edit moves as few nodes as possible. `previous` is typically the `nodes` of
/// the last result; ids it does not know, and ids no longer in the graph, are fine.
pub fn layered_stable(
    input: &LayoutInput,
    options: &LayoutOptions,
    previous: &[NodePosition],
) -> Result<Layout, LayoutError> {
    layout(input, options, Some(previous))
}

/// One component, laid out on its own with x from 0.
struct Placed {
    component: Component,
    graph: LayerGraph,
    x: Vec<f64>,
    crossings: u64,
}

fn layout(
    input: &LayoutInput,
    options: &LayoutOptions,
    previous: Option<&[NodePosition]>,
) -> Result<Layout, LayoutError> {
    graph::check_options(options)?;
    let nodes = &graph::dag(input)?;
    let old: Option<HashMap<&str, &NodePosition>> =
        previous.map(|p| p.iter().map(|n| (n.id.as_str(), n)).collect());
    let spacing = Spacing {
        node_gap: options.node_gap,
        edge_gap: options.edge_gap,
    };
    let mut local = vec![0u32; nodes.len()];
    let placed: Vec<Placed> = nodes
        .components()
        .into_iter()
        .map(|component| {
            for (i, &v) in component.nodes.iter().enumerate() {
                local[v as usize] = i as u32;
            }
            let edges: Vec<(u32, u32)> = component
                .edges
                .iter()
                .map(|&j| {
                    let (s, t) = nodes.edges[j as usize];
                    (local[s as usize], local[t as usize])
                })
                .collect();
            let layer = assign_layers(component.nodes.len(), &edges);
            let width: Vec<f64> = component.nodes.iter().map(|&v| nodes.width[v as usize]).collect();
            let graph = LayerGraph::build(&layer, &width, &edges);
            let ordering = match &old {
                None => order(&graph, options.max_sweeps),
                Some(old) => {
                    let hint: Vec<Option<f64>> = component
                        .nodes
                        .iter()
                        .map(|&v| old.get(nodes.ids[v as usize]).map(|p| p.x))
                        .collect();
                    let start = hinted_order(&graph, &hint, &breadth_first(&graph, true));
                    order_from(&graph, start, options.max_sweeps)
                }
            };
            let x = assign_x(&graph, &ordering.layers, spacing);
            Placed {
                component,
                graph,
                x,
                crossings: ordering.crossings,
            }
        })
        .collect();
    let mut result = assemble(nodes, &placed, options);
    if let Some(old) = &old {
        keep_in_place(&mut result, old);
    }
    Ok(result)
}

/// Stacks layers into bands, puts components side by side in first-node order and
/// routes every edge.
fn assemble(nodes: &Checked<'_>, placed: &[Placed], options: &LayoutOptions) -> Layout {
    let layer_count = placed.iter().map(|p| p.graph.layer_count).max().unwrap_or(0);
    let mut heights = vec![0.0f64; layer_count];
    for p in placed {
        for (i, &v) in p.component.nodes.iter().enumerate() {
            let l = p.graph.layer[i] as usize;
            heights[l] = heights[l].max(nodes.height[v as usize]);
        }
    }
    let bands = Bands::new(&heights, options.layer_gap);
    let mut positions: Vec<NodePosition> = Vec::with_capacity(nodes.len());
    positions.resize_with(nodes.len(), || NodePosition {
        id: String::new(),
        x: 0.0,
        y: 0.0,
    });
    let mut paths: Vec<Option<EdgePath>> = vec![None; nodes.edges.len()];
    let mut offset = 0.0;
    for p in placed {
        let g = &p.graph;
        let right = (0..g.len())
            .map(|v| p.x[v] + g.width[v] / 2.0)
            .fold(0.0, f64::max);
        for (i, &v) in p.component.nodes.iter().enumerate() {
            positions[v as usize] = NodePosition {
                id: nodes.ids[v as usize].to_owned(),
                x: offset + p.x[i],
                y: bands.centre(g.layer[i]),
            };
        }
        for (k, &j) in p.component.edges.iter().enumerate() {
            let stops: Vec<Stop> = g.chains[k]
                .iter()
                .map(|&w| Stop {
                    x: offset + p.x[w as usize],
                    layer: g.layer[w as usize],
                    height: (!g.is_dummy(w))
                        .then(|| nodes.height[p.component.nodes[w as usize] as usize]),
                })
                .collect();
            let (s, t) = nodes.edges[j as usize];
            paths[j as usize] = Some(EdgePath {
                source: nodes.ids[s as usize].to_owned(),
                target: nodes.ids[t as usize].to_owned(),
                points: route(&stops, &bands),
            });
        }
        offset += right + options.component_gap;
    }
    Layout {
        nodes: positions,
        edges: paths.into_iter().flatten().collect(),
        crossings: placed.iter().map(|p| p.crossings as usize).sum(),
    }
}

/// Translates the whole drawing so that the median old node keeps its place; a plain
/// translation changes nothing else, and spares the user a jump after every edit.
fn keep_in_place(layout: &mut Layout, old: &HashMap<&str, &NodePosition>) {
    let mut dx: Vec<f64> = Vec::new();
    let mut dy: Vec<f64> = Vec::new();
    for node in &layout.nodes {
        if let Some(prev) = old.get(node.id.as_str()) {
            dx.push(prev.x - node.x);
            dy.push(prev.y - node.y);
        }
    }
    let (Some(dx), Some(dy)) = (median(&mut dx), median(&mut dy)) else {
        return;
    };
    for node in &mut layout.nodes {
        node.x += dx;
        node.y += dy;
    }
    for edge in &mut layout.edges {
        for p in &mut edge.points {
            p[0] += dx;
            p[1] += dy;
        }
    }
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(values[values.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layered_json, moved_nodes};
    use std::fmt::Write;

    /// `spec` is `"a b c; a->b b->c"`: node ids (all 40 wide, 20 tall), then edges.
    fn input(spec: &str) -> LayoutInput {
        let (nodes, edges) = spec.split_once(';').unwrap_or((spec, ""));
        let json = serde_json::json!({
            "nodes": nodes.split_whitespace().map(|id| serde_json::json!({"id": id, "width": 40, "height": 20})).collect::<Vec<_>>(),
            "edges": edges.split_whitespace().map(|e| {
                let (s, t) = e.split_once("->").unwrap();
                serde_json::json!({"source": s, "target": t})
            }).collect::<Vec<_>>(),
        });
        serde_json::from_value(json).unwrap()
    }

    /// A compact rendering: `id(x,y)` per node, `s->t: x,y x,y` per edge, crossings.
    fn render(layout: &Layout) -> String {
        let nodes: Vec<String> = layout.nodes.iter().map(|n| format!("{}({},{})", n.id, n.x, n.y)).collect();
        let mut out = nodes.join(" ");
        for e in &layout.edges {
            write!(out, "\n{}->{}:", e.source, e.target).unwrap();
            for [x, y] in &e.points {
                write!(out, " {x},{y}").unwrap();
            }
        }
        write!(out, "\ncrossings {}", layout.crossings).unwrap();
        out
    }

    fn check(spec: &str, expected: &str) {
        let options = LayoutOptions {
            node_gap: 10.0,
            layer_gap: 30.0,
            edge_gap: 6.0,
            component_gap: 20.0,
            ..LayoutOptions::default()
        };
        let got = match layered(&input(spec), &options) {
            Ok(layout) => render(&layout),
            Err(e) => e.to_string(),
        };
        assert_eq!(got.trim(), expected.trim(), "\n{got}");
    }

    #[test]
    fn chain() {
        check(
            "a b c; a->b b->c",
            "
a(20,10) b(20,60) c(20,110)
a->b: 20,20 20,50
b->c: 20,70 20,100
crossings 0",
        );
    }

    #[test]
    fn diamond() {
        check(
            "a b c d; a->b a->c b->d c->d",
            "
a(45,10) b(20,60) c(70,60) d(45,110)
a->b: 45,20 20,50
a->c: 45,20 70,50
b->d: 20,70 45,100
c->d: 70,70 45,100
crossings 0",
        );
    }

    #[test]
    fn long_edge_bends_through_its_layers() {
        // a->d passes layers 1 and 2 at x 48, beside b and c, bending at each band.
        check(
            "a b c d e; a->b b->c c->d a->d d->e",
            "
a(34,10) b(20,60) c(20,110) d(34,160) e(34,210)
a->b: 34,20 20,50
b->c: 20,70 20,100
c->d: 20,120 34,150
a->d: 34,20 48,50 48,70 48,100 48,120 34,150
d->e: 34,170 34,200
crossings 0",
        );
    }

    #[test]
    fn crossed_input_is_untangled() {
        // a->d and b->c given crossed: d ends up below a.
        check(
            "a b c d; a->d b->c",
            "
a(20,10) b(80,10) c(80,60) d(20,60)
a->d: 20,20 20,50
b->c: 80,20 80,50
crossings 0",
        );
    }

    #[test]
    fn components_side_by_side() {
        // Components in order of their first node, edges in input order.
        check(
            "a b c d e; c->d a->b",
            "
a(20,10) b(20,60) c(80,10) d(80,60) e(140,10)
c->d: 80,20 80,50
a->b: 20,20 20,50
crossings 0",
        );
    }

    #[test]
    fn cycle_is_refused_with_the_cycle() {
        check("a b c; a->b b->c c->a", "the graph has a cycle: a -> b -> c -> a");
    }

    #[test]
    fn crossing_reduction_reaches_zero_on_reversed_bipartite_input() {
        // Two K2,2-like blocks side by side, all given in reverse order: the only
        // crossings left are the unavoidable one inside each K2,2.
        let spec = "a b c d e f g h; d->h d->g c->h c->g b->f b->e a->f a->e";
        let layout = layered(&input(spec), &LayoutOptions::default()).unwrap();
        assert_eq!(layout.crossings, 2);
        let spec = "a b c d e f; c->f b->e a->d";
        let layout = layered(&input(spec), &LayoutOptions::default()).unwrap();
        assert_eq!(layout.crossings, 0);
    }

    #[test]
    fn deterministic() {
        let spec = "a b c d e f g h i; a->d a->e b->f c->d c->g e->h f->h g->i a->i b->i";
        let first = layered_json(&serde_json::to_string(&input(spec)).unwrap()).unwrap();
        for _ in 0..3 {
            let again = layered_json(&serde_json::to_string(&input(spec)).unwrap()).unwrap();
            assert_eq!(again, first);
        }
    }

    #[test]
    fn json_contract() {
        let got = layered_json(
            r#"{"nodes":[{"id":"a","width":120,"height":40},{"id":"b","width":120,"height":40}],
                "edges":[{"source":"a","target":"b"}]}"#,
        )
        .unwrap();
        assert_eq!(
            got,
            r#"{"nodes":[{"id":"a","x":60.0,"y":20.0},{"id":"b","x":60.0,"y":140.0}],"edges":[{"source":"a","target":"b","points":[[60.0,40.0],[60.0,120.0]]}],"crossings":0}"#
        );
        let err = layered_json(r#"{"nodes":[{"id":"a"}]}"#).unwrap_err().to_string();
        assert!(err.starts_with("layout input does not match the layout contract: missing field `width`"), "{err}");
        let err = layered_json(r#"{"nodes":[],"options":{"node_gap":0}}"#).unwrap_err().to_string();
        assert_eq!(err, "layout option node_gap is 0; it must be finite and greater than zero");
    }

    #[test]
    fn stable_relayout_keeps_the_old_picture() {
        let before = layered(&input("a b c d; a->b a->c a->d"), &LayoutOptions::default()).unwrap();
        // A new leaf under b: a, c and d should not move, b may only if forced.
        let after = layered_stable(
            &input("a b c d e; a->b a->c a->d b->e"),
            &LayoutOptions::default(),
            &before.nodes,
        )
        .unwrap();
        let movement = moved_nodes(&before, &after, 0.5);
        assert_eq!(movement.compared, 4);
        assert_eq!(movement.moved, 0, "{after:?}");
    }
}
