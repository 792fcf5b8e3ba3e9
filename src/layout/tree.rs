//! Tidy tree layout for forests: Reingold–Tilford drawings in linear time, after
//! Buchheim, Jünger and Leipert ("Improving Walker's algorithm to run in linear time",
//! 2002), with nodes of any width.
//!
//! Each parent is centred over its first and last child, subtrees are packed as close
//! as their contours allow (at least `node_gap` apart at every depth), and smaller
//! subtrees between two larger ones are spaced out evenly. Trees of a forest are
//! children of a virtual root and so sit side by side, `component_gap` apart. Depths
//! are bands as in the layered layout, and edges are routed the same way.
//!
//! Both walks are iterative, so a chain of any depth cannot overflow the stack.

use super::contract::{EdgePath, Layout, LayoutInput, LayoutOptions, NodePosition};
use super::error::LayoutError;
use super::graph::{self, Checked};
use super::routing::{route, Bands, Stop};

const NONE: u32 = u32::MAX;

/// Lays out a forest given as edges parent → child; children are ordered as their
/// edges are, and trees by their roots' input order. Refuses a node with two parents
/// and cycles, besides what [`super::layered`] refuses.
pub fn tidy_tree(input: &LayoutInput, options: &LayoutOptions) -> Result<Layout, LayoutError> {
    graph::check_options(options)?;
    let nodes = graph::check(input)?;
    let forest = Forest::new(&nodes)?;
    let x = forest.place(&nodes, options);
    let depth = forest.depths();
    let mut heights: Vec<f64> = Vec::new();
    for (&d, &height) in depth.iter().zip(&nodes.height) {
        let d = d as usize;
        if heights.len() <= d {
            heights.resize(d + 1, 0.0);
        }
        heights[d] = heights[d].max(height);
    }
    let bands = Bands::new(&heights, options.layer_gap);
    let stop = |v: u32| Stop {
        x: x[v as usize],
        layer: depth[v as usize],
        height: Some(nodes.height[v as usize]),
    };
    Ok(Layout {
        nodes: (0..nodes.len())
            .map(|v| NodePosition {
                id: nodes.ids[v].to_owned(),
                x: x[v],
                y: bands.centre(depth[v]),
            })
            .collect(),
        edges: nodes
            .edges
            .iter()
            .map(|&(p, c)| EdgePath {
                source: nodes.ids[p as usize].to_owned(),
                target: nodes.ids[c as usize].to_owned(),
                points: route(&[stop(p), stop(c)], &bands),
            })
            .collect(),
        crossings: 0,
    })
}

/// The forest under a virtual root, numbered `n`.
struct Forest {
    parent: Vec<u32>,
    children: Vec<Vec<u32>>,
}

impl Forest {
    fn new(nodes: &Checked<'_>) -> Result<Forest, LayoutError> {
        let n = nodes.len();
        let mut parent = vec![NONE; n + 1];
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n + 1];
        for &(p, c) in &nodes.edges {
            let first = parent[c as usize];
            if first != NONE {
                return Err(LayoutError::MultipleParents {
                    child: nodes.ids[c as usize].to_owned(),
                    first: nodes.ids[first as usize].to_owned(),
                    second: nodes.ids[p as usize].to_owned(),
                });
            }
            parent[c as usize] = p;
            children[p as usize].push(c);
        }
        for v in 0..n as u32 {
            if parent[v as usize] == NONE {
                parent[v as usize] = n as u32;
                children[n].push(v);
            }
        }
        let forest = Forest { parent, children };
        // With one parent each, a node unreachable from the roots hangs below a cycle.
        let reached = forest.preorder();
        if reached.len() < n + 1 {
            let mut seen = vec![false; n + 1];
            for &v in &reached {
                seen[v as usize] = true;
            }
            let lost = (0..n as u32).find(|&v| !seen[v as usize]).unwrap_or(0);
            return Err(LayoutError::Cycle {
                cycle: forest.cycle_above(lost, nodes),
            });
        }
        Ok(forest)
    }

    fn root(&self) -> u32 {
        (self.parent.len() - 1) as u32
    }

    fn preorder(&self) -> Vec<u32> {
        let mut order = Vec::with_capacity(self.parent.len());
        let mut stack = vec![self.root()];
        while let Some(v) = stack.pop() {
            order.push(v);
            stack.extend(self.children[v as usize].iter().rev());
        }
        order
    }

    /// The cycle reached by climbing parents from `v`, in edge order, starting from its
    /// first node in input order.
    fn cycle_above(&self, v: u32, nodes: &Checked<'_>) -> Vec<String> {
        let mut on_path = vec![false; self.parent.len()];
        let mut path = Vec::new();
        let mut x = v;
        while !on_path[x as usize] {
            on_path[x as usize] = true;
            path.push(x);
            x = self.parent[x as usize];
        }
        let from = path.iter().position(|&p| p == x).unwrap_or(0);
        let mut cycle: Vec<u32> = path[from..].iter().rev().copied().collect();
        let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
        cycle.rotate_left(first);
        cycle
            .iter()
            .map(|&c| nodes.ids[c as usize].to_owned())
            .collect()
    }

    /// Depth of every real node; roots are 0.
    fn depths(&self) -> Vec<u32> {
        let mut depth = vec![0u32; self.parent.len()];
        for v in self.preorder().into_iter().skip(1) {
            let p = self.parent[v as usize];
            depth[v as usize] = if p == self.root() {
                0
            } else {
                depth[p as usize] + 1
            };
        }
        depth.pop();
        depth
    }

    fn place(&self, nodes: &Checked<'_>, options: &LayoutOptions) -> Vec<f64> {
        let mut walker = Walker::new(self, nodes, options);
        walker.first_walk();
        let x = walker.second_walk();
        let left = (0..nodes.len())
            .map(|v| x[v] - nodes.width[v] / 2.0)
            .fold(f64::INFINITY, f64::min);
        x.into_iter().take(nodes.len()).map(|c| c - left).collect()
    }
}

/// The state of Buchheim et al.'s algorithm, one slot per node plus the virtual root.
struct Walker<'f> {
    forest: &'f Forest,
    width: Vec<f64>,
    /// The tree (child of the virtual root) each node belongs to.
    tree: Vec<u32>,
    number: Vec<u32>,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    shift: Vec<f64>,
    change: Vec<f64>,
    thread: Vec<u32>,
    ancestor: Vec<u32>,
    node_gap: f64,
    tree_gap: f64,
}

impl<'f> Walker<'f> {
    fn new(forest: &'f Forest, nodes: &Checked<'_>, options: &LayoutOptions) -> Walker<'f> {
        let size = forest.parent.len();
        let mut width = nodes.width.clone();
        width.push(0.0);
        let mut number = vec![0u32; size];
        for list in &forest.children {
            for (i, &c) in list.iter().enumerate() {
                number[c as usize] = i as u32;
            }
        }
        let mut tree = vec![NONE; size];
        for v in forest.preorder().into_iter().skip(1) {
            let p = forest.parent[v as usize];
            tree[v as usize] = if p == forest.root() {
                v
            } else {
                tree[p as usize]
            };
        }
        Walker {
            forest,
            width,
            tree,
            number,
            prelim: vec![0.0; size],
            modifier: vec![0.0; size],
            shift: vec![0.0; size],
            change: vec![0.0; size],
            thread: vec![NONE; size],
            ancestor: (0..size as u32).collect(),
            node_gap: options.node_gap,
            tree_gap: options.component_gap,
        }
    }

    /// Centre-to-centre distance for `a` left of `b` on the same depth.
    fn distance(&self, a: u32, b: u32) -> f64 {
        let gap = if self.tree[a as usize] == self.tree[b as usize] {
            self.node_gap
        } else {
            self.tree_gap
        };
        (self.width[a as usize] + self.width[b as usize]) / 2.0 + gap
    }

    fn left_sibling(&self, v: u32) -> Option<u32> {
        let i = self.number[v as usize] as usize;
        let p = self.forest.parent[v as usize];
        (i > 0 && p != NONE).then(|| self.forest.children[p as usize][i - 1])
    }

    fn next_left(&self, v: u32) -> u32 {
        self.forest.children[v as usize]
            .first()
            .copied()
            .unwrap_or(self.thread[v as usize])
    }

    fn next_right(&self, v: u32) -> u32 {
        self.forest.children[v as usize]
            .last()
            .copied()
            .unwrap_or(self.thread[v as usize])
    }

    /// Postorder; after each child, its subtree is pushed clear of its left siblings.
    fn first_walk(&mut self) {
        let forest = self.forest;
        let root = forest.root();
        let mut default_ancestor = vec![NONE; forest.parent.len()];
        let mut stack: Vec<(u32, usize)> = vec![(root, 0)];
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if let Some(&c) = forest.children[v as usize].get(i) {
                top.1 += 1;
                if i == 0 {
                    default_ancestor[v as usize] = c;
                }
                stack.push((c, 0));
                continue;
            }
            stack.pop();
            self.finish(v);
            if let Some(&(p, _)) = stack.last() {
                default_ancestor[p as usize] = self.apportion(v, default_ancestor[p as usize]);
            }
        }
    }

    /// Preliminary x of `v` once all its children are placed.
    fn finish(&mut self, v: u32) {
        let children = &self.forest.children[v as usize];
        let left = self.left_sibling(v);
        let at_left = left.map(|w| self.prelim[w as usize] + self.distance(w, v));
        if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
            self.execute_shifts(v);
            let midpoint = (self.prelim[first as usize] + self.prelim[last as usize]) / 2.0;
            match at_left {
                Some(x) => {
                    self.prelim[v as usize] = x;
                    self.modifier[v as usize] = x - midpoint;
                }
                None => self.prelim[v as usize] = midpoint,
            }
        } else {
            self.prelim[v as usize] = at_left.unwrap_or(0.0);
        }
    }

    fn apportion(&mut self, v: u32, default_ancestor: u32) -> u32 {
        let Some(w) = self.left_sibling(v) else {
            return default_ancestor;
        };
        let mut default_ancestor = default_ancestor;
        let p = self.forest.parent[v as usize];
        let (mut vip, mut vop) = (v, v);
        let mut vim = w;
        let mut vom = self.forest.children[p as usize][0];
        let m = |x: u32, s: &Self| s.modifier[x as usize];
        let (mut sip, mut sop, mut sim, mut som) =
            (m(vip, self), m(vop, self), m(vim, self), m(vom, self));
        loop {
            let (nr, nl) = (self.next_right(vim), self.next_left(vip));
            if nr == NONE || nl == NONE {
                break;
            }
            vim = nr;
            vip = nl;
            vom = self.next_left(vom);
            vop = self.next_right(vop);
            self.ancestor[vop as usize] = v;
            let shift = (self.prelim[vim as usize] + sim) - (self.prelim[vip as usize] + sip)
                + self.distance(vim, vip);
            if shift > 0.0 {
                let a = self.ancestor[vim as usize];
                let from = if self.forest.parent[a as usize] == p {
                    a
                } else {
                    default_ancestor
                };
                self.move_subtree(from, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += m(vim, self);
            sip += m(vip, self);
            som += m(vom, self);
            sop += m(vop, self);
        }
        let nr = self.next_right(vim);
        if nr != NONE && self.next_right(vop) == NONE {
            self.thread[vop as usize] = nr;
            self.modifier[vop as usize] += sim - sop;
        }
        let nl = self.next_left(vip);
        if nl != NONE && self.next_left(vom) == NONE {
            self.thread[vom as usize] = nl;
            self.modifier[vom as usize] += sip - som;
            default_ancestor = v;
        }
        default_ancestor
    }

    /// Shifts the subtree of `right` by `shift` and records the share of the siblings
    /// in between, applied later in one pass by `execute_shifts`.
    fn move_subtree(&mut self, left: u32, right: u32, shift: f64) {
        let (l, r) = (left as usize, right as usize);
        let between = f64::from(self.number[r] - self.number[l]);
        self.change[r] -= shift / between;
        self.shift[r] += shift;
        self.change[l] += shift / between;
        self.prelim[r] += shift;
        self.modifier[r] += shift;
    }

    fn execute_shifts(&mut self, v: u32) {
        let (mut shift, mut change) = (0.0, 0.0);
        for &w in self.forest.children[v as usize].iter().rev() {
            let w = w as usize;
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }

    /// Final x: preliminary x plus the modifiers of all ancestors.
    fn second_walk(&self) -> Vec<f64> {
        let mut x = vec![0.0; self.forest.parent.len()];
        let mut stack = vec![(self.forest.root(), 0.0f64)];
        while let Some((v, m)) = stack.pop() {
            x[v as usize] = self.prelim[v as usize] + m;
            let below = m + self.modifier[v as usize];
            stack.extend(self.forest.children[v as usize].iter().map(|&c| (c, below)));
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `spec` is `"a b c; a->b a->c"`, nodes 20 wide and 10 tall; returns `id(x,y)`s.
    fn check(spec: &str, expected: &str) {
        let (nodes, edges) = spec.split_once(';').unwrap_or((spec, ""));
        let input = LayoutInput {
            nodes: nodes
                .split_whitespace()
                .map(|id| super::super::NodeBox {
                    id: id.to_owned(),
                    width: 20.0,
                    height: 10.0,
                })
                .collect(),
            edges: edges
                .split_whitespace()
                .map(|e| {
                    let (s, t) = e.split_once("->").unwrap();
                    super::super::EdgeSpec {
                        source: s.to_owned(),
                        target: t.to_owned(),
                    }
                })
                .collect(),
        };
        let options = LayoutOptions {
            node_gap: 10.0,
            layer_gap: 20.0,
            component_gap: 30.0,
            ..LayoutOptions::default()
        };
        let got = match tidy_tree(&input, &options) {
            Ok(layout) => layout
                .nodes
                .iter()
                .map(|n| format!("{}({},{})", n.id, n.x, n.y))
                .collect::<Vec<_>>()
                .join(" "),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expected);
    }

    #[test]
    fn trees() {
        check("a", "a(10,5)");
        check("a b c; a->b a->c", "a(25,5) b(10,35) c(40,35)");
        // The parent sits over the middle of its first and last child.
        check(
            "a b c d; a->b a->c a->d",
            "a(40,5) b(10,35) c(40,35) d(70,35)",
        );
        // b's wide subtree pushes c right; c stays centred under nothing but a's span.
        check(
            "a b c d e; a->b a->c b->d b->e",
            "a(40,5) b(25,35) c(55,35) d(10,65) e(40,65)",
        );
        // Two trees side by side, a tree gap apart.
        check("a b c; a->b", "a(10,5) b(10,35) c(60,5)");
    }

    #[test]
    fn small_subtrees_between_big_ones_are_spread_evenly() {
        // r has children x, m, y; x and y have three children each, m none. Without
        // spreading m would hug x at 70; the room x and y force is shared, so m sits
        // halfway between them.
        check(
            "r x m y x1 x2 x3 y1 y2 y3; r->x r->m r->y x->x1 x->x2 x->x3 y->y1 y->y2 y->y3",
            "r(85,5) x(40,35) m(85,35) y(130,35) x1(10,65) x2(40,65) x3(70,65) y1(100,65) y2(130,65) y3(160,65)",
        );
    }

    #[test]
    fn refusals() {
        check(
            "a b c; a->c b->c",
            r#"node "c" has two parents, "a" and "b"; a tree layout needs a forest"#,
        );
        check(
            "a b c d; d->a a->b b->c c->a",
            r#"node "a" has two parents, "d" and "c"; a tree layout needs a forest"#,
        );
        check(
            "r a b c; a->b b->c c->a",
            "the graph has a cycle: a -> b -> c -> a",
        );
    }

    #[test]
    fn deep_chain_does_not_overflow() {
        let n = 20_000;
        let input = LayoutInput {
            nodes: (0..n)
                .map(|i| super::super::NodeBox {
                    id: i.to_string(),
                    width: 10.0,
                    height: 10.0,
                })
                .collect(),
            edges: (1..n)
                .map(|i| super::super::EdgeSpec {
                    source: (i - 1).to_string(),
                    target: i.to_string(),
                })
                .collect(),
        };
        let layout = tidy_tree(&input, &LayoutOptions::default()).unwrap();
        assert!(layout.nodes.iter().all(|p| p.x == 5.0));
        assert_eq!(layout.nodes[n - 1].y, 5.0 + (n - 1) as f64 * 90.0);
    }
}
