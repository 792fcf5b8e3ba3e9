//! Tasks as CSV (docs/csv.md): the export read, and the import gesture.
//!
//! An import is checked whole before anything is written. What the file alone decides
//! is checked first, without the database (`export::csv`); what needs the rows is
//! checked in the gesture's transaction: the goals, plan steps and agents the rows
//! name, the tasks outside the file they depend on, keys already taken (refused, as the
//! JSON importer refuses them), and the assignment rule (an open task's assignee is
//! active and capable). Both stages' problems are listed together, in file order; with
//! any problem the gesture fails and nothing is written.

use super::{assignments, Change};
use crate::db;
use crate::db::export::Scope;
use crate::db::rows::find_id;
use crate::domain::{Entity, TaskFilter};
use crate::export::convert;
use crate::export::csv::check::{check, Links};
use crate::export::csv::reader::{read, Rows};
use crate::export::csv::writer::to_csv;
use crate::export::csv::{cell, in_file_order, TasksImportReport};
use crate::export::problems::Problems;
use crate::time_util::{normalize_rfc3339, now_rfc3339};
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;

/// The tasks `filter` selects (all of them with the default filter), by key, as CSV.
pub(crate) fn export(conn: &Connection, filter: &TaskFilter) -> Result<String> {
    let mut tasks = if *filter == TaskFilter::default() {
        db::export::tasks(conn, Scope::All)?
    } else {
        let ids: Vec<i64> = db::tasks::load_filtered(conn, filter)?.into_iter().map(|(id, _, _)| id).collect();
        db::export::tasks(conn, Scope::Only(&ids))?
    };
    tasks.sort_by(|a, b| a.key.cmp(&b.key));
    for t in &mut tasks {
        t.depends_on.sort();
    }
    Ok(to_csv(&tasks))
}

/// A file read and checked as far as it can be without the database.
pub(crate) struct Checked {
    rows: Rows,
    links: Links,
    problems: Problems,
}

/// Reads a file's text and checks what it alone decides. Refused at once only when it
/// has no usable header; the rows' problems wait for [`apply`] to add the database's.
pub(crate) fn check_text(text: &str) -> Result<Checked> {
    let mut problems = Problems::default();
    let Some(rows) = read(text, &now_rfc3339(), &mut problems) else {
        return Err(problems.finish().err().unwrap_or_else(|| Error::import("", "the file has no header row")));
    };
    let links = check(&rows, &mut problems);
    Ok(Checked { rows, links, problems })
}

/// The import gesture: the rest of the checks, then, when nothing was found, the rows.
pub(crate) fn apply(conn: &Connection, checked: Checked) -> Result<(TasksImportReport, Change)> {
    let Checked { rows, links, mut problems } = checked;
    let refs = resolve(conn, &rows, &links, &mut problems)?;
    in_file_order(&mut problems);
    problems.finish()?;
    let report = TasksImportReport { tasks: rows.tasks.len(), dependencies: links.inside.len() + refs.outside.len() };
    let mut ids = Vec::with_capacity(rows.tasks.len());
    for (i, t) in rows.tasks.into_iter().enumerate() {
        // Checked already: normalising cannot fail here.
        let time = |text: &str| normalize_rfc3339(text).unwrap_or_else(|| text.to_owned());
        let (created_at, started_at, completed_at) =
            (time(&t.created_at), t.started_at.as_deref().map(time), t.completed_at.as_deref().map(time));
        let deadline = t.deadline.as_deref().map(time);
        let (key, status) = (t.key.clone(), t.status);
        let fields = convert::task_fields(t);
        let row = db::tasks::TaskRow {
            key: &key,
            fields: &fields,
            deadline: deadline.as_deref(),
            goal_id: refs.goal[i],
            step_id: refs.step[i],
            status,
            assignee: refs.assignee[i],
            created_at: &created_at,
            started_at: started_at.as_deref(),
            completed_at: completed_at.as_deref(),
        };
        ids.push(db::tasks::insert(conn, &row)?);
    }
    for &(task, depends_on) in &links.inside {
        db::tasks::insert_dependency(conn, ids[task], ids[depends_on])?;
    }
    for &(task, depends_on) in &refs.outside {
        db::tasks::insert_dependency(conn, ids[task], depends_on)?;
    }
    Ok((report.clone(), Change::new(Entity::Workspace, "tasks", "imported", json!(report))))
}

/// The rows' links as ids, per row; (row, task id) for the dependencies outside the file.
struct Refs {
    goal: Vec<Option<i64>>,
    step: Vec<Option<i64>>,
    assignee: Vec<Option<i64>>,
    outside: Vec<(usize, i64)>,
}

/// Resolves every link a row names against the database and checks the rules that need
/// it, reporting each problem at its row and column.
fn resolve(conn: &Connection, rows: &Rows, links: &Links, p: &mut Problems) -> Result<Refs> {
    let n = rows.tasks.len();
    let mut refs = Refs { goal: Vec::with_capacity(n), step: Vec::with_capacity(n), assignee: Vec::with_capacity(n), outside: Vec::new() };
    // An empty table (a first import) clashes with nothing.
    let may_clash = !db::rows::is_empty(conn, Entity::Task)?;
    let missing = |what: &str, key: &str| format!("refers to {what} {key:?}, which is not in the database");
    for (t, &row) in rows.tasks.iter().zip(&rows.rows) {
        if may_clash && !t.key.is_empty() && find_id(conn, Entity::Task, &t.key)?.is_some() {
            p.push(cell(row, "key"), format!("a task with the key {:?} already exists in the database", t.key));
        }
        let goal = match &t.goal {
            Some(g) => find_id(conn, Entity::Goal, g)?.or_else(|| {
                p.push(cell(row, "goal"), missing("goal", g));
                None
            }),
            None => None,
        };
        let step = match &t.step {
            Some(s) if find_id(conn, Entity::Plan, &s.plan)?.is_none() => {
                p.push(cell(row, "plan"), missing("plan", &s.plan));
                None
            }
            Some(s) => match db::plans::step_id(conn, &s.plan, &s.step) {
                Ok(id) => Some(id),
                Err(Error::NotFound { .. }) => {
                    p.push(cell(row, "step"), format!("plan {} has no step {:?}", s.plan, s.step));
                    None
                }
                Err(e) => return Err(e),
            },
            None => None,
        };
        let assignee = match &t.assignee {
            Some(a) => match find_id(conn, Entity::Agent, a)? {
                None => {
                    p.push(cell(row, "assignee"), missing("agent", a));
                    None
                }
                Some(id) => {
                    if t.status.is_open() {
                        match assignments::check_new(conn, &t.key, step, a, id) {
                            Ok(()) => {}
                            Err(e @ (Error::AgentInactive { .. } | Error::MissingCapability { .. })) => p.push(cell(row, "assignee"), e.to_string()),
                            Err(e) => return Err(e),
                        }
                    }
                    Some(id)
                }
            },
            None => None,
        };
        refs.goal.push(goal);
        refs.step.push(step);
        refs.assignee.push(assignee);
    }
    for (i, key) in &links.outside {
        match find_id(conn, Entity::Task, key)? {
            Some(id) => refs.outside.push((*i, id)),
            None => p.push(cell(rows.rows[*i], "depends_on"), format!("refers to task {key:?}, which is neither in this file nor in the database")),
        }
    }
    Ok(refs)
}
