//! An agent's report on its task ([`AgentReport`]), applied as one gesture whose author
//! is the agent: the task moves along its life cycle (a move to done runs plan execution,
//! as every move to done does), the facts the agent observed are recorded, and the
//! report's id is kept in the same transaction, so that the same report applied again
//! is refused with [`Error::ReportAlreadyApplied`] and changes nothing. Refused, with
//! nothing written: an unknown agent or task, an agent that is not the task's assignee,
//! a move the life cycle forbids, a start or finish while the task waits on another.

use super::{execution, history, task_status, tasks, Change};
use crate::db;
use crate::db::bridge::AppliedReport;
use crate::db::rows::id_of;
use crate::domain::{AgentReport, Author, Entity, ReportApplied, TaskStatus};
use crate::time_util::now_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;

/// Applies `report` as one gesture by `agent:<report.agent>`; see the module docs.
pub(crate) fn apply(conn: &mut Connection, report: &AgentReport) -> Result<ReportApplied> {
    report.validate()?;
    let author = Author::agent(&report.agent).map_err(|reason| Error::invalid(Entity::Task, &report.task, "agent", reason))?;
    history::gesture_then(
        conn,
        &author,
        |tx| decide(tx, report),
        |tx, applied, seq| {
            applied.seq = seq;
            let row = AppliedReport { id: &report.id, agent: &report.agent, task: &report.task, seq, applied_at: &now_rfc3339() };
            db::bridge::insert_applied_report(tx, &row)
        },
    )
}

/// The report's move, checked and written; the event records the report with it.
fn decide(conn: &Connection, report: &AgentReport) -> Result<(ReportApplied, Change)> {
    if let Some(seq) = db::bridge::applied_report(conn, &report.id)? {
        return Err(Error::ReportAlreadyApplied { id: report.id.clone(), seq });
    }
    id_of(conn, Entity::Agent, &report.agent)?;
    let task = tasks::load(conn, &report.task)?;
    if task.assignee.as_deref() != Some(report.agent.as_str()) {
        return Err(Error::NotAssignee { task: report.task.clone(), agent: report.agent.clone(), assignee: task.assignee });
    }
    let to = report.status.task_status();
    let (id, from) = task_status::write(conn, &report.task, to)?;
    let completion = if to == TaskStatus::Done { Some(execution::after_task_done(conn, id)?) } else { None };
    // What the agent saw wins over what the action was expected to do: recorded last.
    for (key, value) in &report.facts {
        db::world::write(conn, key, value)?;
    }
    let payload = json!({
        "from": from,
        "to": to,
        "report": { "id": report.id, "agent": report.agent, "note": report.note, "facts": report.facts },
        "completion": completion,
    });
    let applied = ReportApplied { id: report.id.clone(), task: report.task.clone(), from, to, seq: None };
    Ok((applied, Change::new(Entity::Task, &report.task, "status_changed", payload)))
}
