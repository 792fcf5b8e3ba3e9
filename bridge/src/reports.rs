//! Reports: the bridge's durable pull consumer on [`REPORTS_STREAM`] takes each report,
//! applies it as one gesture of its agent (`Store::apply_agent_report`), publishes the
//! receipt to `mabos.agents.<AGENT>.receipts`, and only then acknowledges the message.
//! A report is untrusted input: one larger than [`MAX_REPORT_BYTES`], not JSON, not a
//! report, or whose agent is not the one of its subject is answered with a receipt that
//! names the problem and acknowledged, so it is never delivered again; nothing in it
//! can make the bridge panic or stop.

use crate::db::Db;
use crate::messages::Receipt;
use crate::subjects::{self, REPORTS_CONSUMER, REPORTS_PREFIX, REPORTS_SUBJECTS};
use anyhow::{Context, Result};
use async_nats::jetstream::consumer::{pull, AckPolicy, Consumer};
use async_nats::jetstream::message::Message;
use async_nats::jetstream::stream::Stream;
use async_nats::jetstream::{AckKind, Context as JetStream};
use futures_util::StreamExt;
use mabos_planner::{AgentReport, Error};
use std::time::Duration;

/// Largest report accepted, in bytes.
pub const MAX_REPORT_BYTES: usize = 16 * 1024;
/// Most reports asked for at once.
pub const BATCH: usize = 100;
/// How long one pull waits for reports before asking again.
const PULL_WAIT: Duration = Duration::from_secs(1);
/// How long the broker waits for an acknowledgement before delivering a report again.
const ACK_WAIT: Duration = Duration::from_secs(30);
/// How long a report that could not be applied for a passing reason (the database was
/// locked) waits before it is delivered again.
const RETRY_DELAY: Duration = Duration::from_secs(1);

/// The bridge's durable consumer on the reports stream, created if missing.
pub async fn consumer(stream: &Stream) -> Result<Consumer<pull::Config>> {
    let config = pull::Config {
        durable_name: Some(REPORTS_CONSUMER.to_owned()),
        ack_policy: AckPolicy::Explicit,
        ack_wait: ACK_WAIT,
        filter_subject: REPORTS_SUBJECTS.to_owned(),
        max_ack_pending: 1000,
        ..Default::default()
    };
    stream.get_or_create_consumer(REPORTS_CONSUMER, config).await.context("creating the reports consumer")
}

/// Takes what reports wait, at most [`BATCH`], waiting up to a second for the first.
/// Returns how many were handled.
pub async fn take_batch(js: &JetStream, consumer: &Consumer<pull::Config>, db: &Db) -> Result<usize> {
    let mut messages = consumer.batch().max_messages(BATCH).expires(PULL_WAIT).messages().await.context("asking for reports")?;
    let mut handled = 0;
    while let Some(message) = messages.next().await {
        let message = message.map_err(|e| anyhow::anyhow!("receiving reports: {e}"))?;
        handle(js, db, &message).await?;
        handled += 1;
    }
    Ok(handled)
}

/// One report: applied (or refused), its receipt published, then acknowledged.
async fn handle(js: &JetStream, db: &Db, message: &Message) -> Result<()> {
    let agent = message.subject.as_str().strip_prefix(REPORTS_PREFIX).unwrap_or("_").to_owned();
    let receipt = match read(&agent, &message.payload) {
        Err(receipt) => receipt,
        Ok(report) => {
            let id = report.id.clone();
            match db.call(move |store| store.apply_agent_report(&report)).await? {
                Ok(applied) => {
                    tracing::info!(%id, %agent, task = %applied.task, to = %applied.to, seq = ?applied.seq, "report applied");
                    Receipt::applied(&id, applied.seq, false)
                }
                Err(Error::ReportAlreadyApplied { seq, .. }) => {
                    tracing::info!(%id, %agent, "report applied before");
                    Receipt::applied(&id, seq, true)
                }
                Err(e) if passing(&e) => {
                    // Not the report's fault: let the broker deliver it again.
                    tracing::warn!(%id, %agent, error = %e, "report not applied; delivered again later");
                    message.ack_with(AckKind::Nak(Some(RETRY_DELAY))).await.map_err(|e| anyhow::anyhow!("{e}"))?;
                    return Ok(());
                }
                Err(e) => {
                    tracing::info!(%id, %agent, error = %e, "report refused");
                    Receipt::refused(Some(id), e.code(), e.to_string(), e.report_field())
                }
            }
        }
    };
    let subject = subjects::receipts(&agent);
    let ack = js.publish(subject.clone(), serde_json::to_vec(&receipt)?.into()).await.with_context(|| format!("publishing to {subject}"))?;
    ack.await.with_context(|| format!("waiting for the acknowledgement on {subject}"))?;
    message.ack().await.map_err(|e| anyhow::anyhow!("acknowledging a report: {e}"))?;
    Ok(())
}

/// The report a message on the subject of `agent` (the key as the subject spells it)
/// holds, or the receipt that refuses it.
pub fn read(agent: &str, payload: &[u8]) -> Result<AgentReport, Receipt> {
    if payload.len() > MAX_REPORT_BYTES {
        let message = format!("the report is {} bytes long; at most {MAX_REPORT_BYTES} are accepted", payload.len());
        return Err(Receipt::refused(None, "too_large", message, None));
    }
    let value: serde_json::Value =
        serde_json::from_slice(payload).map_err(|e| Receipt::refused(None, "malformed", format!("the report is not JSON: {e}"), None))?;
    // The id, when there is one, names the receipt even if the rest is wrong.
    let id = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
    let report: AgentReport = serde_json::from_value(value).map_err(|e| Receipt::refused(id.clone(), "malformed", format!("the report is not a report: {e}"), None))?;
    // The subject spells the key as one token (`subjects::token`): AG.1 reports on AG_1.
    if subjects::token(&report.agent) != agent {
        let message = format!("the report names agent {:?} but was sent on the subject of agent {agent:?}", report.agent);
        return Err(Receipt::refused(id, "agent_mismatch", message, Some("agent")));
    }
    Ok(report)
}

/// Errors that say nothing about the report: the database could not be written now.
fn passing(e: &Error) -> bool {
    matches!(e, Error::Locked { .. } | Error::Database(_) | Error::Io { .. } | Error::ReadOnly { .. } | Error::Corrupt { .. } | Error::Migration(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refusal(agent: &str, payload: &[u8]) -> serde_json::Value {
        serde_json::to_value(read(agent, payload).unwrap_err()).unwrap()
    }

    #[test]
    fn untrusted_reports_are_refused_by_name() {
        let good = br#"{"id":"r-1","agent":"AG-1","task":"T-1","status":"done","note":"ok"}"#;
        assert_eq!(read("AG-1", good).unwrap().task, "T-1");
        assert_eq!(refusal("AG-2", good)["error"]["code"], "agent_mismatch");
        assert_eq!(refusal("AG-2", good)["id"], "r-1");
        let dotted = br#"{"id":"r-3","agent":"ops.bot","task":"T-1","status":"started"}"#;
        assert_eq!(read("ops_bot", dotted).unwrap().agent, "ops.bot");
        assert_eq!(refusal("ops.bot", dotted)["error"]["code"], "agent_mismatch");
        assert_eq!(refusal("AG-1", b"{not json")["error"]["code"], "malformed");
        assert_eq!(refusal("AG-1", b"\xff\xfe")["error"]["code"], "malformed");
        let wrong = refusal("AG-1", br#"{"id":"r-2","agent":"AG-1","task":"T-1","status":"paused"}"#);
        assert_eq!((wrong["id"].clone(), wrong["error"]["code"].clone()), (json!("r-2"), json!("malformed")));
        assert_eq!(refusal("AG-1", br#"{"id":7}"#)["id"], json!(null));
        let big = format!(r#"{{"id":"r","agent":"AG-1","task":"T-1","status":"done","note":"{}"}}"#, "x".repeat(MAX_REPORT_BYTES));
        assert_eq!(refusal("AG-1", big.as_bytes())["error"]["code"], "too_large");
    }
}
