//! Which goal status moves plan execution takes, always along valid transitions.

use super::GoalOutcome;
use crate::domain::{Condition, GoalStatus, WorldState};
use std::collections::VecDeque;

/// The shortest sequence of valid transitions from `from` to `to` (excluding `from`,
/// ending with `to`); empty when they are equal, `None` when `to` cannot be reached.
pub fn status_path(from: GoalStatus, to: GoalStatus) -> Option<Vec<GoalStatus>> {
    let mut came_from: Vec<(GoalStatus, GoalStatus)> = Vec::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = vec![from];
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = Vec::new();
            let mut step = at;
            while step != from {
                path.push(step);
                step = came_from.iter().find(|(next, _)| *next == step).map(|(_, prev)| *prev)?;
            }
            path.reverse();
            return Some(path);
        }
        for &next in GoalStatus::ALL {
            if at.can_become(next) && !seen.contains(&next) {
                seen.push(next);
                came_from.push((next, at));
                queue.push_back(next);
            }
        }
    }
    None
}

/// Starting a plan pursues its goal: a pending, active, failed or suspended goal moves
/// to in progress (through active). Achieved and abandoned goals cannot: `None`.
pub(crate) fn path_to_in_progress(from: GoalStatus) -> Option<Vec<GoalStatus>> {
    status_path(from, GoalStatus::InProgress)
}

/// A finished plan whose conditions hold achieves its goal, unless a person has put the
/// goal aside: only pending, active and in-progress goals move (to achieved); suspended,
/// failed, achieved and abandoned ones are left as they are (`None`).
pub(crate) fn path_to_achieved(from: GoalStatus) -> Option<Vec<GoalStatus>> {
    match from {
        GoalStatus::Pending | GoalStatus::Active | GoalStatus::InProgress => status_path(from, GoalStatus::Achieved),
        _ => None,
    }
}

/// What a completed plan does to its goal (in `status`): achieved when the plan's and
/// then the goal's postconditions all hold in `world` and the goal is still pursued;
/// otherwise the goal keeps its status, with the conditions that do not hold.
pub fn completed_plan_outcome(status: GoalStatus, plan_post: &[Condition], goal_post: &[Condition], world: &WorldState) -> GoalOutcome {
    let unmet: Vec<Condition> = plan_post.iter().chain(goal_post).filter(|c| !c.holds(world)).cloned().collect();
    if !unmet.is_empty() {
        GoalOutcome::ConditionsUnmet { status, unmet }
    } else if path_to_achieved(status).is_some() {
        GoalOutcome::Achieved { from: status }
    } else {
        GoalOutcome::LeftAsIs { status }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Op, Value};
    use GoalStatus::*;

    #[test]
    fn a_completed_plan_achieves_a_pursued_goal_whose_conditions_hold() {
        let live = Condition::new("shop.live", Op::Eq, Value::Bool(true));
        let paid = Condition::new("paid", Op::Eq, Value::Bool(true));
        let world: WorldState = [("shop.live".to_owned(), Value::Bool(true))].into_iter().collect();
        let check = |status, plan: &[Condition], goal: &[Condition], expected: GoalOutcome| {
            assert_eq!(completed_plan_outcome(status, plan, goal, &world), expected);
        };
        let (live, paid) = (std::slice::from_ref(&live), std::slice::from_ref(&paid));
        check(InProgress, live, &[], GoalOutcome::Achieved { from: InProgress });
        check(Suspended, live, &[], GoalOutcome::LeftAsIs { status: Suspended });
        check(InProgress, live, paid, GoalOutcome::ConditionsUnmet { status: InProgress, unmet: paid.to_vec() });
        check(Achieved, &[], &[], GoalOutcome::LeftAsIs { status: Achieved });
    }

    #[test]
    fn paths_follow_the_life_cycle() {
        assert_eq!(status_path(Pending, InProgress), Some(vec![Active, InProgress]));
        assert_eq!(status_path(InProgress, InProgress), Some(vec![]));
        assert_eq!(status_path(Failed, InProgress), Some(vec![Active, InProgress]));
        assert_eq!(status_path(Achieved, InProgress), None);
        assert_eq!(status_path(Abandoned, Active), None);
    }

    #[test]
    fn execution_moves() {
        assert_eq!(path_to_in_progress(Suspended), Some(vec![Active, InProgress]));
        assert_eq!(path_to_in_progress(Achieved), None);
        assert_eq!(path_to_achieved(Pending), Some(vec![Active, InProgress, Achieved]));
        assert_eq!(path_to_achieved(InProgress), Some(vec![Achieved]));
        assert_eq!(path_to_achieved(Suspended), None);
        assert_eq!(path_to_achieved(Failed), None);
        assert_eq!(path_to_achieved(Achieved), None);
    }
}
