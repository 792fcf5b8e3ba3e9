//! Cycle search on an in-memory graph of item indexes: a whole file is checked in one
//! pass, without a query per link.

/// The first cycle met by a depth-first search over nodes `0..n` that starts from each
/// node in index order and follows successors in the order given: `[a, b, …, a]`, so
/// that its last edge is the one that closes it. `None` when the graph is acyclic.
pub(crate) fn find_cycle<'a>(n: usize, successors: impl Fn(usize) -> &'a [usize]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; n];
    // The current path, each node with the index of the next successor to visit.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        mark[start] = Mark::OnPath;
        path.push((start, 0));
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            match successors(node).get(*next) {
                Some(&succ) => {
                    *next += 1;
                    match mark[succ] {
                        Mark::New => {
                            mark[succ] = Mark::OnPath;
                            path.push((succ, 0));
                        }
                        Mark::OnPath => {
                            let from = path.iter().position(|&(n, _)| n == succ).unwrap_or(0);
                            let mut cycle: Vec<usize> = path[from..].iter().map(|&(n, _)| n).collect();
                            cycle.push(succ);
                            return Some(cycle);
                        }
                        Mark::Done => {}
                    }
                }
                None => {
                    mark[node] = Mark::Done;
                    path.pop();
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_cycle;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut g = vec![Vec::new(); n];
        for &(a, b) in edges {
            g[a].push(b);
        }
        g
    }

    #[test]
    fn finds_cycles_and_only_cycles() {
        let check = |n, edges: &[(usize, usize)], expected: Option<Vec<usize>>| {
            let g = graph(n, edges);
            assert_eq!(find_cycle(n, |i| &g[i]), expected, "{edges:?}");
        };
        check(3, &[(0, 1), (1, 2), (0, 2)], None);
        check(3, &[(0, 1), (1, 2), (2, 1)], Some(vec![1, 2, 1]));
        check(2, &[(1, 1)], Some(vec![1, 1]));
        check(4, &[(0, 1), (1, 2), (2, 3), (3, 0)], Some(vec![0, 1, 2, 3, 0]));
        check(0, &[], None);
    }

    #[test]
    fn deep_chains_do_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        let g = graph(n, &edges);
        assert_eq!(find_cycle(n, |i| &g[i]), None);
    }
}
