//! Plan synthesis: search for a goal's plan, save a result as a draft plan.

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::synthesis::{SynthesisOptions, SynthesisResult};
use mabos_planner::{Entity, Plan};
use tauri::{AppHandle, State};


/// Runs the search on the blocking pool; it is bounded by the options' node budget and
/// time limit. Writes nothing. `options` arrives as JSON so that a mistyped limit is
/// refused with its field (`max_nodes`).
#[tauri::command]
pub async fn synthesize_plan(db: State<'_, Db>, goal: String, options: serde_json::Value) -> Reply<SynthesisResult> {
    let options: SynthesisOptions = parse(Entity::Goal, Some(&goal), options)?;
    db.read(move |s| Ok(s.synthesize_plan(&goal, &options)?)).await
}

/// Saves `result` (as `synthesize_plan` returned it) as a draft plan: one undoable step.
#[tauri::command]
pub async fn create_synthesized_plan(app: AppHandle, db: State<'_, Db>, goal: String, result: SynthesisResult) -> Reply<Plan> {
    db.write(&app, move |s| Ok(s.create_synthesized_plan(&goal, &result)?)).await
}
