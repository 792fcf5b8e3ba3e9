//! Reads that load a plan or the goals and hand them to `crate::planning`: validation,
//! critical path, goal conflicts. Nothing here writes.

use crate::db;
use crate::domain::{Action, Plan, WorldState};
use crate::planning::{self, CriticalPath, GoalConflict, GoalOutcome, PlanValidation, ValidationInput};
use crate::Result;
use rusqlite::Connection;
use std::collections::BTreeSet;
use time::OffsetDateTime;

/// Validates plan `key` from `start_state` with execution starting at `start`.
pub(crate) fn validate_plan(conn: &Connection, key: &str, start_state: Option<&WorldState>, start: Option<OffsetDateTime>) -> Result<PlanValidation> {
    let plan = db::plans::load(conn, key)?;
    let goal = db::goals::load(conn, &plan.goal)?;
    let actions = actions_of(conn, &plan)?;
    let input = ValidationInput {
        actions: &actions,
        goal_postconditions: &goal.fields.postconditions,
        start_state,
        start: start.unwrap_or_else(OffsetDateTime::now_utc),
    };
    planning::validate_plan(&plan, &input)
}

/// Earliest and latest times, slack and the critical steps of plan `key`.
pub(crate) fn critical_path(conn: &Connection, key: &str) -> Result<CriticalPath> {
    let plan = db::plans::load(conn, key)?;
    planning::critical_path(&plan, &actions_of(conn, &plan)?)
}

/// Every goal whose effects fail another goal's (or its own) postcondition.
pub(crate) fn goal_conflicts(conn: &Connection) -> Result<Vec<GoalConflict>> {
    let goals: Vec<GoalOutcome> =
        db::goals::load_outcomes(conn)?.into_iter().map(|(key, effects, postconditions)| GoalOutcome { key, effects, postconditions }).collect();
    Ok(planning::goal_conflicts(&goals))
}

/// The actions the plan's steps use, each once.
pub(crate) fn actions_of(conn: &Connection, plan: &Plan) -> Result<Vec<Action>> {
    let keys: BTreeSet<&str> = plan.steps.iter().map(|s| s.action.as_str()).collect();
    keys.into_iter().map(|k| db::actions::load(conn, k)).collect()
}
