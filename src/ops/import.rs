//! Importing a plan or workspace file as one gesture.
//!
//! Everything the file alone decides is checked first, in memory
//! (`export::validate`); what is left needs the database: a key that already exists
//! refuses the import, and capabilities are merged by name. Rows go in parents first,
//! links after both their ends, through cached prepared statements, with no query per
//! link.

use super::{actions, agents, plans, Change};
use crate::db;
use crate::db::methods::SubtaskRow;
use crate::domain::Entity;
use crate::export::columns::{self, GoalColumns};
use crate::export::pointer::place;
use crate::export::v1::{Document, GoalDoc};
use crate::export::validate::{self, Resolved};
use crate::export::{convert, read, ImportReport};
use crate::htn::SubtaskKind;
use crate::time_util::normalize_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::mem::take;

/// A document checked whole, ready to be written by [`apply`].
pub(crate) struct Checked {
    doc: Document,
    resolved: Resolved,
    columns: GoalColumns,
}

/// Parses a file's text and checks it whole.
pub(crate) fn check_text(json: &str) -> Result<Checked> {
    check(read::parse(json)?)
}

/// Checks a document whole (its goal columns are serialised alongside, on a second thread
/// for a large file).
pub(crate) fn check(doc: Document) -> Result<Checked> {
    let (resolved, columns) = columns::alongside(&doc.goals, || validate::check(&doc));
    Ok(Checked { resolved: resolved?, doc, columns })
}

/// Writes a checked document: the import gesture.
pub(crate) fn apply(conn: &Connection, checked: Checked) -> Result<(ImportReport, Change)> {
    let Checked { doc, resolved, columns } = checked;
    let report = write(conn, doc, &resolved, &columns)?;
    let key = report.kind.as_str();
    Ok((report.clone(), Change::new(Entity::Workspace, key, "imported", json!(report))))
}

fn write(conn: &Connection, doc: Document, r: &Resolved, columns: &GoalColumns) -> Result<ImportReport> {
    refuse_clashes(conn, &doc)?;
    let mut report = ImportReport {
        kind: doc.kind,
        capabilities_created: 0,
        capabilities_reused: 0,
        agents: doc.agents.len(),
        goals: doc.goals.len(),
        actions: doc.actions.len(),
        methods: doc.methods.len(),
        plans: doc.plans.len(),
        steps: doc.plans.iter().map(|p| p.steps.len()).sum(),
        tasks: doc.tasks.len(),
        facts: doc.world_state.len(),
    };
    let existing = db::capabilities::names(conn)?;
    for c in &doc.capabilities {
        if existing.contains(&c.name) {
            report.capabilities_reused += 1;
        } else {
            db::capabilities::id_or_insert(conn, &c.name)?;
            report.capabilities_created += 1;
        }
    }

    let mut agent_ids = Vec::with_capacity(doc.agents.len());
    for (i, mut a) in doc.agents.into_iter().enumerate() {
        let key = take(&mut a.key);
        agent_ids.push(agents::insert(conn, &key, &convert::agent_fields(a)).map_err(|e| place(e, &format!("/agents/{i}")))?);
    }

    // Every index below comes from `Resolved`, which validation built from this very
    // document: each one is in range of the list it indexes.
    let goal_ids = insert_goals(conn, &doc.goals, r, columns)?;
    for &(goal, depends_on) in &r.goal_dependencies {
        db::goals::insert_dependency(conn, goal_ids[goal], goal_ids[depends_on])?;
    }
    for &(from, to, kind) in &r.contributions {
        db::goals::upsert_contribution(conn, goal_ids[from], goal_ids[to], kind)?;
    }

    let mut action_ids = Vec::with_capacity(doc.actions.len());
    for (i, mut a) in doc.actions.into_iter().enumerate() {
        let key = take(&mut a.key);
        action_ids.push(actions::insert(conn, &key, &convert::action_fields(a)).map_err(|e| place(e, &format!("/actions/{i}")))?);
    }

    for (i, m) in doc.methods.iter().enumerate() {
        let id = db::methods::insert(conn, &m.key, goal_ids[r.method_goal[i]], &convert::method_fields(m))?;
        let subtasks: Vec<SubtaskRow> = r.method_subtasks[i]
            .iter()
            .map(|&(kind, target)| SubtaskRow { kind, id: if kind == SubtaskKind::Goal { goal_ids[target] } else { action_ids[target] } })
            .collect();
        db::methods::insert_subtasks(conn, id, &subtasks)?;
    }

    let mut step_ids: Vec<Vec<i64>> = Vec::with_capacity(doc.plans.len());
    for (i, mut p) in doc.plans.into_iter().enumerate() {
        let (key, status, steps) = (take(&mut p.key), p.status, take(&mut p.steps));
        let plan_id = plans::insert(conn, &key, goal_ids[r.plan_goal[i]], &convert::plan_fields(p), status)
            .map_err(|e| place(e, &format!("/plans/{i}")))?;
        let ids = steps
            .iter()
            .zip(&r.step_action[i])
            .map(|(s, &action)| db::plans::insert_step(conn, plan_id, &s.key, action_ids[action], &s.note))
            .collect::<Result<Vec<i64>>>()?;
        // Validation found the plan's edges acyclic.
        for &(before, after) in &r.plan_edges[i] {
            db::plans::insert_edge(conn, plan_id, ids[before], ids[after])?;
        }
        step_ids.push(ids);
    }

    let mut task_ids = Vec::with_capacity(doc.tasks.len());
    for (i, mut t) in doc.tasks.into_iter().enumerate() {
        let key = take(&mut t.key);
        // Validated already: normalising cannot fail here.
        let time = |text: &str| normalize_rfc3339(text).unwrap_or_else(|| text.to_owned());
        let (created_at, started_at, completed_at) =
            (time(&t.created_at), t.started_at.as_deref().map(time), t.completed_at.as_deref().map(time));
        let deadline = t.deadline.as_deref().map(time);
        let status = t.status;
        let fields = convert::task_fields(t);
        let row = db::tasks::TaskRow {
            key: &key,
            fields: &fields,
            deadline: deadline.as_deref(),
            goal_id: r.task_goal[i].map(|g| goal_ids[g]),
            step_id: r.task_step[i].map(|(p, s)| step_ids[p][s]),
            status,
            assignee: r.task_assignee[i].map(|a| agent_ids[a]),
            created_at: &created_at,
            started_at: started_at.as_deref(),
            completed_at: completed_at.as_deref(),
        };
        task_ids.push(db::tasks::insert(conn, &row)?);
    }
    for &(task, depends_on) in &r.task_dependencies {
        db::tasks::insert_dependency(conn, task_ids[task], task_ids[depends_on])?;
    }
    for fact in &doc.world_state {
        db::world::write(conn, &fact.key, &fact.value)?;
    }
    Ok(report)
}

/// Goals in tree order, so that each parent's id is known before its children, with
/// their metrics. The bulk of a large file: one statement each, prepared once, JSON
/// columns made beforehand, and no second validation (the store's validator has passed
/// every goal already).
fn insert_goals(conn: &Connection, list: &[GoalDoc], r: &Resolved, columns: &GoalColumns) -> Result<Vec<i64>> {
    let mut ids = vec![0; list.len()];
    for &i in &r.goal_order {
        let g = &list[i];
        let [preconditions, postconditions, effects] = columns.get(i);
        let row = db::goals::GoalRow {
            key: &g.key,
            title: &g.title,
            description: &g.description,
            priority: g.priority,
            kind: g.kind,
            mode: g.mode,
            refinement: g.refinement,
            status: g.status,
            preconditions,
            postconditions,
            effects,
            parent_id: r.goal_parent[i].map(|p| ids[p]),
        };
        ids[i] = db::goals::insert(conn, &row)?;
        for m in &g.metrics {
            db::goals::insert_metric(conn, ids[i], m)?;
        }
    }
    Ok(ids)
}

/// Refuses the import when any key of the file is already taken in the database.
fn refuse_clashes(conn: &Connection, doc: &Document) -> Result<()> {
    clashes(conn, Entity::Agent, "agents", doc.agents.iter().map(|a| a.key.as_str()))?;
    clashes(conn, Entity::Goal, "goals", doc.goals.iter().map(|g| g.key.as_str()))?;
    clashes(conn, Entity::Action, "actions", doc.actions.iter().map(|a| a.key.as_str()))?;
    clashes(conn, Entity::Method, "methods", doc.methods.iter().map(|m| m.key.as_str()))?;
    clashes(conn, Entity::Plan, "plans", doc.plans.iter().map(|p| p.key.as_str()))?;
    clashes(conn, Entity::Task, "tasks", doc.tasks.iter().map(|t| t.key.as_str()))?;
    for (i, fact) in doc.world_state.iter().enumerate() {
        if db::world::read(conn, &fact.key)?.is_some() {
            return Err(Error::import(
                format!("/world_state/{i}/key"),
                format!("the fact {:?} is already recorded in the database; nothing was imported", fact.key),
            ));
        }
    }
    Ok(())
}

fn clashes<'a>(conn: &Connection, entity: Entity, list: &str, keys: impl Iterator<Item = &'a str>) -> Result<()> {
    // An empty table (the usual case for a first import) clashes with nothing.
    if db::rows::is_empty(conn, entity)? {
        return Ok(());
    }
    for (i, key) in keys.enumerate() {
        if db::rows::find_id(conn, entity, key)?.is_some() {
            return Err(Error::import(
                format!("/{list}/{i}/key"),
                format!("{} with the key {key:?} already exists in the database; nothing was imported", entity.with_article()),
            ));
        }
    }
    Ok(())
}
