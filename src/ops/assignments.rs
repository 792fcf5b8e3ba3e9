//! The assignment rule every gesture keeps: an open task's assignee is active and holds
//! every capability the task requires, at the required level.

use crate::db;
use crate::db::tasks::Holders;
use crate::{Error, Result};
use rusqlite::Connection;

/// Whether `agent` may hold `task`: active, and every required capability at its level.
pub(crate) fn check(conn: &Connection, task: i64, agent: i64) -> Result<()> {
    let (task_key, agent_key, active) = db::tasks::assignment_parties(conn, task, agent)?;
    if !active {
        return Err(Error::AgentInactive { task: task_key, agent: agent_key });
    }
    match db::tasks::capability_gap(conn, task, agent)? {
        Some((capability, required, held)) => Err(Error::MissingCapability { task: task_key, agent: agent_key, capability, required, held }),
        None => Ok(()),
    }
}

/// [`check`] for a task not written yet (an import's row): task `task` made from
/// `step`, if any, held by agent `agent` (id `agent_id`).
pub(crate) fn check_new(conn: &Connection, task: &str, step: Option<i64>, agent: &str, agent_id: i64) -> Result<()> {
    if !db::agents::is_active(conn, agent_id)? {
        return Err(Error::AgentInactive { task: task.to_owned(), agent: agent.to_owned() });
    }
    let gap = match step {
        Some(step) => db::tasks::step_capability_gap(conn, step, agent_id)?,
        None => None,
    };
    match gap {
        Some((capability, required, held)) => {
            Err(Error::MissingCapability { task: task.to_owned(), agent: agent.to_owned(), capability, required, held })
        }
        None => Ok(()),
    }
}

/// Re-checks a task's assignment when it is open and assigned.
pub(crate) fn recheck(conn: &Connection, task: i64) -> Result<()> {
    match db::tasks::open_assignee(conn, task)? {
        Some(agent) => check(conn, task, agent),
        None => Ok(()),
    }
}

/// Re-checks every open assignment a change to an agent, an action or a step touches.
pub(crate) fn recheck_all(conn: &Connection, holders: Holders) -> Result<()> {
    db::tasks::assigned_ids(conn, holders)?.into_iter().try_for_each(|t| recheck(conn, t))
}
