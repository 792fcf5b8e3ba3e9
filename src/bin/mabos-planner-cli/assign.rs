//! `assign`: plan the best assignment round and apply it as one undoable step.

use crate::output::emit;
use anyhow::Result;
use mabos_planner::assignment::AssignmentProposal;
use mabos_planner::Store;
use serde::Serialize;

/// What `assign --json` prints: the proposal and whether it was written.
#[derive(Serialize)]
struct Outcome<'a> {
    applied: bool,
    #[serde(flatten)]
    proposal: &'a AssignmentProposal,
}

pub fn run(store: &mut Store, dry_run: bool, json: bool) -> Result<()> {
    let proposal = store.plan_assignment()?;
    let applied = !dry_run && !proposal.assignments.is_empty();
    if applied {
        store.apply_assignment(&proposal)?;
    }
    if json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&Outcome { applied, proposal: &proposal })?));
    } else {
        emit(&text(&proposal, dry_run));
    }
    Ok(())
}

fn text(p: &AssignmentProposal, dry_run: bool) -> String {
    let mut out = String::new();
    for a in &p.assignments {
        let s = &a.score;
        out += &format!(
            "{} → {}  score {} (experience {}, spare capacity {}, priority {}, urgency {})\n",
            a.task, a.agent, s.total, s.experience, s.spare_capacity, s.priority, s.urgency
        );
    }
    for u in &p.unassigned {
        out += &format!("{} stays unassigned: {}\n", u.task, u.reason);
    }
    let outcome = if dry_run {
        "dry run, nothing written"
    } else if p.assignments.is_empty() {
        "nothing to assign"
    } else {
        "applied as one undoable step"
    };
    out += &format!("total score {}: {} assigned, {} unassigned; {outcome}\n", p.total_score, p.assignments.len(), p.unassigned.len());
    out
}
