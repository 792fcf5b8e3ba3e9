//! The example fleet (`mabos-planner-agents`) against the bridge and a real `nats-server`:
//! it runs a started, assigned plan to its goal; with a failure rate of 1 it fails the
//! task it takes; a withdrawn offer is never reported; it skips a malformed message and
//! stops with status 0 on SIGTERM.

mod common;
use common::*;
use mabos_planner::*;
use serde_json::{json, Value as Json};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(12);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Waits until `done`, failing with the fleet's log after `LIMIT`.
fn wait_for_fleet(fleet: &Fleet, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < LIMIT, "timed out waiting for {what}; the fleet's log:\n{}", fleet.log());
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The agents' gestures: (author, task, from, to), in log order.
fn agent_moves(store: &Store) -> Vec<(String, String, Json, Json)> {
    store
        .events(0, u32::MAX)
        .unwrap()
        .into_iter()
        .filter(|e| e.author.starts_with("agent:"))
        .map(|e| (e.author, e.key, e.payload["from"].clone(), e.payload["to"].clone()))
        .collect()
}

#[test]
fn the_fleet_runs_a_started_plan_to_its_goal() {
    require_nats!();
    let nats = Nats::start();
    let (dir, path) = database();
    let mut store = operator(&path);
    let tasks = plan_in_progress(&mut store);
    let _bridge = InProcess::start(&path, &nats.url());
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        // Not an offer: logged and skipped, and the fleet goes on.
        js.publish("mabos.agents.AG-1.tasks", "{\"kind\": \"offer\", \"agent\": ".into()).await.unwrap().await.unwrap();
    });
    let args = ["--db", path.to_str().unwrap(), "--fail-rate", "0", "--delay-ms", "5..40", "--seed", "7"];
    let mut fleet = Fleet::start(&nats.url(), &args, dir.path().join("fleet.log"));
    wait_for_fleet(&fleet, "the goal to be achieved", || store.goal("G-SHIP").unwrap().status == GoalStatus::Achieved);
    assert_eq!(fleet.terminate().code(), Some(0), "SIGTERM stops the fleet cleanly");

    for task in &tasks {
        assert_eq!(store.task(task).unwrap().status, TaskStatus::Done, "{task}");
    }
    assert_eq!(store.plan("P-SHIP").unwrap().status, PlanStatus::Completed);
    let progress = store.goal_progress().unwrap().into_iter().find(|p| p.goal == "G-SHIP").unwrap();
    assert_eq!((progress.status, progress.progress), (GoalStatus::Achieved, 1.0));
    assert_eq!(store.world_state().unwrap().get("site.live"), Some(&Value::Bool(true)));
    // Each task started, then done, by its own assignee: two gestures each, nothing else.
    let moves = agent_moves(&store);
    assert_eq!(moves.len(), 2 * tasks.len(), "{moves:?}");
    for (i, task) in tasks.iter().enumerate() {
        let author = format!("agent:{}", if i % 2 == 0 { "AG-1" } else { "AG-2" });
        let of_task: Vec<_> = moves.iter().filter(|(_, key, _, _)| key == task).collect();
        assert_eq!(of_task.len(), 2, "{task}: {moves:?}");
        assert_eq!((&of_task[0].0, &of_task[0].2, &of_task[0].3), (&author, &json!("todo"), &json!("in_progress")));
        assert_eq!((&of_task[1].0, &of_task[1].2, &of_task[1].3), (&author, &json!("in_progress"), &json!("done")));
    }
    let log = fleet.log();
    assert!(log.contains("message skipped"), "the malformed message is logged:\n{log}");
    assert!(!log.contains("report refused"), "{log}");
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn with_a_failure_rate_of_one_the_task_taken_fails() {
    require_nats!();
    let nats = Nats::start();
    let (dir, path) = database();
    let mut store = operator(&path);
    let tasks = plan_in_progress(&mut store);
    let _bridge = InProcess::start(&path, &nats.url());
    let args = ["--db", path.to_str().unwrap(), "--fail-rate", "1", "--delay-ms", "5..20"];
    let mut fleet = Fleet::start(&nats.url(), &args, dir.path().join("fleet.log"));
    wait_for_fleet(&fleet, "the first task to fail", || store.task(&tasks[0]).unwrap().status == TaskStatus::Failed);
    // Its receipts come back applied: started, then failed.
    runtime().block_on(async {
        let js = nats.client().await;
        let start = Instant::now();
        loop {
            let receipts: Vec<Json> = messages(&js, "MABOS_AGENT_WORK")
                .await
                .into_iter()
                .filter(|(subject, _, _)| subject == "mabos.agents.AG-1.receipts")
                .map(|(_, _, body)| serde_json::from_slice(&body).unwrap())
                .collect();
            if receipts.len() == 2 {
                assert!(receipts.iter().all(|r| r["ok"] == true), "{receipts:?}");
                assert!(receipts[0]["id"].as_str().unwrap().starts_with(&format!("AG-1/{}/started@", tasks[0])), "{receipts:?}");
                assert!(receipts[1]["id"].as_str().unwrap().starts_with(&format!("AG-1/{}/failed@", tasks[0])), "{receipts:?}");
                break;
            }
            assert!(start.elapsed() < LIMIT, "receipts: {receipts:?}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    });
    assert_eq!(fleet.terminate().code(), Some(0));
    assert_eq!(store.task(&tasks[0]).unwrap().status, TaskStatus::Failed, "a failed task stays failed");
    assert!(tasks[1..].iter().all(|t| store.task(t).unwrap().status == TaskStatus::Todo), "the rest wait on it");
    assert_eq!(store.plan("P-SHIP").unwrap().status, PlanStatus::Active, "a failed task leaves its plan to be repaired");
    assert_ne!(store.goal("G-SHIP").unwrap().status, GoalStatus::Achieved);
}

#[test]
fn a_withdrawn_offer_is_never_reported() {
    require_nats!();
    let nats = Nats::start();
    let (dir, path) = database();
    let mut store = operator(&path);
    crew(&mut store, 1, 0);
    store.create_task(Some("T-GONE"), &TaskFields::titled("Withdrawn before it starts", 1.0)).unwrap();
    store.create_task(Some("T-KEPT"), &TaskFields::titled("Offered after the withdrawal", 1.0)).unwrap();
    let _bridge = InProcess::start(&path, &nats.url());
    // The fleet waits a second before it reports a start: the withdrawal comes first.
    let args = ["--agents", "AG-1", "--fail-rate", "0", "--delay-ms", "1000..1000"];
    let mut fleet = Fleet::start(&nats.url(), &args, dir.path().join("fleet.log"));
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        let offers = |n: usize| {
            let js = js.clone();
            async move {
                let start = Instant::now();
                while messages(&js, "MABOS_AGENT_WORK").await.iter().filter(|(s, _, _)| s == "mabos.agents.AG-1.tasks").count() < n {
                    assert!(start.elapsed() < LIMIT, "waiting for {n} messages to AG-1");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
        };
        store.assign_task("T-GONE", Some("AG-1")).unwrap();
        offers(1).await;
        store.assign_task("T-GONE", None).unwrap();
        offers(2).await;
        // The fleet reads AG-1's messages in order: once T-KEPT is done, the withdrawal
        // of T-GONE was handled long before T-GONE's first report would have gone out.
        store.assign_task("T-KEPT", Some("AG-1")).unwrap();
    });
    wait_for_fleet(&fleet, "T-KEPT to be done", || store.task("T-KEPT").unwrap().status == TaskStatus::Done);
    runtime().block_on(async {
        let js = nats.client().await;
        let reports: Vec<Json> = messages(&js, "MABOS_PLANNER_REPORTS").await.into_iter().map(|(_, _, body)| serde_json::from_slice(&body).unwrap()).collect();
        assert_eq!(reports.len(), 2, "{reports:?}");
        assert!(reports.iter().all(|r| r["task"] == "T-KEPT"), "{reports:?}");
    });
    assert_eq!(fleet.terminate().code(), Some(0));
    let gone = store.task("T-GONE").unwrap();
    assert_eq!((gone.status, gone.assignee), (TaskStatus::Todo, None));
    assert!(fleet.log().contains("offer withdrawn; not reported"), "{}", fleet.log());
}
