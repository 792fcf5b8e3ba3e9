//! The score of giving one task to one agent: four integer terms, each documented in
//! docs/assignment.md. Higher is better; every pair scores at least 10 (priority ≥ 1),
//! so assigning a task always beats leaving it open.

use crate::{Agent, Task};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Experience points per score point, and the cap on the experience term.
pub const EXPERIENCE_PER_POINT: u32 = 100;
pub const EXPERIENCE_MAX: u32 = 20;
/// The spare-capacity term runs from 0 (the task fills the agent up) to this.
pub const SPARE_MAX: u32 = 10;
/// Points per priority step (priority 1–10 gives 10–100).
pub const PRIORITY_WEIGHT: u32 = 10;

/// Urgency by time left before the deadline: (at most this many hours, points). Later
/// deadlines and tasks without one score 0; overdue tasks score [`URGENCY_OVERDUE`].
pub const URGENCY_STEPS: [(i64, u32); 4] = [(24, 40), (72, 30), (7 * 24, 20), (30 * 24, 10)];
pub const URGENCY_OVERDUE: u32 = 50;

/// A pair's score, term by term: why the solver valued it as it did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Score {
    /// One point per 100 experience points of the agent, at most 20.
    pub experience: u32,
    /// 0–10: the share of the agent's capacity still free after taking the task, in tenths.
    pub spare_capacity: u32,
    /// 10 × the task's priority.
    pub priority: u32,
    /// 0–50: how close the task's deadline is at planning time.
    pub urgency: u32,
    /// The sum of the four terms.
    pub total: u32,
}

impl Score {
    fn new(experience: u32, spare_capacity: u32, priority: u32, urgency: u32) -> Score {
        Score { experience, spare_capacity, priority, urgency, total: experience + spare_capacity + priority + urgency }
    }
}

/// The terms that depend on the task alone, computed once per task.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TaskTerms {
    pub priority: u32,
    pub urgency: u32,
}

impl TaskTerms {
    pub fn of(task: &Task, now: OffsetDateTime) -> TaskTerms {
        TaskTerms { priority: PRIORITY_WEIGHT * u32::from(task.fields.priority), urgency: urgency(task.fields.deadline.as_deref(), now) }
    }
}

/// The experience term of an agent.
pub(crate) fn experience_term(agent: &Agent) -> u32 {
    (agent.fields.experience / EXPERIENCE_PER_POINT).min(EXPERIENCE_MAX)
}

/// The spare-capacity term: tenths of the capacity still free once `effort` is added,
/// rounded down. Favours spreading work over filling one agent up.
pub(crate) fn spare_term(capacity: f64, workload: f64, effort: f64) -> u32 {
    if capacity <= 0.0 {
        return 0;
    }
    let share = (capacity - workload - effort) / capacity;
    ((share * f64::from(SPARE_MAX)).floor().clamp(0.0, f64::from(SPARE_MAX))) as u32
}

/// The urgency term of a deadline (stored RFC 3339 text) at time `now`.
pub(crate) fn urgency(deadline: Option<&str>, now: OffsetDateTime) -> u32 {
    let Some(deadline) = deadline.and_then(|d| OffsetDateTime::parse(d, &Rfc3339).ok()) else {
        return 0;
    };
    let left = deadline - now;
    if left.is_negative() {
        return URGENCY_OVERDUE;
    }
    URGENCY_STEPS.iter().find(|&&(hours, _)| left <= time::Duration::hours(hours)).map_or(0, |&(_, points)| points)
}

/// The full score of a pair that passed the hard filter.
pub(crate) fn score(terms: TaskTerms, experience: u32, capacity: f64, workload: f64, effort: f64) -> Score {
    Score::new(experience, spare_term(capacity, workload, effort), terms.priority, terms.urgency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn urgency_steps() {
        let now = datetime!(2027-03-01 12:00 UTC);
        let check = |deadline: Option<&str>, expected: u32| assert_eq!(urgency(deadline, now), expected, "{deadline:?}");
        check(None, 0);
        check(Some("2027-03-01T11:59:59.000Z"), 50);
        check(Some("2027-03-01T12:00:00.000Z"), 40);
        check(Some("2027-03-02T12:00:00.000Z"), 40);
        check(Some("2027-03-02T12:01:00.000Z"), 30);
        check(Some("2027-03-04T12:00:00.000Z"), 30);
        check(Some("2027-03-08T12:00:00.000Z"), 20);
        check(Some("2027-03-31T12:00:00.000Z"), 10);
        check(Some("2027-03-31T12:00:01.000Z"), 0);
        check(Some("not a time"), 0);
    }

    #[test]
    fn spare_capacity_in_tenths() {
        let check = |capacity: f64, workload: f64, effort: f64, expected: u32| {
            assert_eq!(spare_term(capacity, workload, effort), expected, "{capacity} {workload} {effort}")
        };
        check(40.0, 0.0, 0.0, 10);
        check(40.0, 0.0, 4.0, 9);
        check(40.0, 10.0, 5.0, 6); // 25 of 40 free: 6.25 tenths
        check(40.0, 30.0, 10.0, 0);
        check(0.0, 0.0, 0.0, 0);
    }

    #[test]
    fn terms_add_up() {
        let s = score(TaskTerms { priority: 70, urgency: 20 }, 3, 10.0, 2.0, 3.0);
        assert_eq!(s, Score { experience: 3, spare_capacity: 5, priority: 70, urgency: 20, total: 98 });
    }
}
