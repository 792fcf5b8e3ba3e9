//! Maximum-weight bipartite matching over a sparse graph, exactly: successive shortest
//! augmenting paths (the Jonker–Volgenant scheme) with Dijkstra on reduced costs.
//!
//! Knows nothing about tasks or agents: rows, columns and integer edge weights. A row
//! may stay unmatched (it weighs 0 then); only the given edges can be used, so pairs
//! that are not feasible are simply absent.
//!
//! Each row gets a private "unmatched" column with weight 0, which turns the problem
//! into a perfect matching of rows. Costs are `max_weight - weight` (never negative),
//! so zero potentials start out feasible. Every row then runs one Dijkstra from itself
//! to the nearest free column; potentials keep every reduced cost non-negative and every
//! matched edge tight. Ties matter for speed: when many columns sit at the same
//! distance, free ones are settled first, so a row whose best weight is shared by a free
//! column stops at once instead of walking through every row matched at that weight.

/// A bipartite graph in compressed rows: the edges of row `r` are
/// `edges[row_start[r]..row_start[r + 1]]`.
#[derive(Clone, Debug, Default)]
pub struct BipartiteGraph {
    columns: usize,
    row_start: Vec<usize>,
    edges: Vec<(u32, i64)>,
}

impl BipartiteGraph {
    pub fn new(columns: usize) -> BipartiteGraph {
        BipartiteGraph { columns, row_start: vec![0], edges: Vec::new() }
    }

    /// Adds the next row with its `(column, weight)` edges; weights must be ≥ 0 (an
    /// edge of weight 0 is no better than leaving the row unmatched).
    pub fn push_row(&mut self, edges: impl IntoIterator<Item = (u32, i64)>) {
        for (column, weight) in edges {
            assert!((column as usize) < self.columns, "column {column} out of range");
            assert!(weight >= 0, "negative weight {weight}");
            self.edges.push((column, weight));
        }
        self.row_start.push(self.edges.len());
    }

    pub fn rows(&self) -> usize {
        self.row_start.len() - 1
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn row(&self, r: usize) -> &[(u32, i64)] {
        &self.edges[self.row_start[r]..self.row_start[r + 1]]
    }
}

const NONE: u32 = u32::MAX;

/// One Dijkstra's working state, kept between rows so that only touched entries are reset.
/// Columns waiting to be settled sit in `todo`, and the nearest is found by scanning it:
/// on dense rows that beats a heap (every relaxation would be a push), and on sparse
/// rows `todo` stays short.
struct Search {
    dist: Vec<i64>,
    via: Vec<u32>,
    done: Vec<bool>,
    touched: Vec<u32>,
    todo: Vec<u32>,
}

/// The matching and the dual potentials of the rows and columns.
struct State {
    top: i64,
    real: usize,
    u: Vec<i64>,
    v: Vec<i64>,
    row_of: Vec<u32>,
    column_of: Vec<u32>,
}

impl Search {
    /// Relaxes every edge of row `i`, reached at distance `d`, and its unmatched column.
    fn relax(&mut self, graph: &BipartiteGraph, s: &State, i: usize, d: i64) {
        let base = d - s.u[i];
        for &(j, w) in graph.row(i) {
            self.improve(j, base + (s.top - w) - s.v[j as usize], i);
        }
        let own = s.real + i;
        self.improve(own as u32, base + s.top - s.v[own], i);
    }

    #[inline]
    fn improve(&mut self, j: u32, nd: i64, i: usize) {
        let ju = j as usize;
        if nd < self.dist[ju] && !self.done[ju] {
            if self.dist[ju] == i64::MAX {
                self.touched.push(j);
                self.todo.push(j);
            }
            self.dist[ju] = nd;
            self.via[ju] = i as u32;
        }
    }

    /// Removes and returns the nearest waiting column; among equals a free column, then
    /// the lowest index, so the choice never depends on the order of `todo`.
    fn nearest(&mut self, s: &State) -> u32 {
        let key = |j: u32| (self.dist[j as usize], s.row_of[j as usize] != NONE, j);
        let mut best = 0;
        let mut best_key = key(self.todo[0]);
        for (k, &j) in self.todo.iter().enumerate().skip(1) {
            let candidate = key(j);
            if candidate < best_key {
                best = k;
                best_key = candidate;
            }
        }
        self.todo.swap_remove(best)
    }

    fn reset(&mut self) {
        for &j in &self.touched {
            self.dist[j as usize] = i64::MAX;
            self.done[j as usize] = false;
        }
        self.touched.clear();
        self.todo.clear();
    }
}

/// For each row, the column it is matched to (or `None`), in a matching of maximum
/// total weight. Deterministic: the same graph always gives the same matching.
pub fn max_weight_matching(graph: &BipartiteGraph) -> Vec<Option<u32>> {
    let rows = graph.rows();
    let real = graph.columns();
    // Columns real..real + rows are the rows' private "unmatched" columns.
    let all = real + rows;
    let top = graph.edges.iter().map(|&(_, w)| w).max().unwrap_or(0);
    // Row potentials start at each row's cheapest edge, so every row has a tight edge.
    let u = (0..rows).map(|r| graph.row(r).iter().map(|&(_, w)| top - w).min().unwrap_or(top)).collect();
    let mut s = State { top, real, u, v: vec![0; all], row_of: vec![NONE; all], column_of: vec![NONE; rows] };
    let mut search = Search { dist: vec![i64::MAX; all], via: vec![NONE; all], done: vec![false; all], touched: Vec::new(), todo: Vec::new() };
    let mut settled_columns: Vec<u32> = Vec::new();
    let mut settled_rows: Vec<(u32, i64)> = Vec::new();

    for start in 0..rows {
        settled_rows.clear();
        settled_columns.clear();
        settled_rows.push((start as u32, 0));
        search.relax(graph, &s, start, 0);
        let (target, reach) = loop {
            // Never empty: the row's own unmatched column is always reachable.
            let j = search.nearest(&s);
            let ju = j as usize;
            let d = search.dist[ju];
            search.done[ju] = true;
            settled_columns.push(j);
            let i = s.row_of[ju];
            if i == NONE {
                break (ju, d);
            }
            settled_rows.push((i, d));
            search.relax(graph, &s, i as usize, d);
        };

        // Potentials: settled rows and columns move by how much closer than the target
        // they were, which keeps reduced costs ≥ 0 and the new path tight.
        for &(i, d) in &settled_rows {
            s.u[i as usize] += reach - d;
        }
        for &j in &settled_columns {
            s.v[j as usize] -= reach - search.dist[j as usize];
        }

        // Augment: flip the matching along the path back to the start row.
        let mut j = target;
        loop {
            let i = search.via[j] as usize;
            let previous = s.column_of[i];
            s.column_of[i] = j as u32;
            s.row_of[j] = i as u32;
            if i == start {
                break;
            }
            j = previous as usize;
        }
        search.reset();
    }

    s.column_of.into_iter().map(|j| (j != NONE && (j as usize) < real).then_some(j)).collect()
}

/// The total weight of a matching.
pub fn total_weight(graph: &BipartiteGraph, matching: &[Option<u32>]) -> i64 {
    matching
        .iter()
        .enumerate()
        .filter_map(|(r, j)| j.map(|j| graph.row(r).iter().find(|&&(c, _)| c == j).expect("matched along an edge").1))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn graph(columns: usize, rows: &[&[(u32, i64)]]) -> BipartiteGraph {
        let mut g = BipartiteGraph::new(columns);
        for row in rows {
            g.push_row(row.iter().copied());
        }
        g
    }

    fn check(columns: usize, rows: &[&[(u32, i64)]], expected: &[Option<u32>]) {
        let g = graph(columns, rows);
        assert_eq!(max_weight_matching(&g), expected);
    }

    #[test]
    fn hand_checked_cases() {
        // Greedy would give column 0 to row 0 (weight 5) and leave row 1 with 1: 6.
        // The optimum crosses: 4 + 4 = 8.
        check(2, &[&[(0, 5), (1, 4)], &[(0, 4), (1, 1)]], &[Some(1), Some(0)]);
        // One column, two rows: the heavier row wins.
        check(1, &[&[(0, 3)], &[(0, 7)]], &[None, Some(0)]);
        // A row without edges stays unmatched; columns may stay free.
        check(3, &[&[], &[(2, 1)]], &[None, Some(2)]);
        // A long augmenting path: each row shifts one column to make room.
        check(3, &[&[(0, 2), (1, 1)], &[(1, 2), (2, 1)], &[(0, 3)]], &[Some(1), Some(2), Some(0)]);
        // No rows, no columns.
        check(0, &[], &[]);
    }

    #[test]
    fn all_ties_fill_in_order() {
        let row: Vec<(u32, i64)> = (0..4).map(|j| (j, 9)).collect();
        let rows: Vec<&[(u32, i64)]> = vec![&row; 3];
        check(4, &rows, &[Some(0), Some(1), Some(2)]);
    }

    /// Every matching of a small graph, by brute force: the best total weight.
    fn brute_force(g: &BipartiteGraph) -> i64 {
        fn go(g: &BipartiteGraph, r: usize, used: &mut Vec<bool>) -> i64 {
            if r == g.rows() {
                return 0;
            }
            let mut best = go(g, r + 1, used);
            for &(j, w) in g.row(r) {
                if !used[j as usize] {
                    used[j as usize] = true;
                    best = best.max(w + go(g, r + 1, used));
                    used[j as usize] = false;
                }
            }
            best
        }
        go(g, 0, &mut vec![false; g.columns()])
    }

    fn small_graph() -> impl Strategy<Value = BipartiteGraph> {
        (0usize..7, 0usize..6).prop_flat_map(|(rows, columns)| {
            proptest::collection::vec(proptest::collection::vec(proptest::option::of(0i64..6), columns), rows).prop_map(move |m| {
                let mut g = BipartiteGraph::new(columns);
                for row in m {
                    g.push_row(row.into_iter().enumerate().filter_map(|(j, w)| w.map(|w| (j as u32, w))));
                }
                g
            })
        })
    }

    proptest! {
        #[test]
        fn matches_brute_force(g in small_graph()) {
            let m = max_weight_matching(&g);
            let mut used = vec![false; g.columns()];
            for (r, j) in m.iter().enumerate() {
                if let Some(j) = j {
                    prop_assert!(g.row(r).iter().any(|&(c, _)| c == *j), "row {} matched off its edges", r);
                    prop_assert!(!used[*j as usize], "column {} matched twice", j);
                    used[*j as usize] = true;
                }
            }
            prop_assert_eq!(total_weight(&g, &m), brute_force(&g));
        }
    }
}
