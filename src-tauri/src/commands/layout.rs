//! Drawings of the goal graph and of a plan's graph, laid out by the core. Big graphs
//! report their progress on the caller's channel, for a progress bar.

use super::Reply;
use crate::db::Db;
use mabos_planner::diagram::{self, DiagramRequest, GoalGraph, PlanGraph};
use mabos_planner::layout::LayoutProgress;
use tauri::ipc::Channel;
use tauri::State;


/// Smaller graphs lay out faster than a progress bar could be drawn.
const PROGRESS_FROM_NODES: u32 = 500;

#[tauri::command]
pub async fn goal_graph(db: State<'_, Db>, request: DiagramRequest, on_progress: Channel<LayoutProgress>) -> Reply<GoalGraph> {
    db.read(move |s| Ok(diagram::goal_graph(s, &request, &mut reporter(on_progress))?)).await
}

#[tauri::command]
pub async fn plan_graph(db: State<'_, Db>, key: String, request: DiagramRequest, on_progress: Channel<LayoutProgress>) -> Reply<PlanGraph> {
    db.read(move |s| Ok(diagram::plan_graph(s, &key, &request, &mut reporter(on_progress))?)).await
}

/// Sends progress of big layouts only, and at most once per percent.
fn reporter(channel: Channel<LayoutProgress>) -> impl FnMut(LayoutProgress) {
    let mut last_percent = None;
    move |p: LayoutProgress| {
        if p.total < PROGRESS_FROM_NODES * 3 {
            return;
        }
        let percent = u64::from(p.done) * 100 / u64::from(p.total.max(1));
        if last_percent != Some(percent) {
            last_percent = Some(percent);
            if let Err(e) = channel.send(p) {
                tracing::debug!(error = %e, "layout progress not delivered");
            }
        }
    }
}
