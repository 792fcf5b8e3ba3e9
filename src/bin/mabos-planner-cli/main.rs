//! `mabos-planner-cli`: the planner core for scripts and for people without a display.
//!
//! Every subcommand opens the database, calls one core function and prints its result;
//! errors go to stderr with a non-zero exit code.

mod assign;
mod conflicts;
mod critical_path;
mod decompose;
mod method;
mod methods;
mod monitor;
mod output;
mod repair;
mod search;
mod start_plan;
mod synth;
mod task_done;
mod task_fail;
mod validate_plan;
mod world;

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
    /// Search for the cheapest plan that reaches a goal's postconditions (exit 1 when none)
    Synth(synth::SynthArgs),
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
    /// Assign open, unassigned tasks to active agents: the best-scoring round, at most
    /// one new task per agent, applied as one undoable step
    Assign {
        /// Show the proposal without writing it
        #[arg(long)]
        dry_run: bool,
        /// Print the proposal as JSON
        #[arg(long)]
        json: bool,
    },
    /// Validate a plan: every step's preconditions in every order its edges allow, the
    /// final state against the goal's and plan's postconditions, constraints, budget and
    /// deadline; exits 1 when the plan is invalid
    ValidatePlan {
        /// The plan's key, e.g. P-STORE
        key: String,
        /// Start from this world state (a JSON object of facts) instead of the facts the
        /// plan's `eq` preconditions pin down
        #[arg(long, value_name = "FILE.json")]
        state: Option<PathBuf>,
        /// When execution starts, for the deadline (RFC 3339) [default: now]
        #[arg(long, value_name = "TIME")]
        start: Option<String>,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a plan's critical path: earliest and latest start and finish, and slack, per step
    CriticalPath {
        /// The plan's key, e.g. P-STORE
        key: String,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// List goals whose effects fail another goal's (or their own) postconditions; exits 1 when any do
    Conflicts {
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Start a draft plan: its steps become tasks, its goal in progress
    StartPlan(start_plan::Args),
    /// Mark a task done: its action's effects are recorded; the last task completes the plan
    TaskDone(task_done::Args),
    /// Mark a task failed and list its repair options
    TaskFail(task_fail::Args),
    /// Show a failed task's repair options, or apply one
    Repair(repair::Args),
    /// What needs attention: active plans, ready, blocked, overdue and failed tasks, overloaded agents, goals
    Monitor(monitor::Args),
    /// Show the recorded world state, or set or remove a fact
    World(world::Args),
    /// List HTN methods, per goal in the order decomposition tries them
    Methods(methods::Args),
    /// Add or remove an HTN method
    Method {
        #[command(subcommand)]
        command: method::Command,
    },
    /// Decompose a goal with its HTN methods into actions; --save stores them as a plan
    Decompose(decompose::Args),
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
        Command::Synth(args) => return synth::run(&mut store, args),
        Command::Search { text, limit, json } => search::run(&store, &text, limit, json)?,
        Command::Layout => unreachable!("handled above"),
        Command::Assign { dry_run, json } => assign::run(&mut store, dry_run, json)?,
        Command::ValidatePlan { key, state, start, json } => return validate_plan::run(&store, &key, state.as_deref(), start.as_deref(), json),
        Command::CriticalPath { key, json } => critical_path::run(&store, &key, json)?,
        Command::Conflicts { json } => return conflicts::run(&store, json),
        Command::StartPlan(args) => start_plan::run(&mut store, args)?,
        Command::TaskDone(args) => task_done::run(&mut store, args)?,
        Command::TaskFail(args) => task_fail::run(&mut store, args)?,
        Command::Repair(args) => repair::run(&mut store, args)?,
        Command::Monitor(args) => monitor::run(&store, args)?,
        Command::World(args) => world::run(&mut store, args)?,
        Command::Methods(args) => methods::run(&store, args)?,
        Command::Method { command } => method::run(&mut store, command)?,
        Command::Decompose(args) => decompose::run(&mut store, args)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// An import file or standard input, bounded as the core reads files: a regular file
/// of at most `export::MAX_IMPORT_BYTES`.
fn read_input(file: &std::path::Path) -> Result<String> {
    if file.as_os_str() == "-" {
        Ok(mabos_planner::export::read_stream(std::io::stdin().lock(), "standard input")?)
    } else {
        Ok(mabos_planner::export::read_file(file)?)
    }
}
