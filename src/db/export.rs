//! Reading rows as the export document's entries (format version 1): every agent,
//! goal, action, plan and task, or those with the given ids, each with its child rows.
//! The order is SQLite's; `export::write` sorts the document.

use super::rows::Json;
use crate::domain::{CapabilityLevel, Entity, Metric};
use crate::export::v1::*;
use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// Every capability, by name.
pub(crate) fn capabilities(conn: &Connection) -> Result<Vec<CapabilityDoc>> {
    let rows = conn.prepare("SELECT name FROM capabilities")?.query_map([], |r| Ok(CapabilityDoc { name: r.get(0)? }))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a plan file holds besides its goal subtree: the plan's id and goal, the actions
/// its steps use, the tasks made from its steps and their assignees.
pub(crate) struct PlanScope {
    pub plan: i64,
    pub goal: i64,
    pub actions: Vec<i64>,
    pub tasks: Vec<i64>,
    pub agents: Vec<i64>,
}

pub(crate) fn plan_scope(conn: &Connection, key: &str) -> Result<PlanScope> {
    let (plan, goal): (i64, i64) = conn
        .query_row("SELECT id, goal_id FROM plans WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Plan, key))?;
    let ids = |sql: &str| -> Result<Vec<i64>> { Ok(conn.prepare(sql)?.query_map([plan], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?) };
    Ok(PlanScope {
        plan,
        goal,
        actions: ids("SELECT DISTINCT action_id FROM plan_steps WHERE plan_id = ?1")?,
        tasks: ids("SELECT t.id FROM tasks t JOIN plan_steps s ON s.id = t.step_id WHERE s.plan_id = ?1")?,
        agents: ids(
            "SELECT DISTINCT t.assignee_id FROM tasks t JOIN plan_steps s ON s.id = t.step_id
             WHERE s.plan_id = ?1 AND t.assignee_id IS NOT NULL",
        )?,
    })
}

/// Which rows of a table to read: all of them, or those with the given ids.
#[derive(Clone, Copy)]
pub(crate) enum Scope<'a> {
    All,
    Only(&'a [i64]),
}

/// Runs `sql` over the scope: once as it is, or once per id with `WHERE {column} = ?1`.
fn select<T>(
    conn: &Connection,
    sql: &str,
    column: &str,
    scope: Scope<'_>,
    mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    match scope {
        Scope::All => Ok(conn.prepare(sql)?.query_map([], map)?.collect::<rusqlite::Result<_>>()?),
        Scope::Only(ids) => {
            let mut stmt = conn.prepare(&format!("{sql} WHERE {column} = ?1"))?;
            let mut out = Vec::new();
            for id in ids {
                for row in stmt.query_map([id], &mut map)? {
                    out.push(row?);
                }
            }
            Ok(out)
        }
    }
}

/// Rows of a child table, grouped by the id of the entity they belong to.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    column: &str,
    scope: Scope<'_>,
    mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for (id, item) in select(conn, sql, column, scope, |r| Ok((r.get::<_, i64>(0)?, map(r)?)))? {
        out.entry(id).or_default().push(item);
    }
    Ok(out)
}

pub(crate) fn agents(conn: &Connection, scope: Scope<'_>) -> Result<Vec<AgentDoc>> {
    let mut caps = grouped(
        conn,
        "SELECT x.agent_id, c.name, x.level FROM agent_capabilities x JOIN capabilities c ON c.id = x.capability_id",
        "x.agent_id",
        scope,
        |r| Ok(CapabilityLevel { capability: r.get(1)?, level: r.get(2)? }),
    )?;
    let rows = select(conn, "SELECT id, key, name, active, experience, capacity FROM agents", "id", scope, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            AgentDoc {
                key: r.get(1)?,
                name: r.get(2)?,
                active: r.get(3)?,
                experience: r.get(4)?,
                capacity: r.get(5)?,
                capabilities: Vec::new(),
            },
        ))
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, mut a)| {
            a.capabilities = caps.remove(&id).unwrap_or_default();
            a
        })
        .collect())
}

pub(crate) fn goals(conn: &Connection, scope: Scope<'_>) -> Result<Vec<GoalDoc>> {
    let mut metrics = grouped(conn, "SELECT goal_id, name, target, current, unit FROM goal_metrics", "goal_id", scope, |r| {
        Ok(Metric { name: r.get(1)?, target: r.get(2)?, current: r.get(3)?, unit: r.get(4)? })
    })?;
    let mut depends_on = grouped(
        conn,
        "SELECT d.goal_id, g.key FROM goal_dependencies d JOIN goals g ON g.id = d.depends_on_id",
        "d.goal_id",
        scope,
        |r| r.get(1),
    )?;
    let mut contributions = grouped(
        conn,
        "SELECT c.from_goal_id, g.key, c.kind FROM goal_contributions c JOIN goals g ON g.id = c.to_goal_id",
        "c.from_goal_id",
        scope,
        |r| Ok(ContributionDoc { to: r.get(1)?, kind: r.get(2)? }),
    )?;
    let rows = select(
        conn,
        "SELECT g.id, g.key, g.title, g.description, g.status, g.priority, g.kind, g.mode, g.refinement, p.key,
                g.preconditions, g.postconditions, g.effects
         FROM goals g LEFT JOIN goals p ON p.id = g.parent_id",
        "g.id",
        scope,
        |r| {
            let Json(preconditions) = r.get(10)?;
            let Json(postconditions) = r.get(11)?;
            let Json(effects) = r.get(12)?;
            Ok((
                r.get::<_, i64>(0)?,
                GoalDoc {
                    key: r.get(1)?,
                    title: r.get(2)?,
                    description: r.get(3)?,
                    status: r.get(4)?,
                    priority: r.get(5)?,
                    kind: r.get(6)?,
                    mode: r.get(7)?,
                    refinement: r.get(8)?,
                    parent: r.get(9)?,
                    depends_on: Vec::new(),
                    contributions: Vec::new(),
                    preconditions,
                    postconditions,
                    effects,
                    metrics: Vec::new(),
                },
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, mut g)| {
            g.metrics = metrics.remove(&id).unwrap_or_default();
            g.depends_on = depends_on.remove(&id).unwrap_or_default();
            g.contributions = contributions.remove(&id).unwrap_or_default();
            g
        })
        .collect())
}

pub(crate) fn actions(conn: &Connection, scope: Scope<'_>) -> Result<Vec<ActionDoc>> {
    let mut requires = grouped(
        conn,
        "SELECT x.action_id, c.name, x.min_level FROM action_capabilities x JOIN capabilities c ON c.id = x.capability_id",
        "x.action_id",
        scope,
        |r| Ok(CapabilityLevel { capability: r.get(1)?, level: r.get(2)? }),
    )?;
    let rows = select(
        conn,
        "SELECT id, key, name, description, cost, duration, preconditions, effects FROM actions",
        "id",
        scope,
        |r| {
            let Json(preconditions) = r.get(6)?;
            let Json(effects) = r.get(7)?;
            Ok((
                r.get::<_, i64>(0)?,
                ActionDoc {
                    key: r.get(1)?,
                    name: r.get(2)?,
                    description: r.get(3)?,
                    cost: r.get(4)?,
                    duration: r.get(5)?,
                    requires: Vec::new(),
                    preconditions,
                    effects,
                },
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, mut a)| {
            a.requires = requires.remove(&id).unwrap_or_default();
            a
        })
        .collect())
}

pub(crate) fn plans(conn: &Connection, scope: Scope<'_>) -> Result<Vec<PlanDoc>> {
    let mut steps = grouped(
        conn,
        "SELECT s.plan_id, s.key, a.key, s.note FROM plan_steps s JOIN actions a ON a.id = s.action_id",
        "s.plan_id",
        scope,
        |r| Ok(StepDoc { key: r.get(1)?, action: r.get(2)?, note: r.get(3)? }),
    )?;
    let mut edges = grouped(
        conn,
        "SELECT e.plan_id, b.key, a.key FROM plan_edges e
         JOIN plan_steps b ON b.id = e.before_id JOIN plan_steps a ON a.id = e.after_id",
        "e.plan_id",
        scope,
        |r| Ok(EdgeDoc { before: r.get(1)?, after: r.get(2)? }),
    )?;
    let rows = select(
        conn,
        "SELECT p.id, p.key, g.key, p.title, p.status, p.priority, p.budget, p.deadline,
                p.preconditions, p.postconditions, p.constraints
         FROM plans p JOIN goals g ON g.id = p.goal_id",
        "p.id",
        scope,
        |r| {
            let Json(preconditions) = r.get(8)?;
            let Json(postconditions) = r.get(9)?;
            let Json(constraints) = r.get(10)?;
            Ok((
                r.get::<_, i64>(0)?,
                PlanDoc {
                    key: r.get(1)?,
                    goal: r.get(2)?,
                    title: r.get(3)?,
                    status: r.get(4)?,
                    priority: r.get(5)?,
                    budget: r.get(6)?,
                    deadline: r.get(7)?,
                    preconditions,
                    postconditions,
                    constraints,
                    steps: Vec::new(),
                    edges: Vec::new(),
                },
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, mut p)| {
            p.steps = steps.remove(&id).unwrap_or_default();
            p.edges = edges.remove(&id).unwrap_or_default();
            p
        })
        .collect())
}

pub(crate) fn tasks(conn: &Connection, scope: Scope<'_>) -> Result<Vec<TaskDoc>> {
    let mut depends_on = grouped(
        conn,
        "SELECT x.task_id, d.key FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id",
        "x.task_id",
        scope,
        |r| r.get(1),
    )?;
    let rows = select(
        conn,
        "SELECT t.id, t.key, t.title, t.description, t.status, t.priority, t.effort, t.deadline, g.key, p.key, s.key,
                a.key, t.created_at, t.started_at, t.completed_at
         FROM tasks t LEFT JOIN goals g ON g.id = t.goal_id LEFT JOIN plan_steps s ON s.id = t.step_id
         LEFT JOIN plans p ON p.id = s.plan_id LEFT JOIN agents a ON a.id = t.assignee_id",
        "t.id",
        scope,
        |r| {
            let plan: Option<String> = r.get(9)?;
            let step: Option<String> = r.get(10)?;
            Ok((
                r.get::<_, i64>(0)?,
                TaskDoc {
                    key: r.get(1)?,
                    title: r.get(2)?,
                    description: r.get(3)?,
                    status: r.get(4)?,
                    priority: r.get(5)?,
                    effort: r.get(6)?,
                    deadline: r.get(7)?,
                    goal: r.get(8)?,
                    step: plan.zip(step).map(|(plan, step)| StepRefDoc { plan, step }),
                    assignee: r.get(11)?,
                    depends_on: Vec::new(),
                    created_at: r.get(12)?,
                    started_at: r.get(13)?,
                    completed_at: r.get(14)?,
                },
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, mut t)| {
            t.depends_on = depends_on.remove(&id).unwrap_or_default();
            t
        })
        .collect())
}
