//! The layered (Sugiyama) pipeline for DAGs: validate, then per connected component
//! assign layers, cut long edges at dummies, order layers, assign x; finally stack the
//! layers into bands, put components side by side and route the edges.

use super::contract::{EdgePath, Layout, LayoutInput, LayoutOptions, NodePosition};
use super::coordinates::{assign_x, Spacing};
use super::error::LayoutError;
use super::graph::{self, Checked, Component};
use super::layer_graph::LayerGraph;
use super::layering::assign_layers;
use super::ordering::{breadth_first, order, order_from};
use super::routing::{route, Bands, Stop};
use super::progress::{LayoutPhase, LayoutProgress, Meter};
use super::stability::{fit_in_order, hinted_order, old_x, Previous};

/// Lays out a DAG top to bottom. Refuses cycles, self-loops, unknown ids, repeated ids
/// and bad sizes; draws repeated edges once.
pub fn layered(input: &LayoutInput, options: &LayoutOptions) -> Result<Layout, LayoutError> {
    layout(input, options, None, &mut |_| {})
}

/// Like [`layered`], but starting from a previous drawing of (nearly) the same graph so
/// that an edit moves as few nodes as possible: typically the last result. Nodes and
/// edges it does not know, and ones no longer in the graph, are fine. Components may
/// then interleave instead of standing strictly side by side.
pub fn layered_stable(
    input: &LayoutInput,
    options: &LayoutOptions,
    previous: &Layout,
) -> Result<Layout, LayoutError> {
    layout(input, options, Some(previous), &mut |_| {})
}

/// [`layered`] (or with `previous`, [`layered_stable`]) that tells `progress` how far it
/// has got after each phase and each component: for a progress bar on big graphs.
pub fn layered_with_progress(
    input: &LayoutInput,
    options: &LayoutOptions,
    previous: Option<&Layout>,
    progress: &mut dyn FnMut(LayoutProgress),
) -> Result<Layout, LayoutError> {
    layout(input, options, previous, progress)
}

/// One component, laid out on its own with x from 0.
struct Placed {
    component: Component,
    graph: LayerGraph,
    layers: Vec<Vec<u32>>,
    x: Vec<f64>,
    crossings: u64,
    /// For a stable re-layout: where each vertex was, and how much that matters.
    old: Option<OldPlaces>,
}

struct OldPlaces {
    x: Vec<Option<f64>>,
    weight: Vec<f64>,
    existed: Vec<bool>,
}

/// How strongly the fit holds a vertex to its old x: old nodes firmly, bends of old
/// edges somewhat, anything new hardly at all (it goes where there is room).
const OLD_NODE_WEIGHT: f64 = 1.0;
const OLD_BEND_WEIGHT: f64 = 0.5;
const NEW_WEIGHT: f64 = 0.01;

fn layout(
    input: &LayoutInput,
    options: &LayoutOptions,
    previous: Option<&Layout>,
    progress: &mut dyn FnMut(LayoutProgress),
) -> Result<Layout, LayoutError> {
    graph::check_options(options)?;
    let nodes = &graph::dag(input)?;
    let mut meter = Meter::new(nodes.len(), progress);
    let previous = previous.map(Previous::new);
    let spacing = Spacing {
        node_gap: options.node_gap,
        edge_gap: options.edge_gap,
    };
    let ranked: Vec<(Component, LayerGraph)> = rank(nodes);
    meter.advance(LayoutPhase::Ordering, nodes.len());
    let bands = bands(nodes, &ranked, options);
    // Where the old drawing's layers were relative to the new bands.
    let dy = previous.as_ref().and_then(|previous| {
        let mut dy: Vec<f64> = ranked
            .iter()
            .flat_map(|(component, graph)| {
                component
                    .nodes
                    .iter()
                    .zip(&graph.layer)
                    .map(|(&v, &l)| (v, l))
            })
            .filter_map(|(v, l)| {
                previous
                    .nodes
                    .get(nodes.ids[v as usize])
                    .map(|&(_, y)| y - bands.centre(l))
            })
            .collect();
        median(&mut dy)
    });
    let old_centre = |l: u32| bands.centre(l) + dy.unwrap_or(0.0);
    let placed: Vec<Placed> = ranked
        .into_iter()
        .map(|(component, graph)| {
            let (ordering, old) = match &previous {
                None => (order(&graph, options.max_sweeps), None),
                Some(previous) => {
                    let old = old_places(nodes, &component, &graph, previous, &old_centre);
                    let start = hinted_order(&old.x, &breadth_first(&graph, true));
                    let new: Vec<bool> = old.weight.iter().map(|&w| w == NEW_WEIGHT).collect();
                    (order_from(&graph, start, &new), Some(old))
                }
            };
            let x = assign_x(&graph, &ordering.layers, spacing);
            meter.advance(LayoutPhase::Ordering, component.nodes.len());
            Placed {
                component,
                graph,
                layers: ordering.layers,
                x,
                crossings: ordering.crossings,
                old,
            }
        })
        .collect();
    meter.advance(LayoutPhase::Routing, 0);
    let mut x = side_by_side(&placed, options);
    if previous.is_some() {
        stay_close(&placed, &mut x, spacing, options.component_gap);
    }
    let mut result = assemble(nodes, &placed, &x, &bands);
    if let Some(dy) = dy {
        // The median old node keeps its height: a new top layer pushes nothing down.
        for node in &mut result.nodes {
            node.y += dy;
        }
        for edge in &mut result.edges {
            edge.points.iter_mut().for_each(|p| p[1] += dy);
        }
    }
    meter.finish();
    Ok(result)
}

/// Layers for every component, and its proper layered graph.
fn rank(nodes: &Checked<'_>) -> Vec<(Component, LayerGraph)> {
    let mut local = vec![0u32; nodes.len()];
    nodes
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
            let width: Vec<f64> = component
                .nodes
                .iter()
                .map(|&v| nodes.width[v as usize])
                .collect();
            let graph = LayerGraph::build(&layer, &width, &edges);
            (component, graph)
        })
        .collect()
}

/// Layer bands shared by all components: each as tall as its tallest node.
fn bands(
    nodes: &Checked<'_>,
    ranked: &[(Component, LayerGraph)],
    options: &LayoutOptions,
) -> Bands {
    let layer_count = ranked.iter().map(|(_, g)| g.layer_count).max().unwrap_or(0);
    let mut heights = vec![0.0f64; layer_count];
    for (component, graph) in ranked {
        for (&v, &l) in component.nodes.iter().zip(&graph.layer) {
            heights[l as usize] = heights[l as usize].max(nodes.height[v as usize]);
        }
    }
    Bands::new(&heights, options.layer_gap)
}

fn old_places(
    nodes: &Checked<'_>,
    component: &Component,
    graph: &LayerGraph,
    previous: &Previous<'_>,
    old_centre: &dyn Fn(u32) -> f64,
) -> OldPlaces {
    let node_old: Vec<Option<(f64, f64)>> = component
        .nodes
        .iter()
        .map(|&v| previous.nodes.get(nodes.ids[v as usize]).copied())
        .collect();
    let path_old: Vec<Option<&[[f64; 2]]>> = component
        .edges
        .iter()
        .map(|&j| {
            let (s, t) = nodes.edges[j as usize];
            previous
                .edges
                .get(&(nodes.ids[s as usize], nodes.ids[t as usize]))
                .copied()
        })
        .collect();
    let x = old_x(graph, &node_old, &path_old, old_centre);
    let mut existed = vec![false; graph.len()];
    let mut weight = vec![NEW_WEIGHT; graph.len()];
    for (v, old) in node_old.iter().enumerate() {
        if old.is_some() {
            existed[v] = true;
            weight[v] = OLD_NODE_WEIGHT;
        }
    }
    for (k, chain) in graph.chains.iter().enumerate() {
        if path_old[k].is_some() {
            for &d in &chain[1..chain.len() - 1] {
                weight[d as usize] = OLD_BEND_WEIGHT;
            }
        }
    }
    OldPlaces { x, weight, existed }
}

/// Global x of every vertex, components left to right in first-node order.
fn side_by_side(placed: &[Placed], options: &LayoutOptions) -> Vec<Vec<f64>> {
    let mut offset = 0.0;
    placed
        .iter()
        .map(|p| {
            let g = &p.graph;
            let right = (0..g.len())
                .map(|v| p.x[v] + g.width[v] / 2.0)
                .fold(0.0, f64::max);
            let x = p.x.iter().map(|x| x + offset).collect();
            offset += right + options.component_gap;
            x
        })
        .collect()
}

/// Moves the fresh x's towards the old ones: first the whole drawing, so that the
/// median old node is back in place, then layer by layer the closest fit that keeps
/// the order and the gaps. New vertices aim at their (shifted) fresh x.
fn stay_close(placed: &[Placed], x: &mut [Vec<f64>], spacing: Spacing, component_gap: f64) {
    let mut shifts: Vec<f64> = Vec::new();
    for (p, xs) in placed.iter().zip(x.iter()) {
        if let Some(old) = &p.old {
            let real = old.existed.iter().zip(&old.x).zip(xs).take(p.graph.n_real);
            for ((&existed, &ox), &x) in real {
                if let (true, Some(ox)) = (existed, ox) {
                    shifts.push(ox - x);
                }
            }
        }
    }
    let shift = median(&mut shifts).unwrap_or(0.0);
    let layer_count = placed
        .iter()
        .map(|p| p.graph.layer_count)
        .max()
        .unwrap_or(0);
    for l in 0..layer_count {
        // The layer across all components: (component, vertex) left to right.
        let row: Vec<(usize, u32)> = placed
            .iter()
            .enumerate()
            .flat_map(|(c, p)| p.layers.get(l).into_iter().flatten().map(move |&v| (c, v)))
            .collect();
        let (mut target, mut weight, mut gap) = (Vec::new(), Vec::new(), Vec::new());
        for (i, &(c, v)) in row.iter().enumerate() {
            let p = &placed[c];
            let fresh = x[c][v as usize] + shift;
            let (old_x, w) = p.old.as_ref().map_or((None, NEW_WEIGHT), |o| {
                (o.x[v as usize], o.weight[v as usize])
            });
            target.push(old_x.unwrap_or(fresh));
            weight.push(w);
            if let Some(&(c2, v2)) = row.get(i + 1) {
                gap.push(if c2 == c {
                    spacing.separation(&p.graph, v, v2)
                } else {
                    (p.graph.width[v as usize] + placed[c2].graph.width[v2 as usize]) / 2.0
                        + component_gap
                });
            }
        }
        for (&(c, v), fitted) in row.iter().zip(fit_in_order(&target, &weight, &gap)) {
            x[c][v as usize] = fitted;
        }
    }
}

/// Places nodes in their bands and routes every edge.
fn assemble(nodes: &Checked<'_>, placed: &[Placed], x: &[Vec<f64>], bands: &Bands) -> Layout {
    let mut positions: Vec<NodePosition> = Vec::with_capacity(nodes.len());
    positions.resize_with(nodes.len(), || NodePosition {
        id: String::new(),
        x: 0.0,
        y: 0.0,
    });
    let mut paths: Vec<Option<EdgePath>> = vec![None; nodes.edges.len()];
    for (p, x) in placed.iter().zip(x) {
        let g = &p.graph;
        for (i, &v) in p.component.nodes.iter().enumerate() {
            positions[v as usize] = NodePosition {
                id: nodes.ids[v as usize].to_owned(),
                x: x[i],
                y: bands.centre(g.layer[i]),
            };
        }
        for (k, &j) in p.component.edges.iter().enumerate() {
            let stops: Vec<Stop> = g.chains[k]
                .iter()
                .map(|&w| Stop {
                    x: x[w as usize],
                    layer: g.layer[w as usize],
                    height: (!g.is_dummy(w))
                        .then(|| nodes.height[p.component.nodes[w as usize] as usize]),
                })
                .collect();
            let (s, t) = nodes.edges[j as usize];
            paths[j as usize] = Some(EdgePath {
                source: nodes.ids[s as usize].to_owned(),
                target: nodes.ids[t as usize].to_owned(),
                points: route(&stops, bands),
            });
        }
    }
    Layout {
        nodes: positions,
        edges: paths.into_iter().flatten().collect(),
        crossings: placed.iter().map(|p| p.crossings as usize).sum(),
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
        let nodes: Vec<String> = layout
            .nodes
            .iter()
            .map(|n| format!("{}({},{})", n.id, n.x, n.y))
            .collect();
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
        check(
            "a b c; a->b b->c c->a",
            "the graph has a cycle: a -> b -> c -> a",
        );
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
        let err = layered_json(r#"{"nodes":[{"id":"a"}]}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "layout input does not match the layout contract: missing field `width`"
            ),
            "{err}"
        );
        let err = layered_json(r#"{"nodes":[],"options":{"node_gap":0}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "layout option node_gap is 0; it must be finite and greater than zero"
        );
    }

    #[test]
    fn stable_relayout_keeps_the_old_picture() {
        let before = layered(&input("a b c d; a->b a->c a->d"), &LayoutOptions::default()).unwrap();
        // A new leaf under b: a, c and d should not move, b may only if forced.
        let after = layered_stable(
            &input("a b c d e; a->b a->c a->d b->e"),
            &LayoutOptions::default(),
            &before,
        )
        .unwrap();
        let movement = moved_nodes(&before, &after, 0.5);
        assert_eq!(movement.compared, 4);
        assert_eq!(movement.moved, 0, "{after:?}");
    }
}
