//! The action library: create, update, delete. Listing stays in `library.rs`.

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::{Action, ActionFields, Entity};
use tauri::{AppHandle, State};


/// The fields a new action starts with: the core's defaults, with `name`.
#[tauri::command]
pub fn action_template(name: String) -> ActionFields {
    ActionFields::named(&name, 0.0, 0.0)
}

/// `fields` arrives as JSON so that a mistyped value is refused with its field.
#[tauri::command]
pub async fn create_action(app: AppHandle, db: State<'_, Db>, key: Option<String>, fields: serde_json::Value) -> Reply<Action> {
    let fields: ActionFields = parse(Entity::Action, key.as_deref(), fields)?;
    db.write(&app, move |s| Ok(s.create_action(key.as_deref(), &fields)?)).await
}

#[tauri::command]
pub async fn update_action(app: AppHandle, db: State<'_, Db>, key: String, fields: serde_json::Value) -> Reply<Action> {
    let fields: ActionFields = parse(Entity::Action, Some(&key), fields)?;
    db.write(&app, move |s| Ok(s.update_action(&key, &fields)?)).await
}

/// Refused while a plan step uses the action; the error names the plans.
#[tauri::command]
pub async fn delete_action(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.delete_action(&key)?)).await
}
