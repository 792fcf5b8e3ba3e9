//! The timeline views: a plan's Gantt chart and every agent's lane, as of the clock.
//! Queries only.

use super::Reply;
use crate::db::Db;
use mabos_planner::schedule::{AgentLanes, PlanTimeline};
use tauri::State;
use time::OffsetDateTime;

#[tauri::command]
pub async fn plan_timeline(db: State<'_, Db>, key: String) -> Reply<PlanTimeline> {
    db.read(move |s| Ok(s.plan_timeline(&key, OffsetDateTime::now_utc())?)).await
}

#[tauri::command]
pub async fn agent_lanes(db: State<'_, Db>) -> Reply<AgentLanes> {
    db.read(|s| Ok(s.agent_lanes(OffsetDateTime::now_utc())?)).await
}
