//! Lifting a found sequence of actions to a partial order that keeps only the orderings
//! the plan needs.
//!
//! Every precondition of every step, and every target condition, is supported by a
//! **causal link** from its producer: the last step before it in the sequence that writes
//! the condition's fact (or the start state, when no step does). The producer goes before
//! the consumer. A **threat** to a link is another step that writes the same fact a value
//! that does *not* satisfy the condition; it must stay out of the interval between producer
//! and consumer, and it keeps its side of the interval from the original sequence: before
//! the producer, or after the consumer. A writer whose value also satisfies the condition
//! is harmless and stays unordered.
//!
//! Why every linearisation works: take any step or the target and one of its conditions,
//! and the last step writing that fact before it in some linearisation. It is the producer
//! (whose value satisfied the condition in the sequence), a harmless writer, or no step at
//! all (then the producer was the start state and every harmful writer is ordered after
//! the consumer). It cannot be a harmful writer, which is ordered either before the
//! producer (which also precedes the consumer and so would write later) or after the
//! consumer. Every edge points forward in the sequence, so the order is acyclic and the
//! sequence is one of its linearisations.

use super::problem::Compiled;

/// The needed orderings between positions of `sequence`, as `(before, after)`, transitively
/// reduced and sorted.
pub(crate) fn lift(problem: &Compiled, sequence: &[usize]) -> Vec<(usize, usize)> {
    let n = sequence.len();
    let mut needed = vec![vec![false; n]; n];
    let last_writer_before = |fact: usize, position: usize| -> Option<usize> {
        (0..position).rev().find(|&p| problem.actions[sequence[p]].writes(fact).is_some())
    };
    let target = problem.target.iter().map(|&c| (n, c));
    let preconditions = sequence.iter().enumerate().flat_map(|(j, &a)| problem.actions[a].pre.iter().map(move |&c| (j, c)));
    for (consumer, c) in preconditions.chain(target) {
        let condition = &problem.conditions[c];
        let producer = last_writer_before(condition.fact, consumer);
        if let Some(p) = producer {
            if consumer < n {
                needed[p][consumer] = true;
            }
        }
        for (k, &a) in sequence.iter().enumerate() {
            if Some(k) == producer || k == consumer {
                continue;
            }
            let Some(value) = problem.actions[a].writes(condition.fact) else { continue };
            if condition.holds[value as usize] {
                continue;
            }
            match producer {
                Some(p) if k < p => needed[k][p] = true,
                _ => {
                    // After the consumer in the sequence (nothing writes between producer and consumer).
                    debug_assert!(k > consumer && consumer < n);
                    needed[consumer][k] = true;
                }
            }
        }
    }
    transitive_reduction(&needed)
}

/// Drops every edge implied by a longer path. All edges point forward (`i < j`), so one
/// backward sweep with reachability sets suffices.
fn transitive_reduction(edges: &[Vec<bool>]) -> Vec<(usize, usize)> {
    let n = edges.len();
    let mut reach = vec![vec![false; n]; n];
    let mut kept = Vec::new();
    for i in (0..n).rev() {
        // Successors in increasing order: a path to j through another successor s passes s < j first.
        for j in i + 1..n {
            if !edges[i][j] || reach[i][j] {
                continue;
            }
            kept.push((i, j));
            reach[i][j] = true;
            let (head, tail) = reach.split_at_mut(j);
            for (r, via) in head[i].iter_mut().zip(&tail[0]) {
                *r |= *via;
            }
        }
    }
    kept.sort_unstable();
    kept
}
