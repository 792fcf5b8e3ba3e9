//! Which goal status moves plan execution takes, always along valid transitions.

use crate::domain::GoalStatus;
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

#[cfg(test)]
mod tests {
    use super::*;
    use GoalStatus::*;

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
