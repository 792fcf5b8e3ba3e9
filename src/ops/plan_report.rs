//! The plan report's read: the plan, its goal, actions, tasks and their agents, its
//! validation and timeline, all as of one commit, handed to `crate::report`.

use super::planning::actions_of;
use super::tasks::load_filtered;
use crate::db;
use crate::domain::TaskFilter;
use crate::export::write::exported_at;
use crate::planning::{self, ValidationInput};
use crate::report::{plan_report_html, ReportInput};
use crate::schedule::plan_timeline;
use crate::Result;
use rusqlite::Connection;
use std::collections::BTreeSet;
use time::OffsetDateTime;

/// The HTML report of plan `key` at time `now` (the timeline's "now" line and the
/// validation's start). Its "generated at" is `now`, or SOURCE_DATE_EPOCH when set, as
/// in the JSON export.
pub(crate) fn plan_html(conn: &Connection, key: &str, now: OffsetDateTime) -> Result<String> {
    // One read transaction: every part of the report as of one commit.
    let _snapshot = conn.unchecked_transaction()?;
    let plan = db::plans::load(conn, key)?;
    let goal = db::goals::load(conn, &plan.goal)?;
    let actions = actions_of(conn, &plan)?;
    let mut tasks = load_filtered(conn, &TaskFilter { plan: Some(plan.key.clone()), ..TaskFilter::default() })?;
    // Generated keys grow (T-9 before T-10).
    tasks.sort_by(|a, b| (a.key.len(), &a.key).cmp(&(b.key.len(), &b.key)));
    let assignees: BTreeSet<&str> = tasks.iter().filter_map(|t| t.assignee.as_deref()).collect();
    let agents = assignees.into_iter().map(|a| db::agents::load(conn, a)).collect::<Result<Vec<_>>>()?;
    let validation = planning::validate_plan(
        &plan,
        &ValidationInput { actions: &actions, goal_postconditions: &goal.fields.postconditions, start_state: None, start: now },
    )?;
    let timeline = plan_timeline(&plan, &actions, &tasks, now)?;
    let generated_at = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => exported_at(Some(&epoch)),
        Err(_) => crate::time_util::format_rfc3339(now),
    };
    plan_report_html(&ReportInput {
        plan: &plan,
        goal: &goal,
        validation: &validation,
        timeline: &timeline,
        actions: &actions,
        tasks: &tasks,
        agents: &agents,
        generated_at: &generated_at,
    })
}
