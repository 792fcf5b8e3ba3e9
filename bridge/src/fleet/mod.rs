//! An example fleet of agents (`mabos-planner-agents`; docs/bridge.md, "Watch a plan run
//! itself"): it takes the work the bridge offers to the agents of a database (or to the
//! agents named), waits a random while, reports the task started, waits again and
//! reports it done, or now and then failed. A withdrawn offer is dropped without a
//! report; receipts are read, and refused ones logged. It is an agent as any other: it
//! knows the planner only through the broker (the database, when given, names the agents).
//!
//! `roster` says which agents it acts for, `session` runs one connection, `desk` holds the
//! offers being worked on, `worker` does one, `inbound` reads the work stream's messages,
//! `options` and `rng` are the command line's delay range and the random draws.

mod desk;
pub mod inbound;
pub mod options;
pub mod rng;
pub mod roster;
mod session;
pub mod worker;

pub use options::Delay;
pub use roster::Agents;
pub use session::CONSUMER;

use anyhow::Result;
use roster::Roster;
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// What the fleet connects and how its agents behave.
#[derive(Clone, Debug)]
pub struct Config {
    /// The NATS server.
    pub nats: String,
    /// The agents it acts for.
    pub agents: Agents,
    /// The wait before starting a task and again before finishing it.
    pub delay: Delay,
    /// The share of tasks reported failed (0 to 1).
    pub fail_rate: f64,
    /// The seed of every random draw.
    pub seed: u64,
}

/// First wait after a failed connection.
const BACKOFF_FIRST: Duration = Duration::from_millis(100);
/// Longest wait between two attempts.
const BACKOFF_MAX: Duration = Duration::from_secs(5);
/// A session that lasted this long starts the back-off again from its first step.
const STEADY: Duration = Duration::from_secs(10);
/// How long the fleet takes, at most, to hand back its offers when told to stop.
const GRACE: Duration = Duration::from_secs(5);

/// Runs the fleet until `shutdown` completes; fails only when the database cannot be
/// read. Broker failures are logged and retried.
pub async fn run(config: Config, shutdown: impl Future<Output = ()>) -> Result<()> {
    let roster = Roster::load(config.agents.clone()).await?;
    let named: Vec<&str> = roster.agents().iter().map(String::as_str).collect();
    tracing::info!(agents = %named.join(","), nats = %config.nats, seed = config.seed, delay_ms = %config.delay, fail_rate = config.fail_rate, "fleet starting");
    let (stop, stopped) = watch::channel(false);
    let supervisor = supervise(&config, roster, stopped);
    tokio::pin!(supervisor, shutdown);
    tokio::select! {
        () = &mut shutdown => {}
        () = &mut supervisor => return Ok(()),
    }
    tracing::info!("fleet stopping");
    let _ = stop.send(true);
    if tokio::time::timeout(GRACE, supervisor).await.is_err() {
        tracing::warn!("the offers in hand were not all handed back");
    }
    Ok(())
}

/// Sessions, one after the other, with back-off between failures, until `stop`.
async fn supervise(config: &Config, mut roster: Roster, mut stop: watch::Receiver<bool>) {
    let mut wait = BACKOFF_FIRST;
    loop {
        let started = Instant::now();
        match session::session(config, &mut roster, &mut stop).await {
            Ok(()) => return,
            Err(e) => tracing::warn!(error = format!("{e:#}"), "broker session ended"),
        }
        if started.elapsed() >= STEADY {
            wait = BACKOFF_FIRST;
        }
        tracing::info!(wait_ms = wait.as_millis() as u64, "reconnecting");
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|stop| *stop) => return,
        }
        wait = (wait * 2).min(BACKOFF_MAX);
    }
}
