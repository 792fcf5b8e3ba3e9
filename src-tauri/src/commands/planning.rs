//! Plan checks: validation, the critical path and goal conflicts. Queries only.

use super::Reply;
use crate::db::Db;
use mabos_planner::planning::{CriticalPath, GoalConflict, PlanValidation};
use mabos_planner::WorldState;
use tauri::State;


/// Validates plan `key` from `state` (null: the facts its `eq` preconditions pin down),
/// with execution starting now.
#[tauri::command]
pub async fn validate_plan(db: State<'_, Db>, key: String, state: Option<WorldState>) -> Reply<PlanValidation> {
    db.read(move |s| Ok(s.validate_plan(&key, state.as_ref(), None)?)).await
}

#[tauri::command]
pub async fn critical_path(db: State<'_, Db>, key: String) -> Reply<CriticalPath> {
    db.read(move |s| Ok(s.critical_path(&key)?)).await
}

#[tauri::command]
pub async fn goal_conflicts(db: State<'_, Db>) -> Reply<Vec<GoalConflict>> {
    db.read(|s| Ok(s.goal_conflicts()?)).await
}
