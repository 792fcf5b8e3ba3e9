//! Counting edge crossings between adjacent layers.
//!
//! A whole layer pair is counted with the accumulator tree of Barth, Jünger and Mutzel
//! ("Simple and efficient bilayer cross counting", 2004) in O(E log V), or, when the
//! lower layer is narrow, with a row of counts per position in O(E · V) vector steps,
//! which is faster there; swaps of two neighbours are judged with
//! [`pair_crossings_at`], which only looks at their own edges.

use super::layer_graph::Adjacency;

/// Reusable buffers for [`CrossingCounter::between`].
#[derive(Default)]
pub(crate) struct CrossingCounter {
    tree: Vec<u64>,
    south: Vec<u32>,
    /// For narrow layers: how many edges seen so far end at each lower position.
    ending: Vec<u32>,
}

/// Lower layers up to this wide are counted by [`CrossingCounter::between_narrow`],
/// whose cost per edge grows with the width; wider ones use the accumulator tree.
const NARROW: usize = 256;

impl CrossingCounter {
    /// Crossings between `upper` and the layer below it, of `lower_len` vertices.
    /// `down[v]` lists the lower neighbours of `v`; `pos` gives in-layer positions.
    pub fn between(
        &mut self,
        upper: &[u32],
        lower_len: usize,
        down: &Adjacency,
        pos: &[u32],
    ) -> u64 {
        if lower_len < 2 {
            return 0;
        }
        if lower_len <= NARROW {
            return self.between_narrow(upper, lower_len, down, pos);
        }
        // Edges sorted by (upper position, lower position): the "south sequence".
        self.south.clear();
        for &v in upper {
            let start = self.south.len();
            self.south
                .extend(down[v as usize].iter().map(|&w| pos[w as usize]));
            self.south[start..].sort_unstable();
        }
        let mut first = 1usize;
        while first < lower_len {
            first *= 2;
        }
        self.tree.clear();
        self.tree.resize(2 * first - 1, 0);
        let first = first - 1;
        let mut crossings = 0u64;
        for &p in &self.south {
            // Walk to the root, adding the weight of every right sibling passed: those
            // are earlier edges ending further right, which this edge crosses.
            let mut index = p as usize + first;
            self.tree[index] += 1;
            while index > 0 {
                if index % 2 == 1 {
                    crossings += self.tree[index + 1];
                }
                index = (index - 1) / 2;
                self.tree[index] += 1;
            }
        }
        crossings
    }

    /// [`Self::between`] for a narrow lower layer: each edge crosses the edges of the
    /// vertices left of its own that end right of it. Summing a short row of counts
    /// takes a few vector additions, where the tree walk takes a branch per level that
    /// a predictor cannot guess; and edges of one vertex never cross each other, so
    /// they are all counted before any is added, with no sorting.
    fn between_narrow(
        &mut self,
        upper: &[u32],
        lower_len: usize,
        down: &Adjacency,
        pos: &[u32],
    ) -> u64 {
        self.ending.clear();
        self.ending.resize(lower_len, 0);
        let mut crossings = 0u64;
        let mut earlier = 0u64;
        for &v in upper {
            let ends = &down[v as usize];
            for &w in ends {
                let p = pos[w as usize] as usize;
                let left_or_same: u32 = self.ending[..=p].iter().sum();
                crossings += earlier - u64::from(left_or_same);
            }
            for &w in ends {
                self.ending[pos[w as usize] as usize] += 1;
            }
            earlier += ends.len() as u64;
        }
        crossings
    }

    /// Crossings of the whole ordering.
    pub fn total(&mut self, layers: &[Vec<u32>], down: &Adjacency, pos: &[u32]) -> u64 {
        layers
            .windows(2)
            .map(|pair| self.between(&pair[0], pair[1].len(), down, pos))
            .sum()
    }
}

/// Crossings among the edges from `v` (neighbours `nv`) and `w` (neighbours `nw`) to
/// one adjacent layer, looking positions up in `pos`: `(with v left of w, with w left
/// of v)`. For a single swap decision this beats sorting the lists first.
pub(crate) fn pair_crossings_at(nv: &[u32], nw: &[u32], pos: &[u32]) -> (u64, u64) {
    let (mut v_left, mut w_left) = (0, 0);
    for &b in nw {
        let pb = pos[b as usize];
        for &a in nv {
            let pa = pos[a as usize];
            v_left += u64::from(pa > pb);
            w_left += u64::from(pa < pb);
        }
    }
    (v_left, w_left)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `edges` join upper position to lower position.
    fn check(upper: usize, lower: usize, edges: &[(u32, u32)], expected: u64) {
        let n = upper + lower;
        let mut down = vec![Vec::new(); n];
        for &(a, b) in edges {
            down[a as usize].push(upper as u32 + b);
        }
        let pos: Vec<u32> = (0..upper as u32).chain(0..lower as u32).collect();
        let upper_layer: Vec<u32> = (0..upper as u32).collect();
        let down = Adjacency::from_lists(&down);
        let got = CrossingCounter::default().between(&upper_layer, lower, &down, &pos);
        assert_eq!(got, expected);
        assert_eq!(brute_force(edges), expected);
    }

    fn brute_force(edges: &[(u32, u32)]) -> u64 {
        edges
            .iter()
            .flat_map(|&(a, b)| edges.iter().map(move |&(c, d)| u64::from(a < c && b > d)))
            .sum()
    }

    #[test]
    fn bilayer_counts() {
        check(2, 2, &[(0, 0), (1, 1)], 0);
        check(2, 2, &[(0, 1), (1, 0)], 1);
        check(2, 2, &[(0, 0), (0, 1), (1, 0), (1, 1)], 1);
        check(3, 3, &[(0, 2), (1, 1), (2, 0)], 3);
        // Several edges per vertex on both sides.
        check(
            5,
            5,
            &[
                (0, 0),
                (0, 1),
                (1, 0),
                (1, 2),
                (2, 3),
                (3, 1),
                (3, 3),
                (4, 2),
                (4, 4),
            ],
            5,
        );
        check(1, 4, &[(0, 3), (0, 0)], 0);
        // Wider than `NARROW`: the accumulator tree. Reversed, every pair crosses.
        let n = NARROW as u32 + 44;
        let reversed: Vec<(u32, u32)> = (0..n).map(|i| (i, n - 1 - i)).collect();
        check(
            n as usize,
            n as usize,
            &reversed,
            u64::from(n * (n - 1) / 2),
        );
        // Two edges per upper vertex, scattered; then the same folded onto a narrow layer.
        let scattered: Vec<(u32, u32)> = (0..n)
            .flat_map(|i| [(i, (i * 7) % n), (i, (i * 13 + 5) % n)])
            .collect();
        check(n as usize, n as usize, &scattered, brute_force(&scattered));
        let folded: Vec<(u32, u32)> = scattered.iter().map(|&(a, b)| (a, b % 3)).collect();
        check(n as usize, 3, &folded, brute_force(&folded));
    }

    #[test]
    fn pairs() {
        // Against brute force; positions as vertex ids, looked up through the identity.
        let identity: Vec<u32> = (0..6).collect();
        let lists: [&[u32]; 6] = [&[], &[0], &[2], &[0, 1], &[1, 1, 3], &[5, 0, 2, 2]];
        for a in lists {
            for b in lists {
                let brute = a.iter().flat_map(|x| b.iter().map(move |y| (x, y)));
                let expected = (
                    brute.clone().filter(|(x, y)| x > y).count() as u64,
                    brute.filter(|(x, y)| x < y).count() as u64,
                );
                assert_eq!(pair_crossings_at(a, b, &identity), expected, "{a:?} {b:?}");
            }
        }
    }
}
