//! `import-pddl`, `export-pddl` and `export-pddl-plan`: PDDL in and out (docs/pddl.md).

use crate::output::{emit, write_out};
use anyhow::{Context, Result};
use mabos_planner::pddl::{self, ImportOptions, MAX_INPUT_BYTES};
use mabos_planner::{Entity, Store};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The domain file (STRIPS with :typing, :negative-preconditions, :equality)
    domain: PathBuf,
    /// The problem file
    problem: PathBuf,
    /// Do not record the initial state as the workspace's world state (the goal's
    /// preconditions still hold it)
    #[arg(long)]
    no_world_state: bool,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The goal whose postconditions become the problem's goal
    goal: String,
    /// Where to write the domain
    #[arg(long, value_name = "FILE")]
    domain: PathBuf,
    /// Where to write the problem
    #[arg(long, value_name = "FILE")]
    problem: PathBuf,
    /// Start from the recorded world state instead of the goal's `=` preconditions
    /// (which `synth` starts from)
    #[arg(long)]
    world: bool,
}

#[derive(clap::Args)]
pub struct ExportPlanArgs {
    /// The plan's key
    plan: String,
    /// Where to write the plan file [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn import(store: &mut Store, args: ImportArgs) -> Result<()> {
    let domain = read(&args.domain)?;
    let problem = read(&args.problem)?;
    let doc = pddl::to_document(&domain, &problem, ImportOptions { world_state: !args.no_world_state })
        .with_context(|| format!("reading {} and {}", args.domain.display(), args.problem.display()))?;
    let report = store.import_document(doc)?;
    emit(&format!("{}\n", serde_json::to_string(&report)?));
    Ok(())
}

pub fn export(store: &Store, args: ExportArgs) -> Result<()> {
    let written = export_goal(store, &args.goal, args.world)?;
    write_out(Some(&args.domain), &written.domain)?;
    write_out(Some(&args.problem), &written.problem)?;
    Ok(())
}

pub fn export_plan(store: &Store, args: ExportPlanArgs) -> Result<()> {
    let plan = store.plan(&args.plan)?;
    let written = export_goal(store, &plan.goal, false)?;
    write_out(args.output.as_deref(), &pddl::plan_file(&written, &plan, &store.actions()?)?)?;
    Ok(())
}

/// The library and `goal` as PDDL, from the goal's `=` preconditions or the world state.
fn export_goal(store: &Store, goal: &str, world: bool) -> Result<pddl::PddlExport> {
    let g = store.goal(goal)?;
    let start = if world { store.world_state()? } else { pddl::start_state(&g.fields.preconditions) };
    let about = format!("goal {} ({}) and the action library of MABOS Planner", g.key, g.fields.title);
    let target = [(Entity::Goal, g.key.clone(), g.fields.postconditions.clone())];
    Ok(pddl::export(&g.key, &about, &store.actions()?, &start, &target)?)
}

fn read(path: &Path) -> Result<String> {
    let size = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
    if size > MAX_INPUT_BYTES as u64 {
        anyhow::bail!("{}: {size} bytes is more than the {MAX_INPUT_BYTES} a PDDL file may have", path.display());
    }
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
