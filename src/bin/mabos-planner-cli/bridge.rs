//! `bridge --nats URL`: runs the NATS JetStream bridge (docs/bridge.md) on this database.
//! The bridge is its own binary, `mabos-planner-bridge` (package `mabos-planner-bridge`,
//! which depends on the core, so the core's CLI cannot link it): this command replaces
//! the CLI's process with it, so SIGINT and SIGTERM reach the bridge directly.

use anyhow::{Context, Result};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The NATS server
    #[arg(long, env = "MABOS_PLANNER_NATS", value_name = "URL", default_value = "nats://127.0.0.1:4222")]
    nats: String,
}

/// Execs the bridge: `$MABOS_PLANNER_BRIDGE` when set, else `mabos-planner-bridge` beside
/// this program, else on PATH. Returns only when it could not be started.
pub fn run(db: &Path, verbose: u8, args: Args) -> Result<()> {
    let program = binary();
    let mut command = std::process::Command::new(&program);
    command.arg("--db").arg(db).arg("--nats").arg(&args.nats);
    if verbose > 0 {
        command.arg(format!("-{}", "v".repeat(usize::from(verbose))));
    }
    let error = command.exec();
    Err(error).with_context(|| format!("starting {} (build it with: cargo build --release -p mabos-planner-bridge)", program.display()))
}

fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("MABOS_PLANNER_BRIDGE") {
        return PathBuf::from(path);
    }
    let beside = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.join("mabos-planner-bridge")));
    beside.filter(|p| p.is_file()).unwrap_or_else(|| PathBuf::from("mabos-planner-bridge"))
}
