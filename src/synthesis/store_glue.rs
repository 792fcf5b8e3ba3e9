//! The store side of synthesis: read the goal, the library and the agents for a search,
//! and save a found plan as a draft plan in one gesture.

use super::{synthesize, SearchLimits, SynthesisOptions, SynthesisProblem, SynthesisResult};
use crate::domain::*;
use crate::store::keys::new_key;
use crate::store::plans::{insert_edge, insert_plan, insert_step, load_plan};
use crate::store::rows::id_of;
use crate::store::Change;
use crate::{Entity, Error, Result, Store};
use serde_json::json;
use std::collections::HashMap;
use std::time::Duration;

impl Store {
    /// Searches for a plan for `goal`: its postconditions are the target. Pure: writes
    /// nothing. A search that finds no plan is an `Ok` result whose outcome says why.
    pub fn synthesize_plan(&self, goal: &str, options: &SynthesisOptions) -> Result<SynthesisResult> {
        let goal = self.goal(goal)?;
        let start = match &options.start {
            Some(state) => {
                check_state(&goal.key, state)?;
                state.clone()
            }
            None => known_facts(&goal.fields.preconditions),
        };
        let mut actions = self.actions()?;
        if options.agents_only {
            let agents: Vec<Agent> = self.agents()?.into_iter().filter(|a| a.fields.active).collect();
            actions.retain(|action| agents.iter().any(|agent| can_do(agent, action)));
        }
        let problem = SynthesisProblem { start, target: goal.fields.postconditions.clone(), actions };
        let limits = SearchLimits { max_nodes: options.max_nodes, time_limit: Duration::from_millis(options.time_limit_ms) };
        Ok(synthesize(&problem, options.mode, limits))
    }

    /// Saves a found plan for `goal` as a draft: the plan, its steps and its edges in one
    /// gesture (one undo step). Its preconditions are the start state's facts as `=`
    /// conditions, its postconditions the target. Refused when the result has no plan.
    pub fn create_synthesized_plan(&mut self, goal: &str, result: &SynthesisResult) -> Result<Plan> {
        let Some(found) = result.plan() else {
            let reason = result.why_no_plan().unwrap_or_default();
            return Err(Error::NoPlan { goal: goal.to_owned(), reason });
        };
        self.gesture(|conn| {
            let goal_id = id_of(conn, Entity::Goal, goal)?;
            let title: String = conn.query_row("SELECT title FROM goals WHERE id = ?1", [goal_id], |r| r.get(0))?;
            let key = new_key(conn, Entity::Plan, None)?;
            let mut fields = PlanFields::titled(&format!("{title} (synthesised)"));
            fields.preconditions = result.start.iter().map(|(k, v)| Condition::new(k, Op::Eq, v.clone())).collect();
            fields.postconditions = result.target.clone();
            let plan_id = insert_plan(conn, &key, goal_id, &fields, PlanStatus::Draft)?;
            let mut step_ids = HashMap::new();
            for step in &found.steps {
                let step_key = Key::parse(&step.key).map_err(|reason| Error::invalid(Entity::Step, &step.key, "key", reason))?;
                let action_id = id_of(conn, Entity::Action, &step.action)?;
                let id = insert_step(conn, plan_id, step_key.as_str(), action_id, "")?;
                if step_ids.insert(step.key.as_str(), id).is_some() {
                    return Err(Error::DuplicateKey { entity: Entity::Step, key: step.key.clone() });
                }
            }
            let step_id = |k: &str| step_ids.get(k).copied().ok_or_else(|| Error::not_found(Entity::Step, &format!("{key}/{k}")));
            for edge in &found.edges {
                insert_edge(conn, plan_id, step_id(&edge.before)?, step_id(&edge.after)?)?;
            }
            let plan = load_plan(conn, &key)?;
            let payload = json!({ "plan": plan, "synthesis": { "mode": result.mode, "cost": found.cost, "nodes_expanded": result.nodes_expanded } });
            Ok((plan, Change::new(Entity::Plan, &key, "created", payload)))
        })
    }
}

/// The goal's preconditions read as known facts: each `=` condition becomes a fact.
fn known_facts(preconditions: &[Condition]) -> WorldState {
    preconditions
        .iter()
        .filter_map(|c| match (&c.op, &c.value) {
            (Op::Eq, Operand::One(v)) => Some((c.key.clone(), v.clone())),
            _ => None,
        })
        .collect()
}

fn can_do(agent: &Agent, action: &Action) -> bool {
    action.fields.requires.iter().all(|r| agent.level_of(&r.capability).is_some_and(|held| held >= r.level))
}

fn check_state(goal: &str, state: &WorldState) -> Result<()> {
    for (key, value) in state {
        let problem = check_fact_key(key).err().map(|e| format!("fact key {key:?} {e}")).or_else(|| {
            matches!(value, Value::Number(n) if !n.is_finite()).then(|| format!("fact {key} must be a finite number"))
        });
        if let Some(reason) = problem {
            return Err(Error::invalid(Entity::Goal, goal, "start", reason));
        }
    }
    Ok(())
}
