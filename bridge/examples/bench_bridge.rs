//! The bridge's benchmark (run by `bench/bridge.sh`; figures in docs/performance.md,
//! "Bridge"): against a running `nats-server -js` and the bridge's binary, each on a fresh
//! database and fresh streams,
//!
//! - **outbox**: a backlog of 100,000 events, from the bridge's start to the last one
//!   in the events stream (events/s);
//! - **latency**: reports at a steady 100 a second for 20 s, each timed from its publish
//!   to its receipt (applied and committed by then): p50, p90, p99, max;
//! - **burst**: 1,000 reports at once from 50 agents, time to the last receipt.
//!
//! A measurement, not a test: it prints a table and asserts nothing but that every event
//! and every report arrived.
//!
//!     bench_bridge --nats URL --bridge PATH [--only outbox|latency|burst] [--events N]
//!                  [--rate N] [--seconds N] [--agents N] [--burst N] [--extra-tasks N]
//!
//! `--extra-tasks N` adds N unassigned tasks nobody reports on to the latency and burst
//! workspaces: what the bridge reads after each change grows with the workspace.

use async_nats::jetstream::{self, Context as JetStream};
use futures_util::StreamExt;
use mabos_planner::{AgentFields, Author, GoalFields, Store, TaskFields};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const STREAMS: [&str; 3] = ["MABOS_PLANNER_EVENTS", "MABOS_AGENT_WORK", "MABOS_PLANNER_REPORTS"];

struct Options {
    nats: String,
    bridge: PathBuf,
    only: Option<String>,
    events: usize,
    rate: u64,
    seconds: u64,
    agents: usize,
    burst: usize,
    extra_tasks: usize,
}

fn options() -> Options {
    let mut o = Options {
        nats: "nats://127.0.0.1:4222".into(),
        bridge: std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("mabos-planner-bridge"),
        only: None,
        events: 100_000,
        rate: 100,
        seconds: 20,
        agents: 50,
        burst: 1000,
        extra_tasks: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--nats" => o.nats = value(),
            "--bridge" => o.bridge = value().into(),
            "--only" => o.only = Some(value()),
            "--events" => o.events = value().parse().unwrap(),
            "--rate" => o.rate = value().parse().unwrap(),
            "--seconds" => o.seconds = value().parse().unwrap(),
            "--agents" => o.agents = value().parse().unwrap(),
            "--burst" => o.burst = value().parse().unwrap(),
            "--extra-tasks" => o.extra_tasks = value().parse().unwrap(),
            other => panic!("unknown option {other}"),
        }
    }
    o
}

fn main() {
    let o = options();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let wanted = |name: &str| o.only.as_deref().is_none_or(|only| only == name);
    let mut rows = Vec::new();
    if wanted("outbox") {
        rows.push(runtime.block_on(outbox(&o)));
    }
    if wanted("latency") {
        rows.push(runtime.block_on(latency(&o)));
    }
    if wanted("burst") {
        rows.push(runtime.block_on(burst(&o)));
    }
    println!();
    println!("| measure | result | goal |");
    println!("|---|---|---|");
    for (measure, result, goal) in rows {
        println!("| {measure} | {result} | {goal} |");
    }
}

/// A fresh database in a folder of its own, and the operator's store on it.
fn database() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    let mut store = Store::open(&path).unwrap();
    store.set_author(Author::parse("app:bench").unwrap());
    (dir, path, store)
}

/// The bridge's binary on `db`, stopped (SIGTERM) on drop.
struct Bridge(Child);

impl Bridge {
    fn start(o: &Options, db: &Path) -> Bridge {
        let child = Command::new(&o.bridge)
            .args(["--db", db.to_str().unwrap(), "--nats", &o.nats])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", o.bridge.display()));
        Bridge(child)
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

/// A client of the broker, with the bridge's streams deleted: each measure starts afresh.
async fn fresh(o: &Options) -> (async_nats::Client, JetStream) {
    let client = async_nats::ConnectOptions::new().request_timeout(Some(Duration::from_secs(10))).connect(o.nats.as_str()).await.unwrap();
    let js = jetstream::new(client.clone());
    for stream in STREAMS {
        let _ = js.delete_stream(stream).await;
    }
    (client, js)
}

async fn count(js: &JetStream, stream: &str) -> u64 {
    match js.get_stream(stream).await {
        Ok(mut stream) => stream.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

async fn wait_for(js: &JetStream, stream: &str, n: u64, limit: Duration) {
    let start = Instant::now();
    while count(js, stream).await < n {
        assert!(start.elapsed() < limit, "{stream} did not reach {n} messages");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits until the bridge has its reports consumer (reports have somewhere to go).
async fn bridge_ready(js: &JetStream) {
    let start = Instant::now();
    loop {
        if let Ok(stream) = js.get_stream("MABOS_PLANNER_REPORTS").await {
            if stream.get_consumer::<jetstream::consumer::pull::Config>("mabos-planner-bridge").await.is_ok() {
                return;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the bridge made no reports consumer");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// `agents` agents AG-1… and `per_agent` tasks each, T-<agent>-<n>, assigned and ready.
fn crew(store: &mut Store, agents: usize, per_agent: usize) {
    for a in 1..=agents {
        let key = format!("AG-{a}");
        store.create_agent(Some(&key), &AgentFields::named(&key, 100_000.0)).unwrap();
        for n in 1..=per_agent {
            let task = format!("T-{a}-{n}");
            store.create_task(Some(&task), &TaskFields::titled(&format!("Task {n} of {key}"), 1.0)).unwrap();
            store.assign_task(&task, Some(&key)).unwrap();
        }
    }
}

/// (a) The outbox on a backlog of `o.events` events (goals created one gesture each).
async fn outbox(o: &Options) -> (String, String, String) {
    let (_dir, path, mut store) = database();
    let made = Instant::now();
    for i in 1..=o.events {
        let mut fields = GoalFields::titled(&format!("Goal {i}"));
        fields.description = "A goal of the outbox benchmark, with a sentence of description like most goals have.".into();
        store.create_goal(Some(&format!("G-{i}")), None, &fields).unwrap();
    }
    let total = store.last_event_seq().unwrap() as u64;
    eprintln!("outbox: {total} events made in {:.1} s", made.elapsed().as_secs_f64());
    let (_client, js) = fresh(o).await;
    let start = Instant::now();
    let _bridge = Bridge::start(o, &path);
    let mut first = None;
    loop {
        let have = count(&js, "MABOS_PLANNER_EVENTS").await;
        if have > 0 && first.is_none() {
            first = Some(start.elapsed());
        }
        if have >= total {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(600), "{have} of {total} events after 10 minutes");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let all = start.elapsed();
    let first = first.unwrap_or(all);
    let rate = total as f64 / all.as_secs_f64();
    let steady = (total - 1) as f64 / (all - first).as_secs_f64().max(1e-9);
    eprintln!("outbox: first event after {:.0} ms, all {total} after {:.2} s", first.as_secs_f64() * 1e3, all.as_secs_f64());
    (
        format!("outbox: backlog of {total} events, bridge start to the last in the stream"),
        format!("{:.2} s: **{rate:.0} events/s** (first event after {:.0} ms; {steady:.0} events/s from then)", all.as_secs_f64(), first.as_secs_f64() * 1e3),
        "≥ 20,000 events/s".into(),
    )
}

/// Publishes each report of `plan` at its time after `t0` (or at once when `None`), and
/// returns every report's latency to its receipt, by report id.
async fn send_and_time(client: &async_nats::Client, js: &JetStream, plan: Vec<(Option<Duration>, String, serde_json::Value)>) -> (Vec<Duration>, Duration) {
    let mut receipts = client.subscribe("mabos.agents.*.receipts").await.unwrap();
    client.flush().await.unwrap();
    let n = plan.len();
    let sent_at: std::sync::Arc<std::sync::Mutex<HashMap<String, Instant>>> = Default::default();
    let t0 = Instant::now();
    let sender = {
        let js = js.clone();
        let sent_at = sent_at.clone();
        tokio::spawn(async move {
            let mut acks = Vec::with_capacity(plan.len());
            for (at, agent, body) in plan {
                if let Some(at) = at {
                    tokio::time::sleep_until((t0 + at).into()).await;
                }
                let id = body["id"].as_str().unwrap().to_owned();
                sent_at.lock().unwrap().insert(id, Instant::now());
                let ack = js.publish(format!("mabos.planner.reports.{agent}"), body.to_string().into()).await.unwrap();
                // Awaited as they come: the client holds back publishes while too many wait.
                acks.push(tokio::spawn(std::future::IntoFuture::into_future(ack)));
            }
            for ack in acks {
                ack.await.unwrap().unwrap();
            }
        })
    };
    let mut latencies = Vec::with_capacity(n);
    let mut refused = 0;
    while latencies.len() < n {
        let Ok(Some(message)) = tokio::time::timeout(Duration::from_secs(60), receipts.next()).await else {
            let consumer = js.get_stream("MABOS_PLANNER_REPORTS").await.unwrap().get_consumer::<jetstream::consumer::pull::Config>("mabos-planner-bridge").await;
            let info = consumer.unwrap().info().await.unwrap().clone();
            panic!(
                "{} of {n} receipts after a minute without one; reports stream {}, work stream {}; bridge consumer: {} pending, {} unacknowledged, {} redelivered",
                latencies.len(),
                count(js, "MABOS_PLANNER_REPORTS").await,
                count(js, "MABOS_AGENT_WORK").await,
                info.num_pending,
                info.num_ack_pending,
                info.num_redelivered
            );
        };
        let now = Instant::now();
        let receipt: serde_json::Value = serde_json::from_slice(&message.payload).unwrap();
        if receipt["ok"] != true {
            refused += 1;
        }
        let id = receipt["id"].as_str().unwrap_or_default().to_owned();
        let sent = sent_at.lock().unwrap().get(&id).copied();
        if let Some(sent) = sent {
            latencies.push(now - sent);
        }
    }
    let elapsed = t0.elapsed();
    sender.await.unwrap();
    assert_eq!(refused, 0, "every report is applied");
    latencies.sort();
    (latencies, elapsed)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1e3
}

/// A bridge on a database of `agents` × `per_agent` ready tasks, every offer sent and
/// every event published before anything is timed.
async fn ready_bridge(o: &Options, agents: usize, per_agent: usize) -> (tempfile::TempDir, Bridge, async_nats::Client, JetStream) {
    let (dir, path, mut store) = database();
    crew(&mut store, agents, per_agent);
    // Tasks nobody reports on, to weigh what the bridge reads per change.
    for n in 1..=o.extra_tasks {
        store.create_task(Some(&format!("T-X-{n}")), &TaskFields::titled(&format!("Waiting task {n}"), 1.0)).unwrap();
    }
    let events = store.last_event_seq().unwrap() as u64;
    drop(store);
    let (client, js) = fresh(o).await;
    let bridge = Bridge::start(o, &path);
    bridge_ready(&js).await;
    wait_for(&js, "MABOS_PLANNER_EVENTS", events, Duration::from_secs(120)).await;
    wait_for(&js, "MABOS_AGENT_WORK", (agents * per_agent) as u64, Duration::from_secs(120)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    (dir, bridge, client, js)
}

/// (b) Reports at `o.rate` a second for `o.seconds`: started, then done, of tasks taken
/// round the agents.
async fn latency(o: &Options) -> (String, String, String) {
    const AGENTS: usize = 20;
    let reports = (o.rate * o.seconds) as usize;
    let per_agent = reports.div_ceil(2 * AGENTS);
    let (_dir, _bridge, client, js) = ready_bridge(o, AGENTS, per_agent).await;
    let interval = Duration::from_secs(1) / o.rate as u32;
    let mut plan = Vec::with_capacity(reports);
    'tasks: for n in 1..=per_agent {
        for a in 1..=AGENTS {
            for status in ["started", "done"] {
                if plan.len() == reports {
                    break 'tasks;
                }
                let (agent, task) = (format!("AG-{a}"), format!("T-{a}-{n}"));
                let body = json!({"id": format!("{agent}/{task}/{status}"), "agent": agent, "task": task, "status": status});
                plan.push((Some(interval * plan.len() as u32), agent, body));
            }
        }
    }
    let (latencies, elapsed) = send_and_time(&client, &js, plan).await;
    let (p50, p90, p99, max) = (percentile(&latencies, 0.5), percentile(&latencies, 0.9), percentile(&latencies, 0.99), percentile(&latencies, 1.0));
    eprintln!("latency: {} reports in {:.1} s; p50 {p50:.2} ms, p90 {p90:.2} ms, p99 {p99:.2} ms, max {max:.2} ms", latencies.len(), elapsed.as_secs_f64());
    (
        format!(
            "report → commit → receipt, {} reports at {}/s for {} s ({AGENTS} agents, {} tasks)",
            latencies.len(),
            o.rate,
            o.seconds,
            AGENTS * per_agent + o.extra_tasks
        ),
        format!("**p50 {p50:.2} ms, p99 {p99:.2} ms** (p90 {p90:.2} ms, max {max:.1} ms)"),
        "p50 ≤ 5 ms, p99 ≤ 20 ms".into(),
    )
}

/// (c) `o.burst` reports at once from `o.agents` agents: each agent's tasks started then
/// done, in its own order, every agent at the same time.
async fn burst(o: &Options) -> (String, String, String) {
    let per_agent = o.burst.div_ceil(2 * o.agents);
    let (_dir, _bridge, client, js) = ready_bridge(o, o.agents, per_agent).await;
    // Interleaved across agents, each agent's reports in order: as many agents sending at once.
    let mut plan = Vec::with_capacity(o.burst);
    'tasks: for n in 1..=per_agent {
        for status in ["started", "done"] {
            for a in 1..=o.agents {
                if plan.len() == o.burst {
                    break 'tasks;
                }
                let (agent, task) = (format!("AG-{a}"), format!("T-{a}-{n}"));
                let body = json!({"id": format!("{agent}/{task}/{status}"), "agent": agent, "task": task, "status": status});
                plan.push((None, agent, body));
            }
        }
    }
    let (latencies, elapsed) = send_and_time(&client, &js, plan).await;
    let n = latencies.len();
    let rate = n as f64 / elapsed.as_secs_f64();
    let (p50, max) = (percentile(&latencies, 0.5), percentile(&latencies, 1.0));
    eprintln!("burst: {n} receipts in {:.3} s ({rate:.0} reports/s); latency p50 {p50:.0} ms, max {max:.0} ms", elapsed.as_secs_f64());
    (
        format!("burst: {n} reports at once from {} agents ({} tasks), first publish to last receipt", o.agents, o.agents * per_agent + o.extra_tasks),
        format!("**{:.2} s** ({rate:.0} reports/s; a report waited {p50:.0} ms at the median, {max:.0} ms at most)", elapsed.as_secs_f64()),
        "—".into(),
    )
}
