//! Plan execution: starting a plan (its steps become tasks) and finishing tasks (effects
//! on the recorded world state, plan completion, goal achievement). The rules are in
//! `crate::execution` and docs/execution.md.

use super::{task_status, world, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::tasks::TaskRow;
use crate::domain::*;
use crate::execution::{completed_plan_outcome, path_to_in_progress, GoalOutcome, PlanCompleted, PlanStart, TaskCompletion};
use crate::time_util::now_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// Starts a draft plan: the plan becomes active, its goal in progress, and every step a
/// task, with a task dependency for every precedence edge. Refused for a plan without
/// steps, or whose steps still have open tasks.
pub(crate) fn start_plan(conn: &Connection, key: &str) -> Result<(PlanStart, Change)> {
    let plan = db::plans::load_start_row(conn, key)?;
    if !plan.status.can_become(PlanStatus::Active) {
        return Err(transition(Entity::Plan, key, plan.status, PlanStatus::Active));
    }
    let steps = db::plans::steps_of(conn, plan.id)?;
    if steps.is_empty() {
        return Err(Error::PlanEmpty { plan: key.into() });
    }
    let open = db::tasks::open_keys_of_plan(conn, plan.id)?;
    if !open.is_empty() {
        return Err(Error::PlanHasOpenTasks { plan: key.into(), tasks: open });
    }
    let goal_path = path_to_in_progress(plan.goal_status)
        .ok_or_else(|| transition(Entity::Goal, &plan.goal, plan.goal_status, GoalStatus::InProgress))?;
    if !goal_path.is_empty() {
        db::goals::set_status(conn, plan.goal_id, GoalStatus::InProgress)?;
    }
    db::plans::set_status(conn, plan.id, PlanStatus::Active)?;

    let context = StepContext { priority: plan.priority, deadline: plan.deadline.as_deref(), goal_id: plan.goal_id, created_at: &now_rfc3339() };
    let mut task_of: HashMap<i64, i64> = HashMap::with_capacity(steps.len());
    let mut tasks = Vec::with_capacity(steps.len());
    for (step_id, _) in &steps {
        let (task_id, task_key) = create_step_task(conn, *step_id, &context)?;
        task_of.insert(*step_id, task_id);
        tasks.push(task_key);
    }
    // Precedence is a DAG and the tasks are new: no cycle check is needed. Both ends of
    // every edge are steps of this plan, so both have a task, unless the file was
    // written behind the store's back: then the gesture is refused.
    let mut waiting: HashSet<i64> = HashSet::new();
    for (before, after) in db::plans::edges_of(conn, plan.id)? {
        let (Some(&later), Some(&earlier)) = (task_of.get(&after), task_of.get(&before)) else {
            return Err(Error::BrokenRow { entity: Entity::Plan, key: key.into(), problem: format!("an edge names step id {before} or {after}, which is not a step of this plan") });
        };
        db::tasks::insert_dependency(conn, later, earlier)?;
        waiting.insert(after);
    }
    let ready = steps.iter().zip(&tasks).filter(|((step, _), _)| !waiting.contains(step)).map(|(_, t)| t.clone()).collect();
    let facts = db::world::load(conn)?;
    let unmet_preconditions = plan.preconditions.into_iter().filter(|c| !c.holds(&facts)).collect();
    let start = PlanStart { plan: key.into(), goal: plan.goal, goal_status: GoalStatus::InProgress, tasks, ready, unmet_preconditions };
    Ok((start.clone(), Change::new(Entity::Plan, key, "started", json!(start))))
}

/// Marks a task done and reports what followed: the effects applied, the tasks that
/// became ready, and whether the plan completed and achieved its goal.
pub(crate) fn complete_task(conn: &Connection, key: &str) -> Result<(TaskCompletion, Change)> {
    let (id, from) = task_status::write(conn, key, TaskStatus::Done)?;
    let completion = after_task_done(conn, id)?;
    let payload = json!({ "from": from, "to": TaskStatus::Done, "completion": completion });
    Ok((completion, Change::new(Entity::Task, key, "status_changed", payload)))
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

/// A new task (todo, unassigned, generated key) for a step: titled by the step's action,
/// its effort the action's duration, the step's note as its description.
pub(crate) fn create_step_task(conn: &Connection, step_id: i64, context: &StepContext<'_>) -> Result<(i64, String)> {
    let (name, duration, note) = db::plans::step_work(conn, step_id)?;
    let key = new_key(conn, Entity::Task, None)?;
    let mut fields = TaskFields::titled(&name, duration);
    fields.description = note;
    fields.priority = context.priority;
    let row = TaskRow {
        key: &key,
        fields: &fields,
        deadline: context.deadline,
        goal_id: Some(context.goal_id),
        step_id: Some(step_id),
        status: TaskStatus::Todo,
        assignee: None,
        created_at: context.created_at,
        started_at: None,
        completed_at: None,
    };
    let id = db::tasks::insert(conn, &row)?;
    Ok((id, key))
}

/// What follows a task's move to done, inside the same gesture: its step's action
/// effects set facts, and if it was the last open task of an active plan, the plan
/// completes (and may achieve its goal).
pub(crate) fn after_task_done(conn: &Connection, task_id: i64) -> Result<TaskCompletion> {
    let (key, plan, effects) = db::tasks::load_done_row(conn, task_id)?;
    let facts = match effects {
        Some(effects) => world::apply_effects(conn, &effects)?,
        None => Vec::new(),
    };
    let now_ready = db::tasks::now_ready_after(conn, task_id)?;
    let plan_completed = match plan {
        Some((plan_id, PlanStatus::Active)) if db::tasks::all_current_done(conn, plan_id)? => Some(complete_plan(conn, plan_id)?),
        _ => None,
    };
    Ok(TaskCompletion { task: key, facts, now_ready, plan_completed })
}

/// The plan becomes completed; its goal is achieved when the plan's and the goal's
/// postconditions hold in the recorded world state and the goal is still pursued.
fn complete_plan(conn: &Connection, plan_id: i64) -> Result<PlanCompleted> {
    db::plans::set_status(conn, plan_id, PlanStatus::Completed)?;
    let row = db::plans::load_completion_row(conn, plan_id)?;
    let facts = db::world::load(conn)?;
    let goal_outcome = completed_plan_outcome(row.goal_status, &row.postconditions, &row.goal_postconditions, &facts);
    if matches!(goal_outcome, GoalOutcome::Achieved { .. }) {
        db::goals::set_status(conn, row.goal_id, GoalStatus::Achieved)?;
    }
    Ok(PlanCompleted { plan: row.plan, goal: row.goal, goal_outcome })
}
