//! What the crate's binaries (the bridge, the example agents) share as processes: logging
//! to stderr at the level `-v` asks for, a runtime that works until a signal stops it, and
//! an error said whole as the exit.

use std::future::Future;
use std::process::ExitCode;

/// A binary's life after its arguments are read: logging at `verbose`, then `work` on a
/// two-thread runtime (both binaries wait on the network and the database, not on the
/// CPU) until it ends, given the future that completes on SIGINT or SIGTERM. An error is
/// printed with its causes and fails the process.
pub fn serve<W, F>(verbose: u8, work: W) -> ExitCode
where
    W: FnOnce(Stopped) -> F,
    F: Future<Output = anyhow::Result<()>>,
{
    init_logging(verbose);
    let result = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| runtime.block_on(work(Box::pin(stopped()))));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// What [`serve`] hands its work: completes on the first SIGINT or SIGTERM.
pub type Stopped = std::pin::Pin<Box<dyn Future<Output = ()> + Send>>;

/// Logs to stderr: warnings by default, `-v` info, `-vv` debug, `-vvv` trace (the NATS
/// client's own lines one level quieter, but for trace); `MABOS_PLANNER_LOG` takes a
/// tracing filter instead. Colours only for a person at a terminal, not in a journal or
/// a log file.
fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info,async_nats=warn",
        2 => "debug,async_nats=info",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MABOS_PLANNER_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).with_target(false).init();
}

/// Completes on the first SIGINT or SIGTERM.
async fn stopped() {
    use tokio::signal::unix::{signal, SignalKind};
    match (signal(SignalKind::interrupt()), signal(SignalKind::terminate())) {
        (Ok(mut interrupt), Ok(mut terminate)) => {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        }
        // Without signal handlers the default action (ending the process) still applies.
        _ => std::future::pending().await,
    }
}
