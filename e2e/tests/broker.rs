//! Agents in the loop, end to end: the window connects its NATS bridge to a real
//! `nats-server`, the operator starts a plan and auto-assigns it, and the example agent
//! fleet (`mabos-planner-agents`) does the work it is offered; the goal reaches Achieved
//! without another click, and the notice names the agents. Run by scripts/e2e.sh.

mod harness;

use harness::App;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A workspace whose plan every agent can help with: three steps in a row, three agents
/// with room for all of them, and a goal that the last step's effect achieves.
const WORKSPACE: &str = r#"{
  "format": "mabos-planner", "version": 1, "kind": "workspace", "exported_at": "2026-12-01T00:00:00Z", "generator": "e2e",
  "capabilities": [{ "name": "logistics" }],
  "agents": [
    { "key": "AG-1", "name": "Picker", "active": true, "experience": 3, "capacity": 40, "capabilities": [{ "capability": "logistics", "level": 2 }] },
    { "key": "AG-2", "name": "Packer", "active": true, "experience": 3, "capacity": 40, "capabilities": [{ "capability": "logistics", "level": 2 }] },
    { "key": "AG-3", "name": "Courier", "active": true, "experience": 3, "capacity": 40, "capabilities": [{ "capability": "logistics", "level": 2 }] }
  ],
  "goals": [{ "key": "G-SHIP", "title": "Ship the order", "description": "", "status": "active", "priority": 8, "kind": "hard", "mode": "achieve",
              "refinement": "and", "parent": null, "depends_on": [], "contributions": [], "preconditions": [],
              "postconditions": [{ "key": "order.shipped", "op": "eq", "value": true }], "effects": [], "metrics": [] }],
  "actions": [
    { "key": "A-PICK", "name": "Pick", "description": "", "cost": 10, "duration": 1, "requires": [{ "capability": "logistics", "level": 1 }], "preconditions": [], "effects": [{ "key": "order.picked", "value": true }] },
    { "key": "A-PACK", "name": "Pack", "description": "", "cost": 10, "duration": 1, "requires": [{ "capability": "logistics", "level": 1 }], "preconditions": [{ "key": "order.picked", "op": "eq", "value": true }], "effects": [{ "key": "order.packed", "value": true }] },
    { "key": "A-SHIP", "name": "Ship", "description": "", "cost": 10, "duration": 1, "requires": [{ "capability": "logistics", "level": 1 }], "preconditions": [{ "key": "order.packed", "op": "eq", "value": true }], "effects": [{ "key": "order.shipped", "value": true }] }
  ],
  "plans": [{ "key": "P-SHIP", "goal": "G-SHIP", "title": "Ship it", "status": "draft", "priority": 8, "budget": null, "deadline": null,
              "preconditions": [], "postconditions": [], "constraints": [],
              "steps": [{ "key": "S1", "action": "A-PICK", "note": "" }, { "key": "S2", "action": "A-PACK", "note": "" }, { "key": "S3", "action": "A-SHIP", "note": "" }],
              "edges": [{ "before": "S1", "after": "S2" }, { "before": "S2", "after": "S3" }] }],
  "tasks": []
}"#;

/// A child process killed when the test ends, pass or fail.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `nats-server -js` on a free port with its own store; `None` when it is not installed.
fn nats_server(store: &std::path::Path) -> Option<(Killed, String)> {
    let port = free_port();
    let child = Command::new("nats-server")
        .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd", store.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nats-server does not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((Killed(child), format!("nats://127.0.0.1:{port}")))
}

/// The example fleet: `$MABOS_PLANNER_AGENTS`, else beside the app.
fn agents_binary() -> PathBuf {
    std::env::var_os("MABOS_PLANNER_AGENTS").map(PathBuf::from).unwrap_or_else(|| {
        let app = PathBuf::from(std::env::var_os("MABOS_PLANNER_APP").expect("MABOS_PLANNER_APP (scripts/e2e.sh sets it)"));
        app.with_file_name("mabos-planner-agents")
    })
}

#[tokio::test]
async fn agents_run_a_plan_to_its_goal_through_the_broker_without_a_click() {
    let app = App::start_seeded("broker", WORKSPACE).await;
    let Some((_nats, url)) = nats_server(&app.scratch().join("nats")) else {
        panic!("nats-server is not installed: scripts/install-deps.sh installs it");
    };

    // A URL the bridge cannot use is refused beside the field.
    app.click("[data-testid=nav-broker]").await;
    app.wait_for("[data-testid=broker-state][data-state=disconnected]").await;
    app.fill("[data-testid=broker-url]", "http://127.0.0.1:1").await;
    app.click("[data-testid=broker-connect]").await;
    app.wait_for("#error-broker-url").await;
    assert!(app.text("#error-broker-url").await.contains("nats://"));

    app.fill("[data-testid=broker-url]", &url).await;
    app.click("[data-testid=broker-connect]").await;
    app.wait_for("[data-testid=broker-state][data-state=connected]").await;
    app.wait_text("[data-testid=broker-events-waiting]", "0").await;
    app.screenshots("1-connected").await;

    // The operator starts the plan and applies one auto-assign round: one task per agent.
    app.click("[data-testid=nav-monitor]").await;
    app.click("[data-testid=start-P-SHIP]").await;
    app.wait_for("[data-testid=active-plans] [data-plan=\"P-SHIP\"]").await;
    app.click("[data-testid=auto-assign]").await;
    app.wait_for("[data-testid=assign-preview] tbody tr").await;
    app.click("[data-testid=assign-apply]").await;
    app.wait_gone("[data-testid=assign-dialog]").await;

    // The agents take it from here.
    let fleet = Command::new(agents_binary())
        .args(["--db", app.database().to_str().unwrap(), "--nats", &url, "--delay-ms", "100..300", "--fail-rate", "0", "--seed", "7"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the example fleet runs (scripts/e2e.sh builds mabos-planner-agents)");
    let _fleet = Killed(fleet);
    app.eventually("a notice naming an agent", "true", || async { app.text("[data-testid=history-notice]").await.contains("AG-").to_string() })
        .await;
    let goal = "[data-testid=goal-progress] li[data-goal=\"G-SHIP\"]";
    app.wait_text(&format!("{goal} .badge"), "Achieved").await;
    app.wait_text(&format!("{goal} .progress-label"), "100%").await;
    app.wait_gone("[data-testid=active-plans] [data-plan=\"P-SHIP\"]").await;
    app.screenshots("2-achieved-by-agents").await;

    // The board shows every task done, and the Broker view counts the reports.
    app.click("[data-testid=nav-tasks]").await;
    app.eventually("done cards on the board", "3", || async { app.count("[data-testid=task-board] li.task.status-border-done").await.to_string() }).await;
    app.click("[data-testid=nav-broker]").await;
    app.eventually("reports applied", "6", || async { app.text("[data-testid=broker-reports-applied]").await }).await;
    app.wait_text("[data-testid=broker-events-waiting]", "0").await;
    app.screenshots("3-reports-applied").await;

    app.click("[data-testid=broker-disconnect]").await;
    app.wait_for("[data-testid=broker-state][data-state=disconnected]").await;
    app.stop().await;
}
