//! Logs: tracing into a file in the app's log folder, a new file each day, the newest
//! [`KEPT_DAYS`] kept (older ones are deleted as a new day's file starts).

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// The filter comes from `MABOS_PLANNER_LOG` (tracing's env-filter syntax), default `info`.
/// Keep the guard alive: dropping it flushes and stops the writer.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("mabos-planner: no log folder {}: {e}", dir.display());
        return None;
    }
    let files = match daily_files(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("mabos-planner: cannot log to {}: {e}", dir.display());
            return None;
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(files);
    let filter = EnvFilter::try_from_env("MABOS_PLANNER_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).init();
    Some(guard)
}

/// How many days of logs stay on disk.
const KEPT_DAYS: usize = 14;

/// `mabos-planner.YYYY-MM-DD.log`, one per day, at most [`KEPT_DAYS`] of them.
fn daily_files(dir: &Path) -> Result<RollingFileAppender, tracing_appender::rolling::InitError> {
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("mabos-planner")
        .filename_suffix("log")
        .max_log_files(KEPT_DAYS)
        .build(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn old_days_are_pruned_when_the_log_opens() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=28 {
            std::fs::write(dir.path().join(format!("mabos-planner.2020-02-{day:02}.log")), "old\n").unwrap();
        }
        let mut files = daily_files(dir.path()).unwrap();
        files.write_all(b"today\n").unwrap();
        files.flush().unwrap();
        let logs = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".log")).count();
        assert!(logs <= KEPT_DAYS, "{logs} log files kept");
    }
}
