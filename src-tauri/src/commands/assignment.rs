//! Automatic task assignment: propose a round, apply it.

use super::Reply;
use crate::db::Db;
use mabos_planner::assignment::AssignmentProposal;
use mabos_planner::Task;
use tauri::{AppHandle, State};


/// The best-scoring round as of now. Writes nothing.
#[tauri::command]
pub async fn plan_assignment(db: State<'_, Db>) -> Reply<AssignmentProposal> {
    db.read(|s| Ok(s.plan_assignment()?)).await
}

/// Applies `proposal` as one undoable step, or refuses it whole when a pair went stale.
#[tauri::command]
pub async fn apply_assignment(app: AppHandle, db: State<'_, Db>, proposal: AssignmentProposal) -> Reply<Vec<Task>> {
    db.write(&app, move |s| Ok(s.apply_assignment(&proposal)?)).await
}
