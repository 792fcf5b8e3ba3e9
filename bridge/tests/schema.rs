//! docs/schema/bridge-*.schema.json describe the messages the bridge sends and reads:
//! what the bridge writes validates, the schema of reports accepts and refuses what the
//! bridge does, and the example fleet's reports validate.

use mabos_planner::{AgentReport, CapabilityLevel, Condition, Effect, Op, Value};
use mabos_planner_bridge::messages::{OfferedAction, OfferedTask, Receipt, TaskRef, WithdrawalReason, WorkMessage};
use serde_json::{json, Value as Json};

fn errors(schema: &str, instance: &Json) -> String {
    let path = format!("{}/../docs/schema/{schema}", env!("CARGO_MANIFEST_DIR"));
    let schema: Json = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("the schema file is JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "file:///schema.json";
    compiler.add_resource(url, schema).unwrap();
    let index = compiler.compile(url, &mut schemas).unwrap_or_else(|e| panic!("{path} is not a valid schema: {e:#}"));
    match schemas.validate(instance, index) {
        Ok(()) => String::new(),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn offers_and_withdrawals_follow_their_schema() {
    let task = OfferedTask {
        key: "T-4".into(),
        title: "Build the site".into(),
        description: String::new(),
        priority: 7,
        effort: 8.0,
        deadline: Some("2027-01-01T17:00:00Z".into()),
        goal: Some("G-1".into()),
        plan: Some("P-1".into()),
        step: Some("S2".into()),
        action: Some(OfferedAction {
            key: "A-BUILD".into(),
            name: "Build".into(),
            description: "Pages and cart".into(),
            preconditions: vec![Condition::new("design.ready", Op::Eq, Value::Bool(true))],
            effects: vec![Effect { key: "site.built".into(), value: Value::Bool(true) }],
            duration: 8.0,
            cost: 1200.0,
        }),
        requires: vec![CapabilityLevel::new("web", 3)],
    };
    let bare = OfferedTask { action: None, deadline: None, goal: None, plan: None, step: None, requires: vec![], ..task.clone() };
    for task in [task, bare] {
        let offer = serde_json::to_value(WorkMessage::Offer { agent: "AG-1".into(), task: Box::new(task) }).unwrap();
        assert_eq!(errors("bridge-work.schema.json", &offer), "", "{offer}");
    }
    for reason in [WithdrawalReason::Unassigned, WithdrawalReason::Reassigned, WithdrawalReason::Deleted, WithdrawalReason::Blocked, WithdrawalReason::Failed, WithdrawalReason::Waiting] {
        let withdrawal = serde_json::to_value(WorkMessage::Withdrawal { agent: "AG-1".into(), task: TaskRef { key: "T-4".into() }, reason }).unwrap();
        assert_eq!(errors("bridge-work.schema.json", &withdrawal), "", "{withdrawal}");
    }
    assert_ne!(errors("bridge-work.schema.json", &json!({"kind": "withdrawal", "agent": "AG-1", "task": {"key": "T-4"}, "reason": "bored"})), "");
}

#[test]
fn receipts_follow_their_schema() {
    let receipts = [
        Receipt::applied("r-1", Some(42), false),
        Receipt::applied("r-1", Some(42), true),
        Receipt::refused(Some("r-2".into()), "not_assignee", "agent AG-2 cannot report on task T-1: it is assigned to AG-1".into(), Some("agent")),
        Receipt::refused(None, "malformed", "the report is not JSON".into(), None),
    ];
    for receipt in receipts {
        let receipt = serde_json::to_value(receipt).unwrap();
        assert_eq!(errors("bridge-receipt.schema.json", &receipt), "", "{receipt}");
    }
    assert_ne!(errors("bridge-receipt.schema.json", &json!({"id": "r", "ok": true})), "");
}

#[test]
fn the_report_schema_accepts_and_refuses_what_the_bridge_does() {
    let good = [
        json!({"id": "r-1", "agent": "AG-1", "task": "T-4", "status": "started"}),
        json!({"id": "r-2", "agent": "AG-1", "task": "T-4", "status": "done", "note": "deployed", "facts": {"site.live": true, "visits": 3, "mood": "good"}}),
        json!({"id": "r-3", "agent": "AG-1", "task": "T-4", "status": "failed"}),
    ];
    for report in good {
        assert_eq!(errors("bridge-report.schema.json", &report), "", "{report}");
        let parsed: AgentReport = serde_json::from_value(report.clone()).unwrap();
        assert_eq!(parsed.validate(), Ok(()), "{report}");
    }
    let bad = [
        json!({"id": "r", "agent": "AG-1", "task": "T-4", "status": "paused"}),
        json!({"id": "r", "agent": "AG-1", "task": "T-4", "status": "done", "extra": 1}),
        json!({"id": "r", "agent": "AG-1", "status": "done"}),
        json!({"id": "", "agent": "AG-1", "task": "T-4", "status": "done"}),
        json!({"id": "r", "agent": "AG-1", "task": "T-4", "status": "done", "facts": {"two words": true}}),
        json!({"id": "r", "agent": "AG-1", "task": "T-4", "status": "done", "note": "x".repeat(4001)}),
    ];
    for report in bad {
        assert_ne!(errors("bridge-report.schema.json", &report), "", "schema accepted {report}");
        let refused = serde_json::from_value::<AgentReport>(report.clone()).map_err(|e| e.to_string()).and_then(|r| r.validate().map_err(|e| e.reason));
        assert!(refused.is_err(), "the bridge accepted {report}");
    }
}

#[test]
fn the_example_fleets_reports_follow_their_schema() {
    use mabos_planner::ReportStatus;
    use mabos_planner_bridge::fleet::worker::{report, Job};
    let jobs = [Job { agent: "AG-1".into(), task: "T-4".into(), offer_seq: 12 }, Job { agent: "A".repeat(64), task: "T".repeat(64), offer_seq: u64::MAX }];
    for job in &jobs {
        for status in [ReportStatus::Started, ReportStatus::Done, ReportStatus::Failed] {
            let sent = serde_json::to_value(report(job, status)).unwrap();
            assert_eq!(errors("bridge-report.schema.json", &sent), "", "{sent}");
        }
    }
}
