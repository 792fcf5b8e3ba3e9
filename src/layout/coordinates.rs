//! Horizontal coordinates for an ordered layered graph, after Brandes and Köpf ("Fast
//! and simple horizontal coordinate assignment", 2001).
//!
//! Four times (aligning with upper or lower neighbours, packing to the left or right)
//! vertices are grouped into vertical blocks along median neighbours, long edges
//! first, and blocks are packed as tightly as separation allows; the final x is the
//! average of the two middle candidates, which keeps edges straight and parents
//! balanced over children. Packing follows dagre rather than the paper's class
//! shifting (which has a known flaw, see Brandes, Walter and Zink's 2020 erratum): a
//! longest-path pass over the graph of blocks places each block as far left as its
//! left neighbours allow, and a second pass pulls it right up to its right neighbours.
//!
//! Neighbours in a layer are at least `(w_u + w_v) / 2` plus a gap apart: `node_gap`
//! between nodes, `edge_gap` between dummies, and the mean of both in mixed pairs. Each
//! candidate layout satisfies these constraints, and so does the average of the two
//! middle values of four, since order statistics are monotone.

use super::layer_graph::LayerGraph;

/// Gaps between neighbours in a layer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spacing {
    pub node_gap: f64,
    pub edge_gap: f64,
}

impl Spacing {
    /// Smallest centre distance of neighbours `u` (left) and `v` in a layer of `g`.
    pub fn separation(&self, g: &LayerGraph, u: u32, v: u32) -> f64 {
        let gap = |w: u32| {
            if g.is_dummy(w) {
                self.edge_gap
            } else {
                self.node_gap
            }
        };
        (g.width[u as usize] + g.width[v as usize]) / 2.0 + (gap(u) + gap(v)) / 2.0
    }
}

/// The x of every vertex's centre, with the leftmost box edge at 0.
pub(crate) fn assign_x(g: &LayerGraph, layers: &[Vec<u32>], spacing: Spacing) -> Vec<f64> {
    let n = g.len();
    let mut pos = vec![0u32; n];
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v as usize] = i as u32;
        }
    }
    let marked = mark_conflicts(g, layers, &pos);
    let mut candidates: Vec<Vec<f64>> = Vec::with_capacity(4);
    for (downward, rightward) in [(true, false), (true, true), (false, false), (false, true)] {
        let order: Vec<Vec<u32>> = {
            let mut seq: Vec<Vec<u32>> = layers.to_vec();
            if !downward {
                seq.reverse();
            }
            if rightward {
                seq.iter_mut().for_each(|l| l.reverse());
            }
            seq
        };
        let alignment = align(g, &order, &marked, downward);
        let mut x = compact(g, &order, &alignment, spacing);
        if rightward {
            x.iter_mut().for_each(|c| *c = -*c);
        }
        candidates.push(x);
    }
    let x = balance(g, &candidates);
    let left = (0..n)
        .map(|v| x[v] - g.width[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    x.into_iter().map(|c| c - left).collect()
}

/// Type 1 conflicts: a segment that is not between two dummies but crosses one that
/// is. Long edges must stay straight, so such segments are never aligned. Returns, per
/// lower vertex, the upper neighbours whose segment is marked.
fn mark_conflicts(g: &LayerGraph, layers: &[Vec<u32>], pos: &[u32]) -> Vec<Vec<u32>> {
    let mut marked = vec![Vec::new(); g.len()];
    for pair in layers.windows(2) {
        let (upper, lower) = (&pair[0], &pair[1]);
        if upper.is_empty() {
            continue;
        }
        let (mut k0, mut l) = (0u32, 0usize);
        for (l1, &v) in lower.iter().enumerate() {
            let inner = if g.is_dummy(v) {
                g.up[v as usize].iter().copied().find(|&u| g.is_dummy(u))
            } else {
                None
            };
            if l1 + 1 == lower.len() || inner.is_some() {
                let k1 = inner.map_or(upper.len() as u32 - 1, |u| pos[u as usize]);
                while l <= l1 {
                    let w = lower[l];
                    for &u in &g.up[w as usize] {
                        let k = pos[u as usize];
                        if k < k0 || k > k1 {
                            marked[w as usize].push(u);
                        }
                    }
                    l += 1;
                }
                k0 = k1;
            }
        }
    }
    marked
}

/// Vertical blocks as cyclic `align` lists with a `root` each.
struct Alignment {
    root: Vec<u32>,
}

fn align(g: &LayerGraph, order: &[Vec<u32>], marked: &[Vec<u32>], downward: bool) -> Alignment {
    let n = g.len();
    let mut root: Vec<u32> = (0..n as u32).collect();
    let mut align: Vec<u32> = (0..n as u32).collect();
    let mut dpos = vec![0i64; n];
    for layer in order {
        for (i, &v) in layer.iter().enumerate() {
            dpos[v as usize] = i as i64;
        }
    }
    let mut neighbours: Vec<u32> = Vec::new();
    for layer in order.iter().skip(1) {
        let mut r = -1i64;
        for &v in layer {
            neighbours.clear();
            let list = if downward {
                &g.up[v as usize]
            } else {
                &g.down[v as usize]
            };
            neighbours.extend_from_slice(list);
            if neighbours.is_empty() {
                continue;
            }
            neighbours.sort_unstable_by_key(|&u| dpos[u as usize]);
            let d = neighbours.len();
            for m in [(d - 1) / 2, d / 2] {
                if align[v as usize] != v {
                    break;
                }
                let u = neighbours[m];
                let is_marked = if downward {
                    marked[v as usize].contains(&u)
                } else {
                    marked[u as usize].contains(&v)
                };
                if !is_marked && r < dpos[u as usize] {
                    align[u as usize] = v;
                    root[v as usize] = root[u as usize];
                    align[v as usize] = root[v as usize];
                    r = dpos[u as usize];
                }
            }
        }
    }
    Alignment { root }
}

/// Places blocks left to right in `order`, each as far left as separation allows,
/// then pulls each right towards its right neighbours where there is room.
fn compact(
    g: &LayerGraph,
    order: &[Vec<u32>],
    alignment: &Alignment,
    spacing: Spacing,
) -> Vec<f64> {
    let n = g.len();
    let root = &alignment.root;
    // The graph of blocks: an edge from each vertex's block to its right neighbour's.
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    for layer in order {
        for pair in layer.windows(2) {
            let (u, v) = (pair[0], pair[1]);
            edges.push((
                root[u as usize],
                root[v as usize],
                spacing.separation(g, u, v),
            ));
        }
    }
    let mut out_start = vec![0usize; n + 1];
    let mut indegree = vec![0u32; n];
    for &(a, b, _) in &edges {
        out_start[a as usize + 1] += 1;
        indegree[b as usize] += 1;
    }
    for i in 0..n {
        out_start[i + 1] += out_start[i];
    }
    let mut out = vec![(0u32, 0.0f64); edges.len()];
    let mut fill = out_start.clone();
    for &(a, b, w) in &edges {
        out[fill[a as usize]] = (b, w);
        fill[a as usize] += 1;
    }
    // Kahn's order over block roots (non-roots have no edges and are skipped).
    let mut topo: Vec<u32> = Vec::with_capacity(n);
    let mut ready: Vec<u32> = (0..n as u32)
        .filter(|&v| root[v as usize] == v && indegree[v as usize] == 0)
        .collect();
    ready.reverse();
    while let Some(b) = ready.pop() {
        topo.push(b);
        for &(c, _) in &out[out_start[b as usize]..out_start[b as usize + 1]] {
            indegree[c as usize] -= 1;
            if indegree[c as usize] == 0 {
                ready.push(c);
            }
        }
    }
    let mut x = vec![0.0f64; n];
    for &b in &topo {
        let xb = x[b as usize];
        for &(c, w) in &out[out_start[b as usize]..out_start[b as usize + 1]] {
            if x[c as usize] < xb + w {
                x[c as usize] = xb + w;
            }
        }
    }
    for &b in topo.iter().rev() {
        let successors = &out[out_start[b as usize]..out_start[b as usize + 1]];
        if successors.is_empty() {
            continue;
        }
        let room = successors
            .iter()
            .map(|&(c, w)| x[c as usize] - w)
            .fold(f64::INFINITY, f64::min);
        if room > x[b as usize] {
            x[b as usize] = room;
        }
    }
    (0..n).map(|v| x[root[v] as usize]).collect()
}

/// Shifts the four candidates onto the narrowest one (left-packed ones by their left
/// side, right-packed ones by their right side) and averages the middle two values.
fn balance(g: &LayerGraph, candidates: &[Vec<f64>]) -> Vec<f64> {
    let n = g.len();
    let extent = |x: &[f64]| {
        (0..n).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            let half = g.width[v] / 2.0;
            (lo.min(x[v] - half), hi.max(x[v] + half))
        })
    };
    let extents: Vec<(f64, f64)> = candidates.iter().map(|x| extent(x)).collect();
    let narrowest = (0..candidates.len())
        .min_by(|&a, &b| {
            let wa = extents[a].1 - extents[a].0;
            let wb = extents[b].1 - extents[b].0;
            wa.total_cmp(&wb)
        })
        .unwrap_or(0);
    let shifts: Vec<f64> = (0..candidates.len())
        .map(|i| {
            if i % 2 == 0 {
                extents[narrowest].0 - extents[i].0
            } else {
                extents[narrowest].1 - extents[i].1
            }
        })
        .collect();
    (0..n)
        .map(|v| {
            let mut values = [0.0f64; 4];
            for (i, x) in candidates.iter().enumerate() {
                values[i] = x[v] + shifts[i];
            }
            values.sort_by(f64::total_cmp);
            (values[1] + values[2]) / 2.0
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPACING: Spacing = Spacing {
        node_gap: 10.0,
        edge_gap: 4.0,
    };

    /// Nodes of width 10 on the given layers, already ordered by index; returns x.
    fn check(layer: &[u32], edges: &[(u32, u32)], expected: &[f64]) {
        let g = LayerGraph::build(layer, &vec![10.0; layer.len()], edges);
        let mut layers = vec![Vec::new(); g.layer_count];
        for v in 0..g.len() as u32 {
            layers[g.layer[v as usize] as usize].push(v);
        }
        let x = assign_x(&g, &layers, SPACING);
        assert_eq!(&x[..layer.len()], expected);
    }

    #[test]
    fn coordinates() {
        // A chain is straight.
        check(&[0, 1, 2], &[(0, 1), (1, 2)], &[5.0, 5.0, 5.0]);
        // A diamond: top and bottom centred between the middle pair.
        check(
            &[0, 1, 1, 2],
            &[(0, 1), (0, 2), (1, 3), (2, 3)],
            &[15.0, 5.0, 25.0, 15.0],
        );
        // Unconnected neighbours keep their distance.
        check(&[0, 0], &[], &[5.0, 25.0]);
        // A parent over three children sits on the middle one.
        check(
            &[0, 1, 1, 1],
            &[(0, 1), (0, 2), (0, 3)],
            &[25.0, 5.0, 25.0, 45.0],
        );
    }
}
