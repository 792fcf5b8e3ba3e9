//! The goal graph: every goal, its tree edges (parent above child) and its dependency
//! edges (the goal depended on above the goal that waits for it).

use super::{lay_out, DiagramRequest};
use crate::layout::{EdgeSpec, Layout, LayoutProgress};
use crate::{GoalNode, Result, Store};
use serde::Serialize;
use std::collections::HashMap;

/// `goal` waits until `depends_on` is achieved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalLink {
    pub goal: String,
    pub depends_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalGraph {
    /// Depth first, as in the goal tree.
    pub goals: Vec<GoalNode>,
    pub dependencies: Vec<GoalLink>,
    pub layout: Layout,
}

pub fn goal_graph(store: &Store, request: &DiagramRequest, progress: &mut dyn FnMut(LayoutProgress)) -> Result<GoalGraph> {
    let goals = store.goal_tree()?;
    let dependencies: Vec<GoalLink> =
        store.goal_dependencies()?.into_iter().map(|(goal, depends_on)| GoalLink { goal, depends_on }).collect();
    let tree = goals.iter().filter_map(|g| Some((g.parent.clone()?, g.key.clone())));
    let needs = dependencies.iter().map(|d| (d.depends_on.clone(), d.goal.clone()));
    let edges = acyclic(tree.chain(needs));
    let layout = lay_out(goals.iter().map(|g| g.key.clone()), edges, request, progress)?;
    Ok(GoalGraph { goals, dependencies, layout })
}

/// The edges in order, leaving out any that would close a cycle with those kept. The
/// tree and the dependencies are each acyclic, but together they need not be (a parent
/// may depend on its child); the layering then ignores the later edge, which the UI
/// still draws.
fn acyclic(edges: impl Iterator<Item = (String, String)>) -> Vec<EdgeSpec> {
    let mut next: HashMap<String, Vec<String>> = HashMap::new();
    let mut kept = Vec::new();
    for (source, target) in edges {
        if source == target || reaches(&next, &target, &source) {
            continue;
        }
        next.entry(source.clone()).or_default().push(target.clone());
        kept.push(EdgeSpec { source, target });
    }
    kept
}

fn reaches(next: &HashMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if seen.insert(v) {
            stack.extend(next.get(v).into_iter().flatten().map(String::as_str));
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::acyclic;

    fn check(edges: &[(&str, &str)], expected: &[(&str, &str)]) {
        let kept = acyclic(edges.iter().map(|(s, t)| (s.to_string(), t.to_string())));
        let kept: Vec<(&str, &str)> = kept.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn edges_closing_a_cycle_are_left_out_of_the_layering() {
        check(&[("a", "b"), ("b", "c")], &[("a", "b"), ("b", "c")]);
        // A parent that depends on its grandchild.
        check(&[("a", "b"), ("b", "c"), ("c", "a")], &[("a", "b"), ("b", "c")]);
        check(&[("a", "b"), ("b", "a"), ("a", "c")], &[("a", "b"), ("a", "c")]);
    }
}
