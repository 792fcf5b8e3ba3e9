//! The workspace as a whole: undo and redo, the integrity report, the demo, the file.

use super::Reply;
use crate::db::Db;
use crate::error::CommandError;
use mabos_planner::store::{HistoryEntry, IntegrityReport};
use mabos_planner::{Store, TaskFilter};
use tauri::{AppHandle, State};


#[tauri::command]
pub async fn undo(app: AppHandle, db: State<'_, Db>) -> Reply<HistoryEntry> {
    db.write(&app, |s| Ok(s.undo()?)).await
}

#[tauri::command]
pub async fn redo(app: AppHandle, db: State<'_, Db>) -> Reply<HistoryEntry> {
    db.write(&app, |s| Ok(s.redo()?)).await
}

#[tauri::command]
pub async fn can_undo(db: State<'_, Db>) -> Reply<bool> {
    db.read(|s| Ok(s.can_undo()?)).await
}

#[tauri::command]
pub async fn can_redo(db: State<'_, Db>) -> Reply<bool> {
    db.read(|s| Ok(s.can_redo()?)).await
}

#[tauri::command]
pub async fn integrity_report(db: State<'_, Db>) -> Reply<IntegrityReport> {
    db.read(|s| Ok(s.integrity_report()?)).await
}

/// Whether the workspace holds nothing at all: what the first-run screen shows for.
#[tauri::command]
pub async fn workspace_is_empty(db: State<'_, Db>) -> Reply<bool> {
    db.read(is_empty).await
}

/// Seeds the demo workspace as one import (one event, one undo step); refused unless
/// the workspace is empty, so that it never mixes with real work.
#[tauri::command]
pub async fn load_demo(app: AppHandle, db: State<'_, Db>) -> Reply<()> {
    db.write(&app, |s| {
        if !is_empty(s)? {
            return Err(CommandError::new("not_empty", "the demo loads only into an empty workspace"));
        }
        s.import(&mabos_planner::demo::workspace_json()?)?;
        Ok(())
    })
    .await
}

#[tauri::command]
pub fn database_path(db: State<'_, Db>) -> String {
    db.path().display().to_string()
}

fn is_empty(s: &Store) -> Reply<bool> {
    Ok(s.goal_tree()?.is_empty()
        && s.actions()?.is_empty()
        && s.agents()?.is_empty()
        && s.capabilities()?.is_empty()
        && s.tasks(&TaskFilter::default())?.is_empty())
}
