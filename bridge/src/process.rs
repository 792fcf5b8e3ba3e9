//! What the crate's binaries (the bridge, the example agents) share as processes: logging
//! to stderr at the level `-v` asks for, and the signals that stop them.

/// Logs to stderr: warnings by default, `-v` info, `-vv` debug, `-vvv` trace (the NATS
/// client's own lines one level quieter, but for trace); `MABOS_PLANNER_LOG` takes a
/// tracing filter instead. Colours only for a person at a terminal, not in a journal or
/// a log file.
pub fn init_logging(verbose: u8) {
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
pub async fn stopped() {
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
