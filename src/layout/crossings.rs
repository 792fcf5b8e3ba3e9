//! Counting edge crossings between adjacent layers.
//!
//! A whole layer pair is counted with the accumulator tree of Barth, Jünger and Mutzel
//! ("Simple and efficient bilayer cross counting", 2004) in O(E log V); swaps of two
//! neighbours are judged with [`pair_crossings`], which only looks at their own edges.

use super::layer_graph::Adjacency;

/// Reusable buffers for [`CrossingCounter::between`].
#[derive(Default)]
pub(crate) struct CrossingCounter {
    tree: Vec<u64>,
    south: Vec<u32>,
}

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
        // Brute force agrees.
        let brute = edges
            .iter()
            .flat_map(|&(a, b)| edges.iter().map(move |&(c, d)| (a < c && b > d) as u64))
            .sum::<u64>();
        assert_eq!(brute, expected);
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
