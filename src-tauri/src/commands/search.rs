//! Search across goals, actions, agents and tasks (the search palette, Ctrl+F).

use super::Reply;
use crate::db::Db;
use mabos_planner::SearchHit;
use tauri::State;

#[tauri::command]
pub async fn search(db: State<'_, Db>, text: String, limit: usize) -> Reply<Vec<SearchHit>> {
    db.read(move |s| Ok(s.search(&text, limit)?)).await
}
