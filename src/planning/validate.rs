//! Plan validation: replays a partially ordered plan from its start state and reports
//! every precondition that some execution order breaks, the causal links that hold in
//! all of them, the final state against the postconditions, the constraints, the budget
//! and the deadline (docs/planning.md, "Plan validation").

use super::critical_path::Schedule;
use super::last_writers::{FactWriters, Origin};
use super::order::{Reach, StepOrder};
use super::validation_report::*;
use crate::domain::{Action, Condition, Effect, Op, Operand, Plan, WorldState};
use crate::time_util::format_rfc3339;
use crate::{Entity, Error, Result};
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// What validation reads besides the plan itself.
pub struct ValidationInput<'a> {
    /// The action library (at least the plan's actions; a step whose action is absent is
    /// reported, not refused).
    pub actions: &'a [Action],
    /// The postconditions of the plan's goal.
    pub goal_postconditions: &'a [Condition],
    /// The state to start from; `None` reads it from the plan's `eq` preconditions.
    pub start_state: Option<&'a WorldState>,
    /// When execution starts, for the deadline.
    pub start: OffsetDateTime,
}

/// Validates `plan`; refuses only a plan that is not a DAG of its own steps or whose
/// deadline is not a time (neither comes out of the store).
pub fn validate_plan(plan: &Plan, input: &ValidationInput<'_>) -> Result<PlanValidation> {
    let order = StepOrder::of(plan)?;
    let library: HashMap<&str, &Action> = input.actions.iter().map(|a| (a.key.as_str(), a)).collect();
    let used: Vec<Option<&Action>> = plan.steps.iter().map(|s| library.get(s.action.as_str()).copied()).collect();
    let missing_actions: Vec<MissingAction> = plan
        .steps
        .iter()
        .zip(&used)
        .filter(|(_, a)| a.is_none())
        .map(|(s, _)| MissingAction { step: s.key.clone(), action: s.action.clone() })
        .collect();
    let effects: Vec<&[Effect]> = used.iter().map(|a| a.map_or(&[][..], |a| a.fields.effects.as_slice())).collect();
    let writers = FactWriters::new(&effects);
    let reach = Reach::of(&order);

    let (start_state, state_given) = match input.start_state {
        Some(state) => (state.clone(), true),
        None => (facts_of(&plan.fields.preconditions), false),
    };
    let read = |condition: &Condition, origins: Vec<Origin>| -> Vec<Reading> {
        origins
            .into_iter()
            .map(|origin| {
                let (value, from) = match origin {
                    Origin::Start => (start_state.get(&condition.key), Supplier::Start),
                    Origin::Step(s) => (writers.value(&condition.key, s), Supplier::Step { step: plan.steps[s].key.clone() }),
                };
                Reading { holds: condition.holds_for(value), value: value.cloned(), from }
            })
            .collect()
    };
    let all_hold = |readings: &[Reading]| readings.iter().all(|r| r.holds);

    // A start state read from the preconditions meets them by construction (or cannot
    // say: `stock ≥ 10` gives no value), so only a given one is checked.
    let unmet_preconditions: Vec<ConditionCheck> = if state_given {
        plan.fields
            .preconditions
            .iter()
            .map(|c| ConditionCheck { condition: c.clone(), readings: read(c, vec![Origin::Start]) })
            .filter(|check| !all_hold(&check.readings))
            .collect()
    } else {
        Vec::new()
    };

    let mut broken_steps = Vec::new();
    let mut causal_links = Vec::new();
    for &s in &order.topo {
        let Some(action) = used[s] else { continue };
        for condition in &action.fields.preconditions {
            let readings = read(condition, writers.before(&reach, s, &condition.key));
            let check = StepCondition { step: plan.steps[s].key.clone(), action: action.key.clone(), condition: condition.clone(), readings };
            if all_hold(&check.readings) {
                causal_links.push(check);
            } else {
                broken_steps.push(check);
            }
        }
    }

    let owners = [(Owner::Goal, &plan.goal, input.goal_postconditions), (Owner::Plan, &plan.key, plan.fields.postconditions.as_slice())];
    let unmet_postconditions: Vec<UnmetPostcondition> = owners
        .into_iter()
        .flat_map(|(owner, key, conditions)| conditions.iter().map(move |c| (owner, key, c)))
        .map(|(owner, key, c)| UnmetPostcondition { owner, key: key.clone(), condition: c.clone(), readings: read(c, writers.at_end(&reach, &c.key)) })
        .filter(|u| !all_hold(&u.readings))
        .collect();

    let constraint_violations: Vec<ConditionCheck> = plan
        .fields
        .constraints
        .iter()
        .map(|c| ConditionCheck { condition: c.clone(), readings: read(c, writers.ever(&c.key)) })
        .filter(|check| !all_hold(&check.readings))
        .collect();

    // A missing action counts as free and instant: the report names it, and the totals
    // are then lower bounds.
    let total_cost: f64 = used.iter().flatten().map(|a| a.fields.cost).sum();
    let durations: Vec<f64> = used.iter().map(|a| a.map_or(0.0, |a| a.fields.duration)).collect();
    let duration_hours = Schedule::of(&order, &durations).duration;
    let budget = plan.fields.budget.map(|budget| BudgetCheck { budget, total_cost, over: total_cost > budget });
    let deadline = match &plan.fields.deadline {
        Some(text) => Some(deadline_check(&plan.key, text, input.start, duration_hours)?),
        None => None,
    };

    let valid = unmet_preconditions.is_empty()
        && missing_actions.is_empty()
        && broken_steps.is_empty()
        && unmet_postconditions.is_empty()
        && constraint_violations.is_empty()
        && !budget.as_ref().is_some_and(|b| b.over)
        && !deadline.as_ref().is_some_and(|d| d.late);
    Ok(PlanValidation {
        plan: plan.key.clone(),
        goal: plan.goal.clone(),
        valid,
        steps: plan.steps.len() as u32,
        start_state,
        state_given,
        unmet_preconditions,
        missing_actions,
        broken_steps,
        causal_links,
        unmet_postconditions,
        constraint_violations,
        total_cost,
        duration_hours,
        budget,
        deadline,
    })
}

/// The facts that `eq` conditions pin down; a later one on the same key wins.
pub fn facts_of(conditions: &[Condition]) -> WorldState {
    conditions
        .iter()
        .filter_map(|c| match (c.op, &c.value) {
            (Op::Eq, Operand::One(v)) => Some((c.key.clone(), v.clone())),
            _ => None,
        })
        .collect()
}

fn deadline_check(plan: &str, deadline: &str, start: OffsetDateTime, hours: f64) -> Result<DeadlineCheck> {
    let due = OffsetDateTime::parse(deadline, &Rfc3339)
        .map_err(|_| Error::invalid(Entity::Plan, plan, "deadline", format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {deadline:?}")))?;
    // A duration too long for a calendar date finishes after any deadline.
    let finish = time::Duration::checked_seconds_f64(hours * 3600.0).and_then(|d| start.checked_add(d)).filter(|t| t.year() <= 9999);
    Ok(DeadlineCheck {
        deadline: format_rfc3339(due),
        start: format_rfc3339(start),
        duration_hours: hours,
        finish: finish.map(format_rfc3339),
        late: finish.is_none_or(|f| f > due),
    })
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
