//! Checkpoints of the database's write-ahead log, on a connection of the bridge's own,
//! once a second. A checkpoint copies the log into the database file and waits for the
//! disk (fsync); run by whichever commit crosses SQLite's threshold, it would hold up
//! the report being applied, and with it every report behind it, by as long as the disk
//! takes. The bridge's store checkpoints nothing itself ([`crate::db::Db::open`]); this
//! connection does it beside, without its lock. A passive checkpoint never waits for a
//! reader or a writer: what it cannot copy now, it copies the next time.

use mabos_planner::Store;
use std::path::PathBuf;
use std::time::Duration;

/// How often the log is checkpointed.
pub const PERIOD: Duration = Duration::from_secs(1);

/// Checkpoints the log of the database at `path` every [`PERIOD`]; never completes.
/// Without a connection of its own (the database cannot be opened again) it logs why and
/// leaves checkpoints to the other connections of the database.
pub async fn run(path: PathBuf) {
    let opened = tokio::task::spawn_blocking(move || Store::open(&path)).await;
    let Ok(Ok(mut store)) = opened else {
        tracing::warn!("no connection for checkpoints: the log is checkpointed by the database's other connections");
        return std::future::pending().await;
    };
    loop {
        tokio::time::sleep(PERIOD).await;
        let done = tokio::task::spawn_blocking(move || {
            let pages = store.connection().query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)));
            (store, pages)
        })
        .await;
        match done {
            Ok((kept, Ok((log, copied)))) => {
                store = kept;
                tracing::trace!(log, copied, "checkpoint");
            }
            Ok((kept, Err(e))) => {
                store = kept;
                tracing::debug!(error = %e, "checkpoint not made; next time");
            }
            // The runtime is shutting down.
            Err(_) => return std::future::pending().await,
        }
    }
}
