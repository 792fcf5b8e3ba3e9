//! The desktop app's performance figures, measured on the real binary: start to
//! interactive with 10,000 goals, the round trip of a small command, memory. A
//! measurement, not a test: bench/app.sh runs it (release build) and
//! docs/performance.md records what it printed.

#[path = "../harness/mod.rs"]
mod harness;
mod plan_canvas;
mod procfs;
mod workspace;

use harness::{gripper_problem, App};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const GOALS: usize = 10_000;
const LAUNCHES: usize = 5;
const CALLS: usize = 500;
const WARM_UP: usize = 50;
const TREE_ROWS: &str = "[data-testid=goal-tree] [role=treeitem]";

/// `mabos-planner-cli`: `$MABOS_PLANNER_CLI`, else the release build beside the app.
fn cli() -> PathBuf {
    std::env::var_os("MABOS_PLANNER_CLI").map(PathBuf::from).unwrap_or_else(|| {
        let app = PathBuf::from(std::env::var_os("MABOS_PLANNER_APP").expect("MABOS_PLANNER_APP (bench/app.sh sets it)"));
        app.with_file_name("mabos-planner-cli")
    })
}

/// A database holding the generated workspace, imported through the CLI.
fn prefilled(dir: &Path) -> PathBuf {
    let file = dir.join("workspace.json");
    std::fs::write(&file, serde_json::to_vec(&workspace::document(GOALS)).unwrap()).unwrap();
    let database = dir.join("template.db");
    let out = std::process::Command::new(cli()).arg("--db").arg(&database).arg("import").arg(&file).output().expect("the CLI runs");
    assert!(out.status.success(), "import failed: {}", String::from_utf8_lossy(&out.stderr));
    database
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn epoch_ms(t: SystemTime) -> f64 {
    ms(t.duration_since(UNIX_EPOCH).unwrap())
}

/// The value at quantile `q` of sorted `values` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    quantile(values, 0.5)
}

/// Runs a script in the page and returns its result.
async fn page(app: &App, script: &str, args: Vec<Value>) -> Value {
    app.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// One launch, timed: the app process start, the page's own marks, a click.
struct Launch {
    /// App process start → navigation start of the page (WebKit and the shell starting).
    to_page: f64,
    /// Navigation start → the goal tree's data received (the UI loading, `goal_tree`).
    to_data: f64,
    /// Data received → the first frame with tree rows.
    to_rows: f64,
    /// A click on a row → that goal shown selected in the editor (as WebDriver sees it).
    click: f64,
    /// WebDriver session requested → the click's effect seen: an upper bound with the
    /// driver's own overheads (launching the app through WebKitWebDriver, polling).
    driver: f64,
}

impl Launch {
    fn interactive(&self) -> f64 {
        self.to_page + self.to_data + self.to_rows + self.click
    }
}

async fn launch(template: &Path) -> (App, Launch) {
    let app = App::start_with("perf", |db| {
        std::fs::copy(template, db).unwrap();
    })
    .await;
    let launched_at = SystemTime::now() - app.launched.elapsed();
    let deadline = Instant::now() + Duration::from_secs(60);
    while page(&app, "return document.querySelectorAll(arguments[0]).length;", vec![TREE_ROWS.into()]).await.as_u64() == Some(0) {
        assert!(Instant::now() < deadline, "no tree rows within a minute");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The second row: not the one selected on start.
    let target = page(&app, "return document.querySelectorAll(arguments[0])[1].dataset.key;", vec![TREE_ROWS.into()]).await;
    let target = target.as_str().unwrap().to_owned();
    let row = app.find(&format!("[data-testid=goal-tree] [data-key=\"{target}\"]")).await;
    let clicked = Instant::now();
    row.click().await.unwrap();
    loop {
        let key = page(&app, "return document.querySelector('[data-testid=goal-key]')?.innerText;", vec![]).await;
        if key.as_str() == Some(target.as_str()) {
            break;
        }
        assert!(Instant::now() < deadline, "the click on {target} never showed");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let click = ms(clicked.elapsed());
    let driver = ms(app.launched.elapsed());

    // The rows mark is set on an animation frame, which a loaded machine can hold back
    // past the click: wait for it rather than read it once.
    let marks = loop {
        let marks = page(
            &app,
            "const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
             return { origin: performance.timeOrigin, data: at('goal-tree-data'), rows: at('goal-tree-rows') };",
            vec![],
        )
        .await;
        if !marks["rows"].is_null() || Instant::now() >= deadline {
            break marks;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let origin = marks["origin"].as_f64().unwrap();
    let (data, rows) = (marks["data"].as_f64().expect("goal-tree-data mark"), marks["rows"].as_f64().expect("goal-tree-rows mark"));
    let pid = procfs::app_process(&app.database).expect("the app process");
    let started = epoch_ms(procfs::started_at(pid));
    assert!(started >= epoch_ms(launched_at) - 20.0, "the app process started before the session was asked for");
    (app, Launch { to_page: origin - started, to_data: data, to_rows: rows - data, click, driver })
}

/// `calls` sequential invokes of `command` from the page, after a warm-up: each one's
/// time (ms) and the whole batch's.
async fn round_trips(app: &App, command: &str, args: Value, calls: usize) -> (Vec<f64>, f64) {
    let result = app
        .client
        .execute_async(
            "const [command, args, calls, warmUp, done] = arguments;
             const invoke = window.__TAURI_INTERNALS__.invoke;
             (async () => {
               for (let i = 0; i < warmUp; i++) await invoke(command, args);
               const each = [];
               const start = performance.now();
               for (let i = 0; i < calls; i++) {
                 const t = performance.now();
                 await invoke(command, args);
                 each.push(performance.now() - t);
               }
               done({ each, total: performance.now() - start });
             })().catch((e) => done({ error: String(e) }));",
            vec![command.into(), args, calls.into(), WARM_UP.into()],
        )
        .await
        .unwrap();
    assert!(result.get("error").is_none(), "{command}: {result}");
    let each = result["each"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    (each, result["total"].as_f64().unwrap())
}

/// The smallest step of performance.now() in the page: what the per-call times are worth.
async fn clock_step(app: &App) -> f64 {
    page(
        app,
        "let step = Infinity, last = performance.now();
         for (let i = 0; i < 200000; i++) { const t = performance.now(); if (t > last) { step = Math.min(step, t - last); last = t; } }
         return step;",
        vec![],
    )
    .await
    .as_f64()
    .unwrap()
}

#[tokio::test]
#[ignore = "a measurement, not a test: bench/app.sh runs it on a release build"]
async fn app_performance() {
    let dir = tempfile::tempdir().unwrap();
    let template = prefilled(dir.path());
    println!("\n{GOALS} goals in {} ({} KiB)", template.display(), std::fs::metadata(&template).unwrap().len() / 1024);

    println!("\n| launch | process → page | page → tree data | data → rows | click → shown | start to interactive | session request → click shown |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut launches = Vec::new();
    for i in 1..=LAUNCHES {
        let (app, l) = launch(&template).await;
        println!(
            "| {i} | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | **{:.0} ms** | {:.0} ms |",
            l.to_page,
            l.to_data,
            l.to_rows,
            l.click,
            l.interactive(),
            l.driver
        );
        launches.push(l);
        if i < LAUNCHES {
            app.stop().await;
            continue;
        }

        // The last launch stays up for the round trips and the memory.
        let step = clock_step(&app).await;
        println!(
            "\nstart to interactive, median of {LAUNCHES}: {:.0} ms (process → rows {:.0} ms, click {:.0} ms)",
            median(&mut launches.iter().map(Launch::interactive).collect::<Vec<_>>()),
            median(&mut launches.iter().map(|l| l.to_page + l.to_data + l.to_rows).collect::<Vec<_>>()),
            median(&mut launches.iter().map(|l| l.click).collect::<Vec<_>>()),
        );
        println!("\nperformance.now() step in the page: {step:.3} ms");
        println!("\n| command | calls | median | p95 | min | mean of the batch |");
        println!("|---|---:|---:|---:|---:|---:|");
        for (command, args) in [("can_undo", json!({})), ("goal", json!({ "key": "G-5000" })), ("goal_template", json!({ "title": "x" }))] {
            let (mut each, total) = round_trips(&app, command, args, CALLS).await;
            each.sort_by(f64::total_cmp);
            println!(
                "| `{command}` | {CALLS} | {:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms |",
                quantile(&each, 0.5),
                quantile(&each, 0.95),
                each[0],
                total / CALLS as f64
            );
        }
        let (mut tree, _) = round_trips(&app, "goal_tree", json!({}), 10).await;
        println!("\n`goal_tree` of {GOALS} goals from the page: median {:.1} ms of 10", median(&mut tree));
        // What the search palette waits for per keystroke: every goal's key, title and
        // description read and matched; "unit 7" is in 100 titles, "zebra" in none.
        for text in ["unit 7", "zebra"] {
            let (mut search, _) = round_trips(&app, "search", json!({ "text": text, "limit": 50 }), 20).await;
            println!("`search` {text:?} over {GOALS} goals from the page: median {:.1} ms of 20", median(&mut search));
        }

        let pid = procfs::app_process(&app.database).unwrap();
        println!("\n| process | RSS | PSS |");
        println!("|---|---:|---:|");
        let mut total_pss = 0;
        let mut row = |name: &str, pid: u32| {
            let (rss, pss) = procfs::memory(pid);
            total_pss += pss;
            println!("| {name} (pid {pid}) | {:.1} MiB | {:.1} MiB |", rss as f64 / 1024.0, pss as f64 / 1024.0);
        };
        row("app (Rust, GTK)", pid);
        for web in procfs::descendants(pid, "WebKitWebProces") {
            row("WebKit web process (DOM, JS)", web);
        }
        for net in procfs::descendants(pid, "WebKitNetworkPr") {
            row("WebKit network process", net);
        }
        println!("| total | | {:.1} MiB |", total_pss as f64 / 1024.0);
        app.stop().await;
    }
}


/// Prints a table row of `calls` round trips of `command`.
async fn round_trip_row(app: &App, label: &str, command: &str, args: Value, calls: usize) {
    let (mut each, total) = round_trips(app, command, args, calls).await;
    each.sort_by(f64::total_cmp);
    println!("| {label} | `{command}` | {calls} | {:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms |", quantile(&each, 0.5), quantile(&each, 0.95), quantile(&each, 0.99), total / calls as f64);
}

#[tokio::test]
#[ignore = "a measurement, not a test: bench/app.sh runs it on a release build"]
async fn round_trips_during_a_synthesis() {
    const SEARCH_MS: u64 = 30_000;
    let app = App::start_with("perf-synthesis", |database| {
        let pddl = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/pddl");
        let problem = database.with_file_name("gripper-20.pddl");
        std::fs::write(&problem, gripper_problem(20)).unwrap();
        let out = std::process::Command::new(cli()).arg("--db").arg(database).arg("import-pddl").arg(pddl.join("gripper-domain.pddl")).arg(&problem).output().expect("the CLI runs");
        assert!(out.status.success(), "import-pddl failed: {}", String::from_utf8_lossy(&out.stderr));
    })
    .await;
    // What keeping the window live costs when nothing happens: the watcher reads
    // PRAGMA data_version every 250 ms.
    let pid = procfs::app_process(&app.database).expect("the app process");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (cpu, wall) = (procfs::cpu_seconds(pid), Instant::now());
    tokio::time::sleep(Duration::from_secs(20)).await;
    let used = procfs::cpu_seconds(pid) - cpu;
    println!("\nidle app process (watcher polling): {:.2} s CPU in {:.1} s = {:.2}% of one core", used, wall.elapsed().as_secs_f64(), 100.0 * used / wall.elapsed().as_secs_f64());
    println!("\n| while | command | calls | median | p95 | p99 | mean of the batch |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    round_trip_row(&app, "idle", "can_undo", json!({}), CALLS).await;
    round_trip_row(&app, "idle", "goal", json!({ "key": "gripper-20" }), CALLS).await;

    // The operator starts a 30 s search in the planning drawer, as in the app.
    app.open_goal("gripper-20").await;
    app.click("[data-testid=plan-goal]").await;
    app.click("[data-testid=tab-synthesize]").await;
    app.fill("[data-testid=synth-max-nodes]", "100000000").await;
    app.fill("[data-testid=synth-time-limit]", &SEARCH_MS.to_string()).await;
    let started = Instant::now();
    app.click("[data-testid=synth-run]").await;
    app.wait_for("[data-testid=synth-progress]").await;
    round_trip_row(&app, "A* running", "can_undo", json!({}), CALLS).await;
    round_trip_row(&app, "A* running", "goal", json!({ "key": "gripper-20" }), CALLS).await;
    round_trip_row(&app, "A* running", "goal_tree", json!({}), 100).await;
    let measured_within = started.elapsed();
    assert!(app.count("[data-testid=synth-cancel]").await == 1, "the search ended before the round trips did: lengthen SEARCH_MS");
    println!("\n(all round trips above ran within the first {:.1} s of the {} s search)", measured_within.as_secs_f64(), SEARCH_MS / 1000);
    let summary = app.text("[data-testid=synth-progress-text]").await;
    println!("search progress then: {summary}");
    app.click("[data-testid=synth-cancel]").await;
    app.wait_for("[data-testid=synth-summary]").await;
    println!("after Cancel: {}", app.text("[data-testid=synth-summary]").await);
    app.stop().await;
}

/// A workspace of `agents` agents holding `per_agent` ready tasks each, for the fleet.
fn assigned_tasks(agents: usize, per_agent: usize) -> serde_json::Value {
    let agent = |i: usize| json!({ "key": format!("AG-{i}"), "name": format!("Agent {i}"), "active": true, "experience": 3, "capacity": 1000,
                                   "capabilities": [{ "capability": "ops", "level": 2 }] });
    let task = |i: usize, j: usize| json!({ "key": format!("T-{i}-{j}"), "title": format!("Task {j} of agent {i}"), "description": "", "status": "todo",
                                            "priority": 5, "effort": 1, "deadline": null, "goal": null, "step": null, "assignee": format!("AG-{i}"),
                                            "depends_on": [], "created_at": "2026-12-01T00:00:00Z", "started_at": null, "completed_at": null });
    json!({
        "format": "mabos-planner", "version": 1, "kind": "workspace", "exported_at": "2026-12-01T00:00:00Z", "generator": "bench",
        "capabilities": [{ "name": "ops" }],
        "agents": (1..=agents).map(agent).collect::<Vec<_>>(),
        "goals": [], "actions": [], "plans": [],
        "tasks": (1..=agents).flat_map(|i| (1..=per_agent).map(move |j| task(i, j))).collect::<Vec<_>>(),
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test]
#[ignore = "a measurement, not a test: bench/app.sh runs it on a release build"]
async fn round_trips_while_agents_report() {
    const AGENTS: usize = 30;
    const PER_AGENT: usize = 40;
    let app = App::start_with("perf-reports", |database| {
        let file = database.with_file_name("tasks.json");
        std::fs::write(&file, serde_json::to_vec(&assigned_tasks(AGENTS, PER_AGENT)).unwrap()).unwrap();
        let out = std::process::Command::new(cli()).arg("--db").arg(database).arg("import").arg(&file).output().expect("the CLI runs");
        assert!(out.status.success(), "import failed: {}", String::from_utf8_lossy(&out.stderr));
    })
    .await;
    let port = free_port();
    let store = app.scratch().join("nats");
    let mut nats = std::process::Command::new("nats-server")
        .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd", store.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("nats-server");
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = format!("nats://127.0.0.1:{port}");
    println!("\n| while | command | calls | median | p95 | p99 | mean of the batch |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    round_trip_row(&app, "idle", "can_undo", json!({}), CALLS).await;

    // The window's own bridge, as the Broker view connects it.
    app.invoke("broker_connect", json!({ "url": url })).await.expect("broker_connect");
    let agents = std::env::var_os("MABOS_PLANNER_AGENTS").map(PathBuf::from).unwrap_or_else(|| cli().with_file_name("mabos-planner-agents"));
    let mut fleet = std::process::Command::new(agents)
        .args(["--db", app.database().to_str().unwrap(), "--nats", &url, "--delay-ms", "150..450", "--fail-rate", "0", "--seed", "1"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the example fleet");
    // Let the reports start flowing, then time the page's commands while they arrive.
    let deadline = Instant::now() + Duration::from_secs(60);
    let before = loop {
        let status = app.invoke("broker_status", json!({})).await.unwrap();
        let applied = status["reports_applied"].as_i64().unwrap_or(0);
        if applied >= 50 {
            break applied;
        }
        assert!(Instant::now() < deadline, "no reports arrive: {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let started = Instant::now();
    round_trip_row(&app, "reports arriving", "can_undo", json!({}), 4 * CALLS).await;
    round_trip_row(&app, "reports arriving", "goal_tree", json!({}), 500).await;
    round_trip_row(&app, "reports arriving", "monitor", json!({ "now": null }), 200).await;
    let elapsed = started.elapsed().as_secs_f64();
    let after = app.invoke("broker_status", json!({})).await.unwrap()["reports_applied"].as_i64().unwrap_or(0);
    println!("\n{} reports applied while the round trips ran ({elapsed:.1} s): {:.0} reports/s", after - before, (after - before) as f64 / elapsed);
    let _ = fleet.kill();
    let _ = fleet.wait();
    app.invoke("broker_disconnect", json!({})).await.unwrap();
    app.stop().await;
    let _ = nats.kill();
    let _ = nats.wait();
}
