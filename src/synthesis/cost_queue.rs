//! The priority queue of the h_max explorations: propositions by cost, cheapest first and,
//! among equal costs, the one pushed last first. That is the order Fast Downward's bucket
//! queue pops them in, and it matters beyond speed: the order decides which precondition
//! becomes an operator's supporter, hence which cuts LM-cut finds and how high its estimate
//! is. Costs below [`BUCKETS`] (every cost, when actions cost small whole numbers) go into
//! buckets, one per cost; larger ones into a heap ordered the same way.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Costs with a bucket of their own.
const BUCKETS: i64 = 1 << 12;

pub(crate) struct CostQueue {
    /// `buckets[c]`: the propositions queued at cost `c`, the last pushed at the end.
    buckets: Vec<Vec<u32>>,
    /// No bucket below this one holds anything.
    lowest: usize,
    in_buckets: usize,
    /// Costs of `BUCKETS` and more: cheapest first, then the latest push.
    heap: BinaryHeap<Reverse<(i64, Reverse<u64>, u32)>>,
    pushes: u64,
}

impl CostQueue {
    pub fn new() -> CostQueue {
        CostQueue { buckets: Vec::new(), lowest: 0, in_buckets: 0, heap: BinaryHeap::new(), pushes: 0 }
    }

    pub fn push(&mut self, cost: i64, prop: u32) {
        debug_assert!(cost >= 0);
        if cost < BUCKETS {
            let c = cost as usize;
            if c >= self.buckets.len() {
                self.buckets.resize_with(c + 1, Vec::new);
            }
            self.buckets[c].push(prop);
            if self.in_buckets == 0 || c < self.lowest {
                self.lowest = c;
            }
            self.in_buckets += 1;
        } else {
            self.pushes += 1;
            self.heap.push(Reverse((cost, Reverse(self.pushes), prop)));
        }
    }

    /// The cheapest (cost, proposition), the latest pushed among equals.
    pub fn pop(&mut self) -> Option<(i64, u32)> {
        if self.in_buckets > 0 {
            while self.buckets[self.lowest].is_empty() {
                self.lowest += 1;
            }
            self.in_buckets -= 1;
            let prop = self.buckets[self.lowest].pop()?;
            return Some((self.lowest as i64, prop));
        }
        self.heap.pop().map(|Reverse((cost, _, prop))| (cost, prop))
    }

    pub fn clear(&mut self) {
        if self.in_buckets > 0 {
            for bucket in &mut self.buckets[self.lowest..] {
                bucket.clear();
            }
            self.in_buckets = 0;
        }
        self.heap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::{CostQueue, BUCKETS};

    fn drain(q: &mut CostQueue) -> Vec<(i64, u32)> {
        std::iter::from_fn(|| q.pop()).collect()
    }

    #[test]
    fn cheapest_first_and_the_last_pushed_among_equals() {
        let mut q = CostQueue::new();
        for (cost, prop) in [(3, 1), (1, 2), (3, 3), (0, 4), (1, 5), (BUCKETS + 5, 6), (BUCKETS + 5, 7), (BUCKETS, 8)] {
            q.push(cost, prop);
        }
        assert_eq!(drain(&mut q), vec![(0, 4), (1, 5), (1, 2), (3, 3), (3, 1), (BUCKETS, 8), (BUCKETS + 5, 7), (BUCKETS + 5, 6)]);
    }

    #[test]
    fn a_cheaper_push_after_pops_comes_out_next() {
        let mut q = CostQueue::new();
        q.push(5, 1);
        q.push(7, 2);
        assert_eq!(q.pop(), Some((5, 1)));
        q.push(2, 3);
        assert_eq!(drain(&mut q), vec![(2, 3), (7, 2)]);
    }

    #[test]
    fn clear_empties_both_parts() {
        let mut q = CostQueue::new();
        q.push(4, 1);
        q.push(BUCKETS * 2, 2);
        q.clear();
        assert_eq!(q.pop(), None);
        q.push(1, 3);
        assert_eq!(drain(&mut q), vec![(1, 3)]);
    }
}
