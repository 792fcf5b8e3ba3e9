//! The HTN subcommands as a script would use them: `methods`, `method add/remove`,
//! `decompose` (with --state, --save, --json), exit codes and messages.


mod common;
use common::cli::Cli;

#[test]
fn the_demo_shop_decomposes_and_saves_as_a_plan() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let list = cli.ok(&["methods", "--goal", "G-PAY"]);
    assert_eq!(
        list,
        "M-PAY-WALLET for G-PAY [p7, ordered] Wallets only when payments.wallet_only = true: action A-SETUP-PAY\n\
         M-PAY for G-PAY [p5, ordered] Certify, then integrate cards: goal G-PCI, action A-SETUP-PAY\n"
    );
    let text = cli.ok(&["decompose", "G-SHOP"]);
    assert!(text.starts_with("goal G-SHOP by method M-SHOP\n  goal G-CATALOG by method M-CATALOG (unordered)\n"), "{text}");
    assert!(text.contains("skipped M-PAY-WALLET: conditions[0] payments.wallet_only = true fails (payments.wallet_only is absent)"), "{text}");
    assert!(text.contains("10 actions:\n  1. A-DESIGN-UI\n  2. A-BUILD-SITE (after 1)\n"), "{text}");
    assert!(text.contains("  5. A-LOAD-CATALOG (after 2, 3, 4)\n"), "{text}");

    // --json: the decomposition as data; reading changed nothing.
    let d: serde_json::Value = serde_json::from_str(&cli.ok(&["decompose", "G-SHOP", "--json"])).unwrap();
    assert_eq!(d["actions"].as_array().unwrap().len(), 10);
    assert_eq!(d["tree"]["method"], "M-SHOP");
    let events = cli.ok(&["events"]).lines().count();
    assert_eq!(events, 1);

    let saved = cli.ok(&["decompose", "G-SHOP", "--save"]);
    assert!(saved.ends_with("saved plan P-1 for goal G-SHOP: 10 steps, 9 edges\n"), "{saved}");
    let plan: serde_json::Value = serde_json::from_str(&cli.ok(&["export", "plan", "P-1"])).unwrap();
    assert_eq!(plan["plans"][0]["steps"][0], serde_json::json!({"key": "S1", "action": "A-DESIGN-UI", "note": "method M-CATALOG"}));
    assert!(cli.ok(&["check"]).contains("ok:"));
    assert!(cli.ok(&["undo"]).starts_with("undid plan P-1 decomposed"));
    cli.fails(&["export", "plan", "P-1"]);
}

#[test]
fn a_state_file_changes_the_choice() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let state = cli.path("state.json");
    std::fs::write(&state, r#"{"site.built": true, "payments.wallet_only": true}"#).unwrap();
    let decompose = || -> serde_json::Value { serde_json::from_str(&cli.ok(&["decompose", "G-PAY", "--state", state.to_str().unwrap(), "--json"])).unwrap() };
    // The wallet method applies, but its action also needs pci.certified: back to M-PAY.
    let d = decompose();
    assert_eq!(d["tree"]["method"], "M-PAY");
    assert_eq!(d["tree"]["skipped"][0]["failure"]["kind"], "action");
    assert_eq!(d["tree"]["skipped"][0]["failure"]["condition"]["key"], "pci.certified");
    assert_eq!(d["actions"], serde_json::json!(["A-PCI-SCAN", "A-SETUP-PAY"]));
    std::fs::write(&state, r#"{"site.built": true, "payments.wallet_only": true, "pci.certified": true}"#).unwrap();
    let d = decompose();
    assert_eq!(d["tree"]["method"], "M-PAY-WALLET");
    assert_eq!(d["actions"], serde_json::json!(["A-SETUP-PAY"]));
    // Not an object of facts.
    std::fs::write(&state, "[1]").unwrap();
    assert!(cli.fails(&["decompose", "G-PAY", "--state", state.to_str().unwrap()]).contains("a world state is a JSON object of facts"));
    std::fs::write(&state, r#"{"a b": 1}"#).unwrap();
    assert!(cli.fails(&["decompose", "G-PAY", "--state", state.to_str().unwrap()]).contains("must not contain white space"));
}

#[test]
fn a_failed_decomposition_explains_every_method() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let err = cli.fails(&["decompose", "G-PAY", "--save"]);
    assert_eq!(
        err,
        "error: goal G-PAY cannot be decomposed:\n\
         goal G-PAY: every method failed\n  \
         method M-PAY-WALLET: conditions[0] payments.wallet_only = true fails (payments.wallet_only is absent)\n  \
         method M-PAY: subtask 1: action A-SETUP-PAY is not applicable: preconditions[0] site.built = true fails (site.built is absent)\n"
    );
    assert_eq!(cli.ok(&["events"]).lines().count(), 1, "a refused --save logged an event");
    assert!(cli.fails(&["decompose", "G-NOPE"]).contains("no goal has the key \"G-NOPE\""));
}

#[test]
fn methods_are_added_and_removed() {
    let cli = Cli::new();
    cli.ok(&["demo"]);
    let added = cli.ok(&[
        "method", "add", "G-MKT", "action:A-SEGMENT", "goal:G-SELF", "--name", "Segment, then self-serve", "--priority", "8", "--unordered",
        "--when", r#"{"key":"region","op":"in","value":["eu","us"]}"#,
    ]);
    assert_eq!(added, "created method M-1 for goal G-MKT\n");
    assert_eq!(
        cli.ok(&["methods", "--goal", "G-MKT"]),
        "M-1 for G-MKT [p8, unordered] Segment, then self-serve when region in [\"eu\", \"us\"]: action A-SEGMENT, goal G-SELF\n"
    );
    let json: serde_json::Value = serde_json::from_str(&cli.ok(&["methods", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8);
    // G-SELF is a subtask of M-1 now: it cannot be deleted; A-SEGMENT neither.
    assert!(cli.fails(&["method", "add", "G-MKT", "task:A-SEGMENT", "--name", "x"]).contains("the kind is goal or action"));
    assert!(cli.fails(&["method", "add", "G-MKT", "A-SEGMENT", "--name", "x"]).contains("write goal:KEY or action:KEY"));
    assert!(cli.fails(&["method", "add", "G-MKT", "action:A-NOPE", "--name", "x"]).contains("method M-2: subtasks[0].key no action has the key \"A-NOPE\""));
    assert!(cli.fails(&["method", "add", "G-MKT", "--name", "x", "--when", "{"]).contains("--when #1: not a condition"));
    assert_eq!(cli.ok(&["method", "remove", "M-1"]), "removed method M-1\n");
    assert!(cli.fails(&["method", "remove", "M-1"]).contains("no method has the key \"M-1\""));
    assert_eq!(cli.ok(&["methods", "--goal", "G-MKT"]), "");
}
