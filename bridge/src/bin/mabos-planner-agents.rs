//! `mabos-planner-agents [--db PATH | --agents AG-1,AG-2] [--nats URL] [--delay-ms MIN..MAX]
//! [--fail-rate R] [--seed N] [-v]`: an example fleet of agents that does the work the
//! bridge offers them (docs/bridge.md, "Watch a plan run itself"), until SIGINT or SIGTERM.

use clap::Parser;
use mabos_planner_bridge::fleet::{self, options, rng, Agents, Delay};
use mabos_planner_bridge::process::serve;
use std::path::PathBuf;
use std::process::ExitCode;

/// Example agents: each offer of the bridge is taken, reported started after a random
/// wait, then done (or now and then failed) after another; a withdrawn offer is dropped
/// without a report. Runs until SIGINT or SIGTERM.
#[derive(Parser)]
#[command(name = "mabos-planner-agents", version)]
struct Cli {
    /// Act for every agent of this database [default: $MABOS_PLANNER_DB, else the per-user one the app uses]
    #[arg(long, value_name = "PATH", conflicts_with = "agents")]
    db: Option<PathBuf>,
    /// Act for these agents only (keys, comma separated) instead of a database's
    #[arg(long, value_name = "AG-1,AG-2", value_delimiter = ',', num_args = 1..)]
    agents: Option<Vec<String>>,
    /// The NATS server
    #[arg(long, env = "MABOS_PLANNER_NATS", value_name = "URL", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// Wait MIN to MAX milliseconds before starting a task, and again before finishing it
    #[arg(long, value_name = "MIN..MAX", default_value_t = Delay::default())]
    delay_ms: Delay,
    /// The share of tasks reported failed instead of done, from 0 to 1
    #[arg(long, value_name = "RATE", default_value = "0.1", value_parser = options::fail_rate)]
    fail_rate: f64,
    /// Seed of the random waits and failures, for a run that draws the same again [default: from the clock]
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Log to stderr what the agents do (-v info, -vv debug, -vvv trace)
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let agents = match cli.agents {
        Some(keys) => Agents::Listed(keys.into_iter().map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect()),
        None => Agents::Database(cli.db.unwrap_or_else(mabos_planner::paths::default_database_path)),
    };
    let config = fleet::Config { nats: cli.nats, agents, delay: cli.delay_ms, fail_rate: cli.fail_rate, seed: cli.seed.unwrap_or_else(rng::random_seed) };
    serve(cli.verbose, |stop| fleet::run(config, stop))
}
