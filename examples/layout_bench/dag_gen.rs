//! Deterministic random graphs for the layout benchmarks (shared by
//! `examples/layout_bench` and `benches/layout.rs`), so that the criterion numbers and
//! the comparison with dot run on the very same graphs.
//!
//! - `Shape::Deep`: like real plans, many layers with few nodes each. Node `i` depends
//!   on 1–3 (1.5 on average) of the dozen nodes before it, and now and then (5%) on
//!   any of the 150 before it, which makes some edges span tens of layers.
//! - `Shape::Wide`: about `3 * sqrt(n)` nodes per level; each node depends on 1–3
//!   nodes of the level above, near its own position, and sometimes on a random node
//!   of any earlier level.
//!
//! Nodes and edges are listed in shuffled order, as a database would hand them over.

#![allow(dead_code)] // each user takes what it needs

use mabos_planner::layout::{EdgeSpec, LayoutInput, NodeBox};

/// SplitMix64: tiny, fast and good enough for test data; no dependency needed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Deep,
    Wide,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::Deep => "deep",
            Shape::Wide => "wide",
        }
    }

    pub fn parse(name: &str) -> Option<Shape> {
        match name {
            "deep" => Some(Shape::Deep),
            "wide" => Some(Shape::Wide),
            _ => None,
        }
    }
}

/// 1, 2 or 3 with probabilities 0.6, 0.3, 0.1: 1.5 on average.
fn fan_in(rng: &mut Rng) -> usize {
    match rng.unit() {
        u if u < 0.6 => 1,
        u if u < 0.9 => 2,
        _ => 3,
    }
}

/// Edges as `(parent, child)` node numbers; every edge goes from a lower number up.
fn dag_edges(shape: Shape, n: usize, rng: &mut Rng) -> Vec<(usize, usize)> {
    let mut edges = Vec::with_capacity(n * 3 / 2);
    match shape {
        Shape::Deep => {
            const WINDOW: usize = 12;
            const FAR: usize = 150;
            for i in 1..n {
                let mut parents: Vec<usize> = Vec::new();
                for _ in 0..fan_in(rng) {
                    let p = if rng.unit() < 0.05 {
                        i - 1 - rng.below(FAR.min(i))
                    } else {
                        i - 1 - rng.below(WINDOW.min(i))
                    };
                    if !parents.contains(&p) {
                        parents.push(p);
                    }
                }
                edges.extend(parents.into_iter().map(|p| (p, i)));
            }
        }
        Shape::Wide => {
            let width = ((3.0 * (n as f64).sqrt()) as usize).max(1);
            let level_of = |i: usize| i / width;
            for i in width.min(n)..n {
                let level = level_of(i);
                let offset = i % width;
                let above = (level - 1) * width;
                let mut parents: Vec<usize> = Vec::new();
                // Levels above `level` hold `width` nodes each.
                for _ in 0..fan_in(rng) {
                    let p = if rng.unit() < 0.1 {
                        rng.below(level * width)
                    } else {
                        let spread = (width / 8).max(1) as i64;
                        let jitter = rng.below(2 * spread as usize + 1) as i64 - spread;
                        above + (offset as i64 + jitter).clamp(0, width as i64 - 1) as usize
                    };
                    if !parents.contains(&p) {
                        parents.push(p);
                    }
                }
                edges.extend(parents.into_iter().map(|p| (p, i)));
            }
        }
    }
    edges
}

/// Node `i` is `n{i}`, between 80 and 200 wide and 40 tall.
fn boxes(n: usize, rng: &mut Rng) -> Vec<NodeBox> {
    (0..n)
        .map(|i| NodeBox {
            id: format!("n{i}"),
            width: (80 + 10 * rng.below(13)) as f64,
            height: 40.0,
        })
        .collect()
}

fn shuffled(nodes: Vec<NodeBox>, edges: Vec<(usize, usize)>, rng: &mut Rng) -> LayoutInput {
    let mut nodes = nodes;
    let mut edges: Vec<EdgeSpec> = edges
        .into_iter()
        .map(|(s, t)| EdgeSpec {
            source: format!("n{s}"),
            target: format!("n{t}"),
        })
        .collect();
    rng.shuffle(&mut nodes);
    rng.shuffle(&mut edges);
    LayoutInput { nodes, edges }
}

pub fn dag(shape: Shape, n: usize, seed: u64) -> LayoutInput {
    let mut rng = Rng::new(seed);
    let nodes = boxes(n, &mut rng);
    let edges = dag_edges(shape, n, &mut rng);
    shuffled(nodes, edges, &mut rng)
}

/// A random forest-free tree: node `i` hangs under node `i - 1` with probability 0.3
/// (making long branches), otherwise under a uniformly random earlier node.
pub fn tree(n: usize, seed: u64) -> LayoutInput {
    let mut rng = Rng::new(seed);
    let nodes = boxes(n, &mut rng);
    let edges = (1..n)
        .map(|i| {
            let p = if rng.unit() < 0.3 {
                i - 1
            } else {
                rng.below(i)
            };
            (p, i)
        })
        .collect();
    shuffled(nodes, edges, &mut rng)
}

/// A chain `n0 -> n1 -> ... -> n{n-1}`.
pub fn chain(n: usize) -> LayoutInput {
    LayoutInput {
        nodes: (0..n)
            .map(|i| NodeBox {
                id: format!("n{i}"),
                width: 100.0,
                height: 40.0,
            })
            .collect(),
        edges: (1..n)
            .map(|i| EdgeSpec {
                source: format!("n{}", i - 1),
                target: format!("n{i}"),
            })
            .collect(),
    }
}

/// The small edit of the stability measurement: one new node, depending on one
/// existing node chosen by `seed`.
pub fn with_one_more(input: &LayoutInput, seed: u64) -> LayoutInput {
    let mut rng = Rng::new(seed);
    let mut edited = input.clone();
    let parent = input.nodes[rng.below(input.nodes.len())].id.clone();
    edited.nodes.push(NodeBox {
        id: "added".to_owned(),
        width: 120.0,
        height: 40.0,
    });
    edited.edges.push(EdgeSpec {
        source: parent,
        target: "added".to_owned(),
    });
    edited
}

/// The same graph for dot: fixed-size boxes in points (1/72 inch), with dot's gaps set
/// to ours (node gap 40, layer gap 80).
pub fn to_dot(input: &LayoutInput) -> String {
    let mut out = String::from(
        "digraph G {\n  nodesep=0.5556; ranksep=1.1111;\n  node [shape=box, fixedsize=true, label=\"\"];\n",
    );
    for node in &input.nodes {
        out.push_str(&format!(
            "  {} [width={:.4}, height={:.4}];\n",
            node.id,
            node.width / 72.0,
            node.height / 72.0
        ));
    }
    for edge in &input.edges {
        out.push_str(&format!("  {} -> {};\n", edge.source, edge.target));
    }
    out.push_str("}\n");
    out
}
