//! Property tests of the timeline scheduling (`mabos_planner::schedule`) on small random
//! workspaces: agent lanes never run two scheduled tasks at once, start every task after
//! its dependencies, leave an agent idle only when nothing is ready, take ready work in
//! priority order and do not depend on the order tasks are listed in; plan timelines
//! agree with the critical path and project every step after its predecessors.
//! Public API only.

use mabos_planner::planning::critical_path;
use mabos_planner::schedule::{agent_lanes, plan_timeline, AgentLanes, OverloadKind, TaskBar};
use mabos_planner::*;
use proptest::prelude::*;
use std::collections::HashMap;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2027-01-01 12:00 UTC);
const EPS: f64 = 1e-9;

fn at(h: f64) -> String {
    time_util::format_rfc3339(NOW + time::Duration::seconds_f64(h * 3600.0))
}

/// Half hours, so that every sum is exact.
fn halves(range: std::ops::Range<i32>) -> impl Strategy<Value = f64> {
    range.prop_map(|h| f64::from(h) / 2.0)
}

#[derive(Clone, Debug)]
struct TaskSpec {
    assignee: Option<usize>,
    status: TaskStatus,
    effort: f64,
    priority: u8,
    deadline: Option<f64>,
    /// Dependencies on earlier tasks, by index.
    deps: Vec<usize>,
    /// A dependency on any task (may close a cycle) or on one that does not exist.
    odd_dep: Option<Option<usize>>,
    started: f64,
    took: f64,
}

fn status() -> impl Strategy<Value = TaskStatus> {
    prop_oneof![
        5 => Just(TaskStatus::Todo),
        1 => Just(TaskStatus::Blocked),
        2 => Just(TaskStatus::InProgress),
        2 => Just(TaskStatus::Done),
        1 => Just(TaskStatus::Failed),
    ]
}

fn task_spec(n: usize, agents: usize) -> impl Strategy<Value = TaskSpec> {
    let assignee = prop_oneof![4 => (0..agents + 1).prop_map(Some), 1 => Just(None)];
    let odd = prop_oneof![12 => Just(None), 1 => (0..n).prop_map(|j| Some(Some(j))), 1 => Just(Some(None))];
    (
        assignee,
        status(),
        // Every task takes some time: tasks of no length that start and finish at one
        // instant may be taken in either order among themselves (docs/timeline.md).
        halves(1..9),
        1u8..=10,
        prop::option::of(halves(-10..30)),
        prop::collection::vec(0..n.max(1), 0..3),
        odd,
        halves(-20..0),
        halves(0..10),
    )
        .prop_map(|(assignee, status, effort, priority, deadline, deps, odd_dep, started, took)| TaskSpec {
            assignee,
            status,
            effort,
            priority,
            deadline,
            deps,
            odd_dep,
            started,
            took,
        })
}

/// Agents (capacity, active), tasks, and a listing order.
fn workspace() -> impl Strategy<Value = (Vec<(f64, bool)>, Vec<TaskSpec>, Vec<usize>)> {
    (1usize..=3, 0usize..=14).prop_flat_map(|(agents, n)| {
        (
            prop::collection::vec((halves(0..16), prop::bool::weighted(0.85)), agents),
            prop::collection::vec(task_spec(n, agents), n),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

fn build(agents: &[(f64, bool)], specs: &[TaskSpec]) -> (Vec<Agent>, Vec<Task>) {
    let agents = agents
        .iter()
        .enumerate()
        .map(|(i, &(capacity, active))| {
            let mut fields = AgentFields::named(&format!("agent {i}"), capacity);
            fields.active = active;
            Agent {
                key: format!("AG-{i}"),
                fields,
                workload: 0.0,
                open_tasks: 0,
            }
        })
        .collect();
    let tasks = specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut fields = TaskFields::titled(&format!("task {i}"), s.effort);
            fields.priority = s.priority;
            fields.deadline = s.deadline.map(at);
            let mut depends_on: Vec<String> = s.deps.iter().filter(|&&j| j < i).map(|j| format!("T-{j:02}")).collect();
            match s.odd_dep {
                Some(Some(j)) => depends_on.push(format!("T-{j:02}")),
                Some(None) => depends_on.push("T-99".to_owned()),
                None => {}
            }
            let started = matches!(s.status, TaskStatus::InProgress | TaskStatus::Done).then(|| at(s.started));
            let completed = (s.status == TaskStatus::Done).then(|| at((s.started + s.took).min(0.0)));
            Task {
                key: format!("T-{i:02}"),
                fields,
                status: s.status,
                // Index `agents` stands for an agent that does not exist.
                assignee: s.assignee.map(|a| format!("AG-{a}")),
                depends_on,
                requires: Vec::new(),
                created_at: at(-30.0),
                started_at: started,
                completed_at: completed,
            }
        })
        .collect();
    (agents, tasks)
}

fn bars(l: &AgentLanes) -> impl Iterator<Item = &TaskBar> {
    l.lanes.iter().flat_map(|lane| &lane.bars).chain(&l.unassigned)
}

fn scheduled(b: &TaskBar) -> bool {
    matches!(b.status, TaskStatus::Todo | TaskStatus::Blocked)
}

/// When each dependency is done, in the lanes' hours: bars, and done tasks off the lanes.
fn finishes(l: &AgentLanes, tasks: &[Task]) -> HashMap<String, f64> {
    let origin = OffsetDateTime::parse(&l.origin, &time::format_description::well_known::Rfc3339).unwrap();
    let mut finish: HashMap<String, f64> = tasks
        .iter()
        .filter_map(|t| {
            let done = OffsetDateTime::parse(t.completed_at.as_deref()?, &time::format_description::well_known::Rfc3339).ok()?;
            Some((t.key.clone(), (done - origin).as_seconds_f64() / 3600.0))
        })
        .collect();
    for b in bars(l) {
        finish.insert(b.task.clone(), b.finish);
    }
    finish
}

/// The order ready work is taken in: priority, then deadline (none last), then key.
fn rank(b: &TaskBar) -> (std::cmp::Reverse<u8>, bool, i64, &str) {
    (
        std::cmp::Reverse(b.priority),
        b.deadline.is_none(),
        b.deadline.map_or(0, |d| (d * 2.0).round() as i64),
        &b.task,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn agent_lanes_keep_their_promises((agent_specs, specs, listing) in workspace()) {
        let (agents, tasks) = build(&agent_specs, &specs);
        let l = agent_lanes(&tasks, &agents, NOW);
        let finish = finishes(&l, &tasks);
        let by_key: HashMap<&str, &Task> = tasks.iter().map(|t| (t.key.as_str(), t)).collect();

        // Every todo or blocked task is scheduled once, or reported once.
        for t in tasks.iter().filter(|t| matches!(t.status, TaskStatus::Todo | TaskStatus::Blocked)) {
            let placed = bars(&l).filter(|b| b.task == t.key).count();
            let reported = l.unscheduled.iter().filter(|u| u.task == t.key).count();
            prop_assert_eq!(placed + reported, 1, "{}", t.key);
        }
        for lane in &l.lanes {
            let open: Vec<&TaskBar> = lane.bars.iter().filter(|b| b.status.is_open()).collect();
            let mut prev = open.iter().filter(|b| b.status == TaskStatus::InProgress).map(|b| b.finish).fold(l.now, f64::max);
            for b in open.iter().filter(|b| scheduled(b)) {
                // One task at a time.
                for c in &open {
                    if c.task != b.task {
                        prop_assert!(b.finish <= c.start + EPS || c.finish <= b.start + EPS, "{} and {} overlap on {}", b.task, c.task, lane.agent);
                    }
                }
                // After its dependencies and not before now; and as soon as both the
                // dependencies and the agent allow.
                let release = by_key[b.task.as_str()].depends_on.iter().map(|d| finish[d]).fold(l.now, f64::max);
                prop_assert!(b.start + EPS >= release, "{} starts before its dependencies finish", b.task);
                prop_assert!((b.start - release.max(prev)).abs() < EPS, "{} starts at {} not {}", b.task, b.start, release.max(prev));
                prop_assert!((b.finish - b.start - b.effort).abs() < EPS);
                prev = b.finish;
                // Work that was ready when it started and ran later ranks below it.
                for c in open.iter().filter(|c| scheduled(c) && c.start > b.start + EPS) {
                    let c_release = by_key[c.task.as_str()].depends_on.iter().map(|d| finish[d]).fold(l.now, f64::max);
                    if c_release <= b.start + EPS {
                        prop_assert!(rank(b) < rank(c), "{} ran before the better {}", b.task, c.task);
                    }
                }
            }
            // Over capacity exactly while the effort of open bars not yet finished
            // exceeds the capacity; late exactly where a bar runs past its deadline.
            let open_at = |t: f64| open.iter().filter(|b| b.finish > t).map(|b| b.effort).sum::<f64>();
            let mut over_until = l.now;
            for o in &lane.overloads {
                match &o.kind {
                    OverloadKind::OverCapacity { .. } => {
                        prop_assert!(open_at((o.start + o.finish) / 2.0) > lane.capacity);
                        over_until = o.finish;
                    }
                    OverloadKind::PastDeadline { task } => {
                        let b = open.iter().find(|b| &b.task == task).unwrap();
                        let d = b.deadline.unwrap();
                        prop_assert!(b.finish > d && o.start == b.start.max(d) && o.finish == b.finish);
                    }
                    OverloadKind::Simultaneous { .. } => prop_assert!(o.finish > o.start),
                }
            }
            prop_assert!(open_at(over_until) <= lane.capacity + EPS, "{} still over capacity at {}", lane.agent, over_until);
            let late = open.iter().filter(|b| b.deadline.is_some_and(|d| b.finish > d)).count();
            prop_assert_eq!(late, lane.overloads.iter().filter(|o| matches!(o.kind, OverloadKind::PastDeadline { .. })).count());
        }
        for b in l.unassigned.iter().filter(|b| scheduled(b)) {
            let release = by_key[b.task.as_str()].depends_on.iter().map(|d| finish[d]).fold(l.now, f64::max);
            prop_assert!((b.start - release).abs() < EPS, "unassigned {} waits for nothing", b.task);
        }

        // The order tasks and agents are listed in changes nothing but the lane order.
        let shuffled: Vec<Task> = listing.iter().map(|&i| tasks[i].clone()).collect();
        prop_assert_eq!(&agent_lanes(&shuffled, &agents, NOW), &l);
    }

    #[test]
    fn plan_timelines_agree_with_the_critical_path(
        (_n, edges, durations, listing, runs, active) in (0usize..=7).prop_flat_map(|n| {
            let pairs: Vec<(usize, usize)> = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
            let edges = prop::collection::vec(prop::bool::weighted(0.35), pairs.len())
                .prop_map(move |keep| pairs.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect::<Vec<_>>());
            let run = prop::option::of((status(), halves(-20..0), halves(0..12)));
            (Just(n), edges, prop::collection::vec(halves(0..9), n), Just((0..n).collect::<Vec<_>>()).prop_shuffle(), prop::collection::vec(run, n), any::<bool>())
        })
    ) {
        let plan = Plan {
            key: "P-X".into(),
            goal: "G-X".into(),
            status: if active { PlanStatus::Active } else { PlanStatus::Draft },
            fields: PlanFields::titled("x"),
            steps: listing.iter().map(|&i| Step { key: format!("S{i}"), action: format!("A{i}"), note: String::new() }).collect(),
            edges: edges.iter().map(|(b, a)| PlanEdge { before: format!("S{b}"), after: format!("S{a}") }).collect(),
        };
        let actions: Vec<Action> = durations.iter().enumerate().map(|(i, &d)| Action { key: format!("A{i}"), fields: ActionFields::named("a", 1.0, d) }).collect();
        let tasks: Vec<Task> = runs
            .iter()
            .enumerate()
            .filter_map(|(i, run)| {
                let (status, started, took) = (*run)?;
                let ran = !matches!(status, TaskStatus::Todo | TaskStatus::Blocked);
                let mut fields = TaskFields::titled("t", durations[i]);
                fields.step = Some(StepRef { plan: "P-X".into(), step: format!("S{i}") });
                Some(Task {
                    key: format!("T-{i}"),
                    fields,
                    status,
                    assignee: None,
                    depends_on: Vec::new(),
                    requires: Vec::new(),
                    created_at: at(-25.0),
                    started_at: ran.then(|| at(started)),
                    completed_at: (status == TaskStatus::Done).then(|| at((started + took).min(0.0))),
                })
            })
            .collect();
        let cp = critical_path(&plan, &actions).unwrap();
        let t = plan_timeline(&plan, &actions, &tasks, NOW).unwrap();
        prop_assert_eq!(t.steps.len(), cp.steps.len());
        prop_assert_eq!(t.started, active && !tasks.is_empty());
        let mut projected: HashMap<&str, (f64, f64)> = HashMap::new();
        for (bar, s) in t.steps.iter().zip(&cp.steps) {
            prop_assert_eq!(&bar.step, &s.step);
            prop_assert_eq!((bar.earliest_start, bar.earliest_finish, bar.slack), (s.earliest_start, s.earliest_finish, s.slack));
            prop_assert_eq!(bar.critical, bar.slack == 0.0);
            if !t.started {
                prop_assert_eq!((bar.projected_start, bar.projected_finish), (bar.earliest_start, bar.earliest_finish));
            }
            if !matches!(bar.status, Some(TaskStatus::Done | TaskStatus::InProgress)) {
                prop_assert!(bar.projected_start >= t.now);
                for e in plan.edges.iter().filter(|e| e.after == bar.step) {
                    prop_assert!(bar.projected_start >= projected[e.before.as_str()].1, "{} starts before {} ends", bar.step, e.before);
                }
                prop_assert_eq!(bar.projected_finish, bar.projected_start + bar.duration);
            } else {
                prop_assert!(bar.projected_finish >= bar.projected_start);
            }
            projected.insert(&bar.step, (bar.projected_start, bar.projected_finish));
        }
        prop_assert_eq!(t.projected_finish, t.steps.iter().map(|s| s.projected_finish).fold(0.0, f64::max));
        prop_assert_eq!(t.edges.len(), plan.edges.len());
        for e in &t.edges {
            prop_assert_eq!(e.critical, cp.critical_edges.iter().any(|c| c.before == e.before && c.after == e.after));
        }
    }
}
