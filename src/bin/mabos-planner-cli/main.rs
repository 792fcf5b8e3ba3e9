//! `mabos-planner-cli`: the planner core for scripts and for people without a display.
//!
//! Every subcommand opens the database, calls one core function and prints its result;
//! errors go to stderr with a non-zero exit code.

mod assign;
mod bulk;
mod bridge;
mod conflicts;
mod critical_path;
mod decompose;
mod lanes;
mod method;
mod methods;
mod monitor;
mod output;
mod pddl;
mod repair;
mod search;
mod start_plan;
mod synth;
mod task_done;
mod task_fail;
mod timeline;
mod validate_plan;
mod world;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use mabos_planner::{paths, Author, Error, Store, TaskFilter, TaskStatus};
use output::{emit, write_out};
use std::io::Read;
use std::path::{Path, PathBuf};
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

    /// Who makes the changes: recorded in the event log; undo and redo act on this
    /// author's changes only [default: cli:<user>@<host>]
    #[arg(long, global = true, env = "MABOS_PLANNER_AUTHOR", value_name = "NAME")]
    author: Option<Author>,

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
    /// Import tasks from a CSV file as `export tasks` writes it (validated whole; nothing
    /// is written on error; docs/csv.md)
    ImportTasks {
        /// The CSV file, or - for standard input
        file: PathBuf,
    },
    /// Export a plan or the whole workspace as JSON, tasks as CSV, or a plan as an HTML report
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
    /// Assign several tasks to one agent (or, with --unassign, take them back) in one
    /// undoable step: the tasks the agent cannot take are named and left as they were
    AssignTasks(bulk::AssignArgs),
    /// Set the status, priority or parent of several goals in one undoable step; nothing
    /// is written when any goal cannot take the edit (each is named)
    EditGoals(bulk::EditGoalsArgs),
    /// Remove several steps of a plan, with their edges, in one undoable step
    RemoveSteps(bulk::RemoveStepsArgs),
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
    /// Import a PDDL domain and problem as actions, a goal and its start state (one undoable step)
    ImportPddl(pddl::ImportArgs),
    /// Write the action library and a goal as a PDDL domain and problem
    ExportPddl(pddl::ExportArgs),
    /// Write a plan as a PDDL plan file (one action per line, then its cost)
    ExportPddlPlan(pddl::ExportPlanArgs),
    /// A plan's Gantt chart: planned windows and slack per step, actual starts and
    /// finishes of its tasks, and the projected rest (hours from the plan's start)
    Timeline(timeline::Args),
    /// Each active agent's tasks over time, one at a time in dependency and priority
    /// order, with overloaded intervals and tasks that cannot be scheduled
    Lanes(lanes::Args),
    /// Run the NATS JetStream bridge on this database until SIGINT or SIGTERM: publish
    /// the event log, offer ready tasks to agents, apply their reports (docs/bridge.md)
    Bridge(bridge::Args),
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
    /// One plan as a self-contained HTML report: verdict, totals, graph, timeline, steps,
    /// tasks with their agents (docs/report.md)
    Html {
        /// The plan's key, e.g. P-STORE
        key: String,
        /// The time of the timeline's "now" line (RFC 3339) [default: now]
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Tasks as CSV (RFC 4180, UTF-8, CRLF), one row per task by key (docs/csv.md)
    Tasks {
        /// Only the tasks made from this plan's steps
        #[arg(long, value_name = "KEY")]
        plan: Option<String>,
        /// Only the tasks of this goal
        #[arg(long, value_name = "KEY")]
        goal: Option<String>,
        /// Only the tasks with this status (todo, in_progress, done, failed, blocked)
        #[arg(long, value_parser = task_status)]
        status: Option<TaskStatus>,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

fn task_status(text: &str) -> std::result::Result<TaskStatus, String> {
    TaskStatus::parse(text).ok_or_else(|| {
        let names: Vec<&str> = TaskStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("not a task status; one of {}", names.join(", "))
    })
}

fn main() -> ExitCode {
    // `layout` alone needs no database, logging or other option: answer it before
    // building the parser for every subcommand, which costs a good share of laying out
    // a small graph (the app and scripts call it once per drawing).
    let mut args = std::env::args_os().skip(1);
    if let (Some(command), None) = (args.next(), args.next()) {
        if command == "layout" {
            return report(layout());
        }
    }
    let cli = Cli::parse();
    init_logging(cli.verbose);
    report(run(cli))
}

/// The exit code of a command; an error goes to stderr.
fn report(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `layout`: a graph as JSON on stdin, its drawing as JSON on stdout. Needs no database.
fn layout() -> Result<ExitCode> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).context("reading the graph from standard input")?;
    let output = mabos_planner::layout::layered_json(&input)?;
    emit(&output);
    Ok(ExitCode::SUCCESS)
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
        return layout();
    }
    let path = cli.db.unwrap_or_else(paths::default_database_path);
    if let Command::Bridge(args) = cli.command {
        bridge::run(&path, cli.verbose, args)?;
        return Ok(ExitCode::SUCCESS);
    }
    tracing::info!(path = %path.display(), "opening");
    let mut store = open(&path, cli.command.writes())?;
    store.set_author(cli.author.unwrap_or_else(default_author));
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
            ExportWhat::Html { key, now, output } => {
                write_out(output.as_deref(), &store.plan_report_html(&key, timeline::now(now.as_deref())?)?)?
            }
            ExportWhat::Tasks { plan, goal, status, output } => {
                let filter = TaskFilter { plan, goal, status, assignee: None };
                write_out(output.as_deref(), &store.export_tasks_csv(&filter)?)?
            }
        },
        Command::ImportTasks { file } => {
            let text = read_input(&file)?;
            let report = store.import_tasks_csv(&text)?;
            emit(&format!("{}\n", serde_json::to_string(&report)?));
        }
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
            emit(&format!("undid {} {} {} (event {}, by {})\n", entry.entity, entry.key, entry.kind, entry.seq, entry.author));
        }
        Command::Redo => {
            let entry = store.redo()?;
            emit(&format!("redid {} {} {} (event {}, by {})\n", entry.entity, entry.key, entry.kind, entry.seq, entry.author));
        }
        Command::Goals => emit(&output::goal_tree_text(&store.goal_tree()?)),
        Command::Synth(args) => return synth::run(&mut store, args),
        Command::Search { text, limit, json } => search::run(&store, &text, limit, json)?,
        Command::Layout | Command::Bridge(_) => unreachable!("handled above"),
        Command::Assign { dry_run, json } => assign::run(&mut store, dry_run, json)?,
        Command::ValidatePlan { key, state, start, json } => return validate_plan::run(&store, &key, state.as_deref(), start.as_deref(), json),
        Command::CriticalPath { key, json } => critical_path::run(&store, &key, json)?,
        Command::Conflicts { json } => return conflicts::run(&store, json),
        Command::StartPlan(args) => start_plan::run(&mut store, args)?,
        Command::TaskDone(args) => task_done::run(&mut store, args)?,
        Command::AssignTasks(args) => bulk::assign(&mut store, args)?,
        Command::EditGoals(args) => bulk::edit_goals(&mut store, args)?,
        Command::RemoveSteps(args) => bulk::remove_steps(&mut store, args)?,
        Command::TaskFail(args) => task_fail::run(&mut store, args)?,
        Command::Repair(args) => repair::run(&mut store, args)?,
        Command::Monitor(args) => monitor::run(&store, args)?,
        Command::World(args) => world::run(&mut store, args)?,
        Command::Methods(args) => methods::run(&store, args)?,
        Command::Method { command } => method::run(&mut store, command)?,
        Command::Decompose(args) => decompose::run(&mut store, args)?,
        Command::ImportPddl(args) => pddl::import(&mut store, args)?,
        Command::ExportPddl(args) => pddl::export(&store, args)?,
        Command::ExportPddlPlan(args) => pddl::export_plan(&store, args)?,
        Command::Timeline(args) => timeline::run(&store, args)?,
        Command::Lanes(args) => lanes::run(&store, args)?,
    }
    Ok(ExitCode::SUCCESS)
}

impl Command {
    /// Whether the command may write: the others open the database read-only.
    fn writes(&self) -> bool {
        match self {
            Command::Export { .. }
            | Command::Check { .. }
            | Command::Events { .. }
            | Command::Goals
            | Command::Search { .. }
            | Command::Layout
            | Command::ValidatePlan { .. }
            | Command::CriticalPath { .. }
            | Command::Conflicts { .. }
            | Command::Monitor(_)
            | Command::Methods(_)
            | Command::ExportPddl(_)
            | Command::ExportPddlPlan(_)
            | Command::Timeline(_)
            | Command::Lanes(_)
            | Command::Bridge(_) => false,
            Command::Assign { dry_run, .. } => !dry_run,
            Command::Synth(args) => args.writes(),
            Command::Repair(args) => args.writes(),
            Command::World(args) => args.writes(),
            Command::Decompose(args) => args.writes(),
            Command::Init
            | Command::Demo
            | Command::Import { .. }
            | Command::ImportTasks { .. }
            | Command::Undo
            | Command::Redo
            | Command::StartPlan(_)
            | Command::TaskDone(_)
            | Command::AssignTasks(_)
            | Command::EditGoals(_)
            | Command::RemoveSteps(_)
            | Command::TaskFail(_)
            | Command::Method { .. }
            | Command::ImportPddl(_) => true,
        }
    }
}

/// Opens the database for a command: read-only when it only reads and the file exists
/// (a read-only file or folder works), read-write otherwise. A reading command on a file
/// of an older schema upgrades it first when it can be written, like the desktop app does.
fn open(path: &Path, writes: bool) -> Result<Store> {
    let opened = if writes || !path.exists() {
        Store::open(path)
    } else {
        match Store::open_read_only(path) {
            Err(too_old @ Error::SchemaTooOld { .. }) => Store::open(path).map_err(|e| if matches!(e, Error::ReadOnly { .. }) { too_old } else { e }),
            other => other,
        }
    };
    opened.map_err(|e| match e {
        // These name the file already.
        Error::NotPlannerDatabase { .. } | Error::SchemaTooNew { .. } | Error::SchemaTooOld { .. } | Error::SchemaMismatch { .. } | Error::Io { .. } => e.into(),
        other => anyhow::Error::from(other).context(format!("opening {}", path.display())),
    })
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

/// `cli:<user>@<host>` from the environment (`cli:<user>`, or just `cli`, when a part is
/// unknown or would not make a valid author).
fn default_author() -> Author {
    let user = ["USER", "LOGNAME", "USERNAME"].iter().find_map(|name| std::env::var(name).ok()).filter(|u| !u.trim().is_empty());
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty());
    let name = match (user, host) {
        (Some(user), Some(host)) => format!("{user}@{host}"),
        (Some(user), None) => user,
        _ => return Author::parse("cli").unwrap_or_default(),
    };
    Author::of("cli", &name).or_else(|_| Author::parse("cli")).unwrap_or_default()
}
