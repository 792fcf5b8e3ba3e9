//! Finding the applicable actions of a state without testing every action: each action is
//! filed under its most selective precondition (the one the fewest values of its fact
//! satisfy), by that fact and by each satisfying value. A state then only looks at the
//! actions filed under its own values, and checks their other preconditions.

use super::problem::Compiled;

pub(crate) struct Successors {
    /// First list of each fact: list = offset[fact] + domain index.
    offset: Vec<usize>,
    /// By (fact, value), the actions filed there.
    filed: Vec<Vec<u32>>,
    /// Actions without preconditions, applicable everywhere.
    always: Vec<u32>,
}

impl Successors {
    pub fn new(problem: &Compiled) -> Successors {
        let mut offset = Vec::with_capacity(problem.domains.len());
        let mut lists = 0;
        for domain in &problem.domains {
            offset.push(lists);
            lists += domain.len();
        }
        let mut filed = vec![Vec::new(); lists];
        let mut always = Vec::new();
        for (a, action) in problem.actions.iter().enumerate() {
            let most_selective =
                action.pre.iter().map(|&c| &problem.conditions[c]).min_by_key(|c| c.holds.iter().filter(|h| **h).count());
            match most_selective {
                None => always.push(a as u32),
                Some(c) => {
                    for (v, holds) in c.holds.iter().enumerate() {
                        if *holds {
                            filed[offset[c.fact] + v].push(a as u32);
                        }
                    }
                }
            }
        }
        Successors { offset, filed, always }
    }

    /// The actions applicable in `state`, in action order, into `out` (cleared first).
    pub fn applicable(&self, problem: &Compiled, state: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(&self.always);
        for (f, &v) in state.iter().enumerate() {
            for &a in &self.filed[self.offset[f] + v as usize] {
                if problem.applicable(a as usize, state) {
                    out.push(a);
                }
            }
        }
        out.sort_unstable();
    }
}
