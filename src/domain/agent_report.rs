//! What an agent says about its task: started, done or failed, with an optional note and
//! the facts it observed. The report's own rules (id, note, facts) need no database; the
//! rules against the rows (the agent is the assignee, the move is allowed) are the
//! gesture's, in `ops/reports.rs`.

use super::{check_fact, Entity, Invalid, TaskStatus, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far an agent got with its task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Started,
    Done,
    Failed,
}

impl ReportStatus {
    /// The task status the report moves its task to.
    pub fn task_status(self) -> TaskStatus {
        match self {
            ReportStatus::Started => TaskStatus::InProgress,
            ReportStatus::Done => TaskStatus::Done,
            ReportStatus::Failed => TaskStatus::Failed,
        }
    }
}

/// One report of an agent about one task. `id` is the agent's name for the report,
/// unique per report: the same id applied twice changes nothing the second time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentReport {
    pub id: String,
    /// The reporting agent's key: the report's author, and the task's assignee.
    pub agent: String,
    /// The task's key.
    pub task: String,
    pub status: ReportStatus,
    /// What the agent wants the operator to read (at most [`AgentReport::MAX_NOTE`] characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Facts the agent observed, recorded in the world state with the report (at most
    /// [`AgentReport::MAX_FACTS`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, Value>,
}

impl AgentReport {
    /// Longest report id, in characters.
    pub const MAX_ID: usize = 128;
    /// Longest note, in characters.
    pub const MAX_NOTE: usize = 4000;
    /// Most facts one report may record.
    pub const MAX_FACTS: usize = 100;

    /// A report without note or facts.
    pub fn new(id: &str, agent: &str, task: &str, status: ReportStatus) -> AgentReport {
        AgentReport { id: id.to_owned(), agent: agent.to_owned(), task: task.to_owned(), status, note: None, facts: BTreeMap::new() }
    }

    /// Checks the report's own fields, naming the one at fault (`id`, `note`, `facts`, or
    /// a fact's `key` or `value`).
    pub fn validate(&self) -> Result<(), Invalid> {
        let bad = |field: &str, reason: String| Invalid::new(Entity::Task, &self.task, field, reason);
        let id_length = self.id.chars().count();
        if id_length == 0 || id_length > Self::MAX_ID || self.id.chars().any(char::is_control) || self.id.trim() != self.id {
            return Err(bad("id", format!("must be 1 to {} characters, without control characters or surrounding white space", Self::MAX_ID)));
        }
        if self.note.as_ref().is_some_and(|n| n.chars().count() > Self::MAX_NOTE) {
            return Err(bad("note", format!("must be at most {} characters", Self::MAX_NOTE)));
        }
        if self.facts.len() > Self::MAX_FACTS {
            return Err(bad("facts", format!("must hold at most {} facts", Self::MAX_FACTS)));
        }
        self.facts.iter().try_for_each(|(key, value)| check_fact(key, value))
    }
}

/// What applying a report did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportApplied {
    pub id: String,
    pub task: String,
    /// The task's status before the report.
    pub from: TaskStatus,
    pub to: TaskStatus,
    /// The event of the report's gesture (`None` if it changed no row, which a move
    /// along the life cycle always does).
    pub seq: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_field_at_fault() {
        let ok = AgentReport::new("r-1", "AG-1", "T-1", ReportStatus::Done);
        assert_eq!(ok.validate(), Ok(()));
        let field = |r: AgentReport| r.validate().unwrap_err().field;
        assert_eq!(field(AgentReport { id: String::new(), ..ok.clone() }), "id");
        assert_eq!(field(AgentReport { id: "a\nb".into(), ..ok.clone() }), "id");
        assert_eq!(field(AgentReport { id: "x".repeat(129), ..ok.clone() }), "id");
        assert_eq!(field(AgentReport { note: Some("n".repeat(4001)), ..ok.clone() }), "note");
        let facts = |pairs: &[(&str, Value)]| pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        assert_eq!(field(AgentReport { facts: facts(&[("bad key", Value::Bool(true))]), ..ok.clone() }), "key");
        assert_eq!(field(AgentReport { facts: facts(&[("x", Value::Number(f64::NAN))]), ..ok.clone() }), "value");
        let many = (0..101).map(|i| (format!("f{i}"), Value::Int(i))).collect();
        assert_eq!(field(AgentReport { facts: many, ..ok }), "facts");
    }

    #[test]
    fn reads_the_wire_shape() {
        let report: AgentReport = serde_json::from_str(r#"{"id":"r","agent":"AG-1","task":"T-4","status":"started","note":"on it","facts":{"a.b":true}}"#).unwrap();
        assert_eq!(report.status.task_status(), TaskStatus::InProgress);
        assert_eq!(report.facts["a.b"], Value::Bool(true));
        assert!(serde_json::from_str::<AgentReport>(r#"{"id":"r","agent":"AG-1","task":"T-4","status":"paused"}"#).is_err());
        assert!(serde_json::from_str::<AgentReport>(r#"{"id":"r","agent":"AG-1","task":"T-4","status":"done","extra":1}"#).is_err());
    }
}

/// How far the broker bridge is with a database: what its status line shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BridgeBacklog {
    /// Events of the log the broker has not acknowledged yet.
    pub events_waiting: i64,
    /// Agent reports applied, ever.
    pub reports_applied: i64,
}
