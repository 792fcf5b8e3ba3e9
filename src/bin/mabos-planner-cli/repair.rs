//! `repair TASK_KEY [--apply [--action KEY | --replan]]`: a failed task's repair options, or applying one.

use crate::output::emit;
use anyhow::Result;
use mabos_planner::{RepairOption, RepairProposal, Store};

#[derive(clap::Args)]
pub struct Args {
    /// The failed task's key, e.g. T-12
    task: String,
    /// Apply the cheapest option (or the one named by --action)
    #[arg(long)]
    apply: bool,
    /// The library action to put in the failed step's place (with --apply)
    #[arg(long, value_name = "KEY", requires = "apply")]
    action: Option<String>,
    /// Apply the re-plan: the sequence of actions synthesised from the recorded world state (with --apply)
    #[arg(long, requires = "apply", conflicts_with = "action")]
    replan: bool,
}

impl Args {
    /// Only `--apply` writes.
    pub fn writes(&self) -> bool {
        self.apply
    }
}

pub fn run(store: &mut Store, args: Args) -> Result<()> {
    if !args.apply {
        emit(&proposal_text(&store.repair_options(&args.task)?));
        return Ok(());
    }
    let applied = if args.replan { store.apply_replan(&args.task)? } else { store.apply_repair(&args.task, args.action.as_deref())? };
    emit(&format!(
        "step {}/{} now uses {} instead of {}; new task {}{}\n",
        applied.step.plan,
        applied.step.step,
        applied.to_action,
        applied.from_action,
        applied.new_task,
        if applied.ready { " (ready)" } else { " (waiting)" }
    ));
    if !applied.added_steps.is_empty() {
        emit(&format!("added steps {} with tasks {}\n", applied.added_steps.join(", "), applied.added_tasks.join(", ")));
    }
    Ok(())
}

/// The options, cheapest first, then the actions that would do but cannot run now.
pub fn proposal_text(p: &RepairProposal) -> String {
    let mut out = format!("repair of {} (step {}/{}, action {}):\n", p.task, p.step.plan, p.step.step, p.action);
    if p.options.is_empty() {
        out += "  no other action produces its effects with its preconditions holding\n";
    }
    for option in &p.options {
        out += &match option {
            RepairOption::Substitute(s) => format!("  use {} ({}): cost {}, {} h\n", s.action, s.name, s.cost, s.duration),
            RepairOption::Resynthesize { actions, cost } => format!("  re-plan: {} (cost {cost})\n", actions.join(" → ")),
        };
    }
    for u in &p.unusable {
        let unmet: Vec<String> = u.unmet_preconditions.iter().map(ToString::to_string).collect();
        out += &format!("  not now: {} (cost {}) needs {}\n", u.action, u.cost, unmet.join(", "));
    }
    out
}
