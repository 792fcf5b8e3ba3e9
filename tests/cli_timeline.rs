//! `timeline` and `lanes` as a script runs them, on the demo workspace.

mod common;
use common::cli::Cli;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// (step, earliest start, earliest finish, slack, critical, projected start, finish)
fn steps(t: &Value) -> Vec<(String, f64, f64, f64, bool, f64, f64)> {
    t["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = |k: &str| s[k].as_f64().unwrap();
            (
                s["step"].as_str().unwrap().to_owned(),
                f("earliest_start"),
                f("earliest_finish"),
                f("slack"),
                s["critical"].as_bool().unwrap(),
                f("projected_start"),
                f("projected_finish"),
            )
        })
        .collect()
}

#[test]
fn a_plan_timeline_before_and_while_it_runs() {
    let cli = Cli::with_demo();
    // P-FULFIL: pick and pack (4 h) → ship (2 h).
    let before = json(&cli.ok(&["timeline", "P-FULFIL", "--json", "--now", "2027-01-01T00:00:00Z"]));
    assert_eq!(before["origin"], "2027-01-01T00:00:00.000Z");
    assert_eq!(
        (before["started"].as_bool(), before["now"].as_f64(), before["duration_hours"].as_f64()),
        (Some(false), Some(0.0), Some(6.0))
    );
    assert_eq!(
        steps(&before),
        [
            ("S1".to_owned(), 0.0, 4.0, 0.0, true, 0.0, 4.0),
            ("S2".to_owned(), 4.0, 6.0, 0.0, true, 4.0, 6.0)
        ]
    );
    assert_eq!(before["edges"], serde_json::json!([{"before": "S1", "after": "S2", "critical": true}]));
    let text = cli.ok(&["timeline", "P-FULFIL", "--now", "2027-01-01T00:00:00Z"]);
    assert!(
        text.starts_with("plan P-FULFIL: not started, planned from 2027-01-01T00:00:00.000Z; now at 0.0 h; planned 6.0 h, projected finish 6.0 h\n"),
        "{text}"
    );
    assert!(text.contains("S1 (A-PICK-PACK)"), "{text}");

    cli.ok(&["start-plan", "P-FULFIL"]);
    cli.ok(&["task-done", "T-11"]);
    let during = json(&cli.ok(&["timeline", "P-FULFIL", "--json"]));
    assert_eq!(during["started"], true);
    let s1 = &during["steps"][0];
    assert_eq!((s1["task"].as_str(), s1["status"].as_str()), (Some("T-11"), Some("done")));
    let finished = s1["actual_finish"].as_f64().unwrap();
    assert!(finished >= 0.0 && finished <= during["now"].as_f64().unwrap());
    // S2 is projected from now, since S1 ended (in seconds) before it.
    let s2 = &during["steps"][1];
    assert_eq!((s2["task"].as_str(), s2["status"].as_str()), (Some("T-12"), Some("todo")));
    assert_eq!(s2["projected_start"], during["now"]);
    assert!(cli.fails(&["timeline", "P-NOPE"]).contains("no plan has the key \"P-NOPE\""));
    assert!(cli
        .fails(&["timeline", "P-FULFIL", "--now", "tomorrow"])
        .contains("--now \"tomorrow\" is not an RFC 3339 time"));
}

#[test]
fn agent_lanes_of_the_demo_workspace() {
    let cli = Cli::with_demo();
    let lanes = json(&cli.ok(&["lanes", "--json", "--now", "2030-01-01T00:00:00Z"]));
    let agents = json(&cli.ok(&["export", "workspace"]))["agents"].clone();
    let active: Vec<&str> = agents
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["active"] != false)
        .map(|a| a["key"].as_str().unwrap())
        .collect();
    let keys: Vec<&str> = lanes["lanes"].as_array().unwrap().iter().map(|l| l["agent"].as_str().unwrap()).collect();
    assert_eq!(keys, active);
    // Scheduled bars of one lane never overlap and start from now on.
    let now = lanes["now"].as_f64().unwrap();
    for lane in lanes["lanes"].as_array().unwrap() {
        let mut end = now;
        for bar in lane["bars"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["status"] == "todo" || b["status"] == "blocked")
        {
            let start = bar["start"].as_f64().unwrap();
            assert!(start >= end, "{lane}");
            end = bar["finish"].as_f64().unwrap();
        }
    }
    let text = cli.ok(&["lanes", "--now", "2030-01-01T00:00:00Z"]);
    assert!(text.starts_with("lanes from "), "{text}");
}
