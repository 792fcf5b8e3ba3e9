//! Goals: the tree, one goal, its fields, status, place, links and deletion.

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::{ContributionKind, Entity, Goal, GoalBulkEdit, GoalDeletion, GoalFields, GoalNode, GoalStatus};
use tauri::{AppHandle, State};


#[tauri::command]
pub async fn goal_tree(db: State<'_, Db>) -> Reply<Vec<GoalNode>> {
    db.read(|s| Ok(s.goal_tree()?)).await
}

/// The fields a new goal starts with: the core's defaults, with `title`.
#[tauri::command]
pub fn goal_template(title: String) -> GoalFields {
    GoalFields::titled(&title)
}

/// The statuses the goal's life cycle allows it to move to from where it is.
#[tauri::command]
pub async fn goal_next_statuses(db: State<'_, Db>, key: String) -> Reply<Vec<GoalStatus>> {
    db.read(move |s| {
        let from = s.goal(&key)?.status;
        Ok(GoalStatus::ALL.iter().copied().filter(|to| from.can_become(*to)).collect())
    })
    .await
}

#[tauri::command]
pub async fn goal(db: State<'_, Db>, key: String) -> Reply<Goal> {
    db.read(move |s| Ok(s.goal(&key)?)).await
}

/// `fields` arrives as JSON so that a mistyped value is refused with its field.
#[tauri::command]
pub async fn create_goal(app: AppHandle, db: State<'_, Db>, key: Option<String>, parent: Option<String>, fields: serde_json::Value) -> Reply<Goal> {
    let fields: GoalFields = parse(Entity::Goal, key.as_deref(), fields)?;
    db.write(&app, move |s| Ok(s.create_goal(key.as_deref(), parent.as_deref(), &fields)?)).await
}

#[tauri::command]
pub async fn update_goal(app: AppHandle, db: State<'_, Db>, key: String, fields: serde_json::Value) -> Reply<Goal> {
    let fields: GoalFields = parse(Entity::Goal, Some(&key), fields)?;
    db.write(&app, move |s| Ok(s.update_goal(&key, &fields)?)).await
}

#[tauri::command]
pub async fn set_goal_status(app: AppHandle, db: State<'_, Db>, key: String, status: GoalStatus) -> Reply<Goal> {
    db.write(&app, move |s| Ok(s.set_goal_status(&key, status)?)).await
}

#[tauri::command]
pub async fn move_goal(app: AppHandle, db: State<'_, Db>, key: String, parent: Option<String>) -> Reply<Goal> {
    db.write(&app, move |s| Ok(s.move_goal(&key, parent.as_deref())?)).await
}

/// Sets a status, priority and/or parent on several goals in one gesture (one undo step):
/// all of them, or none with the first goal's error. `edit` arrives as JSON so that a
/// mistyped value is refused with its field.
#[tauri::command]
pub async fn edit_goals(app: AppHandle, db: State<'_, Db>, keys: Vec<String>, edit: serde_json::Value) -> Reply<Vec<String>> {
    let edit: GoalBulkEdit = parse(Entity::Goal, keys.first().map(String::as_str), edit)?;
    db.write(&app, move |s| Ok(s.edit_goals(&keys, &edit)?)).await
}

#[tauri::command]
pub async fn goal_deletion_preview(db: State<'_, Db>, key: String) -> Reply<GoalDeletion> {
    db.read(move |s| Ok(s.goal_deletion_preview(&key)?)).await
}

#[tauri::command]
pub async fn delete_goal(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<GoalDeletion> {
    db.write(&app, move |s| Ok(s.delete_goal(&key)?)).await
}

#[tauri::command]
pub async fn add_goal_dependency(app: AppHandle, db: State<'_, Db>, goal: String, depends_on: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.add_goal_dependency(&goal, &depends_on)?)).await
}

#[tauri::command]
pub async fn remove_goal_dependency(app: AppHandle, db: State<'_, Db>, goal: String, depends_on: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.remove_goal_dependency(&goal, &depends_on)?)).await
}

/// Sets, or with `kind: null` removes, a soft goal's contribution to another goal.
#[tauri::command]
pub async fn set_goal_contribution(app: AppHandle, db: State<'_, Db>, from: String, to: String, kind: Option<ContributionKind>) -> Reply<()> {
    db.write(&app, move |s| Ok(s.set_goal_contribution(&from, &to, kind)?)).await
}
