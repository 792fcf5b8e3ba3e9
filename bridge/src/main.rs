//! `mabos-planner-bridge --db PATH --nats URL [-v]`: runs the NATS JetStream bridge
//! (docs/bridge.md) until SIGINT or SIGTERM.

use clap::Parser;
use mabos_planner_bridge::process::serve;
use mabos_planner_bridge::{run, Config};
use std::path::PathBuf;
use std::process::ExitCode;

/// Publishes a planner database's event log to NATS JetStream, offers ready tasks to
/// their agents and applies the agents' reports; runs until SIGINT or SIGTERM.
#[derive(Parser)]
#[command(name = "mabos-planner-bridge", version)]
struct Cli {
    /// The database file [default: $MABOS_PLANNER_DB, else the per-user one the app uses]
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The NATS server
    #[arg(long, env = "MABOS_PLANNER_NATS", value_name = "URL", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// Log to stderr what the bridge does (-v info, -vv debug, -vvv trace)
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.unwrap_or_else(mabos_planner::paths::default_database_path);
    let config = Config::new(db, &cli.nats);
    serve(cli.verbose, |stop| run(config, stop))
}
