//! The partial order a decomposition imposes on its actions.
//!
//! An ordered method puts every action of a subtask before every action of the next;
//! an unordered one orders two actions of different subtasks only when they interfere
//! (one writes a fact the other reads or writes), in the order the decomposition ran
//! them. Every pair of interfering actions is then ordered as simulated, so every order
//! the edges allow reaches the same states (docs/htn.md has the argument).

use super::tree::{Node, Part};
use crate::domain::Action;
use std::collections::BTreeSet;

/// The steps of a subtree, and those with no predecessor or successor inside it.
struct Span {
    steps: Vec<usize>,
    sources: Vec<usize>,
    sinks: Vec<usize>,
}

/// Precedence edges between positions of `steps`, transitively reduced and sorted.
pub(crate) fn precedence(tree: &Node, steps: &[&Action]) -> Vec<(usize, usize)> {
    let mut edges = BTreeSet::new();
    span(tree, steps, &mut edges);
    reduce(steps.len(), &edges)
}

fn span(node: &Node, steps: &[&Action], edges: &mut BTreeSet<(usize, usize)>) -> Span {
    let parts: Vec<Span> = node
        .parts
        .iter()
        .map(|p| match p {
            Part::Action { step, .. } => Span { steps: vec![*step], sources: vec![*step], sinks: vec![*step] },
            Part::Goal { node } => span(node, steps, edges),
        })
        .filter(|s| !s.steps.is_empty())
        .collect();
    let all: Vec<usize> = parts.iter().flat_map(|p| p.steps.iter().copied()).collect();
    if parts.is_empty() {
        return Span { steps: all, sources: Vec::new(), sinks: Vec::new() };
    }
    if node.ordered {
        for pair in parts.windows(2) {
            for &a in &pair[0].sinks {
                for &b in &pair[1].sources {
                    edges.insert((a, b));
                }
            }
        }
        let sources = parts[0].sources.clone();
        let sinks = parts[parts.len() - 1].sinks.clone();
        return Span { steps: all, sources, sinks };
    }
    let mut has_pred = BTreeSet::new();
    let mut has_succ = BTreeSet::new();
    for (i, earlier) in parts.iter().enumerate() {
        for later in &parts[i + 1..] {
            for &a in &earlier.steps {
                for &b in &later.steps {
                    // Steps are numbered in simulation order: an earlier part's steps
                    // all come first.
                    if interfere(steps[a], steps[b]) {
                        edges.insert((a, b));
                        has_succ.insert(a);
                        has_pred.insert(b);
                    }
                }
            }
        }
    }
    let sources = parts.iter().flat_map(|p| p.sources.iter().copied()).filter(|s| !has_pred.contains(s)).collect();
    let sinks = parts.iter().flat_map(|p| p.sinks.iter().copied()).filter(|s| !has_succ.contains(s)).collect();
    Span { steps: all, sources, sinks }
}

/// One writes a fact that the other reads or writes.
fn interfere(a: &Action, b: &Action) -> bool {
    let writes = |x: &Action, key: &str| x.fields.effects.iter().any(|e| e.key == key);
    a.fields.effects.iter().any(|e| writes(b, &e.key) || b.fields.preconditions.iter().any(|c| c.key == e.key))
        || b.fields.effects.iter().any(|e| a.fields.preconditions.iter().any(|c| c.key == e.key))
}

/// The transitive reduction of a DAG whose edges all go from a lower to a higher index.
fn reduce(n: usize, edges: &BTreeSet<(usize, usize)>) -> Vec<(usize, usize)> {
    let words = n.div_ceil(64);
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        succ[a].push(b);
    }
    // reach[v]: every step reachable from v, v excluded. Built from the last step back.
    let mut reach = vec![vec![0u64; words]; n];
    let mut kept = Vec::new();
    for v in (0..n).rev() {
        let mut seen = vec![0u64; words];
        // Successors in increasing index: a nearer one cannot be reached from a later one.
        for &w in &succ[v] {
            if seen[w / 64] >> (w % 64) & 1 == 1 {
                continue;
            }
            kept.push((v, w));
            seen[w / 64] |= 1 << (w % 64);
            for (s, r) in seen.iter_mut().zip(&reach[w]) {
                *s |= r;
            }
        }
        reach[v] = seen;
    }
    kept.sort_unstable();
    kept
}

#[cfg(test)]
mod tests {
    use super::reduce;

    #[test]
    fn reduction_drops_implied_edges() {
        let edges = [(0, 1), (1, 2), (0, 2), (0, 3), (2, 3)].into_iter().collect();
        assert_eq!(reduce(4, &edges), [(0, 1), (1, 2), (2, 3)]);
        let diamond = [(0, 1), (0, 2), (1, 3), (2, 3), (0, 3)].into_iter().collect();
        assert_eq!(reduce(4, &diamond), [(0, 1), (0, 2), (1, 3), (2, 3)]);
    }
}
