//! Properties of assignment rounds on random small workspaces (no database): the rules
//! are never broken, the total score is the brute-force optimum, the reasons are true,
//! and the input order does not matter.

mod common;
use common::builders::{agent, task};
use mabos_planner::assignment::{propose, AssignmentProposal, UnassignedReason};
use mabos_planner::*;
use proptest::prelude::*;
use std::collections::HashSet;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2027-03-01 00:00 UTC);
const CAPS: [&str; 3] = ["copy", "legal", "payments"];

fn capabilities() -> impl Strategy<Value = Vec<CapabilityLevel>> {
    proptest::collection::btree_map(0usize..3, 1u8..=3, 0..=2)
        .prop_map(|m| m.into_iter().map(|(c, l)| CapabilityLevel::new(CAPS[c], l)).collect())
}

fn any_task() -> impl Strategy<Value = Task> {
    let status = prop_oneof![4 => Just(TaskStatus::Todo), 1 => Just(TaskStatus::InProgress), 1 => Just(TaskStatus::Blocked), 1 => Just(TaskStatus::Done)];
    let deadline = proptest::option::of(-48i64..800).prop_map(|h| h.map(|h| time_util::format_rfc3339(NOW + time::Duration::hours(h))));
    (1u8..=10, 0u8..=8, deadline, capabilities(), status, proptest::bool::weighted(0.1)).prop_map(
        |(priority, half_hours, deadline, requires, status, assigned)| {
            task("")
                .titled("t")
                .effort(f64::from(half_hours) / 2.0)
                .priority(priority)
                .deadline(deadline.as_deref())
                .requires(requires)
                .status(status)
                .assignee(assigned.then_some("AG-0"))
                .value()
        },
    )
}

fn any_agent() -> impl Strategy<Value = Agent> {
    (0u32..2500, 0u8..=8, 0u8..=10, proptest::bool::weighted(0.85), capabilities()).prop_map(
        |(experience, capacity, workload, active, capabilities)| {
            agent("")
                .named("a")
                .capacity(f64::from(capacity))
                .experience(experience)
                .active(active)
                .capabilities(capabilities)
                .workload(f64::from(workload) / 2.0)
                .value()
        },
    )
}

/// Up to 6 tasks and 5 agents, keyed T-0… and AG-0….
fn any_workspace() -> impl Strategy<Value = (Vec<Task>, Vec<Agent>)> {
    (proptest::collection::vec(any_task(), 0..=6), proptest::collection::vec(any_agent(), 0..=5)).prop_map(|(mut tasks, mut agents)| {
        for (i, t) in tasks.iter_mut().enumerate() {
            t.key = format!("T-{i}");
        }
        for (j, a) in agents.iter_mut().enumerate() {
            a.key = format!("AG-{j}");
        }
        (tasks, agents)
    })
}

fn offered(t: &Task) -> bool {
    t.assignee.is_none() && matches!(t.status, TaskStatus::Todo | TaskStatus::InProgress)
}

fn capable(t: &Task, a: &Agent) -> bool {
    a.fields.active && t.requires.iter().all(|r| a.level_of(&r.capability).is_some_and(|l| l >= r.level))
}

fn eligible(t: &Task, a: &Agent) -> bool {
    offered(t) && capable(t, a) && a.workload + t.fields.effort <= a.fields.capacity
}

/// The score as docs/assignment.md defines it, written out independently of the core.
fn documented_score(t: &Task, a: &Agent) -> u32 {
    let experience = (a.fields.experience / 100).min(20);
    let spare = if a.fields.capacity > 0.0 {
        (10.0 * (a.fields.capacity - a.workload - t.fields.effort) / a.fields.capacity).floor().clamp(0.0, 10.0) as u32
    } else {
        0
    };
    let urgency = match &t.fields.deadline {
        None => 0,
        Some(d) => {
            let left = OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339).unwrap() - NOW;
            let h = time::Duration::hours;
            if left.is_negative() {
                50
            } else if left <= h(24) {
                40
            } else if left <= h(72) {
                30
            } else if left <= h(168) {
                20
            } else if left <= h(720) {
                10
            } else {
                0
            }
        }
    };
    experience + spare + 10 * u32::from(t.fields.priority) + urgency
}

/// The best total score over every feasible assignment (each agent at most one task).
fn brute_force(tasks: &[Task], agents: &[Agent]) -> u32 {
    fn go(tasks: &[Task], agents: &[Agent], i: usize, used: &mut [bool]) -> u32 {
        if i == tasks.len() {
            return 0;
        }
        let mut best = go(tasks, agents, i + 1, used);
        for (j, a) in agents.iter().enumerate() {
            if !used[j] && eligible(&tasks[i], a) {
                used[j] = true;
                best = best.max(documented_score(&tasks[i], a) + go(tasks, agents, i + 1, used));
                used[j] = false;
            }
        }
        best
    }
    go(tasks, agents, 0, &mut vec![false; agents.len()])
}

fn find<'a, T>(list: &'a [T], key: &str, key_of: impl Fn(&T) -> &str) -> &'a T {
    list.iter().find(|x| key_of(x) == key).unwrap()
}

fn check_rules(tasks: &[Task], agents: &[Agent], p: &AssignmentProposal) -> Result<(), TestCaseError> {
    let mut tasks_seen = HashSet::new();
    let mut agents_seen = HashSet::new();
    for a in &p.assignments {
        let (t, g) = (find(tasks, &a.task, |t| &t.key), find(agents, &a.agent, |g| &g.key));
        prop_assert!(tasks_seen.insert(&a.task) && agents_seen.insert(&a.agent), "{} or {} twice", a.task, a.agent);
        prop_assert!(offered(t), "{} is not offered", t.key);
        prop_assert!(capable(t, g), "{} cannot take {}", g.key, t.key);
        prop_assert!(g.workload + t.fields.effort <= g.fields.capacity, "{} over capacity with {}", g.key, t.key);
        prop_assert_eq!(a.score.total, documented_score(t, g));
    }
    // Every open, unassigned task is either assigned or explained, and the reason holds.
    let open: Vec<&Task> = tasks.iter().filter(|t| t.assignee.is_none() && t.status.is_open()).collect();
    prop_assert_eq!(p.assignments.len() + p.unassigned.len(), open.len());
    for u in &p.unassigned {
        let t = find(tasks, &u.task, |t| &t.key);
        let can = agents.iter().filter(|g| capable(t, g)).count() as u32;
        let fit = agents.iter().filter(|g| eligible(t, g)).count() as u32;
        match &u.reason {
            UnassignedReason::Blocked => prop_assert_eq!(t.status, TaskStatus::Blocked),
            UnassignedReason::NoActiveAgent => prop_assert!(agents.iter().all(|g| !g.fields.active)),
            UnassignedReason::MissingCapability { capability, level } => prop_assert!(agents
                .iter()
                .all(|g| !g.fields.active || g.level_of(capability).is_none_or(|l| l < *level))),
            UnassignedReason::NoAgentHoldsAll { .. } => prop_assert_eq!(can, 0),
            UnassignedReason::NoSpareCapacity { capable_agents, .. } => prop_assert!(*capable_agents == can && can > 0 && fit == 0),
            UnassignedReason::Outscored { eligible_agents, best_agent, best_agent_takes, .. } => {
                prop_assert_eq!(*eligible_agents, fit);
                // Every agent that could have taken it is busy with another task this round.
                for g in agents.iter().filter(|g| eligible(t, g)) {
                    prop_assert!(agents_seen.contains(&g.key), "{} idle while {} waits", g.key, t.key);
                }
                prop_assert!(p.assignments.iter().any(|a| &a.agent == best_agent && &a.task == best_agent_takes));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn rules_hold_and_the_total_is_optimal((tasks, agents) in any_workspace()) {
        let p = propose(&tasks, &agents, NOW);
        check_rules(&tasks, &agents, &p)?;
        prop_assert_eq!(p.total_score, p.assignments.iter().map(|a| a.score.total).sum::<u32>());
        prop_assert_eq!(p.total_score, brute_force(&tasks, &agents));
    }

    #[test]
    fn input_order_does_not_matter(
        ((tasks, agents), shuffled_tasks, shuffled_agents) in any_workspace().prop_flat_map(|(t, a)| {
            (Just((t.clone(), a.clone())), Just(t).prop_shuffle(), Just(a).prop_shuffle())
        }),
    ) {
        let p = propose(&tasks, &agents, NOW);
        prop_assert_eq!(&propose(&tasks, &agents, NOW), &p);
        prop_assert_eq!(&propose(&shuffled_tasks, &shuffled_agents, NOW), &p);
    }
}

/// Many equal scores: every task and agent alike. Ties must still give one fixed answer
/// whatever the input order.
#[test]
fn ties_are_broken_the_same_way_whatever_the_order() {
    let tasks: Vec<Task> = (0..12).map(|i| task(&format!("T-{i:02}")).titled("t").priority(5).value()).collect();
    let agents: Vec<Agent> = (0..7).map(|j| agent(&format!("AG-{j:02}")).named("a").value()).collect();
    let p = propose(&tasks, &agents, NOW);
    assert_eq!(p.assignments.len(), 7);
    assert_eq!(p.total_score, 7 * (50 + 9));
    let mut reversed_tasks = tasks.clone();
    reversed_tasks.reverse();
    let mut rotated_agents = agents.clone();
    rotated_agents.rotate_left(3);
    assert_eq!(propose(&reversed_tasks, &rotated_agents, NOW), p);
}
