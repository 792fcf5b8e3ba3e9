//! One connection of the fleet: connect, make sure of the work and reports streams and of
//! the fleet's durable consumers, then hand every message to the desk and every ended
//! worker back to it, until the connection fails or the fleet is told to stop.

use super::desk::{Behaviour, Desk};
use super::roster::{Agents, Roster};
use super::Config;
use crate::{streams, subjects};
use anyhow::{anyhow, Context, Result};
use async_nats::jetstream::consumer::{pull, AckPolicy, DeliverPolicy};
use async_nats::jetstream::{self, stream};
use futures_util::StreamExt;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// How often the broker says it is there while no message comes; two missed end the
/// connection.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// The consumer of a fleet acting for every agent of a database.
pub const CONSUMER: &str = "mabos-planner-agents";

/// Runs one connection until `stop` turns true (`Ok`) or the connection fails.
pub async fn session(config: &Config, roster: &mut Roster, stop: &mut watch::Receiver<bool>) -> Result<()> {
    let connecting = connect(config);
    let (js, mut messages) = tokio::select! {
        connected = connecting => connected?,
        _ = stop.wait_for(|stop| *stop) => return Ok(()),
    };
    let (finished_tx, mut finished) = mpsc::channel(256);
    let behaviour = Behaviour { seed: config.seed, delay: config.delay, fail_rate: config.fail_rate };
    let mut desk = Desk::new(js, behaviour, finished_tx);
    let ended = loop {
        tokio::select! {
            biased;
            _ = stop.wait_for(|stop| *stop) => break Ok(()),
            Some(done) = finished.recv() => desk.finished(done).await,
            next = messages.next() => match next {
                Some(Ok(message)) => desk.take(message, roster).await,
                Some(Err(e)) => break Err(anyhow!("reading the work stream: {e}")),
                None => break Err(anyhow!("the work stream's consumer ended")),
            },
        }
    };
    tracing::info!(held = desk.len(), "handing back the offers in hand");
    // Over a connection that failed this may not get through: the broker then delivers
    // the offers again once their acknowledgement wait is over.
    if tokio::time::timeout(streams::TIMEOUT, desk.release()).await.is_err() {
        tracing::warn!("the offers in hand could not all be handed back");
    }
    ended
}

type Messages = futures_util::stream::SelectAll<pull::Stream>;

/// Connects, makes the streams and the consumers, and starts reading.
async fn connect(config: &Config) -> Result<(jetstream::Context, Messages)> {
    let js = streams::connect("mabos-planner-agents", config.nats.as_str()).await?;
    let work = streams::work(&js).await?;
    streams::reports(&js).await?;
    let mut all = Vec::new();
    for (name, filter) in consumers(&config.agents) {
        all.push(read(&work, &name, &filter, ack_wait(config)).await?);
    }
    Ok((js, futures_util::stream::select_all(all)))
}

/// (durable name, filter subject) of each consumer: one on every agent's subjects for a
/// database's agents (agents created later included), else two per agent named, its
/// tasks and its receipts (a 2.9 server takes one filter subject per consumer, and only
/// one that a subject of the stream contains or that contains one).
pub fn consumers(agents: &Agents) -> Vec<(String, String)> {
    match agents {
        Agents::Database(_) => vec![(CONSUMER.to_owned(), "mabos.agents.>".to_owned())],
        Agents::Listed(keys) => keys
            .iter()
            .flat_map(|key| {
                let token = subjects::token(key);
                [(format!("{CONSUMER}-{token}-tasks"), subjects::tasks(key)), (format!("{CONSUMER}-{token}-receipts"), subjects::receipts(key))]
            })
            .collect(),
    }
}

/// How long the broker waits for an offer's acknowledgement before it delivers it again:
/// well beyond the two waits of the work.
fn ack_wait(config: &Config) -> Duration {
    Duration::from_secs(30) + Duration::from_millis(config.delay.max) * 4
}

/// The durable consumer `name`, made if missing, read as a stream of messages.
async fn read(work: &stream::Stream, name: &str, filter: &str, ack_wait: Duration) -> Result<pull::Stream> {
    let config = pull::Config {
        durable_name: Some(name.to_owned()),
        filter_subject: filter.to_owned(),
        // Offers made before the fleet first started are taken too.
        deliver_policy: DeliverPolicy::All,
        ack_policy: AckPolicy::Explicit,
        ack_wait,
        max_ack_pending: 10_000,
        ..Default::default()
    };
    let consumer = work.get_or_create_consumer(name, config).await.with_context(|| format!("creating the consumer {name}"))?;
    consumer.stream().heartbeat(HEARTBEAT).expires(HEARTBEAT * 3).messages().await.with_context(|| format!("reading the consumer {name}"))
}
