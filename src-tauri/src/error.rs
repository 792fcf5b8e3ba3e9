//! The error every command returns: the core's typed error, flattened into what a form
//! needs to show a message beside the field at fault.

use mabos_planner::{Entity, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A refused command. `code` is the core's stable error name (`invalid`, `not_found`,
/// `cycle`, ...) or one of the shell's own (`bad_request`, `not_empty`, `internal`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// The kind of thing at fault, when one is.
    pub entity: Option<Entity>,
    /// Its key, when it has one yet.
    pub key: Option<String>,
    /// The field at fault, as the core names it: `title`, `priority`, `preconditions[1]`,
    /// `metrics[0].name`.
    pub field: Option<String>,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> CommandError {
        CommandError { code: code.into(), message: message.into(), entity: None, key: None, field: None }
    }
}

impl From<Error> for CommandError {
    fn from(error: Error) -> CommandError {
        let (entity, key) = match &error {
            Error::Invalid { entity, key, .. }
            | Error::NotFound { entity, key }
            | Error::DuplicateKey { entity, key }
            | Error::InvalidTransition { entity, key, .. }
            | Error::InUse { entity, key, .. } => (Some(*entity), Some(key.clone())),
            Error::Cycle { entity, cycle, .. } => (Some(*entity), cycle.first().cloned()),
            Error::MissingCapability { task, .. } | Error::AgentInactive { task, .. } | Error::TaskWaiting { task, .. } => {
                (Some(Entity::Task), Some(task.clone()))
            }
            Error::NoPlan { goal, .. } | Error::NotDecomposable { goal, .. } => (Some(Entity::Goal), Some(goal.clone())),
            Error::PlanEmpty { plan } | Error::PlanHasOpenTasks { plan, .. } => (Some(Entity::Plan), Some(plan.clone())),
            Error::NoRepair { task, .. } | Error::StaleAssignment { task, .. } => (Some(Entity::Task), Some(task.clone())),
            Error::NoneAssigned { agent: Some(agent), .. } => (Some(Entity::Agent), Some(agent.clone())),
            Error::NoneAssigned { agent: None, .. } => (Some(Entity::Task), None),
            Error::NothingSelected { entity } | Error::TooManyKeys { entity, .. } => (Some(*entity), None),
            Error::SelectionRefused { entity, problems, .. } => (Some(*entity), problems.first().map(|p| p.key.clone())),
            _ => (None, None),
        };
        let message = match &error {
            // The form shows the message beside the field: it needs only the reason.
            Error::Invalid { reason, .. } => reason.clone(),
            // The board shows these beside the agent's column: say what is missing first.
            Error::MissingCapability { task, agent, capability, required, held: None } => {
                format!("{agent} lacks {capability}, which task {task} needs at level {required}")
            }
            Error::MissingCapability { task, agent, capability, required, held: Some(held) } => {
                format!("{agent} has {capability} at level {held}, but task {task} needs level {required}")
            }
            Error::AgentInactive { task, agent } => format!("{agent} is inactive and takes no tasks (task {task} stays where it was)"),
            other => other.to_string(),
        };
        if matches!(error, Error::Database(_) | Error::Migration(_) | Error::Io { .. } | Error::HistoryConflict { .. } | Error::ReadOnly { .. } | Error::Corrupt { .. } | Error::Locked { .. }) {
            tracing::error!(%error, "command failed");
        } else {
            tracing::debug!(%error, "command refused");
        }
        let field = error.field().or_else(|| shell_field(&error)).map(str::to_owned);
        CommandError { code: error.code().into(), message, entity, key, field }
    }
}

/// The field a gesture's refusal is about, for the refusals the core names no field for:
/// what the panel that made the gesture marks.
fn shell_field(error: &Error) -> Option<&'static str> {
    match error {
        Error::PlanEmpty { .. } => Some("steps"),
        Error::PlanHasOpenTasks { .. } => Some("tasks"),
        Error::NoRepair { .. } => Some("action"),
        Error::NotDecomposable { .. } => Some("methods"),
        Error::StaleAssignment { .. } => Some("assignee"),
        // The field every goal at fault shares, when they share one.
        Error::SelectionRefused { problems, .. } => match problems.first() {
            Some(first) if problems.iter().all(|p| p.field == first.field) => Some(match first.field.as_str() {
                "status" => "status",
                "priority" => "priority",
                "parent" => "parent",
                _ => return None,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Reads a command argument into a core type. A value of the wrong type is refused like
/// the core refuses a bad value: with the field at fault (`priority`, `metrics[1].target`).
pub fn parse<T: DeserializeOwned>(entity: Entity, key: Option<&str>, value: serde_json::Value) -> Result<T, CommandError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let field = e.path().to_string();
        CommandError {
            code: "invalid".into(),
            message: plain_reason(&e.inner().to_string()),
            entity: Some(entity),
            key: key.map(str::to_owned),
            field: (field != ".").then_some(field),
        }
    })
}

/// serde's wording for a mistyped number, said the way a form says it.
fn plain_reason(serde_message: &str) -> String {
    let whole = ["expected u8", "expected u32", "expected u64"].iter().any(|t| serde_message.ends_with(t));
    if serde_message.starts_with("invalid type:") && (whole || serde_message.ends_with("expected f64")) {
        return if whole { "must be a whole number".into() } else { "must be a number".into() };
    }
    if let Some(rest) = serde_message.strip_prefix("invalid value: integer `") {
        if let Some((number, _)) = rest.split_once('`') {
            return format!("{number} is out of range");
        }
    }
    serde_message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mabos_planner::GoalFields;
    use serde_json::json;

    fn check(fields: serde_json::Value, field: &str, message: &str) {
        let mut goal = json!({ "title": "T", "priority": 5, "kind": "hard", "mode": "achieve", "refinement": "and" });
        goal.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
        let e = parse::<GoalFields>(Entity::Goal, Some("G-1"), goal).unwrap_err();
        assert_eq!((e.field.as_deref(), e.message.as_str()), (Some(field), message));
    }

    #[test]
    fn mistyped_values_name_their_field() {
        check(json!({ "priority": null }), "priority", "must be a whole number");
        check(json!({ "priority": 2.5 }), "priority", "must be a whole number");
        check(json!({ "priority": 300 }), "priority", "300 is out of range");
        check(json!({ "metrics": [{ "name": "m", "target": null }] }), "metrics[0].target", "must be a number");
        check(json!({ "preconditions": [{ "key": "k", "op": "like", "value": 1 }] }), "preconditions[0].op", "unknown variant `like`, expected one of `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `in`, `not_in`");
    }

    #[test]
    fn mistyped_search_limits_name_their_field() {
        let e = parse::<mabos_planner::synthesis::SynthesisOptions>(Entity::Goal, Some("G-1"), json!({ "max_nodes": null })).unwrap_err();
        assert_eq!((e.field.as_deref(), e.message.as_str()), (Some("max_nodes"), "must be a whole number"));
        let e = parse::<mabos_planner::synthesis::SynthesisOptions>(Entity::Goal, Some("G-1"), json!({ "time_limit_ms": -5 })).unwrap_err();
        assert_eq!((e.field.as_deref(), e.message.as_str()), (Some("time_limit_ms"), "-5 is out of range"));
    }

    #[test]
    fn a_refused_assignment_names_what_is_missing_first() {
        use mabos_planner::{ActionFields, AgentFields, CapabilityLevel, PlanFields, StepRef, TaskFields};
        let mut store = mabos_planner::Store::open_in_memory().unwrap();
        store.create_goal(Some("G-1"), None, &GoalFields::titled("Launch")).unwrap();
        let mut pay = ActionFields::named("Integrate payments", 1.0, 1.0);
        pay.requires = vec![CapabilityLevel::new("payments", 4)];
        store.create_action(Some("A-1"), &pay).unwrap();
        store.create_plan(Some("P-1"), "G-1", &PlanFields::titled("Plan")).unwrap();
        store.add_step("P-1", None, "A-1", "").unwrap();
        let mut task = TaskFields::titled("Pay", 2.0);
        task.step = Some(StepRef { plan: "P-1".into(), step: "S1".into() });
        store.create_task(Some("T-1"), &task).unwrap();
        store.create_agent(Some("AG-1"), &AgentFields::named("Quill", 40.0)).unwrap();
        let mut novice = AgentFields::named("Beacon", 40.0);
        novice.capabilities = vec![CapabilityLevel::new("payments", 2)];
        store.create_agent(Some("AG-2"), &novice).unwrap();

        let lacks: CommandError = store.assign_task("T-1", Some("AG-1")).unwrap_err().into();
        assert_eq!((lacks.code.as_str(), lacks.key.as_deref()), ("missing_capability", Some("T-1")));
        assert_eq!(lacks.message, "AG-1 lacks payments, which task T-1 needs at level 4");
        let low: CommandError = store.assign_task("T-1", Some("AG-2")).unwrap_err().into();
        assert_eq!(low.message, "AG-2 has payments at level 2, but task T-1 needs level 4");
    }

    #[test]
    fn a_bulk_refusal_names_the_agent_or_the_selection() {
        let mut store = mabos_planner::Store::open_in_memory().unwrap();
        store.create_agent(Some("AG-1"), &mabos_planner::AgentFields::named("Quill", 40.0)).unwrap();
        let gone = ["T-1".to_string(), "T-2".to_string()];
        let none: CommandError = store.assign_tasks(&gone, Some("AG-1")).unwrap_err().into();
        assert_eq!((none.code.as_str(), none.entity, none.key.as_deref()), ("none_assigned", Some(Entity::Agent), Some("AG-1")));
        let empty: CommandError = store.assign_tasks(&[], Some("AG-1")).unwrap_err().into();
        assert_eq!((empty.code.as_str(), empty.entity), ("nothing_selected", Some(Entity::Task)));
        let goals: Vec<String> = ["G-1", "G-2"].iter().map(|k| store.create_goal(Some(k), None, &GoalFields::titled(k)).unwrap().key).collect();
        let edit = mabos_planner::GoalBulkEdit { priority: Some(0), ..Default::default() };
        let low: CommandError = store.edit_goals(&goals, &edit).unwrap_err().into();
        assert_eq!((low.code.as_str(), low.key.as_deref(), low.field.as_deref()), ("selection_refused", Some("G-1"), Some("priority")));
        assert!(low.message.contains("\nG-2: goal G-2: priority must be between 1 and 10"), "{}", low.message);
    }

    #[test]
    fn core_errors_keep_entity_key_and_field() {
        let mut store = mabos_planner::Store::open_in_memory().unwrap();
        let e: CommandError = store.create_goal(Some("G-1"), None, &GoalFields::titled(" ")).unwrap_err().into();
        assert_eq!(e.code, "invalid");
        assert_eq!((e.entity, e.key.as_deref(), e.field.as_deref()), (Some(Entity::Goal), Some("G-1"), Some("title")));
        assert_eq!(e.message, "must not be empty");
    }

    #[test]
    fn execution_refusals_name_what_they_are_about() {
        let mut store = mabos_planner::Store::open_in_memory().unwrap();
        store.create_goal(Some("G-1"), None, &GoalFields::titled("Ship")).unwrap();
        store.create_plan(Some("P-1"), "G-1", &mabos_planner::PlanFields::titled("Nothing yet")).unwrap();
        let e: CommandError = store.start_plan("P-1").unwrap_err().into();
        assert_eq!(e.code, "plan_empty");
        assert_eq!((e.entity, e.key.as_deref(), e.field.as_deref()), (Some(Entity::Plan), Some("P-1"), Some("steps")));
        assert_eq!(store.plans(None).unwrap()[0].status, mabos_planner::PlanStatus::Draft);
    }
}
