//! What the fleet reads from the work stream, told apart by subject and checked: offers
//! and withdrawals on `mabos.agents.<AGENT>.tasks`, receipts on
//! `mabos.agents.<AGENT>.receipts`. Anything else, or anything that does not read as
//! its subject promises, is an error the fleet logs before it skips the message: no
//! message can make it panic or stop.

use crate::subjects;
use serde::Deserialize;

/// A message of the work stream, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Inbound {
    /// A ready task offered to `agent`.
    Offer {
        /// The agent's key.
        agent: String,
        /// The task's key.
        task: String,
    },
    /// An earlier offer of `task` to `agent` no longer stands.
    Withdrawal {
        /// The agent's key.
        agent: String,
        /// The task's key.
        task: String,
        /// Why (`unassigned`, `reassigned`, …).
        reason: String,
    },
    /// The outcome of one of `agent`'s reports.
    Receipt {
        /// The agent, as its subject names it.
        agent: String,
        /// The receipt.
        receipt: Receipt,
    },
}

/// A receipt, as the fleet reads it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Receipt {
    /// The report's id (`None` when the bridge could not read one).
    pub id: Option<String>,
    /// Applied (now or before).
    pub ok: bool,
    /// The event of the report's gesture.
    #[serde(default)]
    pub seq: Option<i64>,
    /// Applied before; nothing changed this time.
    #[serde(default)]
    pub duplicate: bool,
    /// Why the report was refused.
    #[serde(default)]
    pub error: Option<Refusal>,
}

/// Why a report was refused.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Refusal {
    /// A stable name (`not_assignee`, `invalid_transition`, …).
    pub code: String,
    /// The refusal in a sentence.
    pub message: String,
    /// The report's field at fault.
    #[serde(default)]
    pub field: Option<String>,
}

/// A message on a `tasks` subject (members the fleet does not need are ignored).
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Work {
    Offer { agent: String, task: TaskKey },
    Withdrawal { agent: String, task: TaskKey, reason: String },
}

#[derive(Deserialize)]
struct TaskKey {
    key: String,
}

/// Reads the message `payload` published on `subject`, or says why it cannot be read.
pub fn read(subject: &str, payload: &[u8]) -> Result<Inbound, String> {
    let (token, kind) = match subject.split('.').collect::<Vec<_>>()[..] {
        ["mabos", "agents", token, kind] => (token, kind),
        _ => return Err(format!("{subject} is not a subject of an agent's work")),
    };
    let same_agent = |agent: &str| -> Result<(), String> {
        if subjects::token(agent) == token {
            Ok(())
        } else {
            Err(format!("the message names agent {agent:?} but was sent on {subject}"))
        }
    };
    match kind {
        "tasks" => match serde_json::from_slice::<Work>(payload) {
            Ok(Work::Offer { agent, task }) => {
                same_agent(&agent)?;
                Ok(Inbound::Offer { agent, task: task.key })
            }
            Ok(Work::Withdrawal { agent, task, reason }) => {
                same_agent(&agent)?;
                Ok(Inbound::Withdrawal { agent, task: task.key, reason })
            }
            Err(e) => Err(format!("not an offer or a withdrawal: {e}")),
        },
        "receipts" => match serde_json::from_slice::<Receipt>(payload) {
            Ok(receipt) => Ok(Inbound::Receipt { agent: token.to_owned(), receipt }),
            Err(e) => Err(format!("not a receipt: {e}")),
        },
        _ => Err(format!("{subject} is not a subject of an agent's work")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Receipt as Sent, TaskRef, WithdrawalReason, WorkMessage};
    use serde_json::json;

    #[test]
    fn what_the_bridge_sends_reads_back() {
        let offer = json!({"kind": "offer", "agent": "AG-1", "task": {"key": "T-4", "title": "Build", "priority": 5, "action": null}});
        assert_eq!(read("mabos.agents.AG-1.tasks", offer.to_string().as_bytes()), Ok(Inbound::Offer { agent: "AG-1".into(), task: "T-4".into() }));
        let withdrawal = WorkMessage::Withdrawal { agent: "AG.2".into(), task: TaskRef { key: "T-5".into() }, reason: WithdrawalReason::Reassigned };
        assert_eq!(
            read("mabos.agents.AG_2.tasks", &serde_json::to_vec(&withdrawal).unwrap()),
            Ok(Inbound::Withdrawal { agent: "AG.2".into(), task: "T-5".into(), reason: "reassigned".into() })
        );
        let applied = read("mabos.agents.AG-1.receipts", &serde_json::to_vec(&Sent::applied("r", Some(9), true)).unwrap()).unwrap();
        let Inbound::Receipt { agent, receipt } = applied else { panic!("a receipt") };
        assert_eq!((agent.as_str(), receipt.id.as_deref(), receipt.ok, receipt.seq, receipt.duplicate), ("AG-1", Some("r"), true, Some(9), true));
        let refused = Sent::refused(None, "malformed", "not JSON".into(), Some("status"));
        let Ok(Inbound::Receipt { receipt, .. }) = read("mabos.agents.AG-1.receipts", &serde_json::to_vec(&refused).unwrap()) else { panic!("a receipt") };
        assert_eq!((receipt.ok, receipt.id), (false, None));
        assert_eq!(receipt.error, Some(Refusal { code: "malformed".into(), message: "not JSON".into(), field: Some("status".into()) }));
    }

    #[test]
    fn anything_else_is_an_error_never_a_panic() {
        let cases: [(&str, &[u8]); 10] = [
            ("mabos.agents.AG-1.tasks", b"{not json"),
            ("mabos.agents.AG-1.tasks", b"\xff\xfe"),
            ("mabos.agents.AG-1.tasks", br#"{"kind": "promotion", "agent": "AG-1", "task": {"key": "T-1"}}"#),
            ("mabos.agents.AG-1.tasks", br#"{"kind": "offer", "agent": "AG-1", "task": "T-1"}"#),
            ("mabos.agents.AG-1.tasks", br#"{"kind": "offer", "agent": "AG-2", "task": {"key": "T-1"}}"#),
            ("mabos.agents.AG-1.tasks", br#"[1, 2, 3]"#),
            ("mabos.agents.AG-1.receipts", br#"{"id": "r"}"#),
            ("mabos.agents.AG-1.receipts", b""),
            ("mabos.agents.AG-1.elsewhere", br#"{}"#),
            ("mabos.planner.reports.AG-1", br#"{}"#),
        ];
        for (subject, payload) in cases {
            assert!(read(subject, payload).is_err(), "{subject}: {}", String::from_utf8_lossy(payload));
        }
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read("mabos.agents.AG-1.tasks", deep.as_bytes()).is_err());
    }
}
