//! A task's move along its life cycle, with the rules every gesture that moves one keeps.

use super::assignments;
use crate::db;
use crate::domain::{Entity, TaskStatus};
use crate::time_util::now_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;

/// Moves a task to `status` after checking the transition and, for starting or finishing
/// it, that every task it depends on is done; the start and completion times follow the
/// status. Returns its id and former status.
pub(crate) fn write(conn: &Connection, key: &str, status: TaskStatus) -> Result<(i64, TaskStatus)> {
    let (id, from, started) = db::tasks::status_of(conn, key)?.ok_or_else(|| Error::not_found(Entity::Task, key))?;
    if !from.can_become(status) {
        return Err(Error::InvalidTransition { entity: Entity::Task, key: key.into(), from: from.to_string(), to: status.to_string() });
    }
    if matches!(status, TaskStatus::InProgress | TaskStatus::Done) {
        let waiting_on = db::tasks::unfinished_dependencies(conn, id)?;
        if !waiting_on.is_empty() {
            return Err(Error::TaskWaiting { task: key.into(), waiting_on });
        }
    }
    let now = now_rfc3339();
    let started = match status {
        TaskStatus::InProgress | TaskStatus::Done => started.or(Some(now.clone())),
        _ => started,
    };
    let completed = (status == TaskStatus::Done).then_some(now);
    db::tasks::set_status(conn, id, status, started.as_deref(), completed.as_deref())?;
    assignments::recheck(conn, id)?;
    Ok((id, from))
}
