//! `mabos-planner-cli`: the planner core for scripts and for people without a display.
//!
//! Every subcommand opens the database, calls one core function and prints its result;
//! errors go to stderr with a non-zero exit code.

mod output;
mod search;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use mabos_planner::{paths, Store};
use output::{emit, write_out};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// MABOS Planner: goals, actions, plans, agents and tasks of a multi-agent business
/// operating system, in a local SQLite database.
#[derive(Parser)]
#[command(name = "mabos-planner-cli", version)]
struct Cli {
    /// The database file [default: $MABOS_PLANNER_DB, else planner.db in the per-user
    /// data folder, the same file the desktop app uses]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Log to stderr (-v info, -vv debug, -vvv trace)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database (or bring its schema up to date) and print its path
    Init,
    /// Load the demo workspace: an online retailer run by agents (one undoable step)
    Demo,
    /// Import a plan or workspace JSON file (validated whole; nothing is written on error)
    Import {
        /// The JSON file, or - for standard input
        file: PathBuf,
    },
    /// Export a plan or the whole workspace as JSON
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Check every rule of the data model; exits non-zero when anything is wrong
    Check {
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print the event log as JSON lines
    Events {
        /// Only events with a sequence number greater than this
        #[arg(long, value_name = "SEQ", default_value_t = 0)]
        since: i64,
        /// Keep running and print new events as they are logged
        #[arg(long)]
        follow: bool,
    },
    /// Undo the last change (one gesture)
    Undo,
    /// Redo the last undone change
    Redo,
    /// Print the goal tree
    Goals,
    /// Find goals, actions, agents and tasks by part of their key, title or description
    Search {
        text: String,
        /// At most this many hits, best first
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON lines
        #[arg(long)]
        json: bool,
    },
    /// Lay out a graph: reads {"nodes":[{"id","width","height"}],"edges":[{"source","target"}]}
    /// on stdin, writes {"nodes":[{"id","x","y"}],"edges":[{"source","target","points"}],"crossings":N}
    Layout,
}

#[derive(Subcommand)]
enum ExportWhat {
    /// One plan with its goal subtree, actions, agents, capabilities and tasks
    Plan {
        /// The plan's key, e.g. P-STORE
        key: String,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Everything but the event log and undo history
    Workspace {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MABOS_PLANNER_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Command::Layout = cli.command {
        // Needs no database.
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input).context("reading the graph from standard input")?;
        let output = mabos_planner::layout::layered_json(&input)?;
        emit(&output);
        return Ok(ExitCode::SUCCESS);
    }
    let path = cli.db.unwrap_or_else(paths::default_database_path);
    tracing::info!(path = %path.display(), "opening");
    let mut store = Store::open(&path).with_context(|| format!("opening {}", path.display()))?;
    match cli.command {
        Command::Init => emit(&format!("{}\n", path.display())),
        Command::Demo => {
            let report = store.import(&mabos_planner::demo::workspace_json()?)?;
            emit(&format!("demo workspace loaded into {}: {}\n", path.display(), serde_json::to_string(&report)?));
        }
        Command::Import { file } => {
            let text = read_input(&file)?;
            let report = store.import(&text)?;
            emit(&format!("{}\n", serde_json::to_string(&report)?));
        }
        Command::Export { what } => match what {
            ExportWhat::Plan { key, output } => write_out(output.as_deref(), &store.export_plan(&key)?)?,
            ExportWhat::Workspace { output } => write_out(output.as_deref(), &store.export_workspace()?)?,
        },
        Command::Check { json } => {
            let report = store.integrity_report()?;
            if json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&report)?));
            } else {
                emit(&output::integrity_text(&report));
            }
            if !report.is_ok() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Events { since, follow } => output::events(&store, since, follow)?,
        Command::Undo => {
            let entry = store.undo()?;
            emit(&format!("undid {} {} {} (event {})\n", entry.entity, entry.key, entry.kind, entry.seq));
        }
        Command::Redo => {
            let entry = store.redo()?;
            emit(&format!("redid {} {} {} (event {})\n", entry.entity, entry.key, entry.kind, entry.seq));
        }
        Command::Goals => emit(&output::goal_tree_text(&store.goal_tree()?)),
        Command::Search { text, limit, json } => search::run(&store, &text, limit, json)?,
        Command::Layout => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

fn read_input(file: &std::path::Path) -> Result<String> {
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
    }
}
