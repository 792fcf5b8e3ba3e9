//! The timeline views' reads: a plan's Gantt chart and every agent's lane, each computed
//! by `schedule` from rows read in one read transaction (as of one commit, even while
//! agents report).

use super::tasks;
use crate::db;
use crate::domain::TaskFilter;
use crate::Result;
use crate::schedule::{self, AgentLanes, PlanTimeline};
use rusqlite::Connection;
use time::OffsetDateTime;

/// `key`'s timeline as of `now` (docs/timeline.md).
pub(crate) fn plan(conn: &Connection, key: &str, now: OffsetDateTime) -> Result<PlanTimeline> {
    let _snapshot = conn.unchecked_transaction()?;
    let plan = db::plans::load(conn, key)?;
    let tasks = tasks::load_filtered(conn, &TaskFilter { plan: Some(plan.key.clone()), ..TaskFilter::default() })?;
    schedule::plan_timeline(&plan, &db::actions::load_all(conn)?, &tasks, now)
}

/// Every active agent's lane as of `now` (docs/timeline.md).
pub(crate) fn lanes(conn: &Connection, now: OffsetDateTime) -> Result<AgentLanes> {
    let _snapshot = conn.unchecked_transaction()?;
    let tasks = tasks::load_filtered(conn, &TaskFilter::default())?;
    Ok(schedule::agent_lanes(&tasks, &db::agents::load_all(conn)?, now))
}
