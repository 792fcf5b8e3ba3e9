//! The store glue: plan a round from the workspace (no writes), and apply a proposal as
//! one gesture, refusing it whole if any pair stopped being valid since planning.

use super::candidates::fits;
use super::{is_offered, propose, AssignmentConflict, AssignmentProposal, ProposedAssignment};
use crate::store::agents::OPEN;
use crate::store::tasks::{check_assignment, load_task};
use crate::store::Change;
use crate::{Entity, Error, Result, Store, Task, TaskFilter, TaskStatus};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;
use std::collections::HashSet;
use time::OffsetDateTime;

impl Store {
    /// The best assignment round for the workspace as it is now. Writes nothing.
    pub fn plan_assignment(&self) -> Result<AssignmentProposal> {
        self.plan_assignment_at(OffsetDateTime::now_utc())
    }

    /// [`Store::plan_assignment`] with deadline urgency measured at `now`.
    pub fn plan_assignment_at(&self, now: OffsetDateTime) -> Result<AssignmentProposal> {
        let tasks = self.tasks(&TaskFilter { assignee: Some(None), ..Default::default() })?;
        let agents = self.agents()?;
        Ok(propose(&tasks, &agents, now))
    }

    /// Applies every assignment of `proposal` as one gesture (one event, one undo step)
    /// and returns the assigned tasks. Refused, changing nothing, when any pair is no
    /// longer valid: the task is gone, not todo or in progress, or already assigned; the
    /// agent is gone, inactive, lacks a capability, or the task no longer fits its spare
    /// capacity; or the proposal names a task or an agent twice.
    pub fn apply_assignment(&mut self, proposal: &AssignmentProposal) -> Result<Vec<Task>> {
        self.gesture(|conn| {
            let mut tasks_seen = HashSet::new();
            let mut agents_seen = HashSet::new();
            for pair in &proposal.assignments {
                let conflict = |reason| stale(pair, reason);
                if !tasks_seen.insert(pair.task.as_str()) {
                    return Err(conflict(AssignmentConflict::DuplicateTask));
                }
                if !agents_seen.insert(pair.agent.as_str()) {
                    return Err(conflict(AssignmentConflict::DuplicateAgent));
                }
                apply_one(conn, pair)?;
            }
            let tasks = proposal.assignments.iter().map(|a| load_task(conn, &a.task)).collect::<Result<Vec<_>>>()?;
            let pairs: Vec<_> = proposal.assignments.iter().map(|a| json!({ "task": a.task, "agent": a.agent })).collect();
            let payload = json!({ "as_of": proposal.as_of, "total_score": proposal.total_score, "assignments": pairs });
            Ok((tasks, Change::new(Entity::Workspace, "assignment", "assignment_applied", payload)))
        })
    }
}

fn stale(pair: &ProposedAssignment, reason: AssignmentConflict) -> Error {
    Error::StaleAssignment { task: pair.task.clone(), agent: pair.agent.clone(), reason }
}

/// Re-checks one pair against the rows as they are now, then writes it.
fn apply_one(conn: &Connection, pair: &ProposedAssignment) -> Result<()> {
    let (task, status, assignee, effort): (i64, TaskStatus, Option<String>, f64) = conn
        .prepare_cached("SELECT t.id, t.status, a.key, t.effort FROM tasks t LEFT JOIN agents a ON a.id = t.assignee_id WHERE t.key = ?1")?
        .query_row([&pair.task], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Task, &pair.task))?;
    if !is_offered(status) {
        return Err(stale(pair, AssignmentConflict::TaskNotOffered { status }));
    }
    if let Some(agent) = assignee {
        return Err(stale(pair, AssignmentConflict::TaskAlreadyAssigned { agent }));
    }
    let (agent, capacity, workload): (i64, f64, f64) = conn
        .prepare_cached(&format!(
            "SELECT a.id, a.capacity, (SELECT coalesce(sum(t.effort), 0.0) FROM tasks t WHERE t.assignee_id = a.id AND t.status IN {OPEN})
             FROM agents a WHERE a.key = ?1"
        ))?
        .query_row([&pair.agent], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Agent, &pair.agent))?;
    check_assignment(conn, task, agent)?;
    if !fits(capacity, workload, effort) {
        return Err(stale(pair, AssignmentConflict::OverCapacity { workload, effort, capacity }));
    }
    conn.prepare_cached("UPDATE tasks SET assignee_id = ?2 WHERE id = ?1")?.execute([task, agent])?;
    Ok(())
}
