//! The path search behind every cycle check of the DAGs a workspace keeps: goal
//! dependencies, plan precedence, task dependencies, and the goal tree itself.

use std::collections::{HashMap, VecDeque};

/// The shortest path `from` → … → `to` along `successors`, if there is one.
///
/// Adding the edge `to → from` would close a cycle exactly when such a path exists;
/// the path (plus `from` again) is the cycle to show the user. Visits only what is
/// reachable from `from`, one indexed query per node.
pub fn path<E>(from: i64, to: i64, mut successors: impl FnMut(i64) -> Result<Vec<i64>, E>) -> Result<Option<Vec<i64>>, E> {
    let mut came_from: HashMap<i64, i64> = HashMap::from([(from, from)]);
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to];
            let mut at = to;
            while at != from {
                // Every node on the queue was recorded with where it came from.
                at = came_from[&at];
                path.push(at);
            }
            path.reverse();
            return Ok(Some(path));
        }
        for next in successors(node)? {
            came_from.entry(next).or_insert_with(|| {
                queue.push_back(next);
                node
            });
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::path;

    fn graph(edges: &[(i64, i64)]) -> impl Fn(i64) -> Result<Vec<i64>, ()> + '_ {
        move |n| Ok(edges.iter().filter(|e| e.0 == n).map(|e| e.1).collect())
    }

    #[test]
    fn finds_the_shortest_path() {
        let edges = [(1, 2), (2, 3), (3, 4), (1, 4)];
        assert_eq!(path(1, 4, graph(&edges)).unwrap(), Some(vec![1, 4]));
        assert_eq!(path(2, 4, graph(&edges)).unwrap(), Some(vec![2, 3, 4]));
        assert_eq!(path(4, 1, graph(&edges)).unwrap(), None);
        assert_eq!(path(3, 3, graph(&edges)).unwrap(), Some(vec![3]));
    }
}
