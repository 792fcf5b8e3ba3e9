//! One offer's work: wait, report the task started, wait again, report it done (or
//! failed, as drawn). What is drawn for an offer (the two waits, the outcome) depends only
//! on the fleet's seed and the offer's stream sequence, and so do the reports' ids
//! (`<agent>/<task>/<status>@<offer seq>`): an offer delivered again after a restart
//! sends the same reports, which the bridge answers as duplicates.

use super::options::Delay;
use super::rng::Rng;
use crate::subjects;
use anyhow::{Context, Result};
use async_nats::jetstream::Context as JetStream;
use mabos_planner::{AgentReport, ReportStatus};
use std::time::Duration;
use tokio::sync::mpsc;

/// An offer taken by one of the fleet's agents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// The agent's key.
    pub agent: String,
    /// The task's key.
    pub task: String,
    /// The offer's sequence in the work stream.
    pub offer_seq: u64,
}

/// What is drawn for one offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Script {
    /// The wait before the task is reported started.
    pub before_start: Duration,
    /// The wait before it is reported done or failed.
    pub before_end: Duration,
    /// Done or failed.
    pub outcome: ReportStatus,
}

impl Script {
    /// The waits and the outcome of the offer `offer_seq` for the fleet's `seed`: failed
    /// with probability `fail_rate`.
    pub fn draw(seed: u64, offer_seq: u64, delay: Delay, fail_rate: f64) -> Script {
        let mut rng = Rng::for_offer(seed, offer_seq);
        let before_start = delay.pick(&mut rng);
        let before_end = delay.pick(&mut rng);
        let outcome = if rng.unit() < fail_rate { ReportStatus::Failed } else { ReportStatus::Done };
        Script { before_start, before_end, outcome }
    }
}

/// What a worker says when it ends: the outcome it reported, or why it could not report.
#[derive(Debug)]
pub struct Finished {
    /// The job.
    pub job: Job,
    /// The outcome reported, or why reporting failed.
    pub result: Result<ReportStatus, String>,
}

/// The id of `job`'s report of `status`, at most [`AgentReport::MAX_ID`] characters.
pub fn report_id(job: &Job, status: ReportStatus) -> String {
    let word = match status {
        ReportStatus::Started => "started",
        ReportStatus::Done => "done",
        ReportStatus::Failed => "failed",
    };
    let id = format!("{}/{}/{word}@{}", job.agent, job.task, job.offer_seq);
    if id.chars().count() <= AgentReport::MAX_ID {
        return id;
    }
    // Two 64-character keys: the agent is already in the subject; the task's key is
    // shortened to a hash of it.
    format!("{}/{:016x}/{word}@{}", job.agent, fnv1a(&job.task), job.offer_seq)
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Does `job` as `script` says, then tells `finished`.
pub async fn work(js: JetStream, job: Job, script: Script, finished: mpsc::Sender<Finished>) {
    let result = run(&js, &job, script).await.map(|()| script.outcome).map_err(|e| format!("{e:#}"));
    // The fleet may be gone (shutting down): nothing left to tell.
    let _ = finished.send(Finished { job, result }).await;
}

async fn run(js: &JetStream, job: &Job, script: Script) -> Result<()> {
    tokio::time::sleep(script.before_start).await;
    send(js, &report(job, ReportStatus::Started)).await?;
    tracing::info!(agent = %job.agent, task = %job.task, "task started");
    tokio::time::sleep(script.before_end).await;
    send(js, &report(job, script.outcome)).await?;
    tracing::info!(agent = %job.agent, task = %job.task, outcome = ?script.outcome, "task finished");
    Ok(())
}

/// `job`'s report of `status`, with a note that says who sent it.
pub fn report(job: &Job, status: ReportStatus) -> AgentReport {
    let mut report = AgentReport::new(&report_id(job, status), &job.agent, &job.task, status);
    let note = match status {
        ReportStatus::Started => "taken by the example fleet",
        ReportStatus::Done => "done by the example fleet",
        ReportStatus::Failed => "failed on purpose (the example fleet's --fail-rate)",
    };
    report.note = Some(note.to_owned());
    report
}

/// Publishes `report` and waits for the reports stream to hold it.
async fn send(js: &JetStream, report: &AgentReport) -> Result<()> {
    let subject = subjects::reports(&report.agent);
    let ack = js.publish(subject.clone(), serde_json::to_vec(report)?.into()).await.with_context(|| format!("publishing to {subject}"))?;
    ack.await.with_context(|| format!("waiting for the acknowledgement on {subject}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_depends_on_the_seed_and_the_offer_only() {
        let delay = Delay { min: 10, max: 20 };
        assert_eq!(Script::draw(3, 17, delay, 0.5), Script::draw(3, 17, delay, 0.5));
        for offer in 0..200 {
            let script = Script::draw(3, offer, delay, 0.0);
            assert_eq!(script.outcome, ReportStatus::Done);
            assert!((10..=20).contains(&(script.before_start.as_millis() as u64)));
            assert!((10..=20).contains(&(script.before_end.as_millis() as u64)));
            assert_eq!(Script::draw(3, offer, delay, 1.0).outcome, ReportStatus::Failed);
        }
        let failed = (0..1000).filter(|&offer| Script::draw(5, offer, delay, 0.1).outcome == ReportStatus::Failed).count();
        assert!((50..150).contains(&failed), "{failed} of 1000 failed at a rate of 0.1");
    }

    #[test]
    fn report_ids_name_the_offer_and_keep_within_the_limit() {
        let job = Job { agent: "AG-1".into(), task: "T-4".into(), offer_seq: 12 };
        assert_eq!(report_id(&job, ReportStatus::Started), "AG-1/T-4/started@12");
        assert_eq!(report_id(&job, ReportStatus::Failed), "AG-1/T-4/failed@12");
        let long = Job { agent: "A".repeat(64), task: "T".repeat(64), offer_seq: u64::MAX };
        let id = report_id(&long, ReportStatus::Started);
        assert!(id.len() <= AgentReport::MAX_ID, "{id}");
        for status in [ReportStatus::Started, ReportStatus::Done, ReportStatus::Failed] {
            assert_eq!(report(&long, status).validate(), Ok(()));
            assert_eq!(report(&job, status).validate(), Ok(()));
        }
    }
}
