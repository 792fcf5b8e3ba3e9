//! From document items to the domain's field structs, which the store's validators and
//! insert helpers take. The item's links (parent, dependencies, step, assignee…) are not
//! part of these fields: the importer resolves them to ids itself. Goals, the bulk of a
//! large file, are only copied for validation: the importer writes them itself.

use super::v1::{ActionDoc, AgentDoc, GoalDoc, MethodDoc, PlanDoc, TaskDoc};
use crate::domain::{ActionFields, AgentFields, GoalFields, PlanFields, TaskFields};
use crate::htn::MethodFields;

pub(crate) fn agent_fields(a: AgentDoc) -> AgentFields {
    AgentFields { name: a.name, experience: a.experience, capacity: a.capacity, active: a.active, capabilities: a.capabilities }
}

/// A copy of the goal's own fields, for the store's validator.
pub(crate) fn goal_fields(g: &GoalDoc) -> GoalFields {
    GoalFields {
        title: g.title.clone(),
        description: g.description.clone(),
        priority: g.priority,
        kind: g.kind,
        mode: g.mode,
        refinement: g.refinement,
        preconditions: g.preconditions.clone(),
        postconditions: g.postconditions.clone(),
        effects: g.effects.clone(),
        metrics: g.metrics.clone(),
    }
}

pub(crate) fn action_fields(a: ActionDoc) -> ActionFields {
    ActionFields {
        name: a.name,
        description: a.description,
        cost: a.cost,
        duration: a.duration,
        requires: a.requires,
        preconditions: a.preconditions,
        effects: a.effects,
    }
}

pub(crate) fn method_fields(m: &MethodDoc) -> MethodFields {
    MethodFields {
        name: m.name.clone(),
        priority: m.priority,
        ordered: m.ordered,
        conditions: m.conditions.clone(),
        subtasks: m.subtasks.clone(),
    }
}

pub(crate) fn plan_fields(p: PlanDoc) -> PlanFields {
    PlanFields {
        title: p.title,
        priority: p.priority,
        preconditions: p.preconditions,
        postconditions: p.postconditions,
        budget: p.budget,
        deadline: p.deadline,
        constraints: p.constraints,
    }
}

/// Without goal and step: the importer passes those as ids.
pub(crate) fn task_fields(t: TaskDoc) -> TaskFields {
    TaskFields {
        title: t.title,
        description: t.description,
        priority: t.priority,
        deadline: t.deadline,
        effort: t.effort,
        goal: None,
        step: None,
    }
}
