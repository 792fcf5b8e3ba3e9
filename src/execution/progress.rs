//! Progress: of a plan (done effort over the effort of its tasks) and of every goal,
//! rolled up the goal tree. docs/execution.md gives the rules with examples.

use crate::domain::{GoalStatus, PlanStatus, Refinement};
use serde::{Deserialize, Serialize};

/// A plan's progress over its current tasks (the newest task of each step).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanProgress {
    pub plan: String,
    pub goal: String,
    pub status: PlanStatus,
    pub tasks: u32,
    pub done_tasks: u32,
    /// Effort of the current tasks, in hours.
    pub total_effort: f64,
    pub done_effort: f64,
    /// The sum of the steps' action durations: the plan's size before it starts.
    pub planned_effort: f64,
    /// 0 to 1: done effort / total effort (by task count when every task has zero
    /// effort); 1 for a completed plan, 0 for one without tasks.
    pub progress: f64,
}

impl PlanProgress {
    /// The fraction done, from the counts.
    pub(crate) fn fraction(status: PlanStatus, tasks: u32, done_tasks: u32, total_effort: f64, done_effort: f64) -> f64 {
        if status == PlanStatus::Completed {
            1.0
        } else if tasks == 0 {
            0.0
        } else if total_effort > 0.0 {
            (done_effort / total_effort).clamp(0.0, 1.0)
        } else {
            f64::from(done_tasks) / f64::from(tasks)
        }
    }

    /// The plan's weight in a roll-up: the effort of its tasks, or before it starts,
    /// its planned effort.
    pub(crate) fn weight(&self) -> f64 {
        if self.tasks > 0 {
            self.total_effort
        } else {
            self.planned_effort
        }
    }
}

/// Where a goal's progress figure comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProgressBasis {
    /// The goal is achieved: 1.
    Achieved,
    /// Its best plan.
    Plan { plan: String },
    /// Its sub-goals, by its refinement.
    SubGoals,
    /// No plan and no sub-goal to count: 0.
    Nothing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GoalProgress {
    pub goal: String,
    pub status: GoalStatus,
    /// 0 to 1.
    pub progress: f64,
    /// The effort (hours) behind the figure: its weight in an AND parent.
    pub effort: f64,
    pub basis: ProgressBasis,
}

/// One goal, as the roll-up needs it.
pub(crate) struct GoalInput {
    pub key: String,
    pub status: GoalStatus,
    pub refinement: Refinement,
    /// Index of the parent in the same list.
    pub parent: Option<usize>,
    pub plans: Vec<PlanInput>,
}

/// A plan of a goal: abandoned and failed plans are left out by the caller.
pub(crate) struct PlanInput {
    pub key: String,
    pub progress: f64,
    pub effort: f64,
}

/// Progress of every goal, in the order given. Children are computed before their
/// parents; abandoned sub-goals do not count towards their parent. Parent links that
/// loop (only a database written behind the store's back has them) are cut where the
/// walk meets them again: every goal still gets a figure, and `check` reports the loop.
pub(crate) fn roll_up(goals: &[GoalInput]) -> Vec<GoalProgress> {
    let n = goals.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, g) in goals.iter().enumerate() {
        if let Some(p) = g.parent.filter(|&p| p < n) {
            children[p].push(i);
        }
    }
    let mut out: Vec<Option<GoalProgress>> = vec![None; n];
    let mut started = vec![false; n];
    // Roots first, then whatever no root reaches (goals on a parent loop).
    let roots = (0..n).filter(|&i| goals[i].parent.is_none_or(|p| p >= n));
    for root in roots.chain(0..n) {
        if started[root] {
            continue;
        }
        started[root] = true;
        // Post-order without recursion: a goal is finished once all its children are.
        let mut stack = vec![(root, false)];
        while let Some((i, expanded)) = stack.pop() {
            if expanded {
                // A child without a figure yet is an ancestor on a loop: left out.
                let kids: Vec<&GoalProgress> = children[i]
                    .iter()
                    .filter(|&&c| goals[c].status != GoalStatus::Abandoned)
                    .filter_map(|&c| out[c].as_ref())
                    .collect();
                out[i] = Some(one_goal(&goals[i], &kids));
            } else {
                stack.push((i, true));
                for &c in &children[i] {
                    if !started[c] {
                        started[c] = true;
                        stack.push((c, false));
                    }
                }
            }
        }
    }
    // Every goal was started above, and each started goal is finished before its walk ends.
    out.into_iter().zip(goals).map(|(g, goal)| g.unwrap_or_else(|| one_goal(goal, &[]))).collect()
}

fn one_goal(goal: &GoalInput, kids: &[&GoalProgress]) -> GoalProgress {
    // Best plan: highest progress; on a tie, the first (callers sort plans by key).
    let own = goal
        .plans
        .iter()
        .fold(None::<&PlanInput>, |best, p| match best {
            Some(b) if b.progress >= p.progress => Some(b),
            _ => Some(p),
        })
        .map(|p| (p.progress, p.effort, ProgressBasis::Plan { plan: p.key.clone() }));
    let sub = (!kids.is_empty()).then(|| {
        let (progress, effort) = match goal.refinement {
            Refinement::And => and_mean(kids),
            Refinement::Or => {
                let best = kids.iter().fold(kids[0], |b, k| if k.progress > b.progress { k } else { b });
                (best.progress, best.effort)
            }
        };
        (progress, effort, ProgressBasis::SubGoals)
    });
    // Either route achieves the goal: the better one counts.
    let (progress, effort, basis) = match (own, sub) {
        (Some(o), Some(s)) => if s.0 > o.0 { s } else { o },
        (Some(o), None) => o,
        (None, Some(s)) => s,
        (None, None) => (0.0, 0.0, ProgressBasis::Nothing),
    };
    let (progress, basis) = if goal.status == GoalStatus::Achieved { (1.0, ProgressBasis::Achieved) } else { (progress, basis) };
    GoalProgress { goal: goal.key.clone(), status: goal.status, progress: progress.clamp(0.0, 1.0), effort, basis }
}

/// The effort-weighted mean of the sub-goals' progress, or the plain mean when any
/// sub-goal has no effort to weigh it by (a sub-goal without a plan must not vanish
/// from its AND parent). The effort is the sum.
fn and_mean(kids: &[&GoalProgress]) -> (f64, f64) {
    let effort: f64 = kids.iter().map(|k| k.effort).sum();
    let progress = if kids.iter().all(|k| k.effort > 0.0) {
        kids.iter().map(|k| k.effort * k.progress).sum::<f64>() / effort
    } else {
        kids.iter().map(|k| k.progress).sum::<f64>() / kids.len() as f64
    };
    (progress, effort)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(key: &str, parent: Option<usize>, refinement: Refinement, plans: &[(&str, f64, f64)]) -> GoalInput {
        GoalInput {
            key: key.into(),
            status: GoalStatus::InProgress,
            refinement,
            parent,
            plans: plans.iter().map(|&(k, progress, effort)| PlanInput { key: k.into(), progress, effort }).collect(),
        }
    }

    fn check(goals: &[GoalInput], expected: &[(&str, f64, f64)]) {
        let got: Vec<(String, f64, f64)> = roll_up(goals).into_iter().map(|g| (g.goal, g.progress, g.effort)).collect();
        let want: Vec<(String, f64, f64)> = expected.iter().map(|&(k, p, e)| (k.to_owned(), p, e)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn and_weighs_by_effort_or_counts_equal() {
        use Refinement::*;
        // ROOT (and): A = 30 h at 1/3, B = 10 h at 1 → (10 + 10) / 40 = 0.5.
        check(
            &[goal("ROOT", None, And, &[]), goal("A", Some(0), And, &[("PA", 1.0 / 3.0, 30.0)]), goal("B", Some(0), And, &[("PB", 1.0, 10.0)])],
            &[("ROOT", 0.5, 40.0), ("A", 1.0 / 3.0, 30.0), ("B", 1.0, 10.0)],
        );
        // B has no plan (no effort): equal weights, (0.25 + 0) / 2.
        check(
            &[goal("ROOT", None, And, &[]), goal("A", Some(0), And, &[("PA", 0.25, 30.0)]), goal("B", Some(0), And, &[])],
            &[("ROOT", 0.125, 30.0), ("A", 0.25, 30.0), ("B", 0.0, 0.0)],
        );
    }

    #[test]
    fn or_takes_the_best_sub_goal_and_a_leaf_its_best_plan() {
        use Refinement::*;
        check(
            &[
                goal("ROOT", None, Or, &[]),
                goal("A", Some(0), And, &[("P1", 0.2, 10.0), ("P2", 0.6, 5.0)]),
                goal("B", Some(0), And, &[("P3", 0.5, 50.0)]),
            ],
            &[("ROOT", 0.6, 5.0), ("A", 0.6, 5.0), ("B", 0.5, 50.0)],
        );
    }

    #[test]
    fn achieved_is_one_and_abandoned_children_do_not_count() {
        use Refinement::*;
        let mut goals = vec![goal("ROOT", None, And, &[]), goal("A", Some(0), And, &[("PA", 0.5, 8.0)]), goal("B", Some(0), And, &[])];
        goals[1].status = GoalStatus::Achieved;
        goals[2].status = GoalStatus::Abandoned;
        let got = roll_up(&goals);
        assert_eq!((got[0].progress, got[1].progress, &got[1].basis), (1.0, 1.0, &ProgressBasis::Achieved));
    }

    #[test]
    fn a_goal_with_plans_and_sub_goals_takes_the_better_route() {
        use Refinement::*;
        let got = roll_up(&[goal("ROOT", None, And, &[("PR", 0.9, 2.0)]), goal("A", Some(0), And, &[("PA", 0.3, 9.0)])]);
        assert_eq!((got[0].progress, &got[0].basis), (0.9, &ProgressBasis::Plan { plan: "PR".into() }));
    }

    #[test]
    fn plan_fraction() {
        use PlanStatus::*;
        assert_eq!(PlanProgress::fraction(Active, 4, 1, 10.0, 2.5), 0.25);
        assert_eq!(PlanProgress::fraction(Active, 4, 1, 0.0, 0.0), 0.25);
        assert_eq!(PlanProgress::fraction(Draft, 0, 0, 0.0, 0.0), 0.0);
        assert_eq!(PlanProgress::fraction(Completed, 4, 4, 10.0, 10.0), 1.0);
    }
}
