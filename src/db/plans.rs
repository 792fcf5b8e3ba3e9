//! SQL of plans: `plans`, `plan_steps` and `plan_edges` (precedence).

use super::rows::{to_json, Json};
use crate::domain::*;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// Inserts a plan row; `deadline` is the checked deadline, normalised.
pub(crate) fn insert(conn: &Connection, key: &str, goal_id: i64, f: &PlanFields, deadline: Option<&str>, status: PlanStatus) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO plans (id, key, goal_id, title, priority, status, preconditions, postconditions, budget, deadline, constraints)
         VALUES (max(coalesce((SELECT max(id) FROM plans), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'plans'), 0)) + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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

pub(crate) fn update_fields(conn: &Connection, id: i64, f: &PlanFields, deadline: Option<&str>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE plans SET title = ?2, priority = ?3, preconditions = ?4, postconditions = ?5, budget = ?6,
         deadline = ?7, constraints = ?8 WHERE id = ?1",
    )?
    .execute(params![
        id,
        f.title,
        f.priority,
        to_json(&f.preconditions),
        to_json(&f.postconditions),
        f.budget,
        deadline,
        to_json(&f.constraints)
    ])?;
    Ok(())
}

/// The id and status of the plan with `key`.
pub(crate) fn status_of(conn: &Connection, key: &str) -> Result<Option<(i64, PlanStatus)>> {
    Ok(conn.prepare_cached("SELECT id, status FROM plans WHERE key = ?1")?.query_row([key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

pub(crate) fn set_status(conn: &Connection, id: i64, status: PlanStatus) -> Result<()> {
    conn.prepare_cached("UPDATE plans SET status = ?2 WHERE id = ?1")?.execute(params![id, status])?;
    Ok(())
}

/// The plans of one goal, by id.
pub(crate) fn ids_of_goal(conn: &Connection, goal: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM plans WHERE goal_id = ?1 ORDER BY id")?;
    let ids = stmt.query_map([goal], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Deletes a plan's edges, steps and row (tasks must be detached from its steps first).
pub(crate) fn delete(conn: &Connection, plan: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM plan_edges WHERE plan_id = ?1")?.execute([plan])?;
    conn.prepare_cached("DELETE FROM plan_steps WHERE plan_id = ?1")?.execute([plan])?;
    conn.prepare_cached("DELETE FROM plans WHERE id = ?1")?.execute([plan])?;
    Ok(())
}

pub(crate) fn insert_step(conn: &Connection, plan: i64, key: &str, action: i64, note: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO plan_steps (id, plan_id, key, action_id, note)
         VALUES (max(coalesce((SELECT max(id) FROM plan_steps), 0), coalesce((SELECT floor FROM row_id_floors WHERE tbl = 'plan_steps'), 0)) + 1, ?1, ?2, ?3, ?4)")?
        .execute(params![plan, key, action, note])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update_step(conn: &Connection, step: i64, action: i64, note: &str) -> Result<()> {
    conn.prepare_cached("UPDATE plan_steps SET action_id = ?2, note = ?3 WHERE id = ?1")?.execute(params![step, action, note])?;
    Ok(())
}

pub(crate) fn set_step_action(conn: &Connection, step: i64, action: i64) -> Result<()> {
    conn.prepare_cached("UPDATE plan_steps SET action_id = ?2 WHERE id = ?1")?.execute(params![step, action])?;
    Ok(())
}

/// Deletes a step with every edge that touches it.
pub(crate) fn delete_step(conn: &Connection, step: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM plan_edges WHERE before_id = ?1 OR after_id = ?1")?.execute([step])?;
    conn.prepare_cached("DELETE FROM plan_steps WHERE id = ?1")?.execute([step])?;
    Ok(())
}

/// The id of step `step` of plan `plan`.
pub(crate) fn step_id(conn: &Connection, plan: &str, step: &str) -> Result<i64> {
    conn.prepare_cached("SELECT s.id FROM plan_steps s JOIN plans p ON p.id = s.plan_id WHERE p.key = ?1 AND s.key = ?2")?
        .query_row([plan, step], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Step, &format!("{plan}/{step}")))
}

pub(crate) fn step_key(conn: &Connection, step: i64) -> Result<String> {
    Ok(conn.prepare_cached("SELECT key FROM plan_steps WHERE id = ?1")?.query_row([step], |r| r.get(0))?)
}

pub(crate) fn plan_of_step(conn: &Connection, step: i64) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT plan_id FROM plan_steps WHERE id = ?1")?.query_row([step], |r| r.get(0))?)
}

/// A plan's steps as (id, key), in creation order.
pub(crate) fn steps_of(conn: &Connection, plan: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, key FROM plan_steps WHERE plan_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A plan's steps as (id, cost, duration) of their actions, in creation order.
pub(crate) fn step_costs(conn: &Connection, plan: i64) -> Result<Vec<(i64, f64, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, a.cost, a.duration FROM plan_steps s JOIN actions a ON a.id = s.action_id
         WHERE s.plan_id = ?1 ORDER BY s.id",
    )?;
    let rows = stmt.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a task made from the step takes from it: its action's name and duration, and
/// the step's note.
pub(crate) fn step_work(conn: &Connection, step: i64) -> Result<(String, f64, String)> {
    Ok(conn
        .prepare_cached("SELECT a.name, a.duration, s.note FROM plan_steps s JOIN actions a ON a.id = s.action_id WHERE s.id = ?1")?
        .query_row([step], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Adds `before → after` (once); the caller has checked it closes no cycle.
pub(crate) fn insert_edge(conn: &Connection, plan: i64, before: i64, after: i64) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO plan_edges (plan_id, before_id, after_id) VALUES (?1, ?2, ?3)")?.execute([plan, before, after])?;
    Ok(())
}

pub(crate) fn delete_edge(conn: &Connection, before: i64, after: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM plan_edges WHERE before_id = ?1 AND after_id = ?2")?.execute([before, after])?;
    Ok(())
}

/// The steps that must wait for `step`.
pub(crate) fn successors(conn: &Connection, plan: i64, step: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT after_id FROM plan_edges WHERE plan_id = ?1 AND before_id = ?2")?;
    let ids = stmt.query_map([plan, step], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Removes every edge that leaves `step`.
pub(crate) fn delete_edges_from(conn: &Connection, plan: i64, step: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM plan_edges WHERE plan_id = ?1 AND before_id = ?2")?.execute([plan, step])?;
    Ok(())
}

/// A plan's edges as (before, after) step ids.
pub(crate) fn edges_of(conn: &Connection, plan: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT before_id, after_id FROM plan_edges WHERE plan_id = ?1")?;
    let rows = stmt.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn load(conn: &Connection, key: &str) -> Result<Plan> {
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
            let fields = PlanFields {
                title: r.get(4)?,
                priority: r.get(5)?,
                preconditions,
                postconditions,
                budget: r.get(8)?,
                deadline: r.get(9)?,
                constraints,
            };
            let plan = Plan { key: r.get(1)?, goal: r.get(2)?, status: r.get(3)?, fields, steps: Vec::new(), edges: Vec::new() };
            Ok((r.get::<_, i64>(0)?, plan))
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

/// The plans of one goal (by id), or of every goal, by key.
pub(crate) fn load_summaries(conn: &Connection, goal: Option<i64>) -> Result<Vec<PlanSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.key, g.key, p.title, p.status, p.priority, count(s.id), coalesce(sum(a.cost), 0.0)
         FROM plans p JOIN goals g ON g.id = p.goal_id
         LEFT JOIN plan_steps s ON s.plan_id = p.id LEFT JOIN actions a ON a.id = s.action_id
         WHERE ?1 IS NULL OR p.goal_id = ?1
         GROUP BY p.id ORDER BY p.key",
    )?;
    let rows = stmt.query_map([goal], |r| {
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

/// What starting a plan reads: the plan's own row and its goal's.
pub(crate) struct StartRow {
    pub id: i64,
    pub status: PlanStatus,
    pub priority: u8,
    pub deadline: Option<String>,
    pub preconditions: Vec<Condition>,
    pub goal_id: i64,
    pub goal: String,
    pub goal_status: GoalStatus,
}

pub(crate) fn load_start_row(conn: &Connection, key: &str) -> Result<StartRow> {
    conn.prepare_cached(
        "SELECT p.id, p.status, p.priority, p.deadline, p.preconditions, g.id, g.key, g.status
         FROM plans p JOIN goals g ON g.id = p.goal_id WHERE p.key = ?1",
    )?
    .query_row([key], |r| {
        let Json(preconditions) = r.get(4)?;
        Ok(StartRow {
            id: r.get(0)?,
            status: r.get(1)?,
            priority: r.get(2)?,
            deadline: r.get(3)?,
            preconditions,
            goal_id: r.get(5)?,
            goal: r.get(6)?,
            goal_status: r.get(7)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found(Entity::Plan, key))
}

/// What a completed plan decides its goal's outcome on: the plan's key and
/// postconditions, its goal's id, key, status and postconditions.
pub(crate) struct CompletionRow {
    pub plan: String,
    pub postconditions: Vec<Condition>,
    pub goal_id: i64,
    pub goal: String,
    pub goal_status: GoalStatus,
    pub goal_postconditions: Vec<Condition>,
}

pub(crate) fn load_completion_row(conn: &Connection, plan: i64) -> Result<CompletionRow> {
    Ok(conn
        .prepare_cached(
            "SELECT p.key, p.postconditions, g.id, g.key, g.status, g.postconditions FROM plans p JOIN goals g ON g.id = p.goal_id WHERE p.id = ?1",
        )?
        .query_row([plan], |r| {
            let (Json(postconditions), Json(goal_postconditions)) = (r.get(1)?, r.get(5)?);
            Ok(CompletionRow { plan: r.get(0)?, postconditions, goal_id: r.get(2)?, goal: r.get(3)?, goal_status: r.get(4)?, goal_postconditions })
        })?)
}

/// A step with its plan and action, as repair reads it.
pub(crate) struct StepRow {
    pub plan: String,
    pub step: String,
    pub plan_status: PlanStatus,
    pub action: String,
    pub effects: Vec<Effect>,
    pub goal_id: i64,
    pub priority: u8,
    pub deadline: Option<String>,
}

pub(crate) fn load_step_row(conn: &Connection, step: i64) -> Result<StepRow> {
    Ok(conn
        .prepare_cached(
            "SELECT p.key, s.key, p.status, a.key, a.effects, p.goal_id, p.priority, p.deadline
             FROM plan_steps s JOIN plans p ON p.id = s.plan_id JOIN actions a ON a.id = s.action_id WHERE s.id = ?1",
        )?
        .query_row([step], |r| {
            let Json(effects) = r.get(4)?;
            Ok(StepRow {
                plan: r.get(0)?,
                step: r.get(1)?,
                plan_status: r.get(2)?,
                action: r.get(3)?,
                effects,
                goal_id: r.get(5)?,
                priority: r.get(6)?,
                deadline: r.get(7)?,
            })
        })?)
}
