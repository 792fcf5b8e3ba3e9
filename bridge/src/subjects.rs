//! The names the bridge uses on the broker: streams, subjects, the durable consumer.

/// The stream of the event log.
pub const EVENTS_STREAM: &str = "MABOS_PLANNER_EVENTS";
/// The stream of work offers and withdrawals, and of report receipts.
pub const WORK_STREAM: &str = "MABOS_AGENT_WORK";
/// The stream agents publish their reports to.
pub const REPORTS_STREAM: &str = "MABOS_PLANNER_REPORTS";
/// The bridge's durable pull consumer on [`REPORTS_STREAM`].
pub const REPORTS_CONSUMER: &str = "mabos-planner-bridge";

/// Subjects of [`EVENTS_STREAM`].
pub const EVENTS_SUBJECTS: &str = "mabos.planner.events.>";
/// Subjects of [`WORK_STREAM`]: offers and withdrawals, then receipts.
pub const WORK_SUBJECTS: [&str; 2] = ["mabos.agents.*.tasks", "mabos.agents.*.receipts"];
/// Subjects of [`REPORTS_STREAM`].
pub const REPORTS_SUBJECTS: &str = "mabos.planner.reports.*";
/// What precedes the agent's key in a report's subject.
pub const REPORTS_PREFIX: &str = "mabos.planner.reports.";

/// `mabos.planner.events.<entity>.<kind>`.
pub fn event(entity: &str, kind: &str) -> String {
    format!("mabos.planner.events.{}.{}", token(entity), token(kind))
}

/// `mabos.agents.<agent>.tasks`: offers and withdrawals for one agent.
pub fn tasks(agent: &str) -> String {
    format!("mabos.agents.{}.tasks", token(agent))
}

/// `mabos.agents.<agent>.receipts`: the outcome of each of one agent's reports.
pub fn receipts(agent: &str) -> String {
    format!("mabos.agents.{}.receipts", token(agent))
}

/// `mabos.planner.reports.<agent>`: where one agent publishes its reports.
pub fn reports(agent: &str) -> String {
    format!("{REPORTS_PREFIX}{}", token(agent))
}

/// The message id of event `seq` of workspace `workspace`: `<workspace>:<seq>`.
pub fn event_id(workspace: &str, seq: i64) -> String {
    format!("{workspace}:{seq}")
}

/// One subject token: the text with every character NATS gives a meaning to (`.`, `*`,
/// `>`, white space and control characters) replaced by `_`, and `_` when empty. Keys,
/// entities and kinds never hold such characters; this keeps a subject one token each
/// whatever the database holds.
pub fn token(text: &str) -> String {
    if text.is_empty() {
        return "_".to_owned();
    }
    text.chars().map(|c| if matches!(c, '.' | '*' | '>') || c.is_whitespace() || c.is_control() { '_' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_keep_one_token_per_name() {
        assert_eq!(event("task", "status_changed"), "mabos.planner.events.task.status_changed");
        assert_eq!(tasks("AG-1"), "mabos.agents.AG-1.tasks");
        assert_eq!(receipts("a.b *>"), "mabos.agents.a_b___.receipts");
        assert_eq!(reports("AG-1"), "mabos.planner.reports.AG-1");
        assert_eq!(token(""), "_");
        assert_eq!(event_id("ws", 7), "ws:7");
    }
}
