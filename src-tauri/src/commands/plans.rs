//! Plans: their fields and status, their steps and the precedence edges between them.

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::{Entity, Plan, PlanFields, PlanStatus, PlanTotals, Step};
use tauri::{AppHandle, State};


/// The fields a new plan starts with: the core's defaults, with `title`.
#[tauri::command]
pub fn plan_template(title: String) -> PlanFields {
    PlanFields::titled(&title)
}

/// `fields` arrives as JSON so that a mistyped value is refused with its field.
#[tauri::command]
pub async fn create_plan(app: AppHandle, db: State<'_, Db>, key: Option<String>, goal: String, fields: serde_json::Value) -> Reply<Plan> {
    let fields: PlanFields = parse(Entity::Plan, key.as_deref(), fields)?;
    db.write(&app, move |s| Ok(s.create_plan(key.as_deref(), &goal, &fields)?)).await
}

#[tauri::command]
pub async fn update_plan(app: AppHandle, db: State<'_, Db>, key: String, fields: serde_json::Value) -> Reply<Plan> {
    let fields: PlanFields = parse(Entity::Plan, Some(&key), fields)?;
    db.write(&app, move |s| Ok(s.update_plan(&key, &fields)?)).await
}

#[tauri::command]
pub async fn delete_plan(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.delete_plan(&key)?)).await
}

/// The statuses the plan's life cycle allows it to move to from where it is.
#[tauri::command]
pub async fn plan_next_statuses(db: State<'_, Db>, key: String) -> Reply<Vec<PlanStatus>> {
    db.read(move |s| {
        let from = s.plan(&key)?.status;
        Ok(PlanStatus::ALL.iter().copied().filter(|to| from.can_become(*to)).collect())
    })
    .await
}

#[tauri::command]
pub async fn set_plan_status(app: AppHandle, db: State<'_, Db>, key: String, status: PlanStatus) -> Reply<Plan> {
    db.write(&app, move |s| Ok(s.set_plan_status(&key, status)?)).await
}

#[tauri::command]
pub async fn plan_totals(db: State<'_, Db>, key: String) -> Reply<PlanTotals> {
    db.read(move |s| Ok(s.plan_totals(&key)?)).await
}

#[tauri::command]
pub async fn add_step(app: AppHandle, db: State<'_, Db>, plan: String, key: Option<String>, action: String, note: String) -> Reply<Step> {
    db.write(&app, move |s| Ok(s.add_step(&plan, key.as_deref(), &action, &note)?)).await
}

#[tauri::command]
pub async fn update_step(app: AppHandle, db: State<'_, Db>, plan: String, step: String, action: String, note: String) -> Reply<Step> {
    db.write(&app, move |s| Ok(s.update_step(&plan, &step, &action, &note)?)).await
}

#[tauri::command]
pub async fn remove_step(app: AppHandle, db: State<'_, Db>, plan: String, step: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.remove_step(&plan, &step)?)).await
}

/// `before` must finish before `after` starts; refused with the cycle it would close.
/// Removes several steps of `plan` in one gesture (one undo step); none when one is unknown.
#[tauri::command]
pub async fn remove_steps(app: AppHandle, db: State<'_, Db>, plan: String, steps: Vec<String>) -> Reply<Vec<String>> {
    db.write(&app, move |s| Ok(s.remove_steps(&plan, &steps)?)).await
}

#[tauri::command]
pub async fn add_edge(app: AppHandle, db: State<'_, Db>, plan: String, before: String, after: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.add_edge(&plan, &before, &after)?)).await
}

#[tauri::command]
pub async fn remove_edge(app: AppHandle, db: State<'_, Db>, plan: String, before: String, after: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.remove_edge(&plan, &before, &after)?)).await
}
