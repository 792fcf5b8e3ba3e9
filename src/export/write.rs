//! Export: reads the database into a version 1 [`Document`] and writes it as text.
//!
//! Determinism: every list is sorted here, in Rust, by key (capabilities and capability
//! levels by name, edges by both ends), whatever order SQLite returns; conditions and
//! effects keep their stored order, which is meaningful. The only varying field is
//! `exported_at`, which SOURCE_DATE_EPOCH pins.

use super::v1::*;
use crate::domain::{CapabilityLevel, Effect, Metric};
use crate::store::rows::Json;
use crate::time_util::{from_unix_seconds, now_rfc3339};
use crate::{Entity, Error, Result};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The `generator` of every file this build writes.
pub const GENERATOR: &str = concat!("mabos-planner ", env!("CARGO_PKG_VERSION"));

/// The text of a document: pretty JSON, two-space indent, one trailing newline.
pub fn to_text(doc: &Document) -> String {
    let mut text = serde_json::to_string_pretty(doc).expect("documents always serialise");
    text.push('\n');
    text
}

/// The whole workspace: everything but the event log and the undo history.
pub(crate) fn workspace(conn: &Connection) -> Result<Document> {
    let mut doc = envelope(DocumentKind::Workspace);
    doc.capabilities = conn
        .prepare("SELECT name FROM capabilities")?
        .query_map([], |r| Ok(CapabilityDoc { name: r.get(0)? }))?
        .collect::<rusqlite::Result<_>>()?;
    doc.agents = agents(conn, Scope::All)?;
    doc.goals = goals(conn, Scope::All)?;
    doc.actions = actions(conn, Scope::All)?;
    doc.methods = methods(conn)?;
    doc.plans = plans(conn, Scope::All)?;
    doc.tasks = tasks(conn, Scope::All)?;
    // Read in key order: a world state is a sorted map.
    doc.world_state = crate::store::world::load_world(conn)?.into_iter().map(|(key, value)| Effect { key, value }).collect();
    sort(&mut doc);
    Ok(doc)
}

/// One plan with its goal's subtree, the actions its steps use, the tasks made from its
/// steps, the agents assigned to those tasks and every capability these mention.
/// Links to anything outside the file are left out, so that the file stands alone.
pub(crate) fn plan(conn: &Connection, key: &str) -> Result<Document> {
    let (plan_id, goal_id): (i64, i64) = conn
        .query_row("SELECT id, goal_id FROM plans WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Plan, key))?;
    let ids = |sql: &str| -> Result<Vec<i64>> {
        Ok(conn.prepare(sql)?.query_map([plan_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    let goal_ids = crate::store::goals::subtree_ids(conn, goal_id)?;
    let action_ids = ids("SELECT DISTINCT action_id FROM plan_steps WHERE plan_id = ?1")?;
    let task_ids = ids("SELECT t.id FROM tasks t JOIN plan_steps s ON s.id = t.step_id WHERE s.plan_id = ?1")?;
    let agent_ids = ids(
        "SELECT DISTINCT t.assignee_id FROM tasks t JOIN plan_steps s ON s.id = t.step_id
         WHERE s.plan_id = ?1 AND t.assignee_id IS NOT NULL",
    )?;

    let mut doc = envelope(DocumentKind::Plan);
    doc.agents = agents(conn, Scope::Only(&agent_ids))?;
    doc.goals = goals(conn, Scope::Only(&goal_ids))?;
    doc.actions = actions(conn, Scope::Only(&action_ids))?;
    doc.plans = plans(conn, Scope::Only(&[plan_id]))?;
    doc.tasks = tasks(conn, Scope::Only(&task_ids))?;

    let goal_keys: HashSet<String> = doc.goals.iter().map(|g| g.key.clone()).collect();
    for g in &mut doc.goals {
        g.parent = g.parent.take().filter(|p| goal_keys.contains(p));
        g.depends_on.retain(|d| goal_keys.contains(d));
        g.contributions.retain(|c| goal_keys.contains(&c.to));
    }
    let task_keys: HashSet<String> = doc.tasks.iter().map(|t| t.key.clone()).collect();
    for t in &mut doc.tasks {
        t.goal = t.goal.take().filter(|g| goal_keys.contains(g));
        t.depends_on.retain(|d| task_keys.contains(d));
    }
    let named: BTreeSet<&str> = doc
        .actions
        .iter()
        .flat_map(|a| &a.requires)
        .chain(doc.agents.iter().flat_map(|a| &a.capabilities))
        .map(|c| c.capability.as_str())
        .collect();
    doc.capabilities = named.into_iter().map(|name| CapabilityDoc { name: name.to_owned() }).collect();
    sort(&mut doc);
    Ok(doc)
}

fn envelope(kind: DocumentKind) -> Document {
    Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        kind,
        exported_at: exported_at(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
        generator: GENERATOR.to_owned(),
        capabilities: Vec::new(),
        agents: Vec::new(),
        goals: Vec::new(),
        actions: Vec::new(),
        methods: Vec::new(),
        plans: Vec::new(),
        tasks: Vec::new(),
        world_state: Vec::new(),
    }
}

/// SOURCE_DATE_EPOCH (seconds since 1970) when set, for reproducible files; else now.
fn exported_at(source_date_epoch: Option<&str>) -> String {
    match source_date_epoch {
        None => now_rfc3339(),
        Some(text) => text.trim().parse().ok().and_then(from_unix_seconds).unwrap_or_else(|| {
            tracing::warn!(value = text, "SOURCE_DATE_EPOCH is not a number of seconds; using the current time");
            now_rfc3339()
        }),
    }
}

fn sort(doc: &mut Document) {
    let by_name = |a: &CapabilityLevel, b: &CapabilityLevel| a.capability.cmp(&b.capability);
    doc.capabilities.sort_by(|a, b| a.name.cmp(&b.name));
    doc.agents.sort_by(|a, b| a.key.cmp(&b.key));
    for a in &mut doc.agents {
        a.capabilities.sort_by(by_name);
    }
    doc.goals.sort_by(|a, b| a.key.cmp(&b.key));
    for g in &mut doc.goals {
        g.depends_on.sort();
        g.contributions.sort_by(|a, b| a.to.cmp(&b.to));
        g.metrics.sort_by(|a, b| a.name.cmp(&b.name));
    }
    doc.actions.sort_by(|a, b| a.key.cmp(&b.key));
    for a in &mut doc.actions {
        a.requires.sort_by(by_name);
    }
    doc.methods.sort_by(|a, b| a.key.cmp(&b.key));
    doc.plans.sort_by(|a, b| a.key.cmp(&b.key));
    for p in &mut doc.plans {
        p.steps.sort_by(|a, b| a.key.cmp(&b.key));
        p.edges.sort();
    }
    doc.tasks.sort_by(|a, b| a.key.cmp(&b.key));
    for t in &mut doc.tasks {
        t.depends_on.sort();
    }
}

/// Which rows of a table to read: all of them, or those with the given ids.
#[derive(Clone, Copy)]
enum Scope<'a> {
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

fn agents(conn: &Connection, scope: Scope<'_>) -> Result<Vec<AgentDoc>> {
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

fn goals(conn: &Connection, scope: Scope<'_>) -> Result<Vec<GoalDoc>> {
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

fn actions(conn: &Connection, scope: Scope<'_>) -> Result<Vec<ActionDoc>> {
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

/// Every method, subtasks in their order. (Plan files carry no methods.)
fn methods(conn: &Connection) -> Result<Vec<MethodDoc>> {
    Ok(crate::store::methods::load_methods(conn, None)?
        .into_iter()
        .map(|m| MethodDoc {
            key: m.key,
            goal: m.goal,
            name: m.fields.name,
            priority: m.fields.priority,
            ordered: m.fields.ordered,
            conditions: m.fields.conditions,
            subtasks: m.fields.subtasks,
        })
        .collect())
}

fn plans(conn: &Connection, scope: Scope<'_>) -> Result<Vec<PlanDoc>> {
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

fn tasks(conn: &Connection, scope: Scope<'_>) -> Result<Vec<TaskDoc>> {
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

#[cfg(test)]
mod tests {
    use super::exported_at;

    #[test]
    fn source_date_epoch_pins_the_time() {
        assert_eq!(exported_at(Some("1767225600")), "2026-01-01T00:00:00.000Z");
        assert_eq!(exported_at(Some(" 0 ")), "1970-01-01T00:00:00.000Z");
        // Not a number: the current time, not an error.
        assert!(exported_at(Some("yesterday")).ends_with('Z'));
        assert!(exported_at(None).ends_with('Z'));
    }
}
