//! The proper layered graph of one component: every edge longer than one layer is cut
//! into one-layer segments through dummy vertices, so that ordering and coordinate
//! assignment only ever look at adjacent layers.

/// Vertices `0..n_real` are the component's nodes (local indices); the rest are dummies.
#[derive(Debug, Clone)]
pub(crate) struct LayerGraph {
    pub n_real: usize,
    pub layer: Vec<u32>,
    /// Box width; zero for dummies.
    pub width: Vec<f64>,
    /// Neighbours one layer up and one layer down, in edge input order.
    pub up: Vec<Vec<u32>>,
    pub down: Vec<Vec<u32>>,
    /// For each component edge: its source, its dummies top to bottom, its target.
    pub chains: Vec<Vec<u32>>,
    pub layer_count: usize,
}

impl LayerGraph {
    /// `layer` and `width` are per node; every edge must point to a lower layer.
    pub fn build(layer: &[u32], width: &[f64], edges: &[(u32, u32)]) -> LayerGraph {
        let n_real = layer.len();
        let mut g = LayerGraph {
            n_real,
            layer: layer.to_vec(),
            width: width.to_vec(),
            up: vec![Vec::new(); n_real],
            down: vec![Vec::new(); n_real],
            chains: Vec::with_capacity(edges.len()),
            layer_count: layer.iter().map(|&l| l as usize + 1).max().unwrap_or(0),
        };
        for &(s, t) in edges {
            let mut chain = vec![s];
            let mut prev = s;
            for l in layer[s as usize] + 1..layer[t as usize] {
                let dummy = g.layer.len() as u32;
                g.layer.push(l);
                g.width.push(0.0);
                g.up.push(Vec::new());
                g.down.push(Vec::new());
                g.link(prev, dummy);
                chain.push(dummy);
                prev = dummy;
            }
            g.link(prev, t);
            chain.push(t);
            g.chains.push(chain);
        }
        g
    }

    fn link(&mut self, upper: u32, lower: u32) {
        self.down[upper as usize].push(lower);
        self.up[lower as usize].push(upper);
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
        assert_eq!(g.down[0], vec![1, 3]);
        assert_eq!(g.up[2], vec![4]);
        assert_eq!(g.layer_count, 4);
        assert!(g.is_dummy(3) && !g.is_dummy(2));
    }
}
