//! Read-only queries that load a plan or the goals and hand them to `crate::planning`:
//! validation, critical path, goal conflicts. No gesture: nothing here writes.

use super::actions::load_action;
use super::goals::load_goal;
use super::plans::load_plan;
use super::rows::Json;
use super::Store;
use crate::domain::{Action, WorldState};
use crate::planning::{self, CriticalPath, GoalConflict, GoalOutcome, PlanValidation, ValidationInput};
use crate::Result;
use std::collections::BTreeSet;
use time::OffsetDateTime;

impl Store {
    /// Validates plan `key` from `start_state` (default: the facts its `eq` preconditions
    /// pin down) with execution starting at `start` (default: now).
    pub fn validate_plan(&self, key: &str, start_state: Option<&WorldState>, start: Option<OffsetDateTime>) -> Result<PlanValidation> {
        let plan = load_plan(&self.conn, key)?;
        let goal = load_goal(&self.conn, &plan.goal)?;
        let actions = self.actions_of(&plan)?;
        let input = ValidationInput {
            actions: &actions,
            goal_postconditions: &goal.fields.postconditions,
            start_state,
            start: start.unwrap_or_else(OffsetDateTime::now_utc),
        };
        planning::validate_plan(&plan, &input)
    }

    /// Earliest and latest times, slack and the critical steps of plan `key`.
    pub fn critical_path(&self, key: &str) -> Result<CriticalPath> {
        let plan = load_plan(&self.conn, key)?;
        planning::critical_path(&plan, &self.actions_of(&plan)?)
    }

    /// Every goal whose effects fail another goal's (or its own) postcondition.
    pub fn goal_conflicts(&self) -> Result<Vec<GoalConflict>> {
        let goals: Vec<GoalOutcome> = self
            .conn
            .prepare_cached("SELECT key, effects, postconditions FROM goals ORDER BY key")?
            .query_map([], |r| {
                let (Json(effects), Json(postconditions)) = (r.get(1)?, r.get(2)?);
                Ok(GoalOutcome { key: r.get(0)?, effects, postconditions })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(planning::goal_conflicts(&goals))
    }

    /// The actions the plan's steps use, each once.
    fn actions_of(&self, plan: &crate::domain::Plan) -> Result<Vec<Action>> {
        let keys: BTreeSet<&str> = plan.steps.iter().map(|s| s.action.as_str()).collect();
        keys.into_iter().map(|k| load_action(&self.conn, k)).collect()
    }
}
