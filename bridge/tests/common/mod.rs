//! What the bridge's tests share: a real `nats-server` with JetStream on a free port and
//! its own store folder, the bridge in this process or as its binary, the workspaces
//! the tests start from, and readers of the streams.
#![allow(dead_code)]

#[path = "../../../tests/common/builders.rs"]
pub mod builders;

use async_nats::jetstream::{self, Context as JetStream};
use builders::*;
use mabos_planner::*;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Skips the calling test, saying why, when `nats-server` is not installed.
#[macro_export]
macro_rules! require_nats {
    () => {
        if !common::nats_available() {
            eprintln!("skipped: nats-server is not on PATH (apt-get install -y nats-server)");
            return;
        }
    };
}

pub fn nats_available() -> bool {
    Command::new("nats-server").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// A `nats-server -js` of the test's own: port and store folder kept across restarts.
pub struct Nats {
    pub port: u16,
    pub dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Nats {
    pub fn start() -> Nats {
        let port = free_port();
        let mut nats = Nats { port, dir: tempfile::tempdir().unwrap(), child: None };
        nats.restart();
        nats
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Starts the server again (same port, same store) and waits until it listens.
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "the server is running");
        let store = self.dir.path().join("store");
        let child = Command::new("nats-server")
            .args(["-js", "-a", "127.0.0.1", "-p", &self.port.to_string(), "-sd", store.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting nats-server");
        self.child = Some(child);
        wait_until(Duration::from_secs(10), "nats-server to listen", || std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok());
    }

    /// Stops the server (SIGTERM: it flushes its store) and waits for it to exit.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            signal(&child, "TERM");
            child.wait().unwrap();
        }
    }

    pub async fn client(&self) -> JetStream {
        let client = async_nats::ConnectOptions::new().request_timeout(Some(Duration::from_secs(5))).connect(self.url()).await.unwrap();
        jetstream::new(client)
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill").args([&format!("-{name}"), &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

pub fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The bridge running in this process, on its own runtime thread; stopped on drop.
pub struct InProcess {
    /// What the bridge says of itself (connected, last error, sessions).
    pub status: mabos_planner_bridge::StatusCell,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl InProcess {
    pub fn start(db: &Path, nats: &str) -> InProcess {
        let (stop, stopped) = oneshot::channel::<()>();
        let mut config = mabos_planner_bridge::Config::new(db, nats);
        config.poll = Duration::from_millis(20);
        let status = config.status.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(mabos_planner_bridge::run(config, async {
                let _ = stopped.await;
            }))
            .unwrap();
        });
        InProcess { status, stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The bridge's binary, as an operator runs it.
pub struct Binary(Option<Child>);

impl Binary {
    pub fn start(db: &Path, nats: &str) -> Binary {
        let child = Command::new(env!("CARGO_BIN_EXE_mabos-planner-bridge"))
            .args(["--db", db.to_str().unwrap(), "--nats", nats])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Binary(Some(child))
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.0.take() {
            signal(&child, "KILL");
            child.wait().unwrap();
        }
    }

    /// SIGTERM, and the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        terminate(self.0.take().unwrap(), "the bridge")
    }
}

/// Sends SIGTERM to `child` and waits (at most 10 s) for its exit status.
fn terminate(mut child: Child, what: &str) -> std::process::ExitStatus {
    signal(&child, "TERM");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{what} did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The example fleet's binary (`mabos-planner-agents`), logging at debug level to a file.
pub struct Fleet {
    child: Option<Child>,
    log: PathBuf,
}

impl Fleet {
    /// Starts the fleet on `nats` with `args`, its log in `log`.
    pub fn start(nats: &str, args: &[&str], log: PathBuf) -> Fleet {
        let file = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_mabos-planner-agents"))
            .args(["--nats", nats, "-vv"])
            .args(args)
            .env_remove("MABOS_PLANNER_LOG")
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .unwrap();
        Fleet { child: Some(child), log }
    }

    /// What it logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, and the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        terminate(self.child.take().unwrap(), "the fleet")
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A database file in a fresh folder (kept while the folder lives).
pub fn database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    (dir, path)
}

pub fn operator(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    store.set_author(Author::parse("app:operator").unwrap());
    store
}

/// `n` root goals G-<from>…: `n` events.
pub fn goals(store: &mut Store, from: usize, n: usize) {
    for i in from..from + n {
        store.create_goal(Some(&format!("G-{i}")), None, &GoalFields::titled(&format!("Goal {i}"))).unwrap();
    }
}

/// `agents` agents AG-1… (no capability needed) and `per_agent` tasks each, T-<agent>-<n>,
/// assigned and ready.
pub fn crew(store: &mut Store, agents: usize, per_agent: usize) {
    for a in 1..=agents {
        let key = format!("AG-{a}");
        store.create_agent(Some(&key), &AgentFields::named(&key, 1000.0)).unwrap();
        for n in 1..=per_agent {
            let task = format!("T-{a}-{n}");
            store.create_task(Some(&task), &TaskFields::titled(&format!("Task {n} of {key}"), 1.0)).unwrap();
            store.assign_task(&task, Some(&key)).unwrap();
        }
    }
}

/// A goal, G-SHIP (the site is live), and its plan P-SHIP started: design, then build and
/// docs side by side, then ship, each step's action making the next one's precondition
/// true, the last one the goal's postcondition. Two agents, AG-1 and AG-2, hold the four
/// tasks (AG-1 the first and third, in step order). Returns the tasks in step order.
pub fn plan_in_progress(store: &mut Store) -> Vec<String> {
    goal("G-SHIP").titled("The shop is online").post([is("site.live")]).create(store);
    action("A-DESIGN").effect("design.ready", true).create(store);
    action("A-BUILD").pre([is("design.ready")]).effect("site.built", true).create(store);
    action("A-DOCS").pre([is("design.ready")]).effect("docs.written", true).create(store);
    action("A-SHIP").pre([is("site.built"), is("docs.written")]).effect("site.live", true).create(store);
    plan("P-SHIP", "G-SHIP")
        .step("S1", "A-DESIGN")
        .step("S2", "A-BUILD")
        .step("S3", "A-DOCS")
        .step("S4", "A-SHIP")
        .edge("S1", "S2")
        .edge("S1", "S3")
        .edge("S2", "S4")
        .edge("S3", "S4")
        .create(store);
    agent("AG-1").create(store);
    agent("AG-2").create(store);
    let tasks = store.start_plan("P-SHIP").unwrap().tasks;
    for (i, task) in tasks.iter().enumerate() {
        store.assign_task(task, Some(if i % 2 == 0 { "AG-1" } else { "AG-2" })).unwrap();
    }
    tasks
}

/// Every message of `stream`, in stream order: (subject, Nats-Msg-Id, payload).
pub async fn messages(js: &JetStream, stream: &str) -> Vec<(String, Option<String>, Vec<u8>)> {
    let Ok(mut stream) = js.get_stream(stream).await else { return Vec::new() };
    let state = stream.info().await.unwrap().state.clone();
    let mut out = Vec::new();
    for seq in state.first_sequence..=state.last_sequence {
        if state.messages == 0 {
            break;
        }
        let message = stream.get_raw_message(seq).await.unwrap();
        let id = message.headers.get("Nats-Msg-Id").map(|v| v.as_str().to_owned());
        out.push((message.subject.to_string(), id, message.payload.to_vec()));
    }
    out
}

/// How many messages `stream` holds (0 before it exists).
pub async fn count(js: &JetStream, stream: &str) -> u64 {
    match js.get_stream(stream).await {
        Ok(mut stream) => stream.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

/// Waits until `stream` holds at least `n` messages.
pub async fn wait_for(js: &JetStream, stream: &str, n: u64, limit: Duration) {
    let start = Instant::now();
    loop {
        let have = count(js, stream).await;
        if have >= n {
            return;
        }
        assert!(start.elapsed() < limit, "{stream} holds {have} messages, waited for {n}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The events stream is exactly the log: one message per event, in order, with the
/// workspace's message ids, the CLI's lines as bodies and the subjects of the contract.
pub async fn assert_stream_is_the_log(js: &JetStream, path: &Path) {
    let store = Store::open_read_only(path).unwrap();
    let workspace = store.workspace_id().unwrap();
    let events = store.events(0, u32::MAX).unwrap();
    let got = messages(js, "MABOS_PLANNER_EVENTS").await;
    assert_eq!(got.len(), events.len(), "one message per event");
    for ((subject, id, body), event) in got.iter().zip(&events) {
        assert_eq!(id.as_deref(), Some(format!("{workspace}:{}", event.seq).as_str()));
        assert_eq!(subject, &format!("mabos.planner.events.{}.{}", event.entity, event.kind));
        assert_eq!(body, &serde_json::to_vec(event).unwrap(), "event {}", event.seq);
    }
}

/// Waits until the bridge has made its streams and its reports consumer: before that,
/// an agent's report has no stream to go to.
pub async fn bridge_ready(js: &JetStream) {
    let start = Instant::now();
    loop {
        if let Ok(stream) = js.get_stream("MABOS_PLANNER_REPORTS").await {
            if stream.get_consumer::<jetstream::consumer::pull::Config>("mabos-planner-bridge").await.is_ok() {
                return;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the bridge made no reports consumer");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
