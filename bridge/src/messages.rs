//! The messages the bridge sends to agents (offers, withdrawals, receipts), as JSON.
//! Their JSON Schemas are in docs/schema/; agents' reports are the core's
//! [`AgentReport`](mabos_planner::AgentReport).

use mabos_planner::{CapabilityLevel, Condition, Effect};
use serde::Serialize;

/// A message on `mabos.agents.<AGENT>.tasks`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkMessage {
    /// The task is ready (todo, every dependency done) and assigned to the agent.
    Offer {
        /// The agent's key.
        agent: String,
        /// Everything the agent needs to act (boxed: it is much larger than a withdrawal).
        task: Box<OfferedTask>,
    },
    /// An earlier offer no longer stands.
    Withdrawal {
        /// The agent's key.
        agent: String,
        /// The task, by key.
        task: TaskRef,
        /// Why the offer was withdrawn.
        reason: WithdrawalReason,
    },
}

/// A task as offered to an agent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfferedTask {
    /// The task's key: what the agent's reports name.
    pub key: String,
    /// The task's title.
    pub title: String,
    /// The task's description ("" when none).
    pub description: String,
    /// 1 (lowest) to 10 (highest).
    pub priority: u8,
    /// Hours of work expected.
    pub effort: f64,
    /// RFC 3339, UTC.
    pub deadline: Option<String>,
    /// The goal the task serves, by key.
    pub goal: Option<String>,
    /// The plan the task was made from, by key.
    pub plan: Option<String>,
    /// The step of that plan.
    pub step: Option<String>,
    /// The step's action: what to do, what must hold first, what it makes true.
    pub action: Option<OfferedAction>,
    /// The capabilities (with minimum levels) the task requires.
    pub requires: Vec<CapabilityLevel>,
}

/// The action of an offered task's step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OfferedAction {
    /// The action's key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// What must hold before it starts.
    pub preconditions: Vec<Condition>,
    /// What it makes true when it is done.
    pub effects: Vec<Effect>,
    /// Expected duration in hours.
    pub duration: f64,
    /// Expected cost.
    pub cost: f64,
}

/// A task named by key only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaskRef {
    /// The task's key.
    pub key: String,
}

/// Why an offer was withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawalReason {
    /// The task was unassigned.
    Unassigned,
    /// The task was assigned to another agent (which gets an offer of its own).
    Reassigned,
    /// The task was deleted.
    Deleted,
    /// The task was blocked.
    Blocked,
    /// The task was marked failed by someone else.
    Failed,
    /// The task waits again on a dependency that is no longer done.
    Waiting,
}

/// The outcome of one report, on `mabos.agents.<AGENT>.receipts`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Receipt {
    /// The report was applied (now, or already before: `duplicate`).
    Applied {
        /// The report's id.
        id: String,
        /// Always `true`.
        ok: bool,
        /// The event of the report's gesture.
        seq: Option<i64>,
        /// The same id was applied before; nothing changed this time.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        duplicate: bool,
    },
    /// The report was refused; nothing was written.
    Refused {
        /// The report's id, `null` when it could not be read.
        id: Option<String>,
        /// Always `false`.
        ok: bool,
        /// Why.
        error: ReceiptError,
    },
}

/// Why a report was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReceiptError {
    /// A stable name: the core's error code (`not_assignee`, `not_found`,
    /// `invalid_transition`, `task_waiting`, `invalid`, …) or the bridge's own
    /// (`malformed`, `too_large`, `agent_mismatch`).
    pub code: String,
    /// What went wrong, in a sentence.
    pub message: String,
    /// The report's field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Receipt {
    /// A report applied as event `seq`.
    pub fn applied(id: &str, seq: Option<i64>, duplicate: bool) -> Receipt {
        Receipt::Applied { id: id.to_owned(), ok: true, seq, duplicate }
    }

    /// A report refused.
    pub fn refused(id: Option<String>, code: &str, message: String, field: Option<&str>) -> Receipt {
        Receipt::Refused { id, ok: false, error: ReceiptError { code: code.to_owned(), message, field: field.map(str::to_owned) } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wire_shapes() {
        let withdrawal = WorkMessage::Withdrawal { agent: "AG-1".into(), task: TaskRef { key: "T-4".into() }, reason: WithdrawalReason::Unassigned };
        assert_eq!(serde_json::to_value(withdrawal).unwrap(), json!({"kind": "withdrawal", "agent": "AG-1", "task": {"key": "T-4"}, "reason": "unassigned"}));
        assert_eq!(serde_json::to_value(Receipt::applied("r", Some(3), false)).unwrap(), json!({"id": "r", "ok": true, "seq": 3}));
        assert_eq!(serde_json::to_value(Receipt::applied("r", Some(3), true)).unwrap(), json!({"id": "r", "ok": true, "seq": 3, "duplicate": true}));
        let refused = Receipt::refused(None, "malformed", "not JSON".into(), None);
        assert_eq!(serde_json::to_value(refused).unwrap(), json!({"id": null, "ok": false, "error": {"code": "malformed", "message": "not JSON"}}));
    }
}
