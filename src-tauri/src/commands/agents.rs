//! Agents and the capabilities they hold: create, update, delete, and the capability
//! names themselves (create, rename everywhere, delete when unused).

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::{Agent, AgentFields, Capability, Entity};
use tauri::{AppHandle, State};


/// The fields a new agent starts with: the core's defaults, with `name`.
#[tauri::command]
pub fn agent_template(name: String) -> AgentFields {
    AgentFields::named(&name, 40.0)
}

/// `fields` arrives as JSON so that a mistyped value is refused with its field.
#[tauri::command]
pub async fn create_agent(app: AppHandle, db: State<'_, Db>, key: Option<String>, fields: serde_json::Value) -> Reply<Agent> {
    let fields: AgentFields = parse(Entity::Agent, key.as_deref(), fields)?;
    db.write(&app, move |s| Ok(s.create_agent(key.as_deref(), &fields)?)).await
}

/// Refused when the agent would stop qualifying for an open task it holds.
#[tauri::command]
pub async fn update_agent(app: AppHandle, db: State<'_, Db>, key: String, fields: serde_json::Value) -> Reply<Agent> {
    let fields: AgentFields = parse(Entity::Agent, Some(&key), fields)?;
    db.write(&app, move |s| Ok(s.update_agent(&key, &fields)?)).await
}

/// Deletes the agent; returns the keys of the tasks it held, now unassigned.
#[tauri::command]
pub async fn delete_agent(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<Vec<String>> {
    db.write(&app, move |s| Ok(s.delete_agent(&key)?)).await
}

#[tauri::command]
pub async fn capabilities(db: State<'_, Db>) -> Reply<Vec<Capability>> {
    db.read(|s| Ok(s.capabilities()?)).await
}

#[tauri::command]
pub async fn create_capability(app: AppHandle, db: State<'_, Db>, name: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.create_capability(&name)?)).await
}

#[tauri::command]
pub async fn rename_capability(app: AppHandle, db: State<'_, Db>, name: String, new_name: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.rename_capability(&name, &new_name)?)).await
}

/// Refused while an agent holds it or an action requires it.
#[tauri::command]
pub async fn delete_capability(app: AppHandle, db: State<'_, Db>, name: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.delete_capability(&name)?)).await
}
