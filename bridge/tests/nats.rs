//! The bridge against a real `nats-server` (JetStream, its own port and store folder):
//! the outbox (every event once and in order, across a SIGKILL of the bridge and a
//! restart of the broker), work offers and withdrawals, and reports (applied once,
//! refused with the reason and nothing written, a burst from many agents).

mod common;
use common::*;
use futures_util::StreamExt;
use mabos_planner::*;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::time::Duration;

const EVENTS: &str = "MABOS_PLANNER_EVENTS";
const WORK: &str = "MABOS_AGENT_WORK";
const LIMIT: Duration = Duration::from_secs(30);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// The JSON bodies of every message on `subject` of the work stream, in order.
async fn on_subject(js: &async_nats::jetstream::Context, subject: &str) -> Vec<Json> {
    messages(js, WORK).await.into_iter().filter(|(s, _, _)| s == subject).map(|(_, _, body)| serde_json::from_slice(&body).unwrap()).collect()
}

/// Waits until `subject` of the work stream holds `n` messages, and returns them.
async fn wait_on_subject(js: &async_nats::jetstream::Context, subject: &str, n: usize) -> Vec<Json> {
    let start = std::time::Instant::now();
    loop {
        let got = on_subject(js, subject).await;
        if got.len() >= n {
            return got;
        }
        assert!(start.elapsed() < LIMIT, "{subject}: {} messages, waited for {n}: {got:?}", got.len());
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The whole workspace as exported, without the time of the export.
fn workspace(store: &Store) -> Json {
    let mut doc: Json = serde_json::from_str(&store.export_workspace().unwrap()).unwrap();
    doc.as_object_mut().unwrap().remove("exported_at");
    doc
}

async fn report(js: &async_nats::jetstream::Context, agent: &str, body: Json) {
    js.publish(format!("mabos.planner.reports.{agent}"), body.to_string().into()).await.unwrap().await.unwrap();
}

async fn raw_report(js: &async_nats::jetstream::Context, agent: &str, body: Vec<u8>) {
    js.publish(format!("mabos.planner.reports.{agent}"), body.into()).await.unwrap().await.unwrap();
}

#[test]
fn every_event_reaches_the_stream_once_and_in_order() {
    require_nats!();
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    goals(&mut store, 1, 300);
    let _bridge = InProcess::start(&path, &nats.url());
    // Gestures keep coming while the bridge sends the backlog, undo among them.
    goals(&mut store, 301, 100);
    store.undo().unwrap();
    let total = store.last_event_seq().unwrap();
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        wait_for(&js, EVENTS, total as u64, LIMIT).await;
        // Nothing more arrives: no duplicate hides behind the count.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_stream_is_the_log(&js, &path).await;
    });
    assert_eq!(store.outbox_cursor(EVENTS).unwrap(), total);
}

#[test]
fn a_bridge_killed_mid_stream_and_restarted_leaves_no_gap_and_no_duplicate() {
    require_nats!();
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    goals(&mut store, 1, 3000);
    let total = store.last_event_seq().unwrap() as u64;
    runtime().block_on(async {
        let js = nats.client().await;
        let mut bridge = Binary::start(&path, &nats.url());
        // Kill it as soon as the first events are in the stream, before the last.
        let start = std::time::Instant::now();
        while count(&js, EVENTS).await == 0 {
            assert!(start.elapsed() < LIMIT, "no event published");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        bridge.kill();
        let at_kill = count(&js, EVENTS).await;
        eprintln!("killed with {at_kill} of {total} events in the stream");
        let mut bridge = Binary::start(&path, &nats.url());
        wait_for(&js, EVENTS, total, LIMIT).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(bridge.terminate().code(), Some(0), "SIGTERM stops the bridge cleanly");
        assert_stream_is_the_log(&js, &path).await;
    });
}

#[test]
fn events_sent_again_after_a_lost_cursor_are_dropped_by_their_message_id() {
    require_nats!();
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    goals(&mut store, 1, 50);
    runtime().block_on(async {
        let js = nats.client().await;
        {
            let _bridge = InProcess::start(&path, &nats.url());
            wait_for(&js, EVENTS, 50, LIMIT).await;
            common::wait_until(LIMIT, "the cursor", || store.outbox_cursor(EVENTS).unwrap() == 50);
        }
        // As if the bridge had died after publishing but before storing its cursor.
        store.connection().execute("UPDATE bridge_outbox SET acked_seq = 10", []).unwrap();
        goals(&mut store, 51, 5);
        let _bridge = InProcess::start(&path, &nats.url());
        wait_for(&js, EVENTS, 55, LIMIT).await;
        common::wait_until(LIMIT, "the cursor", || store.outbox_cursor(EVENTS).unwrap() == 55);
        assert_stream_is_the_log(&js, &path).await;
    });
}

#[test]
fn the_bridge_reconnects_after_the_broker_restarts_and_catches_up() {
    require_nats!();
    let mut nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    goals(&mut store, 1, 20);
    let bridge = InProcess::start(&path, &nats.url());
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        wait_for(&js, EVENTS, 20, LIMIT).await;
    });
    wait_until(LIMIT, "the bridge to say it is connected", || bridge.status.get().connected);
    assert_eq!(bridge.status.get().sessions, 1);
    nats.stop();
    // The planner goes on while the broker is away; the bridge says why it is not connected.
    goals(&mut store, 21, 30);
    wait_until(LIMIT, "the bridge to report the lost broker", || {
        let status = bridge.status.get();
        !status.connected && status.last_error.is_some()
    });
    nats.restart();
    wait_until(LIMIT, "the bridge to connect again", || {
        let status = bridge.status.get();
        status.connected && status.sessions >= 2
    });
    let total = store.last_event_seq().unwrap() as u64;
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        wait_for(&js, EVENTS, total, LIMIT).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_stream_is_the_log(&js, &path).await;
        // Reports flow again too.
        crew_report_roundtrip(&js, &mut store).await;
    });
}

/// One agent, one task, one report: applied and answered.
async fn crew_report_roundtrip(js: &async_nats::jetstream::Context, store: &mut Store) {
    crew(store, 1, 1);
    report(js, "AG-1", json!({"id": "after-restart", "agent": "AG-1", "task": "T-1-1", "status": "started"})).await;
    let receipts = wait_on_subject(js, "mabos.agents.AG-1.receipts", 1).await;
    assert_eq!(receipts[0]["ok"], true, "{receipts:?}");
    assert_eq!(store.task("T-1-1").unwrap().status, TaskStatus::InProgress);
}

#[test]
fn ready_tasks_are_offered_and_offers_that_no_longer_stand_are_withdrawn() {
    require_nats!();
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    store.create_goal(Some("G-1"), None, &GoalFields::titled("Ship")).unwrap();
    let mut fields = ActionFields::named("Build", 10.0, 2.0);
    fields.preconditions = vec![Condition::new("design.ready", Op::Eq, Value::Bool(true))];
    fields.effects = vec![Effect { key: "site.built".into(), value: Value::Bool(true) }];
    store.create_action(Some("A-BUILD"), &fields).unwrap();
    store.create_action(Some("A-SHIP"), &ActionFields::named("Ship", 1.0, 1.0)).unwrap();
    store.create_plan(Some("P-1"), "G-1", &PlanFields::titled("Plan")).unwrap();
    store.add_step("P-1", Some("S1"), "A-BUILD", "build it").unwrap();
    store.add_step("P-1", Some("S2"), "A-SHIP", "").unwrap();
    store.add_edge("P-1", "S1", "S2").unwrap();
    let start = store.start_plan("P-1").unwrap();
    let (first, second) = (start.tasks[0].clone(), start.tasks[1].clone());
    crew(&mut store, 2, 0);
    store.assign_task(&first, Some("AG-1")).unwrap();
    store.assign_task(&second, Some("AG-1")).unwrap();
    let _bridge = InProcess::start(&path, &nats.url());
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        let to_ag1 = wait_on_subject(&js, "mabos.agents.AG-1.tasks", 1).await;
        assert_eq!(to_ag1.len(), 1, "only the ready task is offered: {to_ag1:?}");
        let offer = &to_ag1[0];
        assert_eq!((offer["kind"].clone(), offer["agent"].clone(), offer["task"]["key"].clone()), (json!("offer"), json!("AG-1"), json!(first)));
        assert_eq!((offer["task"]["plan"].clone(), offer["task"]["step"].clone()), (json!("P-1"), json!("S1")));
        assert_eq!(offer["task"]["action"]["key"], "A-BUILD");
        assert_eq!(offer["task"]["action"]["preconditions"][0]["key"], "design.ready");
        assert_eq!(offer["task"]["action"]["effects"][0]["key"], "site.built");

        // Reassigned: withdrawn from AG-1, offered to AG-2.
        store.assign_task(&first, Some("AG-2")).unwrap();
        let to_ag1 = wait_on_subject(&js, "mabos.agents.AG-1.tasks", 2).await;
        assert_eq!(to_ag1[1], json!({"kind": "withdrawal", "agent": "AG-1", "task": {"key": first}, "reason": "reassigned"}));
        let to_ag2 = wait_on_subject(&js, "mabos.agents.AG-2.tasks", 1).await;
        assert_eq!((to_ag2[0]["kind"].clone(), to_ag2[0]["task"]["key"].clone()), (json!("offer"), json!(first)));

        // Done by its agent: the next task becomes ready and is offered; no withdrawal.
        report(&js, "AG-2", json!({"id": "s", "agent": "AG-2", "task": first, "status": "started"})).await;
        report(&js, "AG-2", json!({"id": "d", "agent": "AG-2", "task": first, "status": "done"})).await;
        let to_ag1 = wait_on_subject(&js, "mabos.agents.AG-1.tasks", 3).await;
        assert_eq!((to_ag1[2]["kind"].clone(), to_ag1[2]["task"]["key"].clone()), (json!("offer"), json!(second)));

        // Unassigned: withdrawn.
        store.assign_task(&second, None).unwrap();
        let to_ag1 = wait_on_subject(&js, "mabos.agents.AG-1.tasks", 4).await;
        assert_eq!(to_ag1[3], json!({"kind": "withdrawal", "agent": "AG-1", "task": {"key": second}, "reason": "unassigned"}));
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(on_subject(&js, "mabos.agents.AG-2.tasks").await.len(), 1, "no withdrawal for a task its agent took");
        assert_eq!(on_subject(&js, "mabos.agents.AG-1.tasks").await.len(), 4);
    });
}

#[test]
fn a_report_sent_twice_is_applied_once() {
    require_nats!();
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    crew(&mut store, 1, 1);
    let _bridge = InProcess::start(&path, &nats.url());
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        let body = json!({"id": "r-1", "agent": "AG-1", "task": "T-1-1", "status": "started", "note": "on it"});
        report(&js, "AG-1", body.clone()).await;
        report(&js, "AG-1", body).await;
        let receipts = wait_on_subject(&js, "mabos.agents.AG-1.receipts", 2).await;
        let seq = store.events(0, u32::MAX).unwrap().into_iter().filter(|e| e.author == "agent:AG-1").map(|e| e.seq).collect::<Vec<_>>();
        assert_eq!(seq.len(), 1, "one gesture");
        assert_eq!(receipts, [json!({"id": "r-1", "ok": true, "seq": seq[0]}), json!({"id": "r-1", "ok": true, "seq": seq[0], "duplicate": true})]);
    });
    assert_eq!(store.task("T-1-1").unwrap().status, TaskStatus::InProgress);
}

#[test]
fn refused_reports_are_answered_with_the_reason_and_write_nothing() {
    require_nats!();
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    crew(&mut store, 2, 1);
    store.create_task(Some("T-FREE"), &TaskFields::titled("Nobody's", 1.0)).unwrap();
    store.set_task_status("T-1-1", TaskStatus::InProgress).unwrap();
    let before = (workspace(&store), store.last_event_seq().unwrap());
    let _bridge = InProcess::start(&path, &nats.url());
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        let sent: [(&str, Vec<u8>); 8] = [
            ("AG-1", json!({"id": "a", "agent": "AG-1", "task": "T-2-1", "status": "started"}).to_string().into_bytes()),
            ("AG-1", json!({"id": "b", "agent": "AG-1", "task": "T-404", "status": "started"}).to_string().into_bytes()),
            ("AG-1", json!({"id": "c", "agent": "AG-1", "task": "T-1-1", "status": "started"}).to_string().into_bytes()),
            ("AG-1", json!({"id": "d", "agent": "AG-1", "task": "T-FREE", "status": "started"}).to_string().into_bytes()),
            ("AG-1", json!({"id": "e", "agent": "AG-2", "task": "T-2-1", "status": "started"}).to_string().into_bytes()),
            ("AG-1", json!({"id": "f", "agent": "AG-1", "task": "T-1-1", "status": "paused"}).to_string().into_bytes()),
            ("AG-1", b"{\"id\": \"g\", not json".to_vec()),
            ("AG-1", format!("{{\"id\":\"h\",\"agent\":\"AG-1\",\"task\":\"T-1-1\",\"status\":\"done\",\"note\":\"{}\"}}", "x".repeat(20_000)).into_bytes()),
        ];
        for (agent, body) in sent {
            raw_report(&js, agent, body).await;
        }
        let receipts = wait_on_subject(&js, "mabos.agents.AG-1.receipts", 8).await;
        let got: Vec<(Json, Json, Json, Json)> =
            receipts.iter().map(|r| (r["id"].clone(), r["ok"].clone(), r["error"]["code"].clone(), r["error"]["field"].clone())).collect();
        let expected = [
            ("a", "not_assignee", json!("agent")),
            ("b", "not_found", json!("task")),
            ("c", "invalid_transition", json!("status")),
            ("d", "not_assignee", json!("agent")),
            ("e", "agent_mismatch", json!("agent")),
            ("f", "malformed", Json::Null),
        ];
        for (i, (id, code, field)) in expected.iter().enumerate() {
            assert_eq!(got[i], (json!(id), json!(false), json!(code), field.clone()), "{}", receipts[i]);
        }
        assert_eq!((got[6].0.clone(), got[6].2.clone()), (Json::Null, json!("malformed")));
        assert_eq!((got[7].0.clone(), got[7].2.clone()), (Json::Null, json!("too_large")));
        assert!(receipts.iter().all(|r| r["error"]["message"].as_str().is_some_and(|m| !m.is_empty())));
        // Every one was acknowledged: nothing waits to be delivered again.
        let mut consumer: async_nats::jetstream::consumer::PullConsumer =
            js.get_stream("MABOS_PLANNER_REPORTS").await.unwrap().get_consumer("mabos-planner-bridge").await.unwrap();
        let info = consumer.info().await.unwrap();
        assert_eq!((info.num_ack_pending, info.num_pending), (0, 0));
    });
    assert_eq!((workspace(&store), store.last_event_seq().unwrap()), before);
}

#[test]
fn a_burst_of_reports_from_many_agents_is_all_applied() {
    require_nats!();
    const AGENTS: usize = 50;
    const TASKS: usize = 10;
    let nats = Nats::start();
    let (_dir, path) = database();
    let mut store = operator(&path);
    crew(&mut store, AGENTS, TASKS);
    let _bridge = InProcess::start(&path, &nats.url());
    runtime().block_on(async {
        let js = nats.client().await;
        bridge_ready(&js).await;
        // Each agent's reports in its own order (started, then done), the agents at once.
        let sends = (1..=AGENTS).map(|a| {
            let js = js.clone();
            async move {
                let agent = format!("AG-{a}");
                let mut acks = Vec::new();
                for n in 1..=TASKS {
                    for status in ["started", "done"] {
                        let body = json!({"id": format!("{agent}/{n}/{status}"), "agent": agent, "task": format!("T-{a}-{n}"), "status": status});
                        acks.push(js.publish(format!("mabos.planner.reports.{agent}"), body.to_string().into()).await.unwrap());
                    }
                }
                for ack in acks {
                    ack.await.unwrap();
                }
            }
        });
        futures_util::stream::iter(sends).for_each_concurrent(None, |send| send).await;
        // Every task done, then every receipt in the work stream (with the offers).
        let start = std::time::Instant::now();
        while store.tasks(&TaskFilter { status: Some(TaskStatus::Done), ..Default::default() }).unwrap().len() < AGENTS * TASKS {
            assert!(start.elapsed() < Duration::from_secs(60), "not every report was applied");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let receipts_in = |messages: &[(String, Option<String>, Vec<u8>)]| messages.iter().filter(|(s, _, _)| s.ends_with(".receipts")).count();
        while receipts_in(&messages(&js, WORK).await) < AGENTS * TASKS * 2 {
            assert!(start.elapsed() < Duration::from_secs(60), "not every receipt was sent");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut receipts: BTreeMap<String, usize> = BTreeMap::new();
        for (subject, _, body) in messages(&js, WORK).await.into_iter().filter(|(s, _, _)| s.ends_with(".receipts")) {
            let receipt: Json = serde_json::from_slice(&body).unwrap();
            assert_eq!(receipt["ok"], true, "{subject}: {receipt}");
            *receipts.entry(subject).or_default() += 1;
        }
        assert_eq!(receipts.len(), AGENTS);
        assert!(receipts.values().all(|&n| n == TASKS * 2), "{receipts:?}");
    });
    let done = store.tasks(&TaskFilter { status: Some(TaskStatus::Done), ..Default::default() }).unwrap();
    assert_eq!(done.len(), AGENTS * TASKS);
    assert!(store.integrity_report().unwrap().is_ok());
}
