//! Logs: tracing into a file in the app's log folder, a new file each day.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// The filter comes from `MABOS_PLANNER_LOG` (tracing's env-filter syntax), default `info`.
/// Keep the guard alive: dropping it flushes and stops the writer.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("mabos-planner: no log folder {}: {e}", dir.display());
        return None;
    }
    let (writer, guard) = tracing_appender::non_blocking(tracing_appender::rolling::daily(dir, "mabos-planner.log"));
    let filter = EnvFilter::try_from_env("MABOS_PLANNER_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).init();
    Some(guard)
}
