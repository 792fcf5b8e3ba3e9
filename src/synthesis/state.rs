//! Compact states for the search: each fact's domain index packed into as few bits as its
//! domain needs, inside `u32` words (a fact never straddles two words), and every distinct
//! state interned once in a [`StateSet`]: one flat array of words plus an open-addressing
//! table of state ids, so that millions of states fit in memory (a blocks-world state of 100
//! boolean facts takes 28 bytes with its table slot).

/// Where each fact lives in a packed state.
pub(crate) struct Packer {
    /// By fact: word index, shift and mask.
    slots: Vec<(u32, u32, u32)>,
    /// Words per packed state.
    pub words: usize,
}

impl Packer {
    /// A packing for facts with these domain sizes.
    pub fn new(domain_sizes: impl IntoIterator<Item = usize>) -> Packer {
        let mut slots = Vec::new();
        let mut word = 0u32;
        let mut used = 0u32;
        for size in domain_sizes {
            let bits = usize::BITS - size.saturating_sub(1).leading_zeros();
            if bits == 0 {
                // One value: nothing to store (and no shift past the word's end).
                slots.push((0, 0, 0));
                continue;
            }
            if used + bits > 32 {
                word += 1;
                used = 0;
            }
            let mask = if bits == 32 { u32::MAX } else { (1u32 << bits) - 1 };
            slots.push((word, used, mask));
            used += bits;
        }
        let words = if slots.is_empty() { 0 } else { word as usize + 1 };
        Packer { slots, words }
    }

    pub fn pack(&self, values: &[u32], out: &mut [u32]) {
        out.fill(0);
        for (&(word, shift, _), &v) in self.slots.iter().zip(values) {
            out[word as usize] |= v << shift;
        }
    }

    pub fn unpack(&self, packed: &[u32], out: &mut [u32]) {
        for (&(word, shift, mask), v) in self.slots.iter().zip(out.iter_mut()) {
            *v = (packed[word as usize] >> shift) & mask;
        }
    }
}

const EMPTY: u32 = u32::MAX;

/// Every distinct packed state seen, by dense id (in insertion order).
pub(crate) struct StateSet {
    words: usize,
    data: Vec<u32>,
    len: usize,
    /// Open addressing with linear probing: state ids, `EMPTY` for a free slot. At most half full.
    table: Vec<u32>,
}

impl StateSet {
    pub fn new(words: usize) -> StateSet {
        StateSet { words, data: Vec::new(), len: 0, table: vec![EMPTY; 1024] }
    }

    pub fn get(&self, id: u32) -> &[u32] {
        let at = id as usize * self.words;
        &self.data[at..at + self.words]
    }

    /// The id of `packed`, and whether it was new.
    pub fn insert(&mut self, packed: &[u32]) -> (u32, bool) {
        if 2 * (self.len + 1) > self.table.len() {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut slot = hash(packed) as usize & mask;
        loop {
            let id = self.table[slot];
            if id == EMPTY {
                let id = self.len as u32;
                self.data.extend_from_slice(packed);
                self.len += 1;
                self.table[slot] = id;
                return (id, true);
            }
            if self.get(id) == packed {
                return (id, false);
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = self.table.len() * 2;
        let mut table = vec![EMPTY; size];
        for id in 0..self.len as u32 {
            let mut slot = hash(self.get(id)) as usize & (size - 1);
            while table[slot] != EMPTY {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = id;
        }
        self.table = table;
    }
}

/// A fast multiplicative hash of the words, with a final mix so that the low bits used by
/// the table depend on every word.
fn hash(words: &[u32]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &w in words {
        h = (h.rotate_left(5) ^ w as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_and_never_straddles_a_word() {
        // 3 values → 2 bits, 1 value → 0 bits, 40000 → 16 bits, 2^32 → 32 bits.
        let packer = Packer::new([3, 1, 40_000, 3, 1 << 32, 5, 1 << 30, 4, 1]);
        assert_eq!(packer.words, 4);
        let values = [2, 0, 39_999, 1, u32::MAX, 4, (1 << 30) - 1, 3, 0];
        let mut packed = vec![0; packer.words];
        packer.pack(&values, &mut packed);
        let mut back = [0; 9];
        packer.unpack(&packed, &mut back);
        assert_eq!(back, values);
    }

    #[test]
    fn interning_gives_one_id_per_distinct_state_through_growth() {
        let mut set = StateSet::new(2);
        for i in 0..5000u32 {
            assert_eq!(set.insert(&[i, i / 7]), (i, true));
        }
        for i in (0..5000u32).rev() {
            assert_eq!(set.insert(&[i, i / 7]), (i, false));
            assert_eq!(set.get(i), &[i, i / 7]);
        }
        assert_eq!(set.len, 5000);
    }
}
