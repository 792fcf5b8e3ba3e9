//! Tasks: listing, assignment and status.

use crate::db::Db;
use crate::error::CommandError;
use mabos_planner::{Task, TaskFilter, TaskStatus};
use tauri::{AppHandle, State};

type Reply<T> = Result<T, CommandError>;

#[tauri::command]
pub async fn tasks(db: State<'_, Db>, filter: TaskFilter) -> Reply<Vec<Task>> {
    db.read(move |s| Ok(s.tasks(&filter)?)).await
}

/// Assigns a task to `agent`, or unassigns it when `agent` is null.
#[tauri::command]
pub async fn assign_task(app: AppHandle, db: State<'_, Db>, key: String, agent: Option<String>) -> Reply<Task> {
    db.write(&app, move |s| Ok(s.assign_task(&key, agent.as_deref())?)).await
}

#[tauri::command]
pub async fn set_task_status(app: AppHandle, db: State<'_, Db>, key: String, status: TaskStatus) -> Reply<Task> {
    db.write(&app, move |s| Ok(s.set_task_status(&key, status)?)).await
}
