//! Synthesis for a goal: read the goal, the library and the agents for a search, and save
//! a found plan as a draft plan.

use super::{plans, Change};
use crate::db;
use crate::db::keys::new_key;
use crate::db::rows::id_of;
use crate::domain::*;
use crate::synthesis::{can_do, check_start_state, known_facts, synthesize_with, SynthesisOptions, SynthesisProblem, SynthesisResult};
use crate::{Error, Result};
use rusqlite::Connection;
use serde_json::json;
use std::collections::HashMap;

/// Searches for a plan for `goal`: its postconditions are the target. Writes nothing. A
/// search that finds no plan is an `Ok` result whose outcome says why.
pub(crate) fn search(conn: &Connection, goal: &str, options: &SynthesisOptions) -> Result<SynthesisResult> {
    let problem = problem(conn, goal, options)?;
    Ok(synthesize_with(&problem, options.mode, options.heuristic(), options.limits()))
}

/// What a search for `goal` starts from, read in one go: the start state (checked), the
/// target and the library (only what active agents can do, if asked). A caller that must
/// not hold the store while searching reads this, lets go, and searches the copy.
pub(crate) fn problem(conn: &Connection, goal: &str, options: &SynthesisOptions) -> Result<SynthesisProblem> {
    // One read transaction: the goal, library and agents as of one commit.
    let _snapshot = conn.unchecked_transaction()?;
    let goal = db::goals::load(conn, goal)?;
    let start = match &options.start {
        Some(state) => {
            check_start_state(&goal.key, state)?;
            state.clone()
        }
        None => known_facts(&goal.fields.preconditions),
    };
    let mut actions = db::actions::load_all(conn)?;
    if options.agents_only {
        let agents: Vec<Agent> = db::agents::load_all(conn)?.into_iter().filter(|a| a.fields.active).collect();
        actions.retain(|action| agents.iter().any(|agent| can_do(agent, action)));
    }
    Ok(SynthesisProblem { start, target: goal.fields.postconditions.clone(), actions })
}

/// Saves a found plan for `goal` as a draft: the plan, its steps and its edges. Its
/// preconditions are the start state's facts as `=` conditions, its postconditions the
/// target. Refused when the result has no plan.
pub(crate) fn save(conn: &Connection, goal: &str, result: &SynthesisResult) -> Result<(Plan, Change)> {
    let Some(found) = result.plan() else {
        let reason = result.why_no_plan().unwrap_or_default();
        return Err(Error::NoPlan { goal: goal.to_owned(), reason });
    };
    let goal_id = id_of(conn, Entity::Goal, goal)?;
    let title = db::goals::title_of(conn, goal_id)?;
    let key = new_key(conn, Entity::Plan, None)?;
    let mut fields = PlanFields::titled(&format!("{title} (synthesised)"));
    fields.preconditions = result.start.iter().map(|(k, v)| Condition::new(k, Op::Eq, v.clone())).collect();
    fields.postconditions = result.target.clone();
    let plan_id = plans::insert(conn, &key, goal_id, &fields, PlanStatus::Draft)?;
    let mut step_ids = HashMap::new();
    for step in &found.steps {
        let step_key = Key::parse(&step.key).map_err(|reason| Error::invalid(Entity::Step, &step.key, "key", reason))?;
        let action_id = id_of(conn, Entity::Action, &step.action)?;
        let id = db::plans::insert_step(conn, plan_id, step_key.as_str(), action_id, "")?;
        if step_ids.insert(step.key.as_str(), id).is_some() {
            return Err(Error::DuplicateKey { entity: Entity::Step, key: step.key.clone() });
        }
    }
    let step_id = |k: &str| step_ids.get(k).copied().ok_or_else(|| Error::not_found(Entity::Step, &format!("{key}/{k}")));
    for edge in &found.edges {
        plans::insert_edge(conn, plan_id, step_id(&edge.before)?, step_id(&edge.after)?)?;
    }
    let plan = db::plans::load(conn, &key)?;
    let payload = json!({ "plan": plan, "synthesis": { "mode": result.mode, "cost": found.cost, "nodes_expanded": result.nodes_expanded } });
    Ok((plan, Change::new(Entity::Plan, &key, "created", payload)))
}
