//! Plan timelines as data: steps with durations, edges, the plan's tasks; the chart in a
//! line per step. Times are hours from the timeline's origin.

use super::*;
use crate::domain::{ActionFields, PlanEdge, PlanFields, Step};
use crate::schedule::fixtures::{at, tasks, NOW};
use std::fmt::Write;

/// `"S1 2; S2 5"`: steps with their action's duration (action `A-S1` for `S1`);
/// `"S1>S2 S1>S3"`: edges.
fn plan(status: PlanStatus, steps: &str, edges: &str) -> (Plan, Vec<Action>) {
    let steps: Vec<(String, f64)> = steps
        .split(';')
        .map(|s| {
            let (key, hours) = s.trim().split_once(' ').unwrap();
            (key.to_owned(), hours.parse().unwrap())
        })
        .collect();
    let plan = Plan {
        key: "P-T".into(),
        goal: "G-T".into(),
        status,
        fields: PlanFields::titled("test"),
        steps: steps
            .iter()
            .map(|(k, _)| Step {
                key: k.clone(),
                action: format!("A-{k}"),
                note: String::new(),
            })
            .collect(),
        edges: edges
            .split_whitespace()
            .map(|e| {
                let (b, a) = e.split_once('>').unwrap();
                PlanEdge {
                    before: b.into(),
                    after: a.into(),
                }
            })
            .collect(),
    };
    let actions = steps
        .iter()
        .map(|(k, h)| Action {
            key: format!("A-{k}"),
            fields: ActionFields::named(k, 1.0, *h),
        })
        .collect();
    (plan, actions)
}

fn render(t: &PlanTimeline) -> String {
    let origin = parse(Some(&t.origin)).unwrap();
    let mut out = format!(
        "origin {} now {} planned {} projected {}{}\n",
        hours(NOW, origin),
        t.now,
        t.duration_hours,
        t.projected_finish,
        if t.started { " started" } else { "" }
    );
    for s in &t.steps {
        write!(
            out,
            "{} {}..{} slack {}{} |",
            s.step,
            s.earliest_start,
            s.earliest_finish,
            s.slack,
            if s.critical { " critical" } else { "" }
        )
        .unwrap();
        match (&s.task, s.status) {
            (Some(task), Some(status)) => {
                let opt = |x: Option<f64>| x.map_or("-".to_owned(), |x| x.to_string());
                write!(out, " {task} {status} {}..{} |", opt(s.actual_start), opt(s.actual_finish)).unwrap();
            }
            _ => out += " - |",
        }
        writeln!(out, " {}..{}", s.projected_start, s.projected_finish).unwrap();
    }
    let edges: Vec<String> = t
        .edges
        .iter()
        .map(|e| format!("{}>{}{}", e.before, e.after, if e.critical { "*" } else { "" }))
        .collect();
    out + &format!("edges {}", edges.join(" "))
}

fn check(status: PlanStatus, steps: &str, edges: &str, task_spec: &str, expected: &str) {
    let (plan, actions) = plan(status, steps, edges);
    let got = match plan_timeline(&plan, &actions, &tasks(task_spec), NOW) {
        Ok(t) => render(&t),
        Err(e) => e.to_string(),
    };
    assert_eq!(got.trim(), expected.trim(), "\n{got}");
}

const DIAMOND: (&str, &str) = ("S1 2; S2 5; S3 3; S4 1", "S1>S2 S1>S3 S2>S4 S3>S4");

#[test]
fn a_plan_not_started_is_planned_from_now() {
    check(
        PlanStatus::Draft,
        DIAMOND.0,
        DIAMOND.1,
        "",
        "
origin 0 now 0 planned 8 projected 8
S1 0..2 slack 0 critical | - | 0..2
S2 2..7 slack 0 critical | - | 2..7
S3 2..5 slack 2 | - | 2..5
S4 7..8 slack 0 critical | - | 7..8
edges S1>S2* S1>S3 S2>S4* S3>S4",
    );
    // A draft that ran before (it went back to draft) has not started this time.
    check(
        PlanStatus::Draft,
        "S1 2",
        "",
        "T-1 S1 done made-9 from-9 to-8",
        "
origin 0 now 0 planned 2 projected 2
S1 0..2 slack 0 critical | - | 0..2
edges",
    );
}

#[test]
fn a_running_plan_shows_what_happened_and_projects_the_rest() {
    // Started 3 h ago. S1 took 2.5 h; S2 has run for half an hour of its 5; S3 can start
    // now (not at its planned 2); S4 waits for S2 and ends half an hour late.
    check(
        PlanStatus::Active,
        DIAMOND.0,
        DIAMOND.1,
        "T-1 S1 done made-3 from-3 to-0.5; T-2 S2 in_progress made-3 from-0.5; T-3 S3 made-3; T-4 S4 made-3",
        "
origin -3 now 3 planned 8 projected 8.5 started
S1 0..2 slack 0 critical | T-1 done 0..2.5 | 0..2.5
S2 2..7 slack 0 critical | T-2 in_progress 2.5..- | 2.5..7.5
S3 2..5 slack 2 | T-3 todo -..- | 3..6
S4 7..8 slack 0 critical | T-4 todo -..- | 7.5..8.5
edges S1>S2* S1>S3 S2>S4* S3>S4",
    );
}

#[test]
fn overruns_failures_and_the_newest_task_of_a_step() {
    // S1 has run for 6 h of its 2: it is expected to end now. S2's first task failed;
    // the newer retry (T-5) is the current one and starts after S1. S3 failed: it runs
    // again from now.
    check(
        PlanStatus::Active,
        "S1 2; S2 1; S3 1",
        "S1>S2",
        "T-1 S1 in_progress made-6 from-6; T-2 S2 failed made-6; T-5 S2 made-1; T-3 S3 failed made-6 from-6",
        "
origin -6 now 6 planned 3 projected 7 started
S1 0..2 slack 0 critical | T-1 in_progress 0..- | 0..6
S2 2..3 slack 0 critical | T-5 todo -..- | 6..7
S3 0..1 slack 2 | T-3 failed 0..- | 6..7
edges S1>S2*",
    );
}

#[test]
fn a_finished_plan_and_its_deadline() {
    let (mut plan, actions) = plan(PlanStatus::Completed, "S1 1; S2 1", "S1>S2");
    plan.fields.deadline = Some(at(-1.0));
    let t = plan_timeline(&plan, &actions, &tasks("T-1 S1 done made-4 from-4 to-3; T-2 S2 done made-4 from-3 to-2"), NOW).unwrap();
    assert_eq!(render(&t), "origin -4 now 4 planned 2 projected 2 started\nS1 0..1 slack 0 critical | T-1 done 0..1 | 0..1\nS2 1..2 slack 0 critical | T-2 done 1..2 | 1..2\nedges S1>S2*");
    assert_eq!((t.origin.as_str(), t.deadline), (at(-4.0).as_str(), Some(3.0)));
}

#[test]
fn errors_are_the_critical_paths() {
    let (plan, mut actions) = plan(PlanStatus::Draft, "S1 1; S2 1", "S1>S2");
    actions.pop();
    let err = plan_timeline(&plan, &actions, &[], NOW).unwrap_err();
    assert_eq!(err.to_string(), "plan P-T: step S2 uses the unknown action \"A-S2\"");
}
