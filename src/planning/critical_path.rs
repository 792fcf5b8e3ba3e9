//! Critical path and slack of a plan: when each step can start and finish at the
//! earliest and at the latest without delaying the plan, given its action's duration
//! and the precedence edges (docs/planning.md, "Critical path").

use super::order::StepOrder;
use crate::domain::{Action, Plan, PlanEdge};
use crate::{Entity, Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One step's window, in hours from the plan's start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StepSchedule {
    pub step: String,
    pub action: String,
    pub duration: f64,
    pub earliest_start: f64,
    pub earliest_finish: f64,
    pub latest_start: f64,
    pub latest_finish: f64,
    /// How long the step can slip without delaying the plan: `latest_start - earliest_start`.
    pub slack: f64,
    /// Zero slack.
    pub critical: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CriticalPath {
    pub plan: String,
    /// The length of the longest chain of steps, in hours.
    pub duration_hours: f64,
    /// The sum of the steps' action costs.
    pub total_cost: f64,
    /// Every step, in an order that respects the edges.
    pub steps: Vec<StepSchedule>,
    /// The steps with zero slack, in the same order.
    pub critical_steps: Vec<String>,
    /// Edges between critical steps where the second starts as the first finishes.
    pub critical_edges: Vec<PlanEdge>,
}

/// The forward and backward passes over step indices.
pub(crate) struct Schedule {
    pub earliest_start: Vec<f64>,
    pub latest_start: Vec<f64>,
    pub duration: f64,
}

impl Schedule {
    /// `durations[s]`: step `s`'s duration in hours (finite, ≥ 0).
    pub fn of(order: &StepOrder, durations: &[f64]) -> Schedule {
        let n = order.len();
        let mut earliest_start = vec![0.0; n];
        for &s in &order.topo {
            earliest_start[s] = order.preds[s].iter().map(|&p| earliest_start[p] + durations[p]).fold(0.0, f64::max);
        }
        let duration = (0..n).map(|s| earliest_start[s] + durations[s]).fold(0.0, f64::max);
        let mut latest_start = vec![0.0; n];
        for &s in order.topo.iter().rev() {
            let latest_finish = order.succs[s].iter().map(|&c| latest_start[c]).fold(duration, f64::min);
            latest_start[s] = latest_finish - durations[s];
        }
        Schedule { earliest_start, latest_start, duration }
    }

    /// Sums in a different order can differ in the last bits: slack within a billionth
    /// of the plan's duration counts as none.
    fn tolerance(&self) -> f64 {
        1e-9 * self.duration.max(1.0)
    }

    pub fn slack(&self, s: usize) -> f64 {
        let slack = self.latest_start[s] - self.earliest_start[s];
        if slack <= self.tolerance() {
            0.0
        } else {
            slack
        }
    }
}

/// The schedule of `plan`, whose steps' actions must all be in `actions`.
pub fn critical_path(plan: &Plan, actions: &[Action]) -> Result<CriticalPath> {
    let order = StepOrder::of(plan)?;
    let library: HashMap<&str, &Action> = actions.iter().map(|a| (a.key.as_str(), a)).collect();
    let used: Vec<&Action> = plan
        .steps
        .iter()
        .map(|step| {
            library.get(step.action.as_str()).copied().ok_or_else(|| {
                Error::invalid(Entity::Plan, &plan.key, format!("step {}", step.key), format!("uses the unknown action {:?}", step.action))
            })
        })
        .collect::<Result<_>>()?;
    let durations: Vec<f64> = used.iter().map(|a| a.fields.duration).collect();
    let schedule = Schedule::of(&order, &durations);
    let steps: Vec<StepSchedule> = order
        .topo
        .iter()
        .map(|&s| {
            let slack = schedule.slack(s);
            StepSchedule {
                step: plan.steps[s].key.clone(),
                action: plan.steps[s].action.clone(),
                duration: durations[s],
                earliest_start: schedule.earliest_start[s],
                earliest_finish: schedule.earliest_start[s] + durations[s],
                latest_start: schedule.latest_start[s],
                latest_finish: schedule.latest_start[s] + durations[s],
                slack,
                critical: slack == 0.0,
            }
        })
        .collect();
    let critical = |s: usize| schedule.slack(s) == 0.0;
    let mut critical_edges: Vec<PlanEdge> = order
        .topo
        .iter()
        .flat_map(|&b| order.succs[b].iter().map(move |&a| (b, a)))
        .filter(|&(b, a)| {
            critical(b) && critical(a) && (schedule.earliest_start[b] + durations[b] - schedule.earliest_start[a]).abs() <= schedule.tolerance()
        })
        .map(|(b, a)| PlanEdge { before: plan.steps[b].key.clone(), after: plan.steps[a].key.clone() })
        .collect();
    critical_edges.sort();
    Ok(CriticalPath {
        plan: plan.key.clone(),
        duration_hours: schedule.duration,
        total_cost: used.iter().map(|a| a.fields.cost).sum(),
        critical_steps: steps.iter().filter(|s| s.critical).map(|s| s.step.clone()).collect(),
        steps,
        critical_edges,
    })
}

#[cfg(test)]
mod tests {
    use super::critical_path;
    use crate::domain::{Action, ActionFields};
    use crate::planning::order::tests::plan;

    /// Action `Ai` of step `Si` lasts `hours[i-1]` and costs 10 per hour.
    fn actions(hours: &[f64]) -> Vec<Action> {
        hours.iter().enumerate().map(|(i, h)| Action { key: format!("A{}", i + 1), fields: ActionFields::named("a", 10.0 * h, *h) }).collect()
    }

    #[test]
    fn a_diamond_with_one_long_branch() {
        // S1 (2h) → S2 (5h) → S4 (1h); S1 → S3 (3h) → S4.
        let cp = critical_path(&plan(4, &[(1, 2), (1, 3), (2, 4), (3, 4)]), &actions(&[2.0, 5.0, 3.0, 1.0])).unwrap();
        assert_eq!(cp.duration_hours, 8.0);
        assert_eq!(cp.total_cost, 110.0);
        assert_eq!(cp.critical_steps, ["S1", "S2", "S4"]);
        let windows: Vec<(&str, f64, f64, f64, f64, f64)> = cp
            .steps
            .iter()
            .map(|s| (s.step.as_str(), s.earliest_start, s.earliest_finish, s.latest_start, s.latest_finish, s.slack))
            .collect();
        assert_eq!(
            windows,
            [("S1", 0.0, 2.0, 0.0, 2.0, 0.0), ("S2", 2.0, 7.0, 2.0, 7.0, 0.0), ("S3", 2.0, 5.0, 4.0, 7.0, 2.0), ("S4", 7.0, 8.0, 7.0, 8.0, 0.0)]
        );
        let edges: Vec<(&str, &str)> = cp.critical_edges.iter().map(|e| (e.before.as_str(), e.after.as_str())).collect();
        assert_eq!(edges, [("S1", "S2"), ("S2", "S4")]);
    }

    #[test]
    fn parallel_steps_end_together_at_the_longest() {
        // S1 (4h) alone, S2 (1h) → S3 (1h): S2 and S3 may slip by 2h.
        let cp = critical_path(&plan(3, &[(2, 3)]), &actions(&[4.0, 1.0, 1.0])).unwrap();
        assert_eq!(cp.duration_hours, 4.0);
        assert_eq!(cp.critical_steps, ["S1"]);
        assert_eq!(cp.steps.iter().map(|s| s.slack).collect::<Vec<_>>(), [0.0, 2.0, 2.0]);
        assert!(cp.critical_edges.is_empty());
    }

    #[test]
    fn fractional_hours_that_do_not_add_up_exactly_still_leave_no_slack_on_the_path() {
        // 0.1 + 0.2 is not 0.3 in binary: the backward pass must still see zero slack.
        let cp = critical_path(&plan(3, &[(1, 2), (2, 3)]), &actions(&[0.1, 0.2, 0.3])).unwrap();
        assert_eq!(cp.critical_steps, ["S1", "S2", "S3"]);
        assert!(cp.steps.iter().all(|s| s.slack == 0.0));
        assert_eq!(cp.critical_edges.len(), 2);
    }

    #[test]
    fn an_empty_plan_takes_no_time() {
        let cp = critical_path(&plan(0, &[]), &[]).unwrap();
        assert_eq!((cp.duration_hours, cp.total_cost), (0.0, 0.0));
        assert!(cp.steps.is_empty() && cp.critical_steps.is_empty());
    }

    #[test]
    fn a_missing_action_is_named_with_its_step() {
        let err = critical_path(&plan(2, &[]), &actions(&[1.0])).unwrap_err();
        assert_eq!(err.to_string(), "plan P-T: step S2 uses the unknown action \"A2\"");
        assert_eq!(err.field(), Some("step S2"));
    }
}
