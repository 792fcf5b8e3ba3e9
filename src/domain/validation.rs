//! Field validation of every entity: the rules a value must keep whatever the rows
//! around it. The store checks them before it writes, and the importer checks a whole
//! file with them before anything is written; neither calls the other for it.

use super::invalid::{check, check_conditions, check_deadline, check_effects};
use super::*;
use std::collections::HashSet;

impl GoalFields {
    /// A goal's own fields: title, priority, conditions, effects, metrics (unique names,
    /// finite numbers).
    pub fn validate(&self, key: &str) -> Result<(), Invalid> {
        let goal = Entity::Goal;
        check(goal, key, "title", check_not_blank(&self.title))?;
        check(goal, key, "priority", check_priority(self.priority))?;
        check_conditions(goal, key, "preconditions", &self.preconditions)?;
        check_conditions(goal, key, "postconditions", &self.postconditions)?;
        check_effects(goal, key, "effects", &self.effects)?;
        let mut names = HashSet::with_capacity(self.metrics.len());
        for (i, m) in self.metrics.iter().enumerate() {
            let field = |part: &str| format!("metrics[{i}].{part}");
            check(goal, key, &field("name"), check_not_blank(&m.name))?;
            if !names.insert(m.name.as_str()) {
                return Err(Invalid::new(goal, key, field("name"), format!("{:?} appears twice", m.name)));
            }
            for (part, value) in [("target", m.target), ("current", m.current)] {
                if !value.is_finite() {
                    return Err(Invalid::new(goal, key, field(part), "must be a finite number"));
                }
            }
        }
        Ok(())
    }
}

impl ActionFields {
    /// An action's fields: name, cost, duration, required capabilities, conditions, effects.
    pub fn validate(&self, key: &str) -> Result<(), Invalid> {
        let action = Entity::Action;
        check(action, key, "name", check_not_blank(&self.name))?;
        check(action, key, "cost", check_non_negative(self.cost))?;
        check(action, key, "duration", check_non_negative(self.duration))?;
        check_capability_list(action, key, "requires", &self.requires)?;
        check_conditions(action, key, "preconditions", &self.preconditions)?;
        check_effects(action, key, "effects", &self.effects)
    }
}

impl AgentFields {
    /// An agent's fields: name, capacity, capabilities.
    pub fn validate(&self, key: &str) -> Result<(), Invalid> {
        check(Entity::Agent, key, "name", check_not_blank(&self.name))?;
        check(Entity::Agent, key, "capacity", check_non_negative(self.capacity))?;
        check_capability_list(Entity::Agent, key, "capabilities", &self.capabilities)
    }
}

impl PlanFields {
    /// A plan's fields; returns the deadline normalised to UTC, as it is stored.
    pub fn validate(&self, key: &str) -> Result<Option<String>, Invalid> {
        let plan = Entity::Plan;
        check(plan, key, "priority", check_priority(self.priority))?;
        if let Some(budget) = self.budget {
            check(plan, key, "budget", check_non_negative(budget))?;
        }
        check_conditions(plan, key, "preconditions", &self.preconditions)?;
        check_conditions(plan, key, "postconditions", &self.postconditions)?;
        check_conditions(plan, key, "constraints", &self.constraints)?;
        check_deadline(plan, key, &self.deadline)
    }
}

impl TaskFields {
    /// A task's own fields (its goal and step are checked against the rows); returns the
    /// deadline normalised to UTC.
    pub fn validate(&self, key: &str) -> Result<Option<String>, Invalid> {
        check(Entity::Task, key, "title", check_not_blank(&self.title))?;
        check(Entity::Task, key, "priority", check_priority(self.priority))?;
        check(Entity::Task, key, "effort", check_non_negative(self.effort))?;
        check_deadline(Entity::Task, key, &self.deadline)
    }
}

/// A list of capability levels: names valid, levels in range, no name twice.
pub fn check_capability_list(entity: Entity, key: &str, field: &str, list: &[CapabilityLevel]) -> Result<(), Invalid> {
    let mut names = HashSet::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        check(entity, key, &format!("{field}[{i}].capability"), check_capability_name(&c.capability))?;
        check(entity, key, &format!("{field}[{i}].level"), check_level(c.level))?;
        if !names.insert(c.capability.as_str()) {
            return Err(Invalid::new(entity, key, format!("{field}[{i}].capability"), format!("{:?} appears twice", c.capability)));
        }
    }
    Ok(())
}

/// A fact's key and value, as an effect would set them.
pub fn check_fact(key: &str, value: &Value) -> Result<(), Invalid> {
    check_fact_key(key).map_err(|reason| Invalid::new(Entity::Fact, key, "key", reason))?;
    match value {
        Value::Number(n) if !n.is_finite() => Err(Invalid::new(Entity::Fact, key, "value", "must be a finite number")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of<T>(outcome: Result<T, Invalid>) -> Option<String> {
        outcome.err().map(|e| e.field)
    }

    #[test]
    fn goal_fields_name_the_field_at_fault() {
        let ok = GoalFields::titled("Ship");
        assert_eq!(field_of(ok.validate("G-1")), None);
        let check = |edit: fn(&mut GoalFields), field: &str| {
            let mut f = GoalFields::titled("Ship");
            edit(&mut f);
            assert_eq!(field_of(f.validate("G-1")).as_deref(), Some(field));
        };
        check(|f| f.title = "  ".into(), "title");
        check(|f| f.priority = 0, "priority");
        check(|f| f.metrics = vec![Metric { name: "x".into(), target: f64::NAN, current: 0.0, unit: String::new() }], "metrics[0].target");
        check(
            |f| {
                let m = Metric { name: "x".into(), target: 1.0, current: 0.0, unit: String::new() };
                f.metrics = vec![m.clone(), m];
            },
            "metrics[1].name",
        );
    }

    #[test]
    fn capability_lists_refuse_bad_levels_and_repeats() {
        let level = |capability: &str, level| CapabilityLevel { capability: capability.into(), level };
        let check = |list: &[CapabilityLevel], field: Option<&str>| {
            assert_eq!(field_of(check_capability_list(Entity::Agent, "AG-1", "capabilities", list)).as_deref(), field);
        };
        check(&[level("pack", 3)], None);
        check(&[level("pack", 6)], Some("capabilities[0].level"));
        check(&[level("pack", 1), level("pack", 2)], Some("capabilities[1].capability"));
        check(&[level(" pack", 1)], Some("capabilities[0].capability"));
    }

    #[test]
    fn plan_and_task_deadlines_come_back_in_utc() {
        let mut plan = PlanFields::titled("P");
        plan.deadline = Some("2026-12-31T18:00:00+01:00".into());
        assert_eq!(plan.validate("P-1"), Ok(Some("2026-12-31T17:00:00.000Z".into())));
        let mut task = TaskFields::titled("T", 1.0);
        task.deadline = Some("tomorrow".into());
        assert_eq!(field_of(task.validate("T-1")).as_deref(), Some("deadline"));
        task.deadline = None;
        task.effort = -1.0;
        assert_eq!(field_of(task.validate("T-1")).as_deref(), Some("effort"));
    }

    #[test]
    fn facts_need_a_valid_key_and_a_finite_number() {
        assert_eq!(check_fact("stock.ok", &Value::Bool(true)), Ok(()));
        assert_eq!(field_of(check_fact("stock ok", &Value::Bool(true))).as_deref(), Some("key"));
        assert_eq!(field_of(check_fact("n", &Value::Number(f64::INFINITY))).as_deref(), Some("value"));
    }
}
