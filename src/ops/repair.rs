//! Repairing a failed task: proposing library actions (or a synthesised sequence) that
//! can replace its step's action, and applying one (the step changes action and gets a
//! fresh task). Which actions qualify is `crate::execution`'s rule.

use super::execution::{create_step_task, StepContext};
use super::{assignments, Change};
use crate::db;
use crate::db::keys::new_step_key;
use crate::db::rows::id_of;
use crate::db::tasks::Holders;
use crate::domain::*;
use crate::execution::{rank_substitutes, repair_options, uncovered_effects, RepairApplied, RepairOption, RepairProposal, Substitute};
use crate::synthesis::{synthesize, SearchLimits, SearchMode, SynthesisProblem};
use crate::time_util::now_rfc3339;
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::time::Duration;

/// The repair options of a failed task, cheapest first. Refused unless the task failed,
/// was made from a step of an active plan, and is that step's newest task.
pub(crate) fn options(conn: &Connection, task: &str) -> Result<RepairProposal> {
    let failed = failed_step(conn, task)?;
    propose(conn, &failed)
}

/// Applies a repair: the step's action becomes `action` (or, with `None`, the cheapest
/// substitute — or the re-plan when there is no substitute), and a fresh task is made for
/// the step; the failed task stays, as a record.
pub(crate) fn apply(conn: &Connection, task: &str, action: Option<&str>) -> Result<(RepairApplied, Change)> {
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
}

/// Applies the re-plan option: the failed step takes the sequence's first action, the
/// others become new steps chained after it and before the step's successors.
pub(crate) fn apply_replan(conn: &Connection, task: &str) -> Result<(RepairApplied, Change)> {
    let failed = failed_step(conn, task)?;
    let proposal = propose(conn, &failed)?;
    let actions = replan_of(&proposal).ok_or_else(|| Error::NoRepair {
        task: task.into(),
        reason: format!("synthesis found no sequence of library actions that produces the effects of {} from the recorded world state", failed.row.action),
    })?;
    let applied = splice(conn, &failed, actions)?;
    Ok((applied.clone(), Change::new(Entity::Task, task, "repaired", json!(applied))))
}

/// A failed task and the step it was made from.
struct FailedStep {
    task_id: i64,
    task: String,
    step_id: i64,
    row: db::plans::StepRow,
}

impl FailedStep {
    fn step_ref(&self) -> StepRef {
        StepRef { plan: self.row.plan.clone(), step: self.row.step.clone() }
    }

    fn context<'a>(&'a self, created_at: &'a str) -> StepContext<'a> {
        StepContext { priority: self.row.priority, deadline: self.row.deadline.as_deref(), goal_id: self.row.goal_id, created_at }
    }
}

fn failed_step(conn: &Connection, key: &str) -> Result<FailedStep> {
    let (task_id, status, step_id, newest) = db::tasks::load_step_task(conn, key)?.ok_or_else(|| Error::not_found(Entity::Task, key))?;
    if status != TaskStatus::Failed {
        return Err(Error::invalid(Entity::Task, key, "status", format!("is {status}: only a failed task can be repaired")));
    }
    let step_id = step_id.ok_or_else(|| Error::invalid(Entity::Task, key, "step", "is not set: only a task made from a plan step can be repaired"))?;
    // A task with a step is one of that step's tasks, so the step has a newest task.
    let newest = newest.unwrap_or(task_id);
    if newest != task_id {
        let newer = db::tasks::key_of(conn, newest)?;
        return Err(Error::NoRepair { task: key.into(), reason: format!("its step has a newer task, {newer}") });
    }
    let row = db::plans::load_step_row(conn, step_id)?;
    if row.plan_status != PlanStatus::Active {
        return Err(Error::NoRepair { task: key.into(), reason: format!("its plan {} is {}, not active", row.plan, row.plan_status) });
    }
    Ok(FailedStep { task_id, task: key.into(), step_id, row })
}

fn propose(conn: &Connection, failed: &FailedStep) -> Result<RepairProposal> {
    let facts = db::world::load(conn)?;
    let library = db::actions::load_all(conn)?;
    let failed_action = library.iter().find(|a| a.key == failed.row.action).cloned().ok_or_else(|| Error::not_found(Entity::Action, &failed.row.action))?;
    let (substitutes, unusable) = rank_substitutes(&failed_action, &library, &facts);
    let replan = replan(&failed.row.effects, &failed.row.action, library, facts);
    Ok(RepairProposal {
        task: failed.task.clone(),
        step: failed.step_ref(),
        action: failed.row.action.clone(),
        needed: failed.row.effects.clone(),
        options: repair_options(substitutes, replan),
        unusable,
    })
}

/// How far a repair's synthesis searches: small, because a person is waiting for it.
const REPLAN_LIMITS: SearchLimits = SearchLimits { max_nodes: 20_000, time_limit: Duration::from_millis(500) };

/// The cheapest sequence of two or more other library actions that reaches the failed
/// action's effects from the recorded world state (A*), if synthesis finds one within its
/// limits.
fn replan(effects: &[Effect], failed_action: &str, library: Vec<Action>, world: WorldState) -> Option<RepairOption> {
    if effects.is_empty() {
        return None;
    }
    let actions: Vec<Action> = library.into_iter().filter(|a| a.key != failed_action).collect();
    let target = effects.iter().map(|e| Condition::new(&e.key, Op::Eq, e.value.clone())).collect();
    let result = synthesize(&SynthesisProblem { start: world, target, actions }, SearchMode::Optimal, REPLAN_LIMITS);
    result.plan().filter(|p| p.steps.len() >= 2).map(|p| RepairOption::Resynthesize { actions: p.steps.iter().map(|s| s.action.clone()).collect(), cost: p.cost })
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
    let Some((first, rest)) = actions.split_first() else {
        return Err(Error::NoRepair { task: failed.task.clone(), reason: "the re-plan has no actions".into() });
    };
    let first = Substitute { action: first.clone(), name: String::new(), cost: 0.0, duration: 0.0 };
    let mut applied = substitute(conn, failed, &first)?;
    let plan_id = db::plans::plan_of_step(conn, failed.step_id)?;
    let first_task = id_of(conn, Entity::Task, &applied.new_task)?;
    // The successors' edges and task dependencies are moved to the chain's end below.
    let successors = db::plans::successors(conn, plan_id, failed.step_id)?;
    let waiting = db::tasks::dependents_of(conn, first_task)?;
    db::plans::delete_edges_from(conn, plan_id, failed.step_id)?;
    db::tasks::delete_dependents(conn, first_task)?;
    let now = now_rfc3339();
    let context = failed.context(&now);
    let (mut last_step, mut last_task) = (failed.step_id, first_task);
    // Every new step follows the last one and precedes the old successors: the chain
    // replaces one node of a DAG, so no cycle can form.
    for action in rest {
        let action_id = id_of(conn, Entity::Action, action)?;
        let key = new_step_key(conn, plan_id, None)?;
        let step_id = db::plans::insert_step(conn, plan_id, &key, action_id, "")?;
        db::plans::insert_edge(conn, plan_id, last_step, step_id)?;
        let (task_id, task) = create_step_task(conn, step_id, &context)?;
        db::tasks::insert_dependency(conn, task_id, last_task)?;
        applied.added_steps.push(key);
        applied.added_tasks.push(task);
        (last_step, last_task) = (step_id, task_id);
    }
    for after in successors {
        db::plans::insert_edge(conn, plan_id, last_step, after)?;
    }
    for task in waiting {
        db::tasks::insert_dependency(conn, task, last_task)?;
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
    id_of(conn, Entity::Action, wanted)?;
    if wanted == proposal.action {
        return Err(no_repair(format!("{wanted} is the action that failed")));
    }
    if let Some(u) = proposal.unusable.iter().find(|u| u.action == wanted) {
        let unmet: Vec<String> = u.unmet_preconditions.iter().map(Condition::to_string).collect();
        return Err(no_repair(format!("the preconditions of {wanted} do not hold: {}", unmet.join(", "))));
    }
    let effects: Vec<Effect> = db::actions::load(conn, wanted)?.fields.effects;
    let missing: Vec<String> = uncovered_effects(&proposal.needed, &effects).iter().map(|e| format!("{} = {}", e.key, e.value)).collect();
    Err(no_repair(format!("{wanted} does not produce {}", if missing.is_empty() { "the needed effects".into() } else { missing.join(", ") })))
}

fn substitute(conn: &Connection, failed: &FailedStep, chosen: &Substitute) -> Result<RepairApplied> {
    let action_id = id_of(conn, Entity::Action, &chosen.action)?;
    db::plans::set_step_action(conn, failed.step_id, action_id)?;
    assignments::recheck_all(conn, Holders::Step(failed.step_id))?;
    let now = now_rfc3339();
    let (new_id, new_task) = create_step_task(conn, failed.step_id, &failed.context(&now))?;
    db::tasks::copy_links(conn, failed.task_id, new_id)?;
    db::tasks::delete_dependents(conn, failed.task_id)?;
    let ready = db::tasks::is_ready(conn, new_id)?;
    Ok(RepairApplied {
        failed_task: failed.task.clone(),
        step: failed.step_ref(),
        from_action: failed.row.action.clone(),
        to_action: chosen.action.clone(),
        new_task,
        ready,
        added_steps: Vec::new(),
        added_tasks: Vec::new(),
    })
}
