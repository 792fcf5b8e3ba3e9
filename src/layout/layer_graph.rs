//! The proper layered graph of one component: every edge longer than one layer is cut
//! into one-layer segments through dummy vertices, so that ordering and coordinate
//! assignment only ever look at adjacent layers.

use std::ops::Index;

/// Neighbour lists of every vertex in one flat array (compressed rows): `adj[v]` is a
/// slice. The ordering phase reads them millions of times, and one contiguous array
/// keeps those reads in cache where a `Vec` per vertex scatters them over the heap.
#[derive(Debug, Clone, Default)]
pub(crate) struct Adjacency {
    start: Vec<u32>,
    targets: Vec<u32>,
}

impl Adjacency {
    pub fn from_lists(lists: &[Vec<u32>]) -> Adjacency {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut targets = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        start.push(0);
        for list in lists {
            targets.extend_from_slice(list);
            start.push(targets.len() as u32);
        }
        Adjacency { start, targets }
    }
}

impl Index<usize> for Adjacency {
    type Output = [u32];

    fn index(&self, v: usize) -> &[u32] {
        &self.targets[self.start[v] as usize..self.start[v + 1] as usize]
    }
}

/// Vertices `0..n_real` are the component's nodes (local indices); the rest are dummies.
#[derive(Debug, Clone)]
pub(crate) struct LayerGraph {
    pub n_real: usize,
    pub layer: Vec<u32>,
    /// Box width; zero for dummies.
    pub width: Vec<f64>,
    /// Neighbours one layer up and one layer down, in edge input order.
    pub up: Adjacency,
    pub down: Adjacency,
    /// For each component edge: its source, its dummies top to bottom, its target.
    pub chains: Vec<Vec<u32>>,
    pub layer_count: usize,
}

impl LayerGraph {
    /// `layer` and `width` are per node; every edge must point to a lower layer.
    pub fn build(layer: &[u32], width: &[f64], edges: &[(u32, u32)]) -> LayerGraph {
        let n_real = layer.len();
        let mut layer = layer.to_vec();
        let mut width = width.to_vec();
        let mut up: Vec<Vec<u32>> = vec![Vec::new(); n_real];
        let mut down: Vec<Vec<u32>> = vec![Vec::new(); n_real];
        let mut chains = Vec::with_capacity(edges.len());
        let layer_count = layer.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
        let link = |upper: u32, lower: u32, up: &mut Vec<Vec<u32>>, down: &mut Vec<Vec<u32>>| {
            down[upper as usize].push(lower);
            up[lower as usize].push(upper);
        };
        for &(s, t) in edges {
            let mut chain = vec![s];
            let mut prev = s;
            for l in layer[s as usize] + 1..layer[t as usize] {
                let dummy = layer.len() as u32;
                layer.push(l);
                width.push(0.0);
                up.push(Vec::new());
                down.push(Vec::new());
                link(prev, dummy, &mut up, &mut down);
                chain.push(dummy);
                prev = dummy;
            }
            link(prev, t, &mut up, &mut down);
            chain.push(t);
            chains.push(chain);
        }
        LayerGraph {
            n_real,
            layer,
            width,
            up: Adjacency::from_lists(&up),
            down: Adjacency::from_lists(&down),
            chains,
            layer_count,
        }
    }

    pub fn len(&self) -> usize {
        self.layer.len()
    }

    pub fn is_dummy(&self, v: u32) -> bool {
        v as usize >= self.n_real
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_edges_get_one_dummy_per_layer_crossed() {
        let g = LayerGraph::build(&[0, 1, 3], &[5.0, 5.0, 5.0], &[(0, 1), (0, 2)]);
        assert_eq!(g.chains, vec![vec![0, 1], vec![0, 3, 4, 2]]);
        assert_eq!(g.layer, vec![0, 1, 3, 1, 2]);
        assert_eq!(&g.down[0], &[1, 3]);
        assert_eq!(&g.up[2], &[4]);
        assert_eq!(g.layer_count, 4);
        assert!(g.is_dummy(3) && !g.is_dummy(2));
    }
}
