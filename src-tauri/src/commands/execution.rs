//! Plan execution: start a plan, finish a task, repair a failed one, the recorded world
//! state, progress and the monitoring report.

use super::Reply;
use crate::db::Db;
use mabos_planner::{
    time_util, GoalProgress, MonitorReport, PlanProgress, PlanStart, RepairApplied, RepairProposal, TaskCompletion, Value, WorldState,
};
use tauri::{AppHandle, State};


#[tauri::command]
pub async fn start_plan(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<PlanStart> {
    db.write(&app, move |s| Ok(s.start_plan(&key)?)).await
}

/// Marks a task done; its step's effects are recorded and the last task completes the plan.
#[tauri::command]
pub async fn complete_task(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<TaskCompletion> {
    db.write(&app, move |s| Ok(s.complete_task(&key)?)).await
}

#[tauri::command]
pub async fn repair_options(db: State<'_, Db>, task: String) -> Reply<RepairProposal> {
    db.read(move |s| Ok(s.repair_options(&task)?)).await
}

/// Replaces the failed task's action with `action` (null: the cheapest option).
#[tauri::command]
pub async fn apply_repair(app: AppHandle, db: State<'_, Db>, task: String, action: Option<String>) -> Reply<RepairApplied> {
    db.write(&app, move |s| Ok(s.apply_repair(&task, action.as_deref())?)).await
}

/// Splices the re-plan (a synthesised sequence from the recorded world state) in place of the failed step.
#[tauri::command]
pub async fn apply_replan(app: AppHandle, db: State<'_, Db>, task: String) -> Reply<RepairApplied> {
    db.write(&app, move |s| Ok(s.apply_replan(&task)?)).await
}

#[tauri::command]
pub async fn world_state(db: State<'_, Db>) -> Reply<WorldState> {
    db.read(|s| Ok(s.world_state()?)).await
}

/// Records `key = value`; returns the value it replaced.
#[tauri::command]
pub async fn set_fact(app: AppHandle, db: State<'_, Db>, key: String, value: Value) -> Reply<Option<Value>> {
    db.write(&app, move |s| Ok(s.set_fact(&key, value)?)).await
}

/// Forgets a fact; returns the value it had.
#[tauri::command]
pub async fn unset_fact(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<Value> {
    db.write(&app, move |s| Ok(s.unset_fact(&key)?)).await
}

#[tauri::command]
pub async fn plan_progress(db: State<'_, Db>, key: String) -> Reply<PlanProgress> {
    db.read(move |s| Ok(s.plan_progress(&key)?)).await
}

#[tauri::command]
pub async fn goal_progress(db: State<'_, Db>) -> Reply<Vec<GoalProgress>> {
    db.read(|s| Ok(s.goal_progress()?)).await
}

/// The monitoring report for `now` (RFC 3339; null: the current time).
#[tauri::command]
pub async fn monitor(db: State<'_, Db>, now: Option<String>) -> Reply<MonitorReport> {
    db.read(move |s| Ok(s.monitor(&now.unwrap_or_else(time_util::now_rfc3339))?)).await
}
