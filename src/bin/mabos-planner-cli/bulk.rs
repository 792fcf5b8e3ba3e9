//! The bulk gestures the app's multi-select makes, for scripts: `assign-tasks`,
//! `edit-goals` and `remove-steps`. Each is one transaction and one undo step; a
//! refusal names every entity at fault and writes nothing (a bulk assignment writes the
//! tasks the agent can take and names the rest, as a drop of several cards does).

use crate::output::emit;
use anyhow::{bail, Result};
use mabos_planner::{GoalBulkEdit, GoalStatus, NewParent, Store};

#[derive(clap::Args)]
pub struct AssignArgs {
    /// The tasks' keys, e.g. T-1 T-2
    #[arg(required = true)]
    tasks: Vec<String>,
    /// The agent to give them to
    #[arg(long, value_name = "AGENT", conflicts_with = "unassign", required_unless_present = "unassign")]
    to: Option<String>,
    /// Take the tasks from whoever holds them instead
    #[arg(long)]
    unassign: bool,
    /// Print what was assigned and refused as JSON
    #[arg(long)]
    json: bool,
}

pub fn assign(store: &mut Store, args: AssignArgs) -> Result<()> {
    let done = store.assign_tasks(&args.tasks, args.to.as_deref())?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string(&done)?));
        return Ok(());
    }
    let mut out = match &done.agent {
        Some(agent) => format!("assigned to {agent}: {}\n", done.assigned.join(", ")),
        None => format!("unassigned: {}\n", done.assigned.join(", ")),
    };
    for r in &done.refused {
        out += &format!("left as it was: {}\n", r.message);
    }
    emit(&out);
    Ok(())
}

#[derive(clap::Args)]
pub struct EditGoalsArgs {
    /// The goals' keys, e.g. G-1 G-2
    #[arg(required = true)]
    goals: Vec<String>,
    /// Give every goal this status (pending, active, in_progress, achieved, ...)
    #[arg(long, value_parser = goal_status)]
    status: Option<GoalStatus>,
    /// Give every goal this priority (1 to 10)
    #[arg(long)]
    priority: Option<u8>,
    /// Put every goal under this goal
    #[arg(long, value_name = "GOAL", conflicts_with = "root")]
    parent: Option<String>,
    /// Make every goal a root of the tree
    #[arg(long)]
    root: bool,
}

pub fn edit_goals(store: &mut Store, args: EditGoalsArgs) -> Result<()> {
    let parent = match (args.parent, args.root) {
        (Some(key), _) => Some(NewParent::Under(key)),
        (None, true) => Some(NewParent::Root),
        (None, false) => None,
    };
    let edit = GoalBulkEdit { status: args.status, priority: args.priority, parent };
    if edit == GoalBulkEdit::default() {
        bail!("nothing to change: give --status, --priority, --parent or --root");
    }
    let edited = store.edit_goals(&args.goals, &edit)?;
    emit(&format!("edited {}: {}\n", count(edited.len(), "goal"), edited.join(", ")));
    Ok(())
}

#[derive(clap::Args)]
pub struct RemoveStepsArgs {
    /// The plan's key, e.g. P-STORE
    plan: String,
    /// The steps' keys, e.g. S1 S2; their edges go with them
    #[arg(required = true)]
    steps: Vec<String>,
}

pub fn remove_steps(store: &mut Store, args: RemoveStepsArgs) -> Result<()> {
    let removed = store.remove_steps(&args.plan, &args.steps)?;
    emit(&format!("removed {} from {}: {}\n", count(removed.len(), "step"), args.plan, removed.join(", ")));
    Ok(())
}

fn goal_status(text: &str) -> std::result::Result<GoalStatus, String> {
    GoalStatus::parse(text).ok_or_else(|| {
        let names: Vec<&str> = GoalStatus::ALL.iter().map(|s| s.as_str()).collect();
        format!("not a goal status; one of {}", names.join(", "))
    })
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
