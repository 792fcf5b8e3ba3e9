//! The hard filter: which (task, agent) pairs may be considered at all, weighted for the
//! solver. A pair passes when the agent holds every capability the task requires at
//! least at the required level and the task's effort fits in the agent's spare capacity.

use super::score::{experience_term, score, TaskTerms};
use super::solver::BipartiteGraph;
use crate::{Agent, Task};
use std::collections::HashMap;
use time::OffsetDateTime;

/// The offered tasks (rows) and active agents (columns), in key order, and the graph of
/// the pairs that passed the filter.
pub(crate) struct Candidates<'a> {
    pub tasks: Vec<&'a Task>,
    pub agents: Vec<&'a Agent>,
    pub terms: Vec<TaskTerms>,
    pub graph: BipartiteGraph,
    /// Per task: how many active agents are capable, and the most spare capacity among them.
    pub capable: Vec<(u32, f64)>,
}

impl<'a> Candidates<'a> {
    /// `tasks` and `agents` must already be the offered tasks and active agents, in key order.
    pub fn build(tasks: Vec<&'a Task>, agents: Vec<&'a Agent>, now: OffsetDateTime) -> Candidates<'a> {
        let held = Held::of(&agents);
        let experience: Vec<u32> = agents.iter().map(|a| experience_term(a)).collect();
        let terms: Vec<TaskTerms> = tasks.iter().map(|t| TaskTerms::of(t, now)).collect();
        let mut graph = BipartiteGraph::new(agents.len());
        let mut capable = Vec::with_capacity(tasks.len());
        let mut row = Vec::new();
        for (task, &terms) in tasks.iter().zip(&terms) {
            row.clear();
            let (mut count, mut most_spare) = (0u32, f64::NEG_INFINITY);
            if let Some(needs) = held.requirements(task) {
                let effort = task.fields.effort;
                for (j, agent) in agents.iter().enumerate() {
                    if !held.qualifies(j, &needs) {
                        continue;
                    }
                    count += 1;
                    let (capacity, workload) = (agent.fields.capacity, agent.workload);
                    most_spare = most_spare.max(capacity - workload);
                    if fits(capacity, workload, effort) {
                        let s = score(terms, experience[j], capacity, workload, effort);
                        row.push((j as u32, weight(s.total, tasks.len())));
                    }
                }
            }
            capable.push((count, most_spare));
            graph.push_row(row.iter().copied());
        }
        Candidates { tasks, agents, terms, graph, capable }
    }
}

/// Whether `effort` more keeps the agent within its capacity (exact in f64, the same
/// sum the store checks when it applies the assignment).
pub(crate) fn fits(capacity: f64, workload: f64, effort: f64) -> bool {
    workload + effort <= capacity
}

/// The solver's weight for a score. The secondary objective rides in the low digits:
/// among assignments of equal total score, the one that assigns more tasks weighs more
/// (`rows + 1` exceeds any difference in the number of assigned tasks).
pub(crate) fn weight(score: u32, rows: usize) -> i64 {
    i64::from(score) * (rows as i64 + 1) + 1
}

/// The capabilities the active agents hold, interned so that a check is a few integer
/// comparisons rather than string lookups.
struct Held<'a> {
    ids: HashMap<&'a str, u32>,
    /// Per agent, `(capability id, level)` sorted by id.
    levels: Vec<Vec<(u32, u8)>>,
}

impl<'a> Held<'a> {
    fn of(agents: &[&'a Agent]) -> Held<'a> {
        let mut ids: HashMap<&'a str, u32> = HashMap::new();
        let levels = agents
            .iter()
            .map(|a| {
                let mut list: Vec<(u32, u8)> = a
                    .fields
                    .capabilities
                    .iter()
                    .map(|c| {
                        let next = ids.len() as u32;
                        (*ids.entry(c.capability.as_str()).or_insert(next), c.level)
                    })
                    .collect();
                list.sort_unstable();
                list
            })
            .collect();
        Held { ids, levels }
    }

    /// The task's requirements as interned ids, or `None` when some capability is held
    /// by no active agent at all (then nobody qualifies).
    fn requirements(&self, task: &Task) -> Option<Vec<(u32, u8)>> {
        task.requires.iter().map(|r| self.ids.get(r.capability.as_str()).map(|&id| (id, r.level))).collect()
    }

    fn qualifies(&self, agent: usize, needs: &[(u32, u8)]) -> bool {
        let held = &self.levels[agent];
        needs.iter().all(|&(id, level)| match held.binary_search_by_key(&id, |&(c, _)| c) {
            Ok(k) => held[k].1 >= level,
            Err(_) => false,
        })
    }
}
