//! Optimal task assignment: give open, unassigned tasks to active agents so that the
//! total score is as large as possible, without breaking a capability or capacity rule.
//!
//! One round gives each active agent at most one new task, which keeps the problem an
//! exact (rectangular) assignment problem; docs/assignment.md states the model, the
//! score and the limits. Knows nothing about SQL: `ops/assignment.rs` reads its inputs and applies a round.

mod candidates;
mod report;
pub mod score;
pub mod solver;

pub use crate::domain::AssignmentConflict;
pub use report::{AssignmentProposal, ProposedAssignment, UnassignedReason, UnassignedTask};
pub(crate) use candidates::fits;
pub use score::Score;

use crate::{Agent, Task, TaskStatus};
use candidates::Candidates;
use time::OffsetDateTime;

/// Whether an unassigned task in `status` is offered to agents: todo, and in progress
/// (started work that lost its assignee). Blocked tasks are reported but not offered;
/// done and failed tasks are not open.
pub fn is_offered(status: TaskStatus) -> bool {
    matches!(status, TaskStatus::Todo | TaskStatus::InProgress)
}

/// The best assignment round for these tasks and agents, with deadline urgency measured
/// at `now`. Assigned tasks and inactive agents are ignored; the input order does not
/// matter (both lists are taken in key order).
pub fn propose(tasks: &[Task], agents: &[Agent], now: OffsetDateTime) -> AssignmentProposal {
    let open: Vec<&Task> = tasks.iter().filter(|t| t.assignee.is_none() && t.status.is_open()).collect();
    let (mut offered, mut blocked): (Vec<&Task>, Vec<&Task>) = open.into_iter().partition(|t| is_offered(t.status));
    offered.sort_by(|a, b| a.key.cmp(&b.key));
    blocked.sort_by(|a, b| a.key.cmp(&b.key));
    let mut active: Vec<&Agent> = agents.iter().filter(|a| a.fields.active).collect();
    active.sort_by(|a, b| a.key.cmp(&b.key));

    let candidates = Candidates::build(offered, active, now);
    let column_of = solver::max_weight_matching(&candidates.graph);
    report::build(&candidates, &column_of, &blocked, crate::time_util::format_rfc3339(now))
}
