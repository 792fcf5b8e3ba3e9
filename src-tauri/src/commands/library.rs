//! Plans, the action library and the agents: read-only in this slice.

use super::Reply;
use crate::db::Db;
use mabos_planner::{Action, Agent, Plan, PlanSummary};
use tauri::State;


/// The plans of one goal, or of every goal when `goal` is null.
#[tauri::command]
pub async fn plans(db: State<'_, Db>, goal: Option<String>) -> Reply<Vec<PlanSummary>> {
    db.read(move |s| Ok(s.plans(goal.as_deref())?)).await
}

#[tauri::command]
pub async fn plan(db: State<'_, Db>, key: String) -> Reply<Plan> {
    db.read(move |s| Ok(s.plan(&key)?)).await
}

#[tauri::command]
pub async fn actions(db: State<'_, Db>) -> Reply<Vec<Action>> {
    db.read(|s| Ok(s.actions()?)).await
}

#[tauri::command]
pub async fn agents(db: State<'_, Db>) -> Reply<Vec<Agent>> {
    db.read(|s| Ok(s.agents()?)).await
}
