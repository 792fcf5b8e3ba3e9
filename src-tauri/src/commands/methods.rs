//! HTN methods: list and edit a goal's methods, decompose a goal, save a decomposition
//! as a plan.

use super::Reply;
use crate::db::Db;
use crate::error::parse;
use mabos_planner::htn::{Decomposition, GoalFailure, Method, MethodFields};
use mabos_planner::{DecomposedPlan, Entity, Error, WorldState};
use serde::Serialize;
use tauri::{AppHandle, State};


/// What decomposing a goal gave: the decomposition, or why no method could be used.
/// A goal that cannot be decomposed is an answer here, not a failed command, so that
/// the panel can show every method tried and why it was skipped.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecompositionReport {
    Decomposed { decomposition: Decomposition },
    NotDecomposable { failure: GoalFailure },
}

/// The methods of `goal` (every method when null), in the order decomposition tries them.
#[tauri::command]
pub async fn methods(db: State<'_, Db>, goal: Option<String>) -> Reply<Vec<Method>> {
    db.read(move |s| Ok(s.methods(goal.as_deref())?)).await
}

/// `fields` arrives as JSON so that a mistyped value is refused with its field.
#[tauri::command]
pub async fn create_method(app: AppHandle, db: State<'_, Db>, goal: String, fields: serde_json::Value) -> Reply<Method> {
    let fields: MethodFields = parse(Entity::Method, None, fields)?;
    db.write(&app, move |s| Ok(s.create_method(None, &goal, &fields)?)).await
}

#[tauri::command]
pub async fn update_method(app: AppHandle, db: State<'_, Db>, key: String, fields: serde_json::Value) -> Reply<Method> {
    let fields: MethodFields = parse(Entity::Method, Some(&key), fields)?;
    db.write(&app, move |s| Ok(s.update_method(&key, &fields)?)).await
}

#[tauri::command]
pub async fn delete_method(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<()> {
    db.write(&app, move |s| Ok(s.delete_method(&key)?)).await
}

/// Decomposes `goal` from `state` (null: the empty state). Writes nothing.
#[tauri::command]
pub async fn decompose_goal(db: State<'_, Db>, goal: String, state: Option<WorldState>) -> Reply<DecompositionReport> {
    db.read(move |s| match s.decompose_goal(&goal, &state.unwrap_or_default()) {
        Ok(decomposition) => Ok(DecompositionReport::Decomposed { decomposition }),
        Err(Error::NotDecomposable { failure, .. }) => Ok(DecompositionReport::NotDecomposable { failure: *failure }),
        Err(e) => Err(e.into()),
    })
    .await
}

/// Decomposes `goal` from `state` and saves the result as a draft plan: one undoable step.
#[tauri::command]
pub async fn plan_from_decomposition(app: AppHandle, db: State<'_, Db>, goal: String, state: Option<WorldState>) -> Reply<DecomposedPlan> {
    db.write(&app, move |s| Ok(s.plan_from_decomposition(&goal, &state.unwrap_or_default(), None)?)).await
}
