//! The bridge's life: connect, make sure the streams and the consumer exist, then run the
//! outbox (with the work offers after it) and the reports side by side until one of them
//! fails; then drop the connection, wait (backing off from 100 ms up to 5 s while the
//! broker stays away) and start again from what the database says was acknowledged.
//! Stops when `shutdown` completes.

use crate::db::Db;
use crate::status::StatusCell;
use crate::{checkpoints, offers, outbox, reports, streams};
use anyhow::{Context, Result};
use async_nats::jetstream::consumer::{pull, Consumer};
use async_nats::jetstream::Context as JetStream;
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What the bridge connects.
#[derive(Clone, Debug)]
pub struct Config {
    /// The planner database.
    pub db: PathBuf,
    /// The NATS server, e.g. `nats://127.0.0.1:4222`.
    pub nats: String,
    /// How often the event log is read for new events while nothing waits.
    pub poll: Duration,
    /// Where the bridge says whether it is connected and why a session ended.
    pub status: StatusCell,
}

impl Config {
    /// A bridge from `db` to `nats`, reading the log every 100 ms when idle.
    pub fn new(db: impl Into<PathBuf>, nats: &str) -> Config {
        Config { db: db.into(), nats: nats.to_owned(), poll: Duration::from_millis(100), status: StatusCell::default() }
    }
}

/// First wait after a failure.
const BACKOFF_FIRST: Duration = Duration::from_millis(100);
/// Longest wait between two attempts.
const BACKOFF_MAX: Duration = Duration::from_secs(5);
/// A session that lasted this long starts the back-off again from its first step.
const STEADY: Duration = Duration::from_secs(10);

/// Runs the bridge until `shutdown` completes; fails only when the database cannot be
/// opened. Broker failures are logged and retried.
pub async fn run(config: Config, shutdown: impl Future<Output = ()>) -> Result<()> {
    let db = Db::open(&config.db).with_context(|| format!("opening {}", config.db.display()))?;
    let workspace = db.call(|store| store.workspace_id()).await??;
    tracing::info!(db = %config.db.display(), %workspace, nats = %config.nats, "bridge starting");
    tokio::select! {
        () = shutdown => tracing::info!("bridge stopping"),
        () = supervise(&config, &db, &workspace) => {}
        () = checkpoints::run(config.db.clone()) => {}
    }
    config.status.stopped();
    Ok(())
}

/// Sessions, one after the other, with back-off between failures.
async fn supervise(config: &Config, db: &Db, workspace: &str) {
    let mut wait = BACKOFF_FIRST;
    loop {
        let started = Instant::now();
        match session(config, db, workspace).await {
            Ok(()) => {}
            Err(e) => {
                let error = format!("{e:#}");
                tracing::warn!(error, "broker session ended");
                config.status.failed(error);
            }
        }
        if started.elapsed() >= STEADY {
            wait = BACKOFF_FIRST;
        }
        tracing::info!(wait_ms = wait.as_millis() as u64, "reconnecting");
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(BACKOFF_MAX);
    }
}

/// One connection: until the outbox or the reports fail.
async fn session(config: &Config, db: &Db, workspace: &str) -> Result<()> {
    let js = streams::connect("mabos-planner-bridge", config.nats.as_str()).await?;
    streams::events(&js).await?;
    streams::work(&js).await?;
    let reports_stream = streams::reports(&js).await?;
    let consumer = reports::consumer(&reports_stream).await?;
    config.status.connected();
    tokio::try_join!(publishing(config, &js, db, workspace), consuming(&js, &consumer, db))?;
    Ok(())
}

/// The outbox, then the offers once it has caught up with a log that moved.
async fn publishing(config: &Config, js: &JetStream, db: &Db, workspace: &str) -> Result<()> {
    // Offers change only with the workspace, and every change of it is an event: they
    // are compared again after events were sent, and once at the start of a session.
    let mut moved = true;
    loop {
        let sent = outbox::send_batch(js, db, workspace).await?;
        moved |= sent > 0;
        if moved && sent < outbox::BATCH as usize {
            offers::sync(js, db).await?;
            moved = false;
        }
        if sent == 0 {
            tokio::time::sleep(config.poll).await;
        }
    }
}

/// The reports, batch after batch.
async fn consuming(js: &JetStream, consumer: &Consumer<pull::Config>, db: &Db) -> Result<()> {
    loop {
        reports::take_batch(js, consumer, db).await?;
    }
}
