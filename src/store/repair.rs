//! Repairing a failed task: proposing library actions that can replace its step's
//! action, and applying one (the step changes action and gets a fresh task).

use super::execution::{create_step_task, StepContext};
use super::gesture::Change;
use super::rows::Json;
use super::tasks::check_open_assignments_of_step;
use super::world::load_world;
use super::Store;
use crate::domain::*;
use super::keys::new_step_key;
use super::plans::insert_step;
use crate::execution::{uncovered_effects, RepairApplied, RepairOption, RepairProposal, Substitute, UnusableSubstitute};
use crate::synthesis::{synthesize, SearchLimits, SearchMode, SynthesisProblem};
use std::time::Duration;
use crate::time_util::now_rfc3339;
use crate::{Entity, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

impl Store {
    /// The repair options of a failed task, cheapest first: every other library action
    /// whose effects cover the failed step's action's effects and whose preconditions
    /// hold in the recorded world state. Refused unless the task failed, was made from
    /// a step of an active plan, and is that step's newest task.
    pub fn repair_options(&self, task: &str) -> Result<RepairProposal> {
        let failed = failed_step(&self.conn, task)?;
        propose(&self.conn, &failed)
    }

    /// Applies a repair as one gesture: the step's action becomes `action` (or, with
    /// `None`, the cheapest substitute — or the re-plan when there is no substitute), and
    /// a fresh task is made for the step, depending on what the failed task depended on;
    /// the tasks that waited on the failed task wait on the fresh one instead. The failed
    /// task stays, as a record.
    pub fn apply_repair(&mut self, task: &str, action: Option<&str>) -> Result<RepairApplied> {
        self.gesture(|conn| {
            let failed = failed_step(conn, task)?;
            let proposal = propose(conn, &failed)?;
            let has_substitute = proposal.options.iter().any(|o| matches!(o, RepairOption::Substitute(_)));
            let applied = match (action, replan_of(&proposal)) {
                (None, Some(actions)) if !has_substitute => splice(conn, &failed, actions)?,
                _ => {
                    let chosen = choose(conn, &proposal, action)?;
                    substitute(conn, &failed, &chosen)?
                }
            };
            Ok((applied.clone(), Change::new(Entity::Task, task, "repaired", json!(applied))))
        })
    }

    /// Applies the re-plan option (a synthesised sequence from the recorded world state)
    /// as one gesture: the failed step takes the sequence's first action, the others
    /// become new steps chained after it and before the step's successors, each with a
    /// task. Refused (`NoRepair`) when synthesis found no sequence of two or more actions.
    pub fn apply_replan(&mut self, task: &str) -> Result<RepairApplied> {
        self.gesture(|conn| {
            let failed = failed_step(conn, task)?;
            let proposal = propose(conn, &failed)?;
            let actions = replan_of(&proposal).ok_or_else(|| Error::NoRepair {
                task: task.into(),
                reason: format!("synthesis found no sequence of library actions that produces the effects of {} from the recorded world state", failed.action),
            })?;
            let applied = splice(conn, &failed, actions)?;
            Ok((applied.clone(), Change::new(Entity::Task, task, "repaired", json!(applied))))
        })
    }
}

/// A failed task and the step it was made from.
struct FailedStep {
    task_id: i64,
    task: String,
    step_id: i64,
    step: StepRef,
    action_id: i64,
    action: String,
    effects: Vec<Effect>,
    goal_id: i64,
    priority: u8,
    deadline: Option<String>,
}

fn failed_step(conn: &Connection, key: &str) -> Result<FailedStep> {
    type Row = (i64, TaskStatus, Option<i64>, Option<i64>);
    let (task_id, status, step_id, newest): Row = conn
        .prepare_cached("SELECT id, status, step_id, (SELECT max(id) FROM tasks n WHERE n.step_id = t.step_id) FROM tasks t WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Task, key))?;
    if status != TaskStatus::Failed {
        return Err(Error::invalid(Entity::Task, key, "status", format!("is {status}: only a failed task can be repaired")));
    }
    let step_id = step_id.ok_or_else(|| Error::invalid(Entity::Task, key, "step", "is not set: only a task made from a plan step can be repaired"))?;
    if newest != Some(task_id) {
        let newer: String = conn.query_row("SELECT key FROM tasks WHERE id = ?1", [newest], |r| r.get(0))?;
        return Err(Error::NoRepair { task: key.into(), reason: format!("its step has a newer task, {newer}") });
    }
    type StepRow = (String, String, PlanStatus, i64, String, Json<Vec<Effect>>, i64, u8, Option<String>);
    let (plan, step, plan_status, action_id, action, Json(effects), goal_id, priority, deadline): StepRow = conn
        .prepare_cached(
            "SELECT p.key, s.key, p.status, a.id, a.key, a.effects, p.goal_id, p.priority, p.deadline
             FROM plan_steps s JOIN plans p ON p.id = s.plan_id JOIN actions a ON a.id = s.action_id WHERE s.id = ?1",
        )?
        .query_row([step_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)))?;
    if plan_status != PlanStatus::Active {
        return Err(Error::NoRepair { task: key.into(), reason: format!("its plan {plan} is {plan_status}, not active") });
    }
    Ok(FailedStep { task_id, task: key.into(), step_id, step: StepRef { plan, step }, action_id, action, effects, goal_id, priority, deadline })
}

fn propose(conn: &Connection, failed: &FailedStep) -> Result<RepairProposal> {
    let world = load_world(conn)?;
    let mut options = Vec::new();
    let mut unusable = Vec::new();
    // An action without effects gives nothing to check a stand-in against.
    if !failed.effects.is_empty() {
        let mut stmt = conn.prepare_cached("SELECT key, name, cost, duration, preconditions, effects FROM actions WHERE id <> ?1")?;
        let rows = stmt.query_map([failed.action_id], |r| {
            let Json(pre): Json<Vec<Condition>> = r.get(4)?;
            let Json(effects): Json<Vec<Effect>> = r.get(5)?;
            Ok((Substitute { action: r.get(0)?, name: r.get(1)?, cost: r.get(2)?, duration: r.get(3)? }, pre, effects))
        })?;
        for row in rows {
            let (candidate, pre, effects) = row?;
            if !uncovered_effects(&failed.effects, &effects).is_empty() {
                continue;
            }
            let unmet: Vec<Condition> = pre.into_iter().filter(|c| !c.holds(&world)).collect();
            if unmet.is_empty() {
                options.push(candidate);
            } else {
                unusable.push(UnusableSubstitute { action: candidate.action, cost: candidate.cost, unmet_preconditions: unmet });
            }
        }
    }
    options.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.duration.total_cmp(&b.duration)).then_with(|| a.action.cmp(&b.action)));
    unusable.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.action.cmp(&b.action)));
    let mut options: Vec<RepairOption> = options.into_iter().map(RepairOption::Substitute).collect();
    options.extend(replan(conn, failed, world)?);
    // Substitutes and the re-plan together, cheapest first (a stable sort keeps the
    // substitutes' own order among equal costs).
    options.sort_by(|a, b| a.cost().total_cmp(&b.cost()));
    Ok(RepairProposal {
        task: failed.task.clone(),
        step: failed.step.clone(),
        action: failed.action.clone(),
        needed: failed.effects.clone(),
        options,
        unusable,
    })
}

/// How far a repair's synthesis searches: small, because a person is waiting for it.
const REPLAN_LIMITS: SearchLimits = SearchLimits { max_nodes: 20_000, time_limit: Duration::from_millis(500) };

/// The cheapest sequence of two or more other library actions that reaches the failed
/// action's effects from the recorded world state (A*), if synthesis finds one within
/// its limits.
fn replan(conn: &Connection, failed: &FailedStep, world: WorldState) -> Result<Option<RepairOption>> {
    if failed.effects.is_empty() {
        return Ok(None);
    }
    let actions: Vec<Action> = super::actions::load_actions(conn)?.into_iter().filter(|a| a.key != failed.action).collect();
    let target = failed.effects.iter().map(|e| Condition::new(&e.key, Op::Eq, e.value.clone())).collect();
    let result = synthesize(&SynthesisProblem { start: world, target, actions }, SearchMode::Optimal, REPLAN_LIMITS);
    Ok(result.plan().filter(|p| p.steps.len() >= 2).map(|p| RepairOption::Resynthesize {
        actions: p.steps.iter().map(|s| s.action.clone()).collect(),
        cost: p.cost,
    }))
}

fn replan_of(proposal: &RepairProposal) -> Option<&[String]> {
    proposal.options.iter().find_map(|o| match o {
        RepairOption::Resynthesize { actions, .. } => Some(actions.as_slice()),
        RepairOption::Substitute(_) => None,
    })
}

/// The re-plan spliced in: the failed step takes the first action (as a substitute
/// would), each further action becomes a new step in a chain after it, and the edges and
/// task dependencies that left the failed step now leave the chain's last step.
fn splice(conn: &Connection, failed: &FailedStep, actions: &[String]) -> Result<RepairApplied> {
    let (first, rest) = actions.split_first().expect("a re-plan has two or more actions");
    let first = Substitute { action: first.clone(), name: String::new(), cost: 0.0, duration: 0.0 };
    let mut applied = substitute(conn, failed, &first)?;
    let plan_id: i64 = conn.query_row("SELECT plan_id FROM plan_steps WHERE id = ?1", [failed.step_id], |r| r.get(0))?;
    let first_task: i64 = conn.query_row("SELECT id FROM tasks WHERE key = ?1", [&applied.new_task], |r| r.get(0))?;
    // The successors' edges and task dependencies are moved to the chain's end below.
    let successors: Vec<i64> = conn
        .prepare_cached("SELECT after_id FROM plan_edges WHERE plan_id = ?1 AND before_id = ?2")?
        .query_map([plan_id, failed.step_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let waiting: Vec<i64> = conn
        .prepare_cached("SELECT task_id FROM task_dependencies WHERE depends_on_id = ?1")?
        .query_map([first_task], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.prepare_cached("DELETE FROM plan_edges WHERE plan_id = ?1 AND before_id = ?2")?.execute([plan_id, failed.step_id])?;
    conn.prepare_cached("DELETE FROM task_dependencies WHERE depends_on_id = ?1")?.execute([first_task])?;
    let context = StepContext { priority: failed.priority, deadline: failed.deadline.as_deref(), goal_id: failed.goal_id, created_at: &now_rfc3339() };
    let (mut last_step, mut last_task) = (failed.step_id, first_task);
    for action in rest {
        let action_id = super::rows::id_of(conn, Entity::Action, action)?;
        let key = new_step_key(conn, plan_id, None)?;
        let step_id = insert_step(conn, plan_id, &key, action_id, "")?;
        conn.prepare_cached("INSERT INTO plan_edges (plan_id, before_id, after_id) VALUES (?1, ?2, ?3)")?.execute([plan_id, last_step, step_id])?;
        let (task_id, task) = create_step_task(conn, step_id, &context)?;
        conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (?1, ?2)")?.execute([task_id, last_task])?;
        applied.added_steps.push(key);
        applied.added_tasks.push(task);
        (last_step, last_task) = (step_id, task_id);
    }
    for after in successors {
        conn.prepare_cached("INSERT INTO plan_edges (plan_id, before_id, after_id) VALUES (?1, ?2, ?3)")?.execute([plan_id, last_step, after])?;
    }
    for task in waiting {
        conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (?1, ?2)")?.execute([task, last_task])?;
    }
    applied.to_action = actions.join(" → ");
    Ok(applied)
}

/// The substitute to apply: the one asked for, which must be an option, or the cheapest.
fn choose(conn: &Connection, proposal: &RepairProposal, action: Option<&str>) -> Result<Substitute> {
    let substitutes = proposal.options.iter().filter_map(|o| match o {
        RepairOption::Substitute(s) => Some(s),
        RepairOption::Resynthesize { .. } => None,
    });
    let no_repair = |reason: String| Error::NoRepair { task: proposal.task.clone(), reason };
    let Some(wanted) = action else {
        return substitutes.min_by(|a, b| a.cost.total_cmp(&b.cost)).cloned().ok_or_else(|| {
            no_repair(format!("no other action in the library produces the effects of {} with its preconditions holding", proposal.action))
        });
    };
    if let Some(found) = substitutes.clone().find(|s| s.action == wanted) {
        return Ok(found.clone());
    }
    super::rows::id_of(conn, Entity::Action, wanted)?;
    if wanted == proposal.action {
        return Err(no_repair(format!("{wanted} is the action that failed")));
    }
    if let Some(u) = proposal.unusable.iter().find(|u| u.action == wanted) {
        let unmet: Vec<String> = u.unmet_preconditions.iter().map(Condition::to_string).collect();
        return Err(no_repair(format!("the preconditions of {wanted} do not hold: {}", unmet.join(", "))));
    }
    let effects: Vec<Effect> = super::actions::load_action(conn, wanted)?.fields.effects;
    let missing: Vec<String> = uncovered_effects(&proposal.needed, &effects).iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
    Err(no_repair(format!("{wanted} does not produce {}", if missing.is_empty() { "the needed effects".into() } else { missing.join(", ") })))
}

fn substitute(conn: &Connection, failed: &FailedStep, chosen: &Substitute) -> Result<RepairApplied> {
    let action_id = super::rows::id_of(conn, Entity::Action, &chosen.action)?;
    conn.prepare_cached("UPDATE plan_steps SET action_id = ?2 WHERE id = ?1")?.execute(params![failed.step_id, action_id])?;
    check_open_assignments_of_step(conn, failed.step_id)?;
    let context = StepContext { priority: failed.priority, deadline: failed.deadline.as_deref(), goal_id: failed.goal_id, created_at: &now_rfc3339() };
    let (new_id, new_task) = create_step_task(conn, failed.step_id, &context)?;
    let old = failed.task_id;
    conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) SELECT ?2, depends_on_id FROM task_dependencies WHERE task_id = ?1")?
        .execute([old, new_id])?;
    conn.prepare_cached("INSERT INTO task_dependencies (task_id, depends_on_id) SELECT task_id, ?2 FROM task_dependencies WHERE depends_on_id = ?1")?
        .execute([old, new_id])?;
    conn.prepare_cached("DELETE FROM task_dependencies WHERE depends_on_id = ?1")?.execute([old])?;
    let ready: bool = conn
        .prepare_cached(
            "SELECT NOT EXISTS (SELECT 1 FROM task_dependencies x JOIN tasks d ON d.id = x.depends_on_id WHERE x.task_id = ?1 AND d.status <> 'done')",
        )?
        .query_row([new_id], |r| r.get(0))?;
    Ok(RepairApplied {
        failed_task: failed.task.clone(),
        step: failed.step.clone(),
        from_action: failed.action.clone(),
        to_action: chosen.action.clone(),
        new_task,
        ready,
        added_steps: Vec::new(),
        added_tasks: Vec::new(),
    })
}
