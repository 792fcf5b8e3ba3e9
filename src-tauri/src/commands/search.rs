//! Search across goals, actions, agents and tasks (the search palette, Ctrl+F).

use crate::db::Db;
use crate::error::CommandError;
use mabos_planner::SearchHit;
use tauri::State;

#[tauri::command]
pub async fn search(db: State<'_, Db>, text: String, limit: usize) -> Result<Vec<SearchHit>, CommandError> {
    db.read(move |s| Ok(s.search(&text, limit)?)).await
}
