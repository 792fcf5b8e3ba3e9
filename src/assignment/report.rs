//! The proposal: who gets what and why (the score term by term), what stays unassigned
//! and why, and the total. Built from the solver's matching; written nowhere until
//! [`Store::apply_assignment`](crate::Store::apply_assignment).

use super::candidates::Candidates;
use super::score::{experience_term, score, Score};
use crate::{Agent, CapabilityLevel, Task};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A proposed assignment round: at most one new task per active agent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AssignmentProposal {
    /// The planning time (RFC 3339 UTC) that deadline urgency was measured from.
    pub as_of: String,
    /// By task key.
    pub assignments: Vec<ProposedAssignment>,
    /// Open, unassigned tasks that this round leaves unassigned, by task key.
    pub unassigned: Vec<UnassignedTask>,
    /// The sum of the assignments' scores: the largest possible this round.
    pub total_score: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ProposedAssignment {
    pub task: String,
    pub agent: String,
    /// The task's effort, hours.
    pub effort: f64,
    /// The agent's workload before this round, hours.
    pub workload: f64,
    pub capacity: f64,
    pub score: Score,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UnassignedTask {
    pub task: String,
    pub reason: UnassignedReason,
}

/// Why a task stays unassigned, from the hard filter outwards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnassignedReason {
    /// Blocked tasks are not offered: they cannot progress, so they would only hold capacity.
    Blocked,
    /// No agent is active.
    NoActiveAgent,
    /// No active agent holds this capability at this level or above.
    MissingCapability { capability: String, level: u8 },
    /// Each requirement is held by some active agent, but no one agent holds them all.
    NoAgentHoldsAll { requires: Vec<CapabilityLevel> },
    /// Capable agents exist, but none has `effort` hours to spare.
    NoSpareCapacity { effort: f64, capable_agents: u32, most_spare: f64 },
    /// Every agent that could take it was given another task: the best of them, what it
    /// would have scored here, and what it takes instead.
    Outscored { eligible_agents: u32, best_agent: String, best_score: u32, best_agent_takes: String },
}

impl fmt::Display for UnassignedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnassignedReason::Blocked => f.write_str("blocked tasks are not assigned"),
            UnassignedReason::NoActiveAgent => f.write_str("no agent is active"),
            UnassignedReason::MissingCapability { capability, level } => {
                write!(f, "no active agent has {capability} at level {level} or above")
            }
            UnassignedReason::NoAgentHoldsAll { requires } => {
                let list: Vec<String> = requires.iter().map(|c| format!("{} ≥ {}", c.capability, c.level)).collect();
                write!(f, "no single active agent has all of {}", list.join(", "))
            }
            UnassignedReason::NoSpareCapacity { effort, capable_agents, most_spare } => write!(
                f,
                "the {capable_agents} capable agent(s) lack spare capacity for {effort} h (most spare: {most_spare} h)"
            ),
            UnassignedReason::Outscored { eligible_agents, best_agent, best_score, best_agent_takes } => write!(
                f,
                "all {eligible_agents} eligible agent(s) were given higher-scoring work: {best_agent} would score {best_score} here but takes {best_agent_takes}"
            ),
        }
    }
}

/// The proposal for a solved matching (`column_of[row]`) plus the blocked tasks.
pub(crate) fn build(c: &Candidates<'_>, column_of: &[Option<u32>], blocked: &[&Task], as_of: String) -> AssignmentProposal {
    let score_of = |r: usize, j: usize| {
        let (task, agent) = (c.tasks[r], c.agents[j]);
        score(c.terms[r], experience_term(agent), agent.fields.capacity, agent.workload, task.fields.effort)
    };
    let mut row_of = vec![None; c.agents.len()];
    let mut assignments = Vec::new();
    for (r, j) in column_of.iter().enumerate() {
        if let Some(j) = *j {
            let j = j as usize;
            row_of[j] = Some(r);
            let (task, agent) = (c.tasks[r], c.agents[j]);
            assignments.push(ProposedAssignment {
                task: task.key.clone(),
                agent: agent.key.clone(),
                effort: task.fields.effort,
                workload: agent.workload,
                capacity: agent.fields.capacity,
                score: score_of(r, j),
            });
        }
    }
    let mut unassigned: Vec<UnassignedTask> =
        blocked.iter().map(|t| UnassignedTask { task: t.key.clone(), reason: UnassignedReason::Blocked }).collect();
    for (r, j) in column_of.iter().enumerate() {
        if j.is_some() {
            continue;
        }
        let task = c.tasks[r];
        let edges = c.graph.row(r);
        let reason = match edges.iter().max_by_key(|&&(j, w)| (w, std::cmp::Reverse(j))) {
            Some(&(best, _)) => {
                let best = best as usize;
                let takes = row_of[best].expect("an eligible agent left idle would have taken the task");
                UnassignedReason::Outscored {
                    eligible_agents: edges.len() as u32,
                    best_agent: c.agents[best].key.clone(),
                    best_score: score_of(r, best).total,
                    best_agent_takes: c.tasks[takes].key.clone(),
                }
            }
            None => match c.capable[r] {
                (0, _) => capability_gap(task, &c.agents),
                (capable_agents, most_spare) => {
                    UnassignedReason::NoSpareCapacity { effort: task.fields.effort, capable_agents, most_spare }
                }
            },
        };
        unassigned.push(UnassignedTask { task: task.key.clone(), reason });
    }
    assignments.sort_by(|a, b| a.task.cmp(&b.task));
    unassigned.sort_by(|a, b| a.task.cmp(&b.task));
    let total_score = assignments.iter().map(|a| a.score.total).sum();
    AssignmentProposal { as_of, assignments, unassigned, total_score }
}

/// Why no active agent is capable of `task`: the first requirement (by capability name)
/// that nobody holds at its level, or else that nobody holds them all.
fn capability_gap(task: &Task, agents: &[&Agent]) -> UnassignedReason {
    if agents.is_empty() {
        return UnassignedReason::NoActiveAgent;
    }
    let mut requires = task.requires.clone();
    requires.sort();
    let missing = requires.iter().find(|r| !agents.iter().any(|a| a.level_of(&r.capability).is_some_and(|l| l >= r.level)));
    match missing {
        Some(r) => UnassignedReason::MissingCapability { capability: r.capability.clone(), level: r.level },
        None => UnassignedReason::NoAgentHoldsAll { requires },
    }
}
