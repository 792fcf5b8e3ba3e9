//! Stable re-layout: after a small edit the picture should stay recognisable.
//!
//! The previous drawing gives every vertex an old x where it can: nodes their old
//! centre, new nodes the mean of their old neighbours, long edges the x of their old
//! polyline at the height of each bend. That seeds the in-layer order, which is then
//! only improved locally, and the final x of each layer is the order-preserving fit
//! closest to the old x's (weighted L1, so few nodes move rather than many a little).
//! [`moved_nodes`] measures the outcome.

use std::collections::HashMap;

use super::contract::{Layout, NodePosition};
use super::layer_graph::LayerGraph;

/// How many of the nodes two layouts share moved between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Movement {
    /// Nodes present in both layouts.
    pub compared: usize,
    /// Of those, nodes whose x or y changed by more than the tolerance.
    pub moved: usize,
}

/// Compares node centres by id; nodes in only one layout are not counted.
pub fn moved_nodes(before: &Layout, after: &Layout, epsilon: f64) -> Movement {
    let old: HashMap<&str, &NodePosition> =
        before.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut movement = Movement {
        compared: 0,
        moved: 0,
    };
    for node in &after.nodes {
        if let Some(prev) = old.get(node.id.as_str()) {
            movement.compared += 1;
            if (node.x - prev.x).abs() > epsilon || (node.y - prev.y).abs() > epsilon {
                movement.moved += 1;
            }
        }
    }
    movement
}

/// A previous layout, indexed by id.
pub(crate) struct Previous<'p> {
    pub nodes: HashMap<&'p str, (f64, f64)>,
    pub edges: HashMap<(&'p str, &'p str), &'p [[f64; 2]]>,
}

impl<'p> Previous<'p> {
    pub fn new(layout: &'p Layout) -> Previous<'p> {
        Previous {
            nodes: layout
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), (n.x, n.y)))
                .collect(),
            edges: layout
                .edges
                .iter()
                .map(|e| ((e.source.as_str(), e.target.as_str()), e.points.as_slice()))
                .collect(),
        }
    }
}

/// The old x of every vertex of `g` that has one. `node[v]` is the old centre of real
/// vertex `v`, `path[k]` the old polyline of chain `k`, and `old_centre(l)` the height
/// in the old drawing that corresponds to the centre of layer `l`.
pub(crate) fn old_x(
    g: &LayerGraph,
    node: &[Option<(f64, f64)>],
    path: &[Option<&[[f64; 2]]>],
    old_centre: &dyn Fn(u32) -> f64,
) -> Vec<Option<f64>> {
    let mut key: Vec<Option<f64>> = vec![None; g.len()];
    for v in 0..g.n_real {
        key[v] = node[v].map(|(x, _)| x);
    }
    // New nodes go to the mean of their old neighbours.
    let mut sum = vec![(0.0f64, 0u32); g.n_real];
    for chain in &g.chains {
        let (s, t) = (chain[0] as usize, chain[chain.len() - 1] as usize);
        for (a, b) in [(s, t), (t, s)] {
            if let (None, Some((x, _))) = (node[a], node[b]) {
                sum[a].0 += x;
                sum[a].1 += 1;
            }
        }
    }
    for v in 0..g.n_real {
        if key[v].is_none() && sum[v].1 > 0 {
            key[v] = Some(sum[v].0 / f64::from(sum[v].1));
        }
    }
    // A bend goes where the old polyline crossed its layer (where it ran straight
    // through the old bend, if the layering did not change), or else on the line
    // between the edge's ends.
    for (k, chain) in g.chains.iter().enumerate() {
        let (s, t) = (chain[0] as usize, chain[chain.len() - 1] as usize);
        let span = (chain.len() - 1) as f64;
        for (i, &d) in chain.iter().enumerate().take(chain.len() - 1).skip(1) {
            let along_old_path =
                path[k].and_then(|points| x_at(points, old_centre(g.layer[d as usize])));
            let f = i as f64 / span;
            key[d as usize] = along_old_path.or(match (key[s], key[t]) {
                (Some(a), Some(b)) => Some(a + (b - a) * f),
                (Some(a), None) | (None, Some(a)) => Some(a),
                (None, None) => None,
            });
        }
    }
    key
}

/// Where a polyline going down first reaches height `y`.
fn x_at(points: &[[f64; 2]], y: f64) -> Option<f64> {
    points.windows(2).find_map(|pair| {
        let ([x0, y0], [x1, y1]) = (pair[0], pair[1]);
        if !(y0 <= y && y <= y1) {
            return None;
        }
        Some(if y1 > y0 {
            x0 + (x1 - x0) * (y - y0) / (y1 - y0)
        } else {
            x0
        })
    })
}

/// An initial ordering by old x. Vertices with nothing to go by keep their place in
/// `fallback`, after the others.
pub(crate) fn hinted_order(key: &[Option<f64>], fallback: &[Vec<u32>]) -> Vec<Vec<u32>> {
    fallback
        .iter()
        .map(|layer| {
            let mut ranked: Vec<(usize, u32)> = layer.iter().copied().enumerate().collect();
            ranked.sort_by(
                |&(i, a), &(j, b)| match (key[a as usize], key[b as usize]) {
                    (Some(x), Some(y)) => x.total_cmp(&y).then(i.cmp(&j)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => i.cmp(&j),
                },
            );
            ranked.into_iter().map(|(_, v)| v).collect()
        })
        .collect()
}

/// Positions for one layer, in order: `x[i + 1] - x[i] >= gap[i]`, as close to
/// `target` as possible in weighted L1 distance. Pool-adjacent-violators on
/// `target[i] - offset[i]` (offsets absorb the gaps), each pool at its weighted median.
pub(crate) fn fit_in_order(target: &[f64], weight: &[f64], gap: &[f64]) -> Vec<f64> {
    let n = target.len();
    let mut offset = vec![0.0f64; n];
    for i in 1..n {
        offset[i] = offset[i - 1] + gap[i - 1];
    }
    struct Pool {
        len: usize,
        items: Vec<(f64, f64)>,
        level: f64,
    }
    let mut pools: Vec<Pool> = Vec::with_capacity(n);
    for i in 0..n {
        let value = target[i] - offset[i];
        pools.push(Pool {
            len: 1,
            items: vec![(value, weight[i])],
            level: value,
        });
        while pools.len() >= 2 && pools[pools.len() - 2].level > pools[pools.len() - 1].level {
            let right = pools.pop().expect("two pools");
            let left = pools.last_mut().expect("two pools");
            left.len += right.len;
            left.items.extend(right.items);
            left.items.sort_by(|a, b| a.0.total_cmp(&b.0));
            left.level = weighted_median(&left.items);
        }
    }
    let mut x = Vec::with_capacity(n);
    for pool in &pools {
        for _ in 0..pool.len {
            x.push(pool.level + offset[x.len()]);
        }
    }
    x
}

/// The lowest value at which the cumulative weight reaches half the total.
fn weighted_median(sorted: &[(f64, f64)]) -> f64 {
    let total: f64 = sorted.iter().map(|p| p.1).sum();
    let mut seen = 0.0;
    for &(value, w) in sorted {
        seen += w;
        if seen >= total / 2.0 {
            return value;
        }
    }
    sorted.last().map_or(0.0, |p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(nodes: &[(&str, f64, f64)]) -> Layout {
        Layout {
            nodes: nodes
                .iter()
                .map(|&(id, x, y)| NodePosition {
                    id: id.to_owned(),
                    x,
                    y,
                })
                .collect(),
            edges: Vec::new(),
            crossings: 0,
        }
    }

    #[test]
    fn movement() {
        let before = layout(&[("a", 0.0, 0.0), ("b", 10.0, 0.0), ("c", 20.0, 0.0)]);
        let after = layout(&[
            ("a", 0.0, 0.0),
            ("b", 10.4, 0.0),
            ("c", 20.0, 9.0),
            ("d", 1.0, 1.0),
        ]);
        assert_eq!(
            moved_nodes(&before, &after, 0.5),
            Movement {
                compared: 3,
                moved: 1
            }
        );
    }

    #[test]
    fn old_positions_order_layers() {
        // 0 -> 1, 0 -> 2, 0 -> 3 where 3 is new: old x put 2 left of 1; 3 lands at its
        // old neighbour 0's x, between them.
        let g = LayerGraph::build(&[0, 1, 1, 1], &[10.0; 4], &[(0, 1), (0, 2), (0, 3)]);
        let old = [
            Some((50.0, 0.0)),
            Some((90.0, 9.0)),
            Some((10.0, 9.0)),
            None,
        ];
        let key = old_x(&g, &old, &[None, None, None], &|l| f64::from(l) * 9.0);
        assert_eq!(key, vec![Some(50.0), Some(90.0), Some(10.0), Some(50.0)]);
        assert_eq!(
            hinted_order(&key, &[vec![0], vec![1, 2, 3]]),
            vec![vec![0], vec![2, 3, 1]]
        );
    }

    #[test]
    fn bends_follow_old_polylines() {
        // 0 -> 1 spans two layers; its old polyline bent out to x 30 through layer 1.
        let g = LayerGraph::build(&[0, 2], &[10.0; 2], &[(0, 1)]);
        let old = [Some((0.0, 0.0)), Some((0.0, 100.0))];
        let path: &[[f64; 2]] = &[[0.0, 10.0], [30.0, 40.0], [30.0, 60.0], [0.0, 90.0]];
        let centre = |l: u32| f64::from(l) * 50.0;
        assert_eq!(old_x(&g, &old, &[Some(path)], &centre)[2], Some(30.0));
        // Without an old polyline: on the line between the ends.
        assert_eq!(old_x(&g, &old, &[None], &centre)[2], Some(0.0));
    }

    fn check_fit(target: &[f64], weight: &[f64], gap: &[f64], expected: &[f64]) {
        assert_eq!(fit_in_order(target, weight, gap), expected);
    }

    #[test]
    fn fits() {
        // Feasible targets are kept.
        check_fit(
            &[0.0, 50.0, 100.0],
            &[1.0; 3],
            &[10.0, 10.0],
            &[0.0, 50.0, 100.0],
        );
        // A light newcomer squeezed between two heavy old nodes: the side with fewer
        // nodes moves (here the right one), the other side stays exactly.
        check_fit(
            &[0.0, 10.0, 20.0, 30.0, 35.0],
            &[1.0, 1.0, 1.0, 0.01, 1.0],
            &[10.0, 10.0, 10.0, 10.0],
            &[0.0, 10.0, 20.0, 30.0, 40.0],
        );
        // Out-of-order targets meet at the weighted median.
        check_fit(&[10.0, 0.0], &[3.0, 1.0], &[5.0], &[10.0, 15.0]);
    }
}
