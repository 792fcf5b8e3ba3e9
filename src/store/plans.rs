//! Plans: steps that use actions, and precedence edges between them (a DAG).

use super::gesture::Change;
use super::graph_check::path;
use super::keys::{new_key, new_step_key};
use super::rows::{check, check_conditions, check_deadline, id_of, to_json, Json};
use super::tasks::check_open_assignments_of_step;
use super::Store;
use crate::domain::*;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

impl Store {
    /// Creates a draft plan for `goal`.
    pub fn create_plan(&mut self, key: Option<&str>, goal: &str, fields: &PlanFields) -> Result<Plan> {
        self.gesture(|conn| {
            let key = new_key(conn, Entity::Plan, key)?;
            let goal_id = id_of(conn, Entity::Goal, goal)?;
            insert_plan(conn, &key, goal_id, fields, PlanStatus::Draft)?;
            let plan = load_plan(conn, &key)?;
            Ok((plan.clone(), Change::new(Entity::Plan, &key, "created", json!(plan))))
        })
    }

    pub fn update_plan(&mut self, key: &str, fields: &PlanFields) -> Result<Plan> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Plan, key)?;
            let deadline = validate_plan_fields(key, fields)?;
            conn.prepare_cached(
                "UPDATE plans SET title = ?2, priority = ?3, preconditions = ?4, postconditions = ?5, budget = ?6,
                 deadline = ?7, constraints = ?8 WHERE id = ?1",
            )?
            .execute(params![
                id,
                fields.title,
                fields.priority,
                to_json(&fields.preconditions),
                to_json(&fields.postconditions),
                fields.budget,
                deadline,
                to_json(&fields.constraints)
            ])?;
            let plan = load_plan(conn, key)?;
            Ok((plan.clone(), Change::new(Entity::Plan, key, "updated", json!(plan))))
        })
    }

    pub fn set_plan_status(&mut self, key: &str, status: PlanStatus) -> Result<Plan> {
        self.gesture(|conn| {
            let (id, from): (i64, PlanStatus) = conn
                .query_row("SELECT id, status FROM plans WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| Error::not_found(Entity::Plan, key))?;
            if !from.can_become(status) {
                return Err(Error::InvalidTransition { entity: Entity::Plan, key: key.into(), from: from.to_string(), to: status.to_string() });
            }
            conn.execute("UPDATE plans SET status = ?2 WHERE id = ?1", params![id, status])?;
            let plan = load_plan(conn, key)?;
            Ok((plan, Change::new(Entity::Plan, key, "status_changed", json!({ "from": from, "to": status }))))
        })
    }

    /// Deletes a plan with its steps and edges; tasks made from its steps are kept,
    /// detached from them.
    pub fn delete_plan(&mut self, key: &str) -> Result<()> {
        self.gesture(|conn| {
            let id = id_of(conn, Entity::Plan, key)?;
            delete_plan_rows(conn, id)?;
            Ok(((), Change::new(Entity::Plan, key, "deleted", json!({}))))
        })
    }

    /// Adds a step using `action`; the step key (`S1`, `S2`, ...) is generated when not given.
    pub fn add_step(&mut self, plan: &str, key: Option<&str>, action: &str, note: &str) -> Result<Step> {
        self.gesture(|conn| {
            let plan_id = id_of(conn, Entity::Plan, plan)?;
            let action_id = id_of(conn, Entity::Action, action)?;
            let key = new_step_key(conn, plan_id, key)?;
            insert_step(conn, plan_id, &key, action_id, note)?;
            let step = Step { key, action: action.into(), note: note.into() };
            Ok((step.clone(), Change::new(Entity::Plan, plan, "step_added", json!(step))))
        })
    }

    /// Changes the action or note of a step.
    pub fn update_step(&mut self, plan: &str, step: &str, action: &str, note: &str) -> Result<Step> {
        self.gesture(|conn| {
            let step_id = step_id(conn, plan, step)?;
            let action_id = id_of(conn, Entity::Action, action)?;
            conn.execute("UPDATE plan_steps SET action_id = ?2, note = ?3 WHERE id = ?1", params![step_id, action_id, note])?;
            check_open_assignments_of_step(conn, step_id)?;
            let step = Step { key: step.into(), action: action.into(), note: note.into() };
            Ok((step.clone(), Change::new(Entity::Plan, plan, "step_updated", json!(step))))
        })
    }

    /// Removes a step with its edges; tasks made from it are kept, detached.
    pub fn remove_step(&mut self, plan: &str, step: &str) -> Result<()> {
        self.gesture(|conn| {
            let step_id = step_id(conn, plan, step)?;
            conn.execute("UPDATE tasks SET step_id = NULL WHERE step_id = ?1", [step_id])?;
            conn.execute("DELETE FROM plan_edges WHERE before_id = ?1 OR after_id = ?1", [step_id])?;
            conn.execute("DELETE FROM plan_steps WHERE id = ?1", [step_id])?;
            Ok(((), Change::new(Entity::Plan, plan, "step_removed", json!({ "step": step }))))
        })
    }

    /// Says that `before` must finish before `after` starts. Refused when it would
    /// close a cycle; the error carries the cycle of step keys.
    pub fn add_edge(&mut self, plan: &str, before: &str, after: &str) -> Result<()> {
        self.gesture(|conn| {
            let plan_id = id_of(conn, Entity::Plan, plan)?;
            let b = step_id(conn, plan, before)?;
            let a = step_id(conn, plan, after)?;
            insert_edge(conn, plan_id, b, a)?;
            Ok(((), Change::new(Entity::Plan, plan, "edge_added", json!({ "before": before, "after": after }))))
        })
    }

    pub fn remove_edge(&mut self, plan: &str, before: &str, after: &str) -> Result<()> {
        self.gesture(|conn| {
            let b = step_id(conn, plan, before)?;
            let a = step_id(conn, plan, after)?;
            conn.execute("DELETE FROM plan_edges WHERE before_id = ?1 AND after_id = ?2", [b, a])?;
            Ok(((), Change::new(Entity::Plan, plan, "edge_removed", json!({ "before": before, "after": after }))))
        })
    }

    /// A plan with its steps and edges.
    pub fn plan(&self, key: &str) -> Result<Plan> {
        load_plan(&self.conn, key)
    }

    /// The plans of one goal, or of every goal when `goal` is `None`, by key.
    pub fn plans(&self, goal: Option<&str>) -> Result<Vec<PlanSummary>> {
        let goal_id = goal.map(|g| id_of(&self.conn, Entity::Goal, g)).transpose()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.key, g.key, p.title, p.status, p.priority, count(s.id), coalesce(sum(a.cost), 0.0)
             FROM plans p JOIN goals g ON g.id = p.goal_id
             LEFT JOIN plan_steps s ON s.plan_id = p.id LEFT JOIN actions a ON a.id = s.action_id
             WHERE ?1 IS NULL OR p.goal_id = ?1
             GROUP BY p.id ORDER BY p.key",
        )?;
        let rows = stmt.query_map([goal_id], |r| {
            Ok(PlanSummary {
                key: r.get(0)?,
                goal: r.get(1)?,
                title: r.get(2)?,
                status: r.get(3)?,
                priority: r.get(4)?,
                steps: r.get(5)?,
                total_cost: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Checks a plan's fields; returns the deadline normalised to UTC.
pub(crate) fn validate_plan_fields(key: &str, f: &PlanFields) -> Result<Option<String>> {
    check(Entity::Plan, key, "priority", check_priority(f.priority))?;
    if let Some(budget) = f.budget {
        check(Entity::Plan, key, "budget", check_non_negative(budget))?;
    }
    check_conditions(Entity::Plan, key, "preconditions", &f.preconditions)?;
    check_conditions(Entity::Plan, key, "postconditions", &f.postconditions)?;
    check_conditions(Entity::Plan, key, "constraints", &f.constraints)?;
    check_deadline(Entity::Plan, key, &f.deadline)
}

pub(crate) fn insert_plan(conn: &Connection, key: &str, goal_id: i64, f: &PlanFields, status: PlanStatus) -> Result<i64> {
    let deadline = validate_plan_fields(key, f)?;
    conn.prepare_cached(
        "INSERT INTO plans (key, goal_id, title, priority, status, preconditions, postconditions, budget, deadline, constraints)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        key,
        goal_id,
        f.title,
        f.priority,
        status,
        to_json(&f.preconditions),
        to_json(&f.postconditions),
        f.budget,
        deadline,
        to_json(&f.constraints)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_step(conn: &Connection, plan_id: i64, key: &str, action_id: i64, note: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO plan_steps (plan_id, key, action_id, note) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![plan_id, key, action_id, note])?;
    Ok(conn.last_insert_rowid())
}

/// Adds `before → after` unless it closes a cycle.
pub(crate) fn insert_edge(conn: &Connection, plan_id: i64, before: i64, after: i64) -> Result<()> {
    let mut next = conn.prepare_cached("SELECT after_id FROM plan_edges WHERE plan_id = ?1 AND before_id = ?2")?;
    let found = path(after, before, |n| Ok(next.query_map([plan_id, n], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?))?;
    if let Some(mut cycle) = found {
        cycle.push(after);
        let mut keys = conn.prepare_cached("SELECT key FROM plan_steps WHERE id = ?1")?;
        let cycle = cycle.iter().map(|id| Ok(keys.query_row([id], |r| r.get(0))?)).collect::<Result<_>>()?;
        return Err(Error::Cycle { entity: Entity::Plan, relation: "precedence", cycle });
    }
    conn.prepare_cached("INSERT OR IGNORE INTO plan_edges (plan_id, before_id, after_id) VALUES (?1, ?2, ?3)")?
        .execute([plan_id, before, after])?;
    Ok(())
}

pub(crate) fn step_id(conn: &Connection, plan: &str, step: &str) -> Result<i64> {
    conn.prepare_cached("SELECT s.id FROM plan_steps s JOIN plans p ON p.id = s.plan_id WHERE p.key = ?1 AND s.key = ?2")?
        .query_row([plan, step], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Step, &format!("{plan}/{step}")))
}

/// Deletes a plan, its steps and its edges, detaching tasks from the steps.
pub(crate) fn delete_plan_rows(conn: &Connection, plan_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tasks SET step_id = NULL WHERE step_id IN (SELECT id FROM plan_steps WHERE plan_id = ?1)")?
        .execute([plan_id])?;
    conn.prepare_cached("DELETE FROM plan_edges WHERE plan_id = ?1")?.execute([plan_id])?;
    conn.prepare_cached("DELETE FROM plan_steps WHERE plan_id = ?1")?.execute([plan_id])?;
    conn.prepare_cached("DELETE FROM plans WHERE id = ?1")?.execute([plan_id])?;
    Ok(())
}

pub(crate) fn load_plan(conn: &Connection, key: &str) -> Result<Plan> {
    let (id, mut plan) = conn
        .prepare_cached(
            "SELECT p.id, p.key, g.key, p.status, p.title, p.priority, p.preconditions, p.postconditions, p.budget,
                    p.deadline, p.constraints
             FROM plans p JOIN goals g ON g.id = p.goal_id WHERE p.key = ?1",
        )?
        .query_row([key], |r| {
            let Json(preconditions) = r.get(6)?;
            let Json(postconditions) = r.get(7)?;
            let Json(constraints) = r.get(10)?;
            Ok((
                r.get::<_, i64>(0)?,
                Plan {
                    key: r.get(1)?,
                    goal: r.get(2)?,
                    status: r.get(3)?,
                    fields: PlanFields {
                        title: r.get(4)?,
                        priority: r.get(5)?,
                        preconditions,
                        postconditions,
                        budget: r.get(8)?,
                        deadline: r.get(9)?,
                        constraints,
                    },
                    steps: Vec::new(),
                    edges: Vec::new(),
                },
            ))
        })
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Plan, key))?;
    plan.steps = conn
        .prepare_cached(
            "SELECT s.key, a.key, s.note FROM plan_steps s JOIN actions a ON a.id = s.action_id WHERE s.plan_id = ?1 ORDER BY s.id",
        )?
        .query_map([id], |r| Ok(Step { key: r.get(0)?, action: r.get(1)?, note: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    plan.edges = conn
        .prepare_cached(
            "SELECT b.key, a.key FROM plan_edges e JOIN plan_steps b ON b.id = e.before_id JOIN plan_steps a ON a.id = e.after_id
             WHERE e.plan_id = ?1 ORDER BY b.id, a.id",
        )?
        .query_map([id], |r| Ok(PlanEdge { before: r.get(0)?, after: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(plan)
}
