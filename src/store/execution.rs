//! Plan execution gestures: starting a plan (its steps become tasks) and finishing
//! tasks (effects on the recorded world state, plan completion, goal achievement).
//! The rules are in `crate::execution` and docs/execution.md.

use super::agents::OPEN;
use super::gesture::Change;
use super::keys::new_key;
use super::rows::Json;
use super::tasks::{insert_task, write_task_status, TaskRow, TaskState};
use super::world::{apply_effects_to_world, load_world};
use super::Store;
use crate::domain::*;
use crate::execution::{path_to_achieved, path_to_in_progress, GoalOutcome, PlanCompleted, PlanStart, TaskCompletion};
use crate::time_util::now_rfc3339;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use std::collections::{HashMap, HashSet};

impl Store {
    /// Starts a draft plan, as one gesture: the plan becomes active, its goal in
    /// progress, and every step a task (title from the action's name, effort from its
    /// duration, the plan's priority and deadline, the plan's goal, the step's note as
    /// description), with a task dependency for every precedence edge. Refused for a
    /// plan without steps, or whose steps still have open tasks.
    pub fn start_plan(&mut self, key: &str) -> Result<PlanStart> {
        self.gesture(|conn| {
            let start = start(conn, key)?;
            Ok((start.clone(), Change::new(Entity::Plan, key, "started", json!(start))))
        })
    }

    /// Marks a task done, as [`Store::set_task_status`] does, and reports what followed:
    /// the effects applied to the recorded world state, the tasks that became ready,
    /// and whether the plan completed and achieved its goal.
    pub fn complete_task(&mut self, key: &str) -> Result<TaskCompletion> {
        self.gesture(|conn| {
            let (id, from) = write_task_status(conn, key, TaskStatus::Done)?;
            let completion = after_task_done(conn, id)?;
            let payload = json!({ "from": from, "to": TaskStatus::Done, "completion": completion });
            Ok((completion, Change::new(Entity::Task, key, "status_changed", payload)))
        })
    }
}

struct PlanRow {
    id: i64,
    status: PlanStatus,
    priority: u8,
    deadline: Option<String>,
    preconditions: Vec<Condition>,
    goal_id: i64,
    goal: String,
    goal_status: GoalStatus,
}

fn start(conn: &Connection, key: &str) -> Result<PlanStart> {
    let plan = conn
        .prepare_cached(
            "SELECT p.id, p.status, p.priority, p.deadline, p.preconditions, g.id, g.key, g.status
             FROM plans p JOIN goals g ON g.id = p.goal_id WHERE p.key = ?1",
        )?
        .query_row([key], |r| {
            let Json(preconditions) = r.get(4)?;
            Ok(PlanRow {
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
        .ok_or_else(|| Error::not_found(Entity::Plan, key))?;
    if !plan.status.can_become(PlanStatus::Active) {
        return Err(transition(Entity::Plan, key, plan.status, PlanStatus::Active));
    }
    let steps: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, key FROM plan_steps WHERE plan_id = ?1 ORDER BY id")?
        .query_map([plan.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if steps.is_empty() {
        return Err(Error::PlanEmpty { plan: key.into() });
    }
    let open: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT t.key FROM tasks t JOIN plan_steps s ON s.id = t.step_id WHERE s.plan_id = ?1 AND t.status IN {OPEN} ORDER BY t.key"
        ))?
        .query_map([plan.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !open.is_empty() {
        return Err(Error::PlanHasOpenTasks { plan: key.into(), tasks: open });
    }
    let goal_path = path_to_in_progress(plan.goal_status)
        .ok_or_else(|| transition(Entity::Goal, &plan.goal, plan.goal_status, GoalStatus::InProgress))?;
    if !goal_path.is_empty() {
        conn.prepare_cached("UPDATE goals SET status = ?2 WHERE id = ?1")?.execute(params![plan.goal_id, GoalStatus::InProgress])?;
    }
    conn.prepare_cached("UPDATE plans SET status = ?2 WHERE id = ?1")?.execute(params![plan.id, PlanStatus::Active])?;

    let context = StepContext { priority: plan.priority, deadline: plan.deadline.as_deref(), goal_id: plan.goal_id, created_at: &now_rfc3339() };
    let mut task_of: HashMap<i64, i64> = HashMap::with_capacity(steps.len());
    let mut tasks = Vec::with_capacity(steps.len());
    for (step_id, _) in &steps {
        let (task_id, task_key) = create_step_task(conn, *step_id, &context)?;
        task_of.insert(*step_id, task_id);
        tasks.push(task_key);
    }
    let edges: Vec<(i64, i64)> = conn
        .prepare_cached("SELECT before_id, after_id FROM plan_edges WHERE plan_id = ?1")?
        .query_map([plan.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Precedence is a DAG and the tasks are new: no cycle check is needed.
    let mut depend = conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (?1, ?2)")?;
    let mut waiting: HashSet<i64> = HashSet::new();
    for (before, after) in edges {
        depend.execute([task_of[&after], task_of[&before]])?;
        waiting.insert(after);
    }
    let ready = steps.iter().zip(&tasks).filter(|((step, _), _)| !waiting.contains(step)).map(|(_, t)| t.clone()).collect();
    let world = load_world(conn)?;
    let unmet_preconditions = plan.preconditions.into_iter().filter(|c| !c.holds(&world)).collect();
    Ok(PlanStart { plan: key.into(), goal: plan.goal, goal_status: GoalStatus::InProgress, tasks, ready, unmet_preconditions })
}

fn transition(entity: Entity, key: &str, from: impl ToString, to: impl ToString) -> Error {
    Error::InvalidTransition { entity, key: key.into(), from: from.to_string(), to: to.to_string() }
}

/// What a task made from a step takes from its plan.
pub(crate) struct StepContext<'a> {
    pub priority: u8,
    pub deadline: Option<&'a str>,
    pub goal_id: i64,
    pub created_at: &'a str,
}

/// A new task (todo, unassigned, generated key) for a step: titled by the step's
/// action, its effort the action's duration, the step's note as its description.
pub(crate) fn create_step_task(conn: &Connection, step_id: i64, context: &StepContext<'_>) -> Result<(i64, String)> {
    let (name, duration, note): (String, f64, String) = conn
        .prepare_cached("SELECT a.name, a.duration, s.note FROM plan_steps s JOIN actions a ON a.id = s.action_id WHERE s.id = ?1")?
        .query_row([step_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let key = new_key(conn, Entity::Task, None)?;
    let mut fields = TaskFields::titled(&name, duration);
    fields.description = note;
    fields.priority = context.priority;
    let row = TaskRow { deadline: context.deadline.map(str::to_owned), goal_id: Some(context.goal_id), step_id: Some(step_id) };
    let state = TaskState { status: TaskStatus::Todo, assignee: None, created_at: context.created_at, started_at: None, completed_at: None };
    let id = insert_task(conn, &key, &fields, &row, &state)?;
    Ok((id, key))
}

/// What follows a task's move to done, inside the same gesture: its step's action
/// effects set facts, and if it was the last open task of an active plan, the plan
/// completes (and may achieve its goal).
pub(crate) fn after_task_done(conn: &Connection, task_id: i64) -> Result<TaskCompletion> {
    type Row = (String, Option<(i64, PlanStatus)>, Option<Json<Vec<Effect>>>);
    let (key, plan, effects): Row = conn
        .prepare_cached(
            "SELECT t.key, s.plan_id, p.status, a.effects FROM tasks t LEFT JOIN plan_steps s ON s.id = t.step_id
             LEFT JOIN plans p ON p.id = s.plan_id LEFT JOIN actions a ON a.id = s.action_id WHERE t.id = ?1",
        )?
        .query_row([task_id], |r| {
            let plan = r.get::<_, Option<i64>>(1)?.zip(r.get::<_, Option<PlanStatus>>(2)?);
            Ok((r.get(0)?, plan, r.get(3)?))
        })?;
    let facts = match effects {
        Some(Json(effects)) => apply_effects_to_world(conn, &effects)?,
        None => Vec::new(),
    };
    let now_ready = conn
        .prepare_cached(
            "SELECT t.key FROM task_dependencies x JOIN tasks t ON t.id = x.task_id
             WHERE x.depends_on_id = ?1 AND t.status = 'todo' AND NOT EXISTS (
                 SELECT 1 FROM task_dependencies y JOIN tasks d ON d.id = y.depends_on_id WHERE y.task_id = t.id AND d.status <> 'done')
             ORDER BY t.key",
        )?
        .query_map([task_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let plan_completed = match plan {
        Some((plan_id, PlanStatus::Active)) if all_current_tasks_done(conn, plan_id)? => Some(complete_plan(conn, plan_id)?),
        _ => None,
    };
    Ok(TaskCompletion { task: key, facts, now_ready, plan_completed })
}

/// Whether the newest task of every step that has one is done (and there is one).
fn all_current_tasks_done(conn: &Connection, plan_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(t.status = 'done'), 0) FROM plan_steps s
             JOIN tasks t ON t.id = (SELECT max(id) FROM tasks WHERE step_id = s.id) WHERE s.plan_id = ?1",
        )?
        .query_row([plan_id], |r| Ok(r.get::<_, i64>(0)? > 0 && r.get::<_, i64>(0)? == r.get::<_, i64>(1)?))?)
}

/// The plan becomes completed; its goal is achieved when the plan's and the goal's
/// postconditions hold in the recorded world state and the goal is still pursued.
fn complete_plan(conn: &Connection, plan_id: i64) -> Result<PlanCompleted> {
    conn.prepare_cached("UPDATE plans SET status = ?2 WHERE id = ?1")?.execute(params![plan_id, PlanStatus::Completed])?;
    type Row = (String, Json<Vec<Condition>>, i64, String, GoalStatus, Json<Vec<Condition>>);
    let (plan, Json(plan_post), goal_id, goal, status, Json(goal_post)): Row = conn
        .prepare_cached(
            "SELECT p.key, p.postconditions, g.id, g.key, g.status, g.postconditions FROM plans p JOIN goals g ON g.id = p.goal_id WHERE p.id = ?1",
        )?
        .query_row([plan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    let world = load_world(conn)?;
    let unmet: Vec<Condition> = plan_post.into_iter().chain(goal_post).filter(|c| !c.holds(&world)).collect();
    let goal_outcome = if !unmet.is_empty() {
        GoalOutcome::ConditionsUnmet { status, unmet }
    } else if path_to_achieved(status).is_some() {
        conn.prepare_cached("UPDATE goals SET status = ?2 WHERE id = ?1")?.execute(params![goal_id, GoalStatus::Achieved])?;
        GoalOutcome::Achieved { from: status }
    } else {
        GoalOutcome::LeftAsIs { status }
    };
    Ok(PlanCompleted { plan, goal, goal_outcome })
}

