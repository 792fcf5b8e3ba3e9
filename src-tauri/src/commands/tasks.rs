//! Tasks: listing, creation and editing, assignment, status, deletion.

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::{BulkAssignment, Entity, Task, TaskFields, TaskFilter, TaskStatus};
use serde::Serialize;
use tauri::{AppHandle, State};


#[tauri::command]
pub async fn tasks(db: State<'_, Db>, filter: TaskFilter) -> Reply<Vec<Task>> {
    db.read(move |s| Ok(s.tasks(&filter)?)).await
}

/// The fields a new task starts with: the core's defaults, with `title`.
#[tauri::command]
pub fn task_template(title: String) -> TaskFields {
    TaskFields::titled(&title, 1.0)
}

/// `fields` arrives as JSON so that a mistyped value is refused with its field.
#[tauri::command]
pub async fn create_task(app: AppHandle, db: State<'_, Db>, key: Option<String>, fields: serde_json::Value) -> Reply<Task> {
    let fields: TaskFields = parse(Entity::Task, key.as_deref(), fields)?;
    db.write(&app, move |s| Ok(s.create_task(key.as_deref(), &fields)?)).await
}

#[tauri::command]
pub async fn update_task(app: AppHandle, db: State<'_, Db>, key: String, fields: serde_json::Value) -> Reply<Task> {
    let fields: TaskFields = parse(Entity::Task, Some(&key), fields)?;
    db.write(&app, move |s| Ok(s.update_task(&key, &fields)?)).await
}

#[tauri::command]
pub async fn delete_task(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.delete_task(&key)?)).await
}

/// Assigns a task to `agent`, or unassigns it when `agent` is null.
#[tauri::command]
pub async fn assign_task(app: AppHandle, db: State<'_, Db>, key: String, agent: Option<String>) -> Reply<Task> {
    db.write(&app, move |s| Ok(s.assign_task(&key, agent.as_deref())?)).await
}

/// Assigns several tasks to `agent` (unassigns them when null) in one gesture (one undo
/// step): the ones it may hold go, the others stay and are reported by key with their reason.
#[tauri::command]
pub async fn assign_tasks(app: AppHandle, db: State<'_, Db>, keys: Vec<String>, agent: Option<String>) -> Reply<BulkAssignment> {
    db.write(&app, move |s| Ok(s.assign_tasks(&keys, agent.as_deref())?)).await
}

#[tauri::command]
pub async fn set_task_status(app: AppHandle, db: State<'_, Db>, key: String, status: TaskStatus) -> Reply<Task> {
    db.write(&app, move |s| Ok(s.set_task_status(&key, status)?)).await
}

/// The task life cycle: for every status, the ones a task may move to from it. The board
/// offers only these moves (e.g. "Mark done" only where `done` is allowed).
#[tauri::command]
pub fn task_status_moves() -> Vec<TaskStatusMoves> {
    TaskStatus::ALL.iter().map(|&from| TaskStatusMoves { from, to: TaskStatus::ALL.iter().copied().filter(|&to| from.can_become(to)).collect() }).collect()
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskStatusMoves {
    pub from: TaskStatus,
    pub to: Vec<TaskStatus>,
}
