//! Assignment rounds: plan one from the workspace (no writes), and apply a proposal,
//! refusing it whole if any pair stopped being valid since planning.

use super::{assignments, tasks, Change};
use crate::assignment::{fits, is_offered, propose, AssignmentConflict, AssignmentProposal, ProposedAssignment};
use crate::db;
use crate::domain::{Entity, Task, TaskFilter};
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::collections::HashSet;
use time::OffsetDateTime;

/// The best assignment round for the workspace as it is, with urgency measured at `now`.
pub(crate) fn plan(conn: &Connection, now: OffsetDateTime) -> Result<AssignmentProposal> {
    let open = tasks::load_filtered(conn, &TaskFilter { assignee: Some(None), ..Default::default() })?;
    let agents = db::agents::load_all(conn)?;
    Ok(propose(&open, &agents, now))
}

/// Applies every assignment of `proposal`; refused, changing nothing, when any pair is no
/// longer valid or the proposal names a task or an agent twice.
pub(crate) fn apply(conn: &Connection, proposal: &AssignmentProposal) -> Result<(Vec<Task>, Change)> {
    let mut tasks_seen = HashSet::new();
    let mut agents_seen = HashSet::new();
    for pair in &proposal.assignments {
        if !tasks_seen.insert(pair.task.as_str()) {
            return Err(stale(pair, AssignmentConflict::DuplicateTask));
        }
        if !agents_seen.insert(pair.agent.as_str()) {
            return Err(stale(pair, AssignmentConflict::DuplicateAgent));
        }
        apply_one(conn, pair)?;
    }
    let assigned = proposal.assignments.iter().map(|a| tasks::load(conn, &a.task)).collect::<Result<Vec<_>>>()?;
    let pairs: Vec<_> = proposal.assignments.iter().map(|a| json!({ "task": a.task, "agent": a.agent })).collect();
    let payload = json!({ "as_of": proposal.as_of, "total_score": proposal.total_score, "assignments": pairs });
    Ok((assigned, Change::new(Entity::Workspace, "assignment", "assignment_applied", payload)))
}

fn stale(pair: &ProposedAssignment, reason: AssignmentConflict) -> Error {
    Error::StaleAssignment { task: pair.task.clone(), agent: pair.agent.clone(), reason }
}

/// Re-checks one pair against the rows as they are now, then writes it.
fn apply_one(conn: &Connection, pair: &ProposedAssignment) -> Result<()> {
    let (task, status, assignee, effort) = db::tasks::load_offer_row(conn, &pair.task)?.ok_or_else(|| Error::not_found(Entity::Task, &pair.task))?;
    if !is_offered(status) {
        return Err(stale(pair, AssignmentConflict::TaskNotOffered { status }));
    }
    if let Some(agent) = assignee {
        return Err(stale(pair, AssignmentConflict::TaskAlreadyAssigned { agent }));
    }
    let (agent, capacity, workload) = db::agents::capacity_of(conn, &pair.agent)?.ok_or_else(|| Error::not_found(Entity::Agent, &pair.agent))?;
    assignments::check(conn, task, agent)?;
    if !fits(capacity, workload, effort) {
        return Err(stale(pair, AssignmentConflict::OverCapacity { workload, effort, capacity }));
    }
    db::tasks::set_assignee(conn, task, Some(agent))
}
