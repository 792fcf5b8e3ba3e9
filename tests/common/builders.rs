//! Builders for the entities the tests and benchmarks make: one function per entity,
//! named after it and taking its key, chained setters for whatever differs from the
//! defaults, and a terminal that creates it in a store (`create`), hands back its fields
//! (`fields`, for a gesture under test) or the engine value (`value`, for the engines'
//! tests, which use no database). Conditions are written `is(fact)` and `eq(fact, value)`.
//!
//! Built on the public API only. The benchmarks include this file on its own, through
//! `#[path]`, so it uses nothing else from `common`.

use mabos_planner::*;

/// The condition "`fact` is true".
pub fn is(fact: &str) -> Condition {
    eq(fact, true)
}

/// The condition "`fact` equals `value`".
pub fn eq(fact: &str, value: impl IntoValue) -> Condition {
    Condition::new(fact, Op::Eq, value.into_value())
}

/// What a builder accepts as a fact's value: `true`, `5`, `2.5`, `"text"` or a [`Value`].
pub trait IntoValue {
    /// The value.
    fn into_value(self) -> Value;
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}

impl IntoValue for i32 {
    fn into_value(self) -> Value {
        Value::Int(i64::from(self))
    }
}

impl IntoValue for i64 {
    fn into_value(self) -> Value {
        Value::Int(self)
    }
}

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::Number(self)
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::Text(self.to_owned())
    }
}

/// What a builder accepts as a list of capabilities: `&[("web", 3)]` or the levels themselves.
pub trait IntoCapabilities {
    /// The capability levels.
    fn into_capabilities(self) -> Vec<CapabilityLevel>;
}

impl IntoCapabilities for &[(&str, u8)] {
    fn into_capabilities(self) -> Vec<CapabilityLevel> {
        self.iter().map(|&(capability, level)| CapabilityLevel::new(capability, level)).collect()
    }
}

impl<const N: usize> IntoCapabilities for &[(&str, u8); N] {
    fn into_capabilities(self) -> Vec<CapabilityLevel> {
        self[..].into_capabilities()
    }
}

impl IntoCapabilities for Vec<CapabilityLevel> {
    fn into_capabilities(self) -> Vec<CapabilityLevel> {
        self
    }
}

/// An action named after its key, costing 1 and taking 1 hour, with no requirements,
/// preconditions or effects.
pub fn action(key: &str) -> ActionBuilder {
    ActionBuilder { key: key.to_owned(), fields: ActionFields::named(key, 1.0, 1.0) }
}

/// An action being built: see [`action`].
pub struct ActionBuilder {
    key: String,
    fields: ActionFields,
}

impl ActionBuilder {
    /// Names it other than its key.
    pub fn named(mut self, name: &str) -> Self {
        self.fields.name = name.to_owned();
        self
    }

    /// Sets the description.
    pub fn described(mut self, description: &str) -> Self {
        self.fields.description = description.to_owned();
        self
    }

    /// Sets the cost.
    pub fn cost(mut self, cost: f64) -> Self {
        self.fields.cost = cost;
        self
    }

    /// Sets the duration, in hours.
    pub fn hours(mut self, duration: f64) -> Self {
        self.fields.duration = duration;
        self
    }

    /// Sets the capabilities an agent needs to do it.
    pub fn requires(mut self, capabilities: impl IntoCapabilities) -> Self {
        self.fields.requires = capabilities.into_capabilities();
        self
    }

    /// Adds preconditions.
    pub fn pre(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.fields.preconditions.extend(conditions);
        self
    }

    /// Adds the effect "`fact` becomes `value`".
    pub fn effect(mut self, fact: &str, value: impl IntoValue) -> Self {
        self.fields.effects.push(Effect::new(fact, value.into_value()));
        self
    }

    /// Adds effects.
    pub fn effects(mut self, effects: impl IntoIterator<Item = Effect>) -> Self {
        self.fields.effects.extend(effects);
        self
    }

    /// The fields, for a gesture under test to take.
    pub fn fields(self) -> ActionFields {
        self.fields
    }

    /// The action as the engines take it.
    pub fn value(self) -> Action {
        Action { key: self.key, fields: self.fields }
    }

    /// Creates it in `store` under its key.
    #[track_caller]
    pub fn create(self, store: &mut Store) -> Action {
        store.create_action(Some(&self.key), &self.fields).unwrap()
    }
}

/// A hard achieve-goal titled with its key, at the root, with AND refinement and the
/// default priority.
pub fn goal(key: &str) -> GoalBuilder {
    GoalBuilder { key: key.to_owned(), parent: None, fields: GoalFields::titled(key) }
}

/// A goal being built: see [`goal`].
pub struct GoalBuilder {
    key: String,
    parent: Option<String>,
    fields: GoalFields,
}

impl GoalBuilder {
    /// Titles it other than its key.
    pub fn titled(mut self, title: &str) -> Self {
        self.fields.title = title.to_owned();
        self
    }

    /// Sets the description.
    pub fn described(mut self, description: &str) -> Self {
        self.fields.description = description.to_owned();
        self
    }

    /// A child of `parent`; `None` keeps it a root.
    pub fn under<'a>(mut self, parent: impl Into<Option<&'a str>>) -> Self {
        self.parent = parent.into().map(str::to_owned);
        self
    }

    /// Sets the priority (1 to 10).
    pub fn priority(mut self, priority: u8) -> Self {
        self.fields.priority = priority;
        self
    }

    /// Makes it a soft goal.
    pub fn soft(mut self) -> Self {
        self.fields.kind = GoalKind::Soft;
        self
    }

    /// Sets how its children refine it.
    pub fn refinement(mut self, refinement: Refinement) -> Self {
        self.fields.refinement = refinement;
        self
    }

    /// Adds preconditions.
    pub fn pre(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.fields.preconditions.extend(conditions);
        self
    }

    /// Adds postconditions.
    pub fn post(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.fields.postconditions.extend(conditions);
        self
    }

    /// Adds the effect "`fact` becomes `value`".
    pub fn effect(mut self, fact: &str, value: impl IntoValue) -> Self {
        self.fields.effects.push(Effect::new(fact, value.into_value()));
        self
    }

    /// Adds a metric.
    pub fn metric(mut self, name: &str, target: f64, current: f64, unit: &str) -> Self {
        self.fields.metrics.push(Metric { name: name.into(), target, current, unit: unit.into() });
        self
    }

    /// The fields, for a gesture under test to take.
    pub fn fields(self) -> GoalFields {
        self.fields
    }

    /// Creates it in `store` under its key.
    #[track_caller]
    pub fn create(self, store: &mut Store) -> Goal {
        store.create_goal(Some(&self.key), self.parent.as_deref(), &self.fields).unwrap()
    }
}

/// An active agent named after its key, with capacity 10, no experience and no
/// capabilities.
pub fn agent(key: &str) -> AgentBuilder {
    AgentBuilder { key: key.to_owned(), fields: AgentFields::named(key, 10.0), workload: 0.0 }
}

/// An agent being built: see [`agent`].
pub struct AgentBuilder {
    key: String,
    fields: AgentFields,
    workload: f64,
}

impl AgentBuilder {
    /// Names it other than its key.
    pub fn named(mut self, name: &str) -> Self {
        self.fields.name = name.to_owned();
        self
    }

    /// Sets the capacity, in hours of open effort.
    pub fn capacity(mut self, capacity: f64) -> Self {
        self.fields.capacity = capacity;
        self
    }

    /// Sets the experience points.
    pub fn experience(mut self, experience: u32) -> Self {
        self.fields.experience = experience;
        self
    }

    /// Makes it active or not.
    pub fn active(mut self, active: bool) -> Self {
        self.fields.active = active;
        self
    }

    /// Sets the capabilities it holds.
    pub fn capabilities(mut self, capabilities: impl IntoCapabilities) -> Self {
        self.fields.capabilities = capabilities.into_capabilities();
        self
    }

    /// The open effort the agent holds, as the engines see it: for `value` only, since a
    /// store derives it from the agent's tasks.
    pub fn workload(mut self, workload: f64) -> Self {
        self.workload = workload;
        self
    }

    /// The fields, for a gesture under test to take.
    pub fn fields(self) -> AgentFields {
        self.fields
    }

    /// The agent as the engines take it.
    pub fn value(self) -> Agent {
        Agent { key: self.key, fields: self.fields, workload: self.workload, open_tasks: 0 }
    }

    /// Creates it in `store` under its key.
    #[track_caller]
    pub fn create(self, store: &mut Store) -> Agent {
        assert_eq!(self.workload, 0.0, "a store derives an agent's workload from its tasks");
        store.create_agent(Some(&self.key), &self.fields).unwrap()
    }
}

/// A task titled with its key, of 1 hour's effort and the default priority, with no
/// deadline, goal or step.
pub fn task(key: &str) -> TaskBuilder {
    TaskBuilder { key: key.to_owned(), fields: TaskFields::titled(key, 1.0), status: TaskStatus::Todo, assignee: None, requires: Vec::new() }
}

/// A task being built: see [`task`].
pub struct TaskBuilder {
    key: String,
    fields: TaskFields,
    status: TaskStatus,
    assignee: Option<String>,
    requires: Vec<CapabilityLevel>,
}

impl TaskBuilder {
    /// Titles it other than its key.
    pub fn titled(mut self, title: &str) -> Self {
        self.fields.title = title.to_owned();
        self
    }

    /// Gives it a description.
    pub fn described(mut self, description: &str) -> Self {
        self.fields.description = description.to_owned();
        self
    }

    /// Sets the effort, in hours.
    pub fn effort(mut self, effort: f64) -> Self {
        self.fields.effort = effort;
        self
    }

    /// Sets the priority (1 to 10).
    pub fn priority(mut self, priority: u8) -> Self {
        self.fields.priority = priority;
        self
    }

    /// `None` leaves it without one.
    pub fn deadline<'a>(mut self, deadline: impl Into<Option<&'a str>>) -> Self {
        self.fields.deadline = deadline.into().map(str::to_owned);
        self
    }

    /// `None` leaves it without one.
    pub fn goal<'a>(mut self, goal: impl Into<Option<&'a str>>) -> Self {
        self.fields.goal = goal.into().map(str::to_owned);
        self
    }

    /// Makes it the task of `step` in `plan`.
    pub fn step(mut self, plan: &str, step: &str) -> Self {
        self.fields.step = Some(StepRef { plan: plan.into(), step: step.into() });
        self
    }

    /// For `value` only: in a store, a task's status changes through gestures.
    pub fn status(mut self, status: TaskStatus) -> Self {
        self.status = status;
        self
    }

    /// For `value` only: in a store, a task is assigned by a gesture. `None` leaves it
    /// unassigned.
    pub fn assignee<'a>(mut self, agent: impl Into<Option<&'a str>>) -> Self {
        self.assignee = agent.into().map(str::to_owned);
        self
    }

    /// For `value` only: in a store, a task requires what its step's action requires.
    pub fn requires(mut self, capabilities: impl IntoCapabilities) -> Self {
        self.requires = capabilities.into_capabilities();
        self
    }

    /// The fields, for a gesture under test to take.
    pub fn fields(self) -> TaskFields {
        self.fields
    }

    /// The task as the engines take it (to do, unassigned and requiring nothing unless
    /// set), depending on nothing, created 2027-01-01.
    pub fn value(self) -> Task {
        Task {
            key: self.key,
            fields: self.fields,
            status: self.status,
            assignee: self.assignee,
            depends_on: Vec::new(),
            requires: self.requires,
            created_at: "2027-01-01T00:00:00.000Z".into(),
            started_at: None,
            completed_at: None,
        }
    }

    /// Creates the task, to do and unassigned.
    #[track_caller]
    pub fn create(self, store: &mut Store) -> Task {
        assert!(
            self.status == TaskStatus::Todo && self.assignee.is_none() && self.requires.is_empty(),
            "status, assignee and requires are for `value`: a store sets them through gestures and steps"
        );
        store.create_task(Some(&self.key), &self.fields).unwrap()
    }
}

/// A draft plan for `goal`, titled with its key, with the default priority and no
/// steps. Steps and edges are added, in the order given, by `create`.
pub fn plan(key: &str, goal: &str) -> PlanBuilder {
    PlanBuilder { key: key.to_owned(), goal: goal.to_owned(), fields: PlanFields::titled(key), steps: Vec::new(), edges: Vec::new() }
}

/// A plan being built: see [`plan`].
pub struct PlanBuilder {
    key: String,
    goal: String,
    fields: PlanFields,
    /// (key, or `None` for the store's next one; action; note).
    steps: Vec<(Option<String>, String, String)>,
    edges: Vec<(String, String)>,
}

impl PlanBuilder {
    /// Titles it other than its key.
    pub fn titled(mut self, title: &str) -> Self {
        self.fields.title = title.to_owned();
        self
    }

    /// Sets the priority (1 to 10).
    pub fn priority(mut self, priority: u8) -> Self {
        self.fields.priority = priority;
        self
    }

    /// Sets the deadline (RFC 3339).
    pub fn deadline(mut self, deadline: &str) -> Self {
        self.fields.deadline = Some(deadline.to_owned());
        self
    }

    /// Sets the budget.
    pub fn budget(mut self, budget: f64) -> Self {
        self.fields.budget = Some(budget);
        self
    }

    /// Adds postconditions.
    pub fn post(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.fields.postconditions.extend(conditions);
        self
    }

    /// Adds constraints.
    pub fn constraints(mut self, conditions: impl IntoIterator<Item = Condition>) -> Self {
        self.fields.constraints.extend(conditions);
        self
    }

    /// Adds step `key` doing `action`.
    pub fn step(mut self, key: &str, action: &str) -> Self {
        self.steps.push((Some(key.to_owned()), action.to_owned(), String::new()));
        self
    }

    /// Adds a step doing `action`, keyed by the store (`S1`, `S2`, …).
    pub fn auto_step(mut self, action: &str) -> Self {
        self.steps.push((None, action.to_owned(), String::new()));
        self
    }

    /// Sets the note of the step added last.
    pub fn note(mut self, note: &str) -> Self {
        self.steps.last_mut().expect("a step to annotate").2 = note.to_owned();
        self
    }

    /// Adds the edge `before` → `after`.
    pub fn edge(mut self, before: &str, after: &str) -> Self {
        self.edges.push((before.to_owned(), after.to_owned()));
        self
    }

    /// Creates the plan, then its steps, then its edges, one gesture each.
    #[track_caller]
    pub fn create(self, store: &mut Store) -> Plan {
        store.create_plan(Some(&self.key), &self.goal, &self.fields).unwrap();
        for (step, action, note) in &self.steps {
            store.add_step(&self.key, step.as_deref(), action, note).unwrap();
        }
        for (before, after) in &self.edges {
            store.add_edge(&self.key, before, after).unwrap();
        }
        store.plan(&self.key).unwrap()
    }
}
