//! Assignment rounds at 1,000 tasks × 1,000 agents: the whole proposal (filter, scores,
//! solver, report) on tied, varied and sparse workspaces, and the solver alone on tied
//! and on distinct weights.
//!
//! Each group runs twice: in wall-clock time, and in CPU time of the benchmark thread,
//! which other processes on a shared machine do not inflate.
//!
//! `cargo bench --bench assignment`. Figures are recorded in docs/performance.md.

#[allow(dead_code)]
#[path = "../tests/common/builders.rs"]
mod builders;

use builders::{agent, task, AgentBuilder, TaskBuilder};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mabos_planner::assignment::{propose, solver};
use mabos_planner::*;
use std::hint::black_box;
use time::macros::datetime;

const N: usize = 1000;

/// splitmix64: a fixed pseudo-random sequence without a dependency.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Task `T-0042`, titled "Task 42".
fn numbered_task(i: usize) -> TaskBuilder {
    task(&format!("T-{i:04}")).titled(&format!("Task {i}"))
}

/// Agent `AG-0042`, named "Agent 42".
fn numbered_agent(j: usize) -> AgentBuilder {
    agent(&format!("AG-{j:04}")).named(&format!("Agent {j}"))
}

/// Every agent can take every task and scores fall on a handful of values: three
/// priorities, three experience levels, two spare-capacity levels.
fn tied() -> (Vec<Task>, Vec<Agent>) {
    let tasks = (0..N).map(|i| numbered_task(i).priority(1 + (i % 3) as u8).effort(2.0).value()).collect();
    let agents = (0..N).map(|j| numbered_agent(j).experience((j % 3) as u32 * 100).capacity(10.0).workload((j % 2) as f64 * 4.0).value()).collect();
    (tasks, agents)
}

/// Every agent can take every task; every term varies (deadlines over 40 days, efforts,
/// experience and workloads), so scores spread over the whole range.
fn varied() -> (Vec<Task>, Vec<Agent>) {
    let mut s = Sequence(7);
    let tasks = (0..N)
        .map(|i| {
            let day = 1 + s.below(40);
            let deadline = Some(format!("2027-{:02}-{:02}T12:00:00.000Z", 3 + day / 28, 1 + day % 28));
            numbered_task(i).priority(1 + s.below(10) as u8).effort(0.5 * s.below(12) as f64).deadline(deadline.as_deref()).value()
        })
        .collect();
    let agents = (0..N).map(|j| numbered_agent(j).experience(s.below(2500) as u32).capacity(40.0).workload(s.below(34) as f64).value()).collect();
    (tasks, agents)
}

/// 40 capabilities; each task requires one or two at level 1–3, each agent holds three at
/// level 1–5: the filter keeps about 4% of the pairs.
fn sparse() -> (Vec<Task>, Vec<Agent>) {
    let mut s = Sequence(11);
    let cap = |s: &mut Sequence, max: u64| CapabilityLevel::new(&format!("cap-{:02}", s.below(40)), 1 + s.below(max) as u8);
    let tasks = (0..N)
        .map(|i| {
            let mut requires = vec![cap(&mut s, 3)];
            if s.below(2) == 0 {
                let second = cap(&mut s, 3);
                if second.capability != requires[0].capability {
                    requires.push(second);
                }
            }
            numbered_task(i).priority(1 + s.below(10) as u8).effort(1.0 + s.below(8) as f64).requires(requires).value()
        })
        .collect();
    let agents = (0..N)
        .map(|j| {
            let mut caps: Vec<CapabilityLevel> = Vec::new();
            while caps.len() < 3 {
                let c = cap(&mut s, 5);
                if !caps.iter().any(|h| h.capability == c.capability) {
                    caps.push(c);
                }
            }
            numbered_agent(j).experience(s.below(2000) as u32).capacity(20.0).workload(s.below(16) as f64).capabilities(caps).value()
        })
        .collect();
    (tasks, agents)
}

/// CPU time consumed by the calling thread, in nanoseconds.
struct ThreadCpuTime;

fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is given.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, started: u64) -> u64 {
        thread_cpu_ns() - started
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e-3, "µs cpu")
        } else if typical < 1e9 {
            (1e-6, "ms cpu")
        } else {
            (1e-9, "s cpu")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(&self, _typical: f64, _throughput: &Throughput, _values: &mut [f64]) -> &'static str {
        "(no throughput)"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

/// "WallTime" or "ThreadCpuTime", to keep the two runs' results apart.
fn clock<M>() -> &'static str {
    std::any::type_name::<M>().rsplit("::").next().unwrap_or("")
}

fn rounds<M: Measurement>(c: &mut Criterion<M>) {
    let now = datetime!(2027-03-01 00:00 UTC);
    let mut group = c.benchmark_group(format!("assignment round, 1000 tasks x 1000 agents, {}", clock::<M>()));
    group.sample_size(20);
    for (name, (tasks, agents)) in [("tied scores", tied()), ("varied scores", varied()), ("sparse feasibility", sparse())] {
        let p = propose(&tasks, &agents, now);
        eprintln!("{name}: {} assigned, {} unassigned, total score {}", p.assignments.len(), p.unassigned.len(), p.total_score);
        group.bench_function(name, |b| b.iter(|| black_box(propose(&tasks, &agents, now))));
    }
    group.finish();
}

fn solver_alone<M: Measurement>(c: &mut Criterion<M>) {
    let dense = |weight: &mut dyn FnMut(usize, usize) -> i64| {
        let mut g = solver::BipartiteGraph::new(N);
        for i in 0..N {
            g.push_row((0..N).map(|j| (j as u32, weight(i, j))).collect::<Vec<_>>());
        }
        g
    };
    let mut s = Sequence(3);
    let tied = dense(&mut |i, j| 10 + ((i + j) % 3) as i64);
    let distinct = dense(&mut |_, _| s.below(1 << 40) as i64);
    let mut group = c.benchmark_group(format!("solver alone, 1000 x 1000 dense, {}", clock::<M>()));
    group.sample_size(20);
    group.bench_function("three tied weights", |b| b.iter(|| black_box(solver::max_weight_matching(&tied))));
    group.bench_function("distinct random weights", |b| b.iter(|| black_box(solver::max_weight_matching(&distinct))));
    group.finish();
}

criterion_group! {
    name = wall;
    config = Criterion::default().with_measurement(WallTime);
    targets = rounds::<WallTime>, solver_alone::<WallTime>
}
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = rounds::<ThreadCpuTime>, solver_alone::<ThreadCpuTime>
}
criterion_main!(wall, cpu);
