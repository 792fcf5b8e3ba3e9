//! Plan synthesis: search for a goal's plan, save a result as a draft plan.
//!
//! The search never holds the store: its inputs (goal, library, agents) are read in one
//! short read, then it runs on the blocking pool on that copy, so every other command
//! keeps answering. It reports progress on a channel and stops on `cancel_synthesis`.

use super::Reply;
use crate::db::{run_blocking, Db};
use crate::error::parse;
use crate::searches::Searches;
use mabos_planner::synthesis::{synthesize_watched, SearchControl, SearchProgress, SynthesisOptions, SynthesisResult};
use mabos_planner::{Entity, Plan};
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

/// How often a running search reports: often enough for a smooth bar, rarely enough
/// to cost nothing.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Searches for a plan for `goal`, bounded by the options' node budget and time limit,
/// sending [`SearchProgress`] to `progress` while it runs. Writes nothing. `options`
/// arrives as JSON so that a mistyped limit is refused with its field (`max_nodes`).
#[tauri::command]
pub async fn synthesize_plan(db: State<'_, Db>, searches: State<'_, Searches>, goal: String, options: serde_json::Value, progress: Channel<SearchProgress>) -> Reply<SynthesisResult> {
    let options: SynthesisOptions = parse(Entity::Goal, Some(&goal), options)?;
    let read = options.clone();
    let problem = db.read(move |s| Ok(s.synthesis_problem(&goal, &read)?)).await?;
    let cancel = searches.start();
    let flag = cancel.clone();
    let result = run_blocking(move || {
        let mut report = |p: &SearchProgress| {
            // A closed page stops listening; the search still ends at its limits.
            if let Err(e) = progress.send(p.clone()) {
                tracing::debug!(error = %e, "synthesis progress not delivered");
            }
        };
        let mut control = SearchControl { cancel: Some(&flag), on_progress: Some(&mut report), interval: PROGRESS_EVERY };
        Ok(synthesize_watched(&problem, options.mode, options.heuristic(), options.limits(), &mut control))
    })
    .await;
    searches.finish(&cancel);
    result
}

/// Stops the running synthesis, which then answers with a `cancelled` outcome: whether
/// one was running.
#[tauri::command]
pub fn cancel_synthesis(searches: State<'_, Searches>) -> bool {
    searches.cancel()
}

/// Saves `result` (as `synthesize_plan` returned it) as a draft plan: one undoable step.
#[tauri::command]
pub async fn create_synthesized_plan(app: AppHandle, db: State<'_, Db>, goal: String, result: SynthesisResult) -> Reply<Plan> {
    db.write(&app, move |s| Ok(s.create_synthesized_plan(&goal, &result)?)).await
}
