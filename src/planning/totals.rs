//! A plan's totals: step count, cost, and duration as the longest path by action
//! durations. (The full analysis, with slack, is [`super::critical_path`].)

use crate::domain::PlanTotals;

/// Totals of a plan whose steps cost and last `(cost, duration)` each, with precedence
/// `edges` between step indices (a DAG, as every gesture keeps it).
pub fn plan_totals(steps: &[(f64, f64)], edges: &[(usize, usize)]) -> PlanTotals {
    let durations: Vec<f64> = steps.iter().map(|s| s.1).collect();
    PlanTotals { steps: steps.len() as u32, cost: steps.iter().map(|s| s.0).sum(), duration: longest_path(&durations, edges) }
}

/// The heaviest path through a DAG whose nodes weigh `weight` (Kahn's order; the store
/// keeps precedence acyclic, so every node is reached).
fn longest_path(weight: &[f64], edges: &[(usize, usize)]) -> f64 {
    let mut next = vec![Vec::new(); weight.len()];
    let mut waiting = vec![0usize; weight.len()];
    for &(b, a) in edges {
        next[b].push(a);
        waiting[a] += 1;
    }
    let mut finish: Vec<f64> = weight.to_vec();
    let mut ready: Vec<usize> = (0..weight.len()).filter(|&v| waiting[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &next[v] {
            finish[w] = finish[w].max(finish[v] + weight[w]);
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready.push(w);
            }
        }
    }
    finish.into_iter().fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::longest_path;

    fn check(weight: &[f64], edges: &[(usize, usize)], expected: f64) {
        assert_eq!(longest_path(weight, edges), expected);
    }

    #[test]
    fn longest_path_by_weight() {
        check(&[], &[], 0.0);
        check(&[3.0, 2.0], &[], 3.0);
        check(&[1.0, 2.0, 4.0], &[(0, 1), (1, 2)], 7.0);
        // A diamond takes its heavier arm: 1 + 5 + 1.
        check(&[1.0, 5.0, 2.0, 1.0], &[(0, 1), (0, 2), (1, 3), (2, 3)], 7.0);
        // A light chain beside a heavy single step.
        check(&[1.0, 1.0, 9.0], &[(0, 1)], 9.0);
    }
}
