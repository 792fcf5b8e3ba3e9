//! The offers the fleet holds, one per agent and task, each with the worker doing it and
//! the message that brought it, acknowledged once the work is reported or withdrawn (so
//! that a fleet that stops half way gets the offer again when it comes back). Every
//! message of the work stream comes here: offers start a worker, withdrawals stop one
//! before it reports anything more, receipts are logged (a refused start drops its task).

use super::inbound::{self, Inbound, Receipt};
use super::options::Delay;
use super::roster::Roster;
use super::worker::{self, Finished, Job, Script};
use async_nats::jetstream::message::Message;
use async_nats::jetstream::{AckKind, Context as JetStream};
use mabos_planner::ReportStatus;
use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

/// How the fleet's agents behave.
#[derive(Clone, Copy, Debug)]
pub struct Behaviour {
    /// The fleet's seed.
    pub seed: u64,
    /// The waits before starting and before finishing.
    pub delay: Delay,
    /// The share of tasks reported failed.
    pub fail_rate: f64,
}

/// An offer being worked on.
struct Held {
    job: Job,
    /// The newest delivery of the offer: the one to acknowledge.
    message: Message,
    worker: AbortHandle,
}

/// The offers held, by (agent, task).
pub struct Desk {
    js: JetStream,
    behaviour: Behaviour,
    finished: mpsc::Sender<Finished>,
    held: HashMap<(String, String), Held>,
}

/// How long a report that could not be sent waits before its offer is delivered again.
const RETRY: Duration = Duration::from_secs(1);

impl Desk {
    /// An empty desk whose workers report on `js` and tell `finished` when they end.
    pub fn new(js: JetStream, behaviour: Behaviour, finished: mpsc::Sender<Finished>) -> Desk {
        Desk { js, behaviour, finished, held: HashMap::new() }
    }

    /// How many offers are held.
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// One message of the work stream.
    pub async fn take(&mut self, message: Message, roster: &mut Roster) {
        let seq = match message.info() {
            Ok(info) => info.stream_sequence,
            Err(e) => {
                tracing::warn!(subject = %message.subject, error = %e, "a message without JetStream metadata; skipped");
                return;
            }
        };
        match inbound::read(message.subject.as_str(), &message.payload) {
            Err(why) => {
                tracing::warn!(subject = %message.subject, seq, %why, "message skipped");
                ack(&message).await;
            }
            Ok(Inbound::Offer { agent, task }) => {
                if roster.knows(&agent).await {
                    self.offer(Job { agent, task, offer_seq: seq }, message);
                } else {
                    tracing::warn!(%agent, %task, "an offer to an agent this fleet does not act for; skipped");
                    ack(&message).await;
                }
            }
            Ok(Inbound::Withdrawal { agent, task, reason }) => {
                if let Some(held) = self.held.remove(&(agent.clone(), task.clone())) {
                    held.worker.abort();
                    ack(&held.message).await;
                    tracing::info!(%agent, %task, %reason, "offer withdrawn; not reported");
                } else {
                    tracing::debug!(%agent, %task, %reason, "withdrawal of an offer not held");
                }
                ack(&message).await;
            }
            Ok(Inbound::Receipt { agent, receipt }) => {
                self.receipt(&agent, receipt).await;
                ack(&message).await;
            }
        }
    }

    /// A new offer starts a worker; the same offer delivered again, or the same task
    /// offered again while held, is the offer already being worked on.
    fn offer(&mut self, job: Job, message: Message) {
        let key = (job.agent.clone(), job.task.clone());
        if let Some(held) = self.held.get_mut(&key) {
            tracing::debug!(agent = %job.agent, task = %job.task, "offered again while held: the same offer");
            if held.job.offer_seq == job.offer_seq {
                held.message = message;
            } else {
                // Acknowledged now: the offer held already stands for it.
                tokio::spawn(async move { ack(&message).await });
            }
            return;
        }
        let Behaviour { seed, delay, fail_rate } = self.behaviour;
        let script = Script::draw(seed, job.offer_seq, delay, fail_rate);
        tracing::info!(agent = %job.agent, task = %job.task, offer = job.offer_seq, "offer taken");
        let worker = tokio::spawn(worker::work(self.js.clone(), job.clone(), script, self.finished.clone())).abort_handle();
        self.held.insert(key, Held { job, message, worker });
    }

    /// A worker ended: its offer is acknowledged, or delivered again a second later when
    /// the reports could not be sent (the same ids then: no report is applied twice).
    pub async fn finished(&mut self, finished: Finished) {
        let key = (finished.job.agent.clone(), finished.job.task.clone());
        let Some(held) = self.held.remove(&key) else { return };
        if held.job != finished.job {
            // A later offer of the same task: this worker's offer was already let go.
            self.held.insert(key, held);
            return;
        }
        match finished.result {
            Ok(_) => ack(&held.message).await,
            Err(error) => {
                tracing::warn!(agent = %held.job.agent, task = %held.job.task, %error, "could not report; the offer comes back");
                if let Err(e) = held.message.ack_with(AckKind::Nak(Some(RETRY))).await {
                    tracing::warn!(error = %e, "handing an offer back");
                }
            }
        }
    }

    /// A refused report is logged; a refused start drops its task (it is not the agent's
    /// to do any more, or was never).
    async fn receipt(&mut self, agent: &str, receipt: Receipt) {
        let id = receipt.id.as_deref().unwrap_or("");
        if receipt.ok {
            tracing::debug!(%agent, %id, seq = ?receipt.seq, duplicate = receipt.duplicate, "report applied");
            return;
        }
        match &receipt.error {
            Some(error) => tracing::warn!(%agent, %id, code = %error.code, field = ?error.field, message = %error.message, "report refused"),
            None => tracing::warn!(%agent, %id, "report refused, without a reason"),
        }
        let refused_start = self.held.iter().find(|(_, held)| worker::report_id(&held.job, ReportStatus::Started) == id).map(|(key, _)| key.clone());
        if let Some(held) = refused_start.and_then(|key| self.held.remove(&key)) {
            held.worker.abort();
            ack(&held.message).await;
            tracing::info!(agent = %held.job.agent, task = %held.job.task, "start refused; task dropped");
        }
    }

    /// Stops every worker and hands its offer back, to be delivered again at once to the
    /// next fleet on the same consumer.
    pub async fn release(&mut self) {
        for (_, held) in self.held.drain() {
            held.worker.abort();
            if let Err(e) = held.message.ack_with(AckKind::Nak(None)).await {
                tracing::debug!(error = %e, "handing an offer back");
            }
        }
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        for held in self.held.values() {
            held.worker.abort();
        }
    }
}

async fn ack(message: &Message) {
    if let Err(e) = message.ack().await {
        tracing::warn!(subject = %message.subject, error = %e, "acknowledging a message");
    }
}
