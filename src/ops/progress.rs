//! Progress: per plan, and per goal rolled up the tree (reads only).

use crate::db;
use crate::db::rows::id_of;
use crate::domain::{Entity, PlanStatus};
use crate::execution::{roll_up, GoalInput, GoalProgress, PlanInput, PlanProgress};
use crate::{Error, Result};
use rusqlite::Connection;
use std::collections::HashMap;

/// One plan's progress over its current tasks (the newest task of each step).
pub(crate) fn of_plan(conn: &Connection, key: &str) -> Result<PlanProgress> {
    let id = id_of(conn, Entity::Plan, key)?;
    let mut rows = db::progress::load_plan_progress(conn, Some(id))?;
    rows.pop().map(|(_, p)| p).ok_or_else(|| Error::not_found(Entity::Plan, key))
}

/// The progress of every goal, by key (docs/execution.md has the rules).
pub(crate) fn of_goals(conn: &Connection) -> Result<Vec<GoalProgress>> {
    of_goals_with(conn, &db::progress::load_plan_progress(conn, None)?)
}

/// Goal progress from plan progress already read (every plan, with its goal's id).
pub(crate) fn of_goals_with(conn: &Connection, plans: &[(i64, PlanProgress)]) -> Result<Vec<GoalProgress>> {
    let rows = db::goals::load_progress_rows(conn)?;
    let index: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, row)| (row.0, i)).collect();
    // A parent missing from the rows (written behind the store's back) makes a root.
    let mut goals: Vec<GoalInput> = rows
        .into_iter()
        .map(|(_, key, status, refinement, parent)| GoalInput { key, status, refinement, parent: parent.and_then(|p| index.get(&p).copied()), plans: Vec::new() })
        .collect();
    // Abandoned and failed plans will not progress any further: they do not count.
    for (goal_id, p) in plans {
        if matches!(p.status, PlanStatus::Abandoned | PlanStatus::Failed) {
            continue;
        }
        if let Some(&i) = index.get(goal_id) {
            goals[i].plans.push(PlanInput { effort: p.weight(), key: p.plan.clone(), progress: p.progress });
        }
    }
    Ok(roll_up(&goals))
}
