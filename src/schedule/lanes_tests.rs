//! Agent lanes as data: a workspace in a line per agent and per task, the lanes in a
//! line per agent. Times are hours from now.

use super::*;
use crate::schedule::fixtures::{agents, at, tasks, NOW};
use std::fmt::Write;

fn render(l: &AgentLanes) -> String {
    let t = |x: f64| x - l.now;
    let bars = |bars: &[TaskBar]| {
        bars.iter()
            .map(|b| format!(" {} {} {}..{}", b.task, b.status, t(b.start), t(b.finish)))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut out = String::new();
    for lane in &l.lanes {
        write!(out, "{} ({}/{}):{}", lane.agent, lane.workload, lane.capacity, bars(&lane.bars)).unwrap();
        for o in &lane.overloads {
            let what = match &o.kind {
                OverloadKind::OverCapacity { open_effort, .. } => format!("over {open_effort}"),
                OverloadKind::PastDeadline { task } => format!("late {task}"),
                OverloadKind::Simultaneous { tasks } => format!("both {}", tasks.join("+")),
            };
            write!(out, " | {what} {}..{}", t(o.start), t(o.finish)).unwrap();
        }
        out += "\n";
    }
    if !l.unassigned.is_empty() {
        writeln!(out, "none:{}", bars(&l.unassigned)).unwrap();
    }
    for u in &l.unscheduled {
        let why = match &u.reason {
            UnscheduledReason::MissingDependency { dependency } => format!("missing {dependency}"),
            UnscheduledReason::Cycle { cycle } => format!("cycle {}", cycle.join(",")),
            UnscheduledReason::FailedDependency { dependency } => format!("failed {dependency}"),
            UnscheduledReason::WaitsOn { dependency } => format!("waits {dependency}"),
        };
        writeln!(out, "unscheduled {}: {why}", u.task).unwrap();
    }
    write!(out, "finish {}", t(l.finish)).unwrap();
    out
}

fn check(agent_spec: &str, task_spec: &str, expected: &str) {
    let got = render(&agent_lanes(&tasks(task_spec), &agents(agent_spec), NOW));
    assert_eq!(got.trim(), expected.trim(), "\n{got}");
}

#[test]
fn one_agent_takes_its_tasks_by_priority_then_deadline_then_key() {
    check(
        "AG-1 10",
        "T-10 @AG-1 2h; T-9 @AG-1 2h; T-3 @AG-1 1h p7; T-4 @AG-1 1h due+20",
        "
AG-1 (6/10): T-3 todo 0..1, T-4 todo 1..2, T-9 todo 2..4, T-10 todo 4..6
finish 6",
    );
}

#[test]
fn a_task_waits_for_its_dependencies_on_other_lanes() {
    // T-2 (AG-2) waits on T-1 (AG-1); meanwhile AG-2 does T-3, which is ready at once.
    check(
        "AG-1 10; AG-2 10",
        "T-1 @AG-1 3h; T-2 @AG-2 1h p9 after:T-1; T-3 @AG-2 2h p1",
        "
AG-1 (3/10): T-1 todo 0..3
AG-2 (3/10): T-3 todo 0..2, T-2 todo 3..4
finish 4",
    );
}

#[test]
fn the_agent_stays_busy_with_lower_priority_work_while_better_work_waits() {
    // T-2 (p9) is released at 1 while the agent runs T-3 (p1, 0..4): no preemption.
    check(
        "AG-1 10",
        "T-1 1h; T-2 @AG-1 1h p9 after:T-1; T-3 @AG-1 4h p1",
        "
AG-1 (5/10): T-3 todo 0..4, T-2 todo 4..5
none: T-1 todo 0..1
finish 5",
    );
}

#[test]
fn done_and_running_work_stays_where_it_happened() {
    // T-1 done (-5..-3); T-2 running since -1, 4 h: ends at 3; T-3 after it. T-4 ran over
    // its effort: it ends now, and T-5 follows at once.
    check(
        "AG-1 10; AG-2 10",
        "T-1 @AG-1 done 2h from-5 to-3; T-2 @AG-1 in_progress 4h from-1; T-3 @AG-1 1h; \
         T-4 @AG-2 in_progress 1h from-6; T-5 @AG-2 2h after:T-1",
        "
AG-1 (5/10): T-1 done -5..-3, T-2 in_progress -1..3, T-3 todo 3..4
AG-2 (3/10): T-4 in_progress -6..0, T-5 todo 0..2
finish 4",
    );
}

#[test]
fn overload_over_capacity_and_past_deadlines() {
    // 6 h open on a capacity of 3: over capacity until enough is done (T-1 ends at 2:
    // 4 h left; T-2 at 4: 2 h left). T-3 is due at 5 but ends at 6.
    check(
        "AG-1 3",
        "T-1 @AG-1 2h p9; T-2 @AG-1 2h p8; T-3 @AG-1 2h due+5",
        "
AG-1 (6/3): T-1 todo 0..2, T-2 todo 2..4, T-3 todo 4..6 | over 6 0..4 | late T-3 5..6
finish 6",
    );
    // Exactly at capacity is not over it; a bar entirely after its deadline is late
    // throughout.
    check(
        "AG-1 3",
        "T-1 @AG-1 2h p9; T-2 @AG-1 1h due-1",
        "
AG-1 (3/3): T-1 todo 0..2, T-2 todo 2..3 | late T-2 2..3
finish 3",
    );
}

#[test]
fn two_tasks_in_progress_at_once_overlap() {
    check(
        "AG-1 10",
        "T-1 @AG-1 in_progress 3h from-1; T-2 @AG-1 in_progress 2h from0",
        "
AG-1 (5/10): T-1 in_progress -1..2, T-2 in_progress 0..2 | both T-1+T-2 0..2
finish 2",
    );
}

#[test]
fn inactive_unknown_and_missing_agents_leave_tasks_without_a_lane() {
    // Unassigned work runs as soon as its dependencies allow, in parallel.
    check(
        "AG-1 10 inactive; AG-2 1",
        "T-1 @AG-1 2h; T-2 @AG-9 3h; T-3 1h after:T-1; T-4 @AG-1 done from-3 to-2",
        "
AG-2 (0/1):
none: T-1 todo 0..2, T-2 todo 0..3, T-3 todo 2..3
finish 3",
    );
}

#[test]
fn tasks_that_cannot_be_scheduled_say_why() {
    check(
        "AG-1 10",
        "T-1 @AG-1 after:T-2; T-2 @AG-1 after:T-1; T-3 @AG-1 after:T-1; T-4 @AG-1 after:T-99; \
         T-5 failed; T-6 @AG-1 after:T-5; T-7 @AG-1 after:T-7; T-8 @AG-1 2h",
        "
AG-1 (8/10): T-8 todo 0..2
unscheduled T-1: cycle T-1,T-2
unscheduled T-2: cycle T-1,T-2
unscheduled T-3: waits T-1
unscheduled T-4: missing T-99
unscheduled T-6: failed T-5
unscheduled T-7: cycle T-7
finish 2",
    );
}

#[test]
fn blocked_tasks_are_scheduled_like_todo_ones_and_the_origin_is_the_earliest_bar() {
    let lanes = agent_lanes(&tasks("T-1 @AG-1 done from-10 to-9; T-2 @AG-1 blocked 2h"), &agents("AG-1 5"), NOW);
    assert_eq!(lanes.origin, at(-10.0));
    assert_eq!(lanes.now, 10.0);
    assert_eq!(render(&lanes), "AG-1 (2/5): T-1 done -10..-9, T-2 blocked 0..2\nfinish 2");
    // Nothing at all: an empty picture at now.
    let empty = agent_lanes(&[], &[], NOW);
    assert_eq!((empty.origin.as_str(), empty.now, empty.finish), (at(0.0).as_str(), 0.0, 0.0));
}

#[test]
fn serialises_with_tagged_kinds() {
    let lanes = agent_lanes(&tasks("T-1 @AG-1 2h due+1; T-2 @AG-1 after:T-9"), &agents("AG-1 1"), NOW);
    let json = serde_json::to_value(&lanes).unwrap();
    assert_eq!(
        json["lanes"][0]["overloads"][0]["kind"],
        serde_json::json!({"kind": "over_capacity", "open_effort": 2.0, "capacity": 1.0})
    );
    assert_eq!(
        json["lanes"][0]["overloads"][1]["kind"],
        serde_json::json!({"kind": "past_deadline", "task": "T-1"})
    );
    assert_eq!(
        json["unscheduled"][0]["reason"],
        serde_json::json!({"kind": "missing_dependency", "dependency": "T-9"})
    );
}
