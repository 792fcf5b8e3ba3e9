//! Stable re-layout: after a small edit the picture should stay recognisable.
//!
//! The previous drawing seeds the in-layer order (nodes by their old x; new nodes near
//! their old neighbours; long edges between their ends), crossing reduction moves away
//! from that order only for strictly fewer crossings, and the result is translated so
//! that the median node stays where it was. [`moved_nodes`] measures the outcome.

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
    let old: HashMap<&str, &NodePosition> = before.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
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

/// An initial ordering from old x positions (`hint[v]` for the real vertices of `g`).
/// Vertices with nothing to go by keep their place in `fallback`, after the others.
pub(crate) fn hinted_order(g: &LayerGraph, hint: &[Option<f64>], fallback: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let mut key: Vec<Option<f64>> = vec![None; g.len()];
    key[..g.n_real].copy_from_slice(hint);
    // New nodes go to the mean of their placed neighbours.
    let mut sum = vec![(0.0f64, 0u32); g.n_real];
    for chain in &g.chains {
        let (s, t) = (chain[0] as usize, chain[chain.len() - 1] as usize);
        for (a, b) in [(s, t), (t, s)] {
            if let (None, Some(x)) = (hint[a], hint[b]) {
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
    // Dummies on the straight line between their edge's ends.
    for chain in &g.chains {
        let (s, t) = (chain[0] as usize, chain[chain.len() - 1] as usize);
        let span = (chain.len() - 1) as f64;
        for (i, &d) in chain.iter().enumerate().take(chain.len() - 1).skip(1) {
            key[d as usize] = match (key[s], key[t]) {
                (Some(a), Some(b)) => Some(a + (b - a) * i as f64 / span),
                (Some(a), None) | (None, Some(a)) => Some(a),
                (None, None) => None,
            };
        }
    }
    fallback
        .iter()
        .map(|layer| {
            let mut ranked: Vec<(usize, u32)> = layer.iter().copied().enumerate().collect();
            ranked.sort_by(|&(i, a), &(j, b)| match (key[a as usize], key[b as usize]) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(i.cmp(&j)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => i.cmp(&j),
            });
            ranked.into_iter().map(|(_, v)| v).collect()
        })
        .collect()
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
        let after = layout(&[("a", 0.0, 0.0), ("b", 10.4, 0.0), ("c", 20.0, 9.0), ("d", 1.0, 1.0)]);
        assert_eq!(
            moved_nodes(&before, &after, 0.5),
            Movement {
                compared: 3,
                moved: 1
            }
        );
    }

    #[test]
    fn hints_order_layers() {
        // 0 -> 1, 0 -> 2, 0 -> 3 where 3 is new: old x put 2 left of 1; 3 has no hint
        // and no placed neighbour but 0, so it lands at 0's x, between 2 and 1.
        let g = LayerGraph::build(&[0, 1, 1, 1], &[10.0; 4], &[(0, 1), (0, 2), (0, 3)]);
        let fallback = vec![vec![0], vec![1, 2, 3]];
        let got = hinted_order(&g, &[Some(50.0), Some(90.0), Some(10.0), None], &fallback);
        assert_eq!(got, vec![vec![0], vec![2, 3, 1]]);
    }
}
