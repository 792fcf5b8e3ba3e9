//! Agent lanes: each active agent's tasks over time. Done and running tasks sit where
//! they happened; the open rest is list-scheduled, one task at a time per agent, each as
//! soon as its dependencies (anyone's) are done and its agent is free, the most
//! important first. Overload is marked where it happens, and tasks that can never be
//! scheduled are reported with a typed reason.

use super::clock::{hours, key_order, parse, span, to_millis};
use crate::domain::{Agent, Task, TaskStatus};
use crate::time_util::format_rfc3339;
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use serde::Serialize;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use time::OffsetDateTime;

/// One task on a lane. Times are in hours from [`AgentLanes::origin`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TaskBar {
    /// The task's key.
    pub task: String,
    /// Its title.
    pub title: String,
    /// Its status: `done` and `in_progress` bars are where the work happened; `todo` and
    /// `blocked` bars are scheduled.
    pub status: TaskStatus,
    /// 1 (lowest) to 10 (highest).
    pub priority: u8,
    /// In hours.
    pub effort: f64,
    /// When the work starts (or started).
    pub start: f64,
    /// When it ends (or ended).
    pub finish: f64,
    /// The task's deadline, if it has one.
    pub deadline: Option<f64>,
    /// The tasks it waits on, by key.
    pub depends_on: Vec<String>,
    /// The plan it was made from, if any.
    pub plan: Option<String>,
}

/// What makes an interval of a lane overloaded.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OverloadKind {
    /// The effort of the agent's open tasks not yet finished (by the schedule) is more
    /// than its capacity: the data model's "workload above capacity", followed over time.
    OverCapacity {
        /// The open effort at the start of the interval (the most within it, since it
        /// only falls as work gets done).
        open_effort: f64,
        /// The agent's capacity.
        capacity: f64,
    },
    /// An open task's bar runs past its deadline: from the deadline (or the bar's start,
    /// if later) to the bar's finish.
    PastDeadline {
        /// The late task.
        task: String,
    },
    /// Two tasks are in progress at once (the agent started the second before finishing
    /// the first): where their bars overlap.
    Simultaneous {
        /// The two tasks, earlier start first.
        tasks: Vec<String>,
    },
}

/// An overloaded interval of a lane, in hours from [`AgentLanes::origin`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Overload {
    /// Why it is overloaded.
    pub kind: OverloadKind,
    /// From.
    pub start: f64,
    /// To.
    pub finish: f64,
}

/// One active agent's lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AgentLane {
    /// The agent's key.
    pub agent: String,
    /// Its name.
    pub name: String,
    /// The most open effort it should hold, in hours.
    pub capacity: f64,
    /// The effort of its open tasks (todo, in progress, blocked), scheduled or not.
    pub workload: f64,
    /// Its done, running and scheduled tasks, by start (then finish, then key).
    pub bars: Vec<TaskBar>,
    /// Where it is overloaded: over capacity first, then late tasks and simultaneous
    /// work, each by start.
    pub overloads: Vec<Overload>,
}

/// Why an open task has no place on the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnscheduledReason {
    /// It depends on a task that does not exist.
    MissingDependency {
        /// The key it names.
        dependency: String,
    },
    /// It is on a dependency cycle (which the store refuses; this is data written
    /// behind its back).
    Cycle {
        /// The tasks of the cycle (its strongly connected component), in key order.
        cycle: Vec<String>,
    },
    /// It depends on a failed task, which will not finish until it is retried.
    FailedDependency {
        /// The failed task.
        dependency: String,
    },
    /// It depends on a task that cannot be scheduled itself.
    WaitsOn {
        /// That task.
        dependency: String,
    },
}

/// An open task that cannot be scheduled.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Unscheduled {
    /// The task's key.
    pub task: String,
    /// Its assignee, if any.
    pub assignee: Option<String>,
    /// Why.
    pub reason: UnscheduledReason,
}

/// [`agent_lanes`]: every active agent's lane. Semantics: docs/timeline.md.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AgentLanes {
    /// Hour 0 of every time here (RFC 3339 UTC): the earliest start of a bar on a lane,
    /// or `now` if that is earlier.
    pub origin: String,
    /// The time the lanes are for, in hours from the origin (where the "now" line goes).
    pub now: f64,
    /// When the last scheduled task finishes (`now` when nothing is open).
    pub finish: f64,
    /// One lane per active agent, in the order given.
    pub lanes: Vec<AgentLane>,
    /// Open tasks with no active agent (unassigned, or held by an agent that is
    /// inactive or unknown), scheduled as soon as their dependencies allow, by start.
    pub unassigned: Vec<TaskBar>,
    /// Open tasks that cannot be scheduled, in key order.
    pub unscheduled: Vec<Unscheduled>,
}

/// Schedules `tasks` on the lanes of the active `agents` at time `now`. Never fails:
/// unreadable timestamps count as absent, and tasks that cannot be placed are listed in
/// [`AgentLanes::unscheduled`].
pub fn agent_lanes(tasks: &[Task], agents: &[Agent], now: OffsetDateTime) -> AgentLanes {
    let now = to_millis(now);
    let mut lane_of: HashMap<&str, usize> = HashMap::new();
    let active: Vec<&Agent> = agents.iter().filter(|a| a.fields.active).collect();
    for (l, agent) in active.iter().enumerate() {
        lane_of.entry(agent.key.as_str()).or_insert(l);
    }
    let lane: Vec<Option<usize>> = tasks.iter().map(|t| t.assignee.as_deref().and_then(|a| lane_of.get(a).copied())).collect();

    // Where done and running work happened, in absolute time.
    let fixed: Vec<Option<(OffsetDateTime, OffsetDateTime)>> = tasks
        .iter()
        .map(|t| match t.status {
            TaskStatus::Done => {
                let end = parse(t.completed_at.as_deref()).unwrap_or(now);
                Some((parse(t.started_at.as_deref()).unwrap_or(end).min(end), end))
            }
            TaskStatus::InProgress => {
                let start = parse(t.started_at.as_deref()).unwrap_or(now);
                Some((start, start))
            }
            _ => None,
        })
        .collect();
    let origin = to_millis(
        fixed
            .iter()
            .zip(&lane)
            .zip(tasks)
            .filter(|((_, l), t)| l.is_some() || t.status == TaskStatus::InProgress)
            .filter_map(|((f, _), _)| f.map(|(start, _)| start))
            .fold(now, OffsetDateTime::min),
    );
    let now_h = hours(origin, now);
    let deadline: Vec<Option<f64>> = tasks.iter().map(|t| parse(t.fields.deadline.as_deref()).map(|d| hours(origin, d))).collect();
    let effort: Vec<f64> = tasks.iter().map(|t| span(t.fields.effort)).collect();

    let mut sim = Simulation::new(tasks, lane, active.len(), now_h, &deadline);
    for (i, f) in fixed.iter().enumerate() {
        if let Some((start, end)) = *f {
            let start = hours(origin, start);
            let finish = if tasks[i].status == TaskStatus::InProgress {
                (start + effort[i]).max(now_h)
            } else {
                hours(origin, end)
            };
            sim.place(i, start, finish);
        }
    }
    sim.release_ready();
    sim.run(&effort);
    let unscheduled = sim.unscheduled();

    let bar = |i: usize| {
        let (start, finish) = sim.placed[i].unwrap_or((now_h, now_h));
        let t = &tasks[i];
        TaskBar {
            task: t.key.clone(),
            title: t.fields.title.clone(),
            status: t.status,
            priority: t.fields.priority,
            effort: effort[i],
            start,
            finish,
            deadline: deadline[i],
            depends_on: t.depends_on.clone(),
            plan: t.fields.step.as_ref().map(|s| s.plan.clone()),
        }
    };
    let by_start = |a: &TaskBar, b: &TaskBar| {
        a.start
            .total_cmp(&b.start)
            .then(a.finish.total_cmp(&b.finish))
            .then_with(|| key_order(&a.task, &b.task))
    };
    let mut lanes: Vec<AgentLane> = active
        .iter()
        .map(|a| AgentLane {
            agent: a.key.clone(),
            name: a.fields.name.clone(),
            capacity: a.fields.capacity,
            workload: 0.0,
            bars: Vec::new(),
            overloads: Vec::new(),
        })
        .collect();
    let mut unassigned = Vec::new();
    for (i, t) in tasks.iter().enumerate() {
        if let Some(l) = sim.lane[i] {
            if t.status.is_open() {
                lanes[l].workload += effort[i];
            }
        }
        if sim.placed[i].is_none() {
            continue;
        }
        match sim.lane[i] {
            Some(l) => lanes[l].bars.push(bar(i)),
            None if t.status.is_open() => unassigned.push(bar(i)),
            None => {}
        }
    }
    for lane in &mut lanes {
        lane.bars.sort_by(by_start);
        lane.overloads = overloads(&lane.bars, lane.capacity, now_h);
    }
    unassigned.sort_by(by_start);
    let finish = lanes
        .iter()
        .flat_map(|l| &l.bars)
        .chain(&unassigned)
        .filter(|b| b.status.is_open())
        .map(|b| b.finish)
        .fold(now_h, f64::max);
    AgentLanes {
        origin: format_rfc3339(origin),
        now: now_h,
        finish,
        lanes,
        unassigned,
        unscheduled,
    }
}

/// A time on the event queue, ordered totally (times are finite).
#[derive(Clone, Copy, PartialEq)]
struct At(f64);

impl Eq for At {}

impl PartialOrd for At {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for At {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The list scheduler's state: an event-driven simulation over hours.
struct Simulation<'t> {
    tasks: &'t [Task],
    lane: Vec<Option<usize>>,
    /// `(start, finish)` of every placed task.
    placed: Vec<Option<(f64, f64)>>,
    /// Dependencies not placed yet, per open task still to schedule.
    waiting: Vec<usize>,
    /// The latest finish of the placed dependencies, and `now`.
    release: Vec<f64>,
    dependents: Vec<Vec<usize>>,
    /// Missing dependency keys, per task.
    missing: Vec<Option<String>>,
    /// Index of each task's dependencies that exist.
    deps: Vec<Vec<usize>>,
    /// Position in the order tasks are taken up: priority, deadline, key.
    rank: Vec<usize>,
    releases: BinaryHeap<Reverse<(At, usize)>>,
    ready: Vec<BinaryHeap<Reverse<(usize, usize)>>>,
    free_at: Vec<f64>,
    /// Set once the done and running tasks are placed: from then on a task whose last
    /// dependency gets placed is released at once.
    running: bool,
}

impl<'t> Simulation<'t> {
    fn new(tasks: &'t [Task], lane: Vec<Option<usize>>, lanes: usize, now: f64, deadline: &[Option<f64>]) -> Simulation<'t> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, t) in tasks.iter().enumerate() {
            index.entry(t.key.as_str()).or_insert(i);
        }
        let n = tasks.len();
        let mut deps = vec![Vec::new(); n];
        let mut missing = vec![None; n];
        let mut dependents = vec![Vec::new(); n];
        for (i, t) in tasks.iter().enumerate() {
            for d in &t.depends_on {
                match index.get(d.as_str()) {
                    Some(&j) => {
                        deps[i].push(j);
                        dependents[j].push(i);
                    }
                    None => {
                        missing[i].get_or_insert_with(|| d.clone());
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (&tasks[a], &tasks[b]);
            tb.fields
                .priority
                .cmp(&ta.fields.priority)
                .then_with(|| match (deadline[a], deadline[b]) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                })
                .then_with(|| key_order(&ta.key, &tb.key))
                .then(a.cmp(&b))
        });
        let mut rank = vec![0; n];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        Simulation {
            tasks,
            lane,
            placed: vec![None; n],
            waiting: deps.iter().map(Vec::len).collect(),
            release: vec![now; n],
            dependents,
            missing,
            deps,
            rank,
            releases: BinaryHeap::new(),
            ready: vec![BinaryHeap::new(); lanes],
            free_at: vec![now; lanes],
            running: false,
        }
    }

    fn schedulable(&self, i: usize) -> bool {
        matches!(self.tasks[i].status, TaskStatus::Todo | TaskStatus::Blocked)
    }

    /// Puts task `i` at `start..finish` and tells its dependents.
    fn place(&mut self, i: usize, start: f64, finish: f64) {
        self.placed[i] = Some((start, finish));
        if let (Some(l), TaskStatus::InProgress | TaskStatus::Todo | TaskStatus::Blocked) = (self.lane[i], self.tasks[i].status) {
            self.free_at[l] = self.free_at[l].max(finish);
        }
        for k in 0..self.dependents[i].len() {
            let d = self.dependents[i][k];
            self.waiting[d] -= 1;
            self.release[d] = self.release[d].max(finish);
            if self.waiting[d] == 0 && self.schedulable(d) && self.missing[d].is_none() && self.running {
                self.releases.push(Reverse((At(self.release[d]), d)));
            }
        }
    }

    /// Releases every open task whose dependencies are all placed: once the done and
    /// running tasks are in, before the run (later releases come from [`Self::place`]).
    fn release_ready(&mut self) {
        self.running = true;
        for i in 0..self.tasks.len() {
            if self.waiting[i] == 0 && self.schedulable(i) && self.missing[i].is_none() {
                self.releases.push(Reverse((At(self.release[i]), i)));
            }
        }
    }

    /// The list scheduler proper. At each event time `t` (a release, or a busy agent
    /// with work waiting becoming free), released tasks without a lane start at once,
    /// and every free agent with released work starts the first of it in rank order.
    fn run(&mut self, effort: &[f64]) {
        loop {
            let next_release = self.releases.peek().map(|Reverse((At(t), _))| *t);
            let next_agent = (0..self.ready.len())
                .filter(|&l| !self.ready[l].is_empty())
                .map(|l| self.free_at[l])
                .min_by(f64::total_cmp);
            let t = match (next_release, next_agent) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => break,
            };
            while let Some(&Reverse((At(r), i))) = self.releases.peek() {
                if r > t {
                    break;
                }
                self.releases.pop();
                match self.lane[i] {
                    Some(l) => self.ready[l].push(Reverse((self.rank[i], i))),
                    None => self.place(i, r, r + effort[i]),
                }
            }
            for l in 0..self.ready.len() {
                if self.free_at[l] <= t {
                    if let Some(Reverse((_, i))) = self.ready[l].pop() {
                        self.place(i, t, t + effort[i]);
                    }
                }
            }
        }
    }

    /// The open tasks left unplaced, with the reason for each, in key order.
    fn unscheduled(&self) -> Vec<Unscheduled> {
        let left: Vec<usize> = (0..self.tasks.len()).filter(|&i| self.schedulable(i) && self.placed[i].is_none()).collect();
        let mut node = vec![usize::MAX; self.tasks.len()];
        let mut graph = DiGraph::<usize, ()>::with_capacity(left.len(), 0);
        for &i in &left {
            node[i] = graph.add_node(i).index();
        }
        for &i in &left {
            for &j in &self.deps[i] {
                if node[j] != usize::MAX {
                    graph.add_edge((node[i] as u32).into(), (node[j] as u32).into(), ());
                }
            }
        }
        let mut cycle_of: HashMap<usize, Vec<String>> = HashMap::new();
        for component in tarjan_scc(&graph) {
            let on_cycle = component.len() > 1 || graph.contains_edge(component[0], component[0]);
            if on_cycle {
                let mut keys: Vec<String> = component.iter().map(|&v| self.tasks[graph[v]].key.clone()).collect();
                keys.sort_by(|a, b| key_order(a, b));
                for &v in &component {
                    cycle_of.insert(graph[v], keys.clone());
                }
            }
        }
        let mut out: Vec<Unscheduled> = left
            .iter()
            .map(|&i| {
                let key = |j: usize| self.tasks[j].key.clone();
                let reason = if let Some(d) = &self.missing[i] {
                    UnscheduledReason::MissingDependency { dependency: d.clone() }
                } else if let Some(cycle) = cycle_of.get(&i) {
                    UnscheduledReason::Cycle { cycle: cycle.clone() }
                } else if let Some(&j) = self.deps[i].iter().find(|&&j| self.tasks[j].status == TaskStatus::Failed) {
                    UnscheduledReason::FailedDependency { dependency: key(j) }
                } else {
                    // Not released, so some dependency was never placed.
                    let j = self.deps[i].iter().copied().find(|&j| self.placed[j].is_none()).unwrap_or(i);
                    UnscheduledReason::WaitsOn { dependency: key(j) }
                };
                Unscheduled {
                    task: key(i),
                    assignee: self.tasks[i].assignee.clone(),
                    reason,
                }
            })
            .collect();
        out.sort_by(|a, b| key_order(&a.task, &b.task));
        out
    }
}

/// The overloaded intervals of one lane (see [`OverloadKind`]); only open work counts,
/// and only from `now` on.
fn overloads(bars: &[TaskBar], capacity: f64, now: f64) -> Vec<Overload> {
    let open: Vec<&TaskBar> = bars.iter().filter(|b| b.status.is_open()).collect();
    let mut out = Vec::new();
    // Open effort is a step function that drops at each finish after now.
    let mut finishes: Vec<(f64, f64)> = open.iter().filter(|b| b.finish > now).map(|b| (b.finish, b.effort)).collect();
    finishes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut level: f64 = finishes.iter().map(|f| f.1).sum();
    let mut from = now;
    let mut k = 0;
    while k < finishes.len() && level > capacity + 1e-9 {
        let until = finishes[k].0;
        let at_start = level;
        while k < finishes.len() && finishes[k].0 <= until {
            level -= finishes[k].1;
            k += 1;
        }
        if until > from {
            match out.last_mut() {
                Some(Overload { finish, .. }) if *finish == from => *finish = until,
                _ => out.push(Overload {
                    kind: OverloadKind::OverCapacity {
                        open_effort: at_start,
                        capacity,
                    },
                    start: from,
                    finish: until,
                }),
            }
        }
        from = until;
    }
    let mut late: Vec<Overload> = open
        .iter()
        .filter_map(|b| {
            let d = b.deadline?;
            (b.finish > d).then(|| Overload {
                kind: OverloadKind::PastDeadline { task: b.task.clone() },
                start: b.start.max(d),
                finish: b.finish,
            })
        })
        .collect();
    let running: Vec<&&TaskBar> = open.iter().filter(|b| b.status == TaskStatus::InProgress).collect();
    for (x, a) in running.iter().enumerate() {
        for b in &running[x + 1..] {
            let (start, finish) = (a.start.max(b.start), a.finish.min(b.finish));
            if finish > start {
                late.push(Overload {
                    kind: OverloadKind::Simultaneous {
                        tasks: vec![a.task.clone(), b.task.clone()],
                    },
                    start,
                    finish,
                });
            }
        }
    }
    late.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.finish.total_cmp(&b.finish)));
    out.extend(late);
    out
}

#[cfg(test)]
#[path = "lanes_tests.rs"]
mod tests;
