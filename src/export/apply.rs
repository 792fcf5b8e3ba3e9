//! Writing a checked document inside the import gesture.
//!
//! Everything the file alone decides was checked before ([`super::validate`]); what
//! is left needs the database: a key that already exists refuses the import, and
//! capabilities are merged by name. Rows go in parents first, links after both their
//! ends, through cached prepared statements, with no query per link.

use super::columns::GoalColumns;
use super::convert;
use super::pointer::place;
use super::v1::{Document, GoalDoc};
use super::validate::Resolved;
use super::ImportReport;
use crate::store::capabilities::ensure_capability;
use crate::store::tasks::{insert_task, TaskRow, TaskState};
use crate::htn::SubtaskKind;
use crate::store::methods::{self, SubtaskRow};
use crate::store::{actions, agents, plans, table, world};
use crate::time_util::normalize_rfc3339;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection};
use std::collections::HashSet;
use std::mem::take;

pub(crate) fn apply(conn: &Connection, doc: Document, r: &Resolved, columns: &GoalColumns) -> Result<ImportReport> {
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
    let existing: HashSet<String> =
        conn.prepare("SELECT name FROM capabilities")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for c in &doc.capabilities {
        if existing.contains(&c.name) {
            report.capabilities_reused += 1;
        } else {
            ensure_capability(conn, &c.name)?;
            report.capabilities_created += 1;
        }
    }

    let mut agent_ids = Vec::with_capacity(doc.agents.len());
    for (i, mut a) in doc.agents.into_iter().enumerate() {
        let key = take(&mut a.key);
        agent_ids.push(agents::insert_agent(conn, &key, &convert::agent_fields(a)).map_err(|e| place(e, &format!("/agents/{i}")))?);
    }

    let goal_ids = insert_goals(conn, &doc.goals, r, columns)?;
    let mut dependency = conn.prepare_cached("INSERT INTO goal_dependencies (goal_id, depends_on_id) VALUES (?1, ?2)")?;
    for &(goal, depends_on) in &r.goal_dependencies {
        dependency.execute([goal_ids[goal], goal_ids[depends_on]])?;
    }
    let mut contribution = conn.prepare_cached("INSERT INTO goal_contributions (from_goal_id, to_goal_id, kind) VALUES (?1, ?2, ?3)")?;
    for &(from, to, kind) in &r.contributions {
        contribution.execute(params![goal_ids[from], goal_ids[to], kind])?;
    }

    let mut action_ids = Vec::with_capacity(doc.actions.len());
    for (i, mut a) in doc.actions.into_iter().enumerate() {
        let key = take(&mut a.key);
        action_ids.push(actions::insert_action(conn, &key, &convert::action_fields(a)).map_err(|e| place(e, &format!("/actions/{i}")))?);
    }

    for (i, m) in doc.methods.iter().enumerate() {
        let id = methods::insert_method_row(conn, &m.key, goal_ids[r.method_goal[i]], &convert::method_fields(m))?;
        let subtasks: Vec<SubtaskRow> = r.method_subtasks[i]
            .iter()
            .map(|&(kind, target)| SubtaskRow { kind, id: if kind == SubtaskKind::Goal { goal_ids[target] } else { action_ids[target] } })
            .collect();
        methods::insert_subtasks(conn, id, &subtasks)?;
    }

    let mut step_ids: Vec<Vec<i64>> = Vec::with_capacity(doc.plans.len());
    let mut edge = conn.prepare_cached("INSERT INTO plan_edges (plan_id, before_id, after_id) VALUES (?1, ?2, ?3)")?;
    for (i, mut p) in doc.plans.into_iter().enumerate() {
        let (key, status, steps) = (take(&mut p.key), p.status, take(&mut p.steps));
        let plan_id = plans::insert_plan(conn, &key, goal_ids[r.plan_goal[i]], &convert::plan_fields(p), status)
            .map_err(|e| place(e, &format!("/plans/{i}")))?;
        let ids = steps
            .iter()
            .zip(&r.step_action[i])
            .map(|(s, &action)| plans::insert_step(conn, plan_id, &s.key, action_ids[action], &s.note))
            .collect::<Result<Vec<i64>>>()?;
        for &(before, after) in &r.plan_edges[i] {
            edge.execute([plan_id, ids[before], ids[after]])?;
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
        let row = TaskRow {
            deadline: t.deadline.as_deref().map(time),
            goal_id: r.task_goal[i].map(|g| goal_ids[g]),
            step_id: r.task_step[i].map(|(p, s)| step_ids[p][s]),
        };
        let state = TaskState {
            status: t.status,
            assignee: r.task_assignee[i].map(|a| agent_ids[a]),
            created_at: &created_at,
            started_at: started_at.as_deref(),
            completed_at: completed_at.as_deref(),
        };
        task_ids.push(insert_task(conn, &key, &convert::task_fields(t), &row, &state)?);
    }
    let mut dependency = conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (?1, ?2)")?;
    for &(task, depends_on) in &r.task_dependencies {
        dependency.execute([task_ids[task], task_ids[depends_on]])?;
    }
    for fact in &doc.world_state {
        world::write_fact(conn, &fact.key, &fact.value)?;
    }
    Ok(report)
}

/// Goals in tree order, so that each parent's id is known before its children, with
/// their metrics. The bulk of a large file: one statement each, prepared once, JSON
/// columns made beforehand, and no second validation (the store's validator has passed
/// every goal already).
fn insert_goals(conn: &Connection, list: &[GoalDoc], r: &Resolved, columns: &GoalColumns) -> Result<Vec<i64>> {
    let mut goal = conn.prepare_cached(
        "INSERT INTO goals (key, title, description, priority, kind, mode, refinement, status,
                            preconditions, postconditions, effects, parent_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut metric = conn.prepare_cached("INSERT INTO goal_metrics (goal_id, name, target, current, unit) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut ids = vec![0; list.len()];
    for &i in &r.goal_order {
        let g = &list[i];
        let parent = r.goal_parent[i].map(|p| ids[p]);
        let [pre, post, effects] = columns.get(i);
        goal.execute(params![
            g.key,
            g.title,
            g.description,
            g.priority,
            g.kind,
            g.mode,
            g.refinement,
            g.status,
            pre,
            post,
            effects,
            parent,
        ])?;
        ids[i] = conn.last_insert_rowid();
        for m in &g.metrics {
            metric.execute(params![ids[i], m.name, m.target, m.current, m.unit])?;
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
    let mut recorded = conn.prepare_cached("SELECT 1 FROM world_facts WHERE key = ?1")?;
    for (i, fact) in doc.world_state.iter().enumerate() {
        if recorded.exists([&fact.key])? {
            return Err(Error::import(
                format!("/world_state/{i}/key"),
                format!("the fact {:?} is already recorded in the database; nothing was imported", fact.key),
            ));
        }
    }
    Ok(())
}

fn clashes<'a>(conn: &Connection, entity: Entity, list: &str, keys: impl Iterator<Item = &'a str>) -> Result<()> {
    let table = table(entity);
    let empty: bool = conn.query_row(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))?;
    if empty {
        return Ok(());
    }
    let mut taken = conn.prepare_cached(&format!("SELECT 1 FROM {table} WHERE key = ?1"))?;
    for (i, key) in keys.enumerate() {
        if taken.exists([key])? {
            return Err(Error::import(
                format!("/{list}/{i}/key"),
                format!("{} with the key {key:?} already exists in the database; nothing was imported", entity.with_article()),
            ));
        }
    }
    Ok(())
}
