//! Search across goals, actions, agents and tasks: what matches, in which order, with
//! which context; and that searching changes nothing. The workspace is
//! `workspaces::searchable`.

mod common;
use common::{dump, workspaces};
use mabos_planner::*;

/// Runs a search and compares "kind key rank field" per hit, in order.
#[track_caller]
fn check(store: &Store, text: &str, limit: usize, expected: &[&str]) {
    let hits = store.search(text, limit).unwrap();
    let seen: Vec<String> = hits.iter().map(|h| format!("{} {} {:?} {:?}", h.kind, h.key, h.rank, h.field)).collect();
    assert_eq!(seen, expected, "search {text:?}");
}

#[test]
fn ranked_exact_key_prefix_word_start_substring() {
    let s = workspaces::searchable();
    check(
        &s,
        "shop",
        20,
        &[
            "action SHOP ExactKey Key",
            "action A-2 Prefix Label",
            "goal G-SHOP WordStart Key",
            "agent AG-2 WordStart Label",
            "task T-1 WordStart Label",
            "goal G-3 WordStart Description",
            "goal G-2 Substring Label",
        ],
    );
}

#[test]
fn ignores_case_and_surrounding_space_across_scripts() {
    let s = workspaces::searchable();
    check(&s, "  g-shop ", 20, &["goal G-SHOP ExactKey Key"]);
    check(&s, "ÜRSULA", 20, &["agent AG-2 Prefix Label"]);
    check(&s, "LAUNCH THE", 20, &["goal G-SHOP Prefix Label"]);
}

#[test]
fn limit_keeps_the_best() {
    let s = workspaces::searchable();
    check(&s, "shop", 2, &["action SHOP ExactKey Key", "action A-2 Prefix Label"]);
    check(&s, "shop", 0, &[]);
}

#[test]
fn blank_or_absent_text_finds_nothing() {
    let s = workspaces::searchable();
    check(&s, "", 20, &[]);
    check(&s, "   ", 20, &[]);
    check(&s, "zebra", 20, &[]);
    // An agent's capabilities are context, not searched.
    check(&s, "payments", 20, &["action SHOP WordStart Description"]);
}

#[test]
fn hits_carry_label_and_context() {
    let s = workspaces::searchable();
    let hits = s.search("spring", 20).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0],
        SearchHit {
            kind: Entity::Goal,
            key: "G-SHOP".into(),
            label: "Launch the shop".into(),
            context: "Everything a shopper sees, live by spring.".into(),
            rank: SearchRank::WordStart,
            field: SearchField::Description,
        }
    );
    let agent = s.search("web bot", 20).unwrap();
    assert_eq!(agent[0].context, "payments 2, web 4");
    let bare = s.search("ursula", 20).unwrap();
    assert!(bare.is_empty(), "Ü folds to ü, not to u: {bare:?}");
    let action = s.search("build", 20).unwrap();
    assert_eq!((action[0].label.as_str(), action[0].context.as_str()), ("Build site", "Pages, cart and payments."));
}

#[test]
fn searching_changes_nothing() {
    let s = workspaces::seeded();
    let before = dump(&s);
    let seq = s.last_event_seq().unwrap();
    assert!(!s.search("site", 50).unwrap().is_empty());
    assert_eq!(dump(&s), before);
    assert_eq!(s.last_event_seq().unwrap(), seq);
}

#[test]
fn the_cli_prints_hits_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("planner.db");
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli")).arg("--db").arg(&db).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    cli(&["demo"]);
    let hits: Vec<serde_json::Value> = cli(&["search", "G-shop", "--json", "--limit", "3"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits[0]["key"], "G-SHOP");
    assert_eq!(hits[0]["kind"], "goal");
    assert_eq!(hits[0]["rank"], "exact_key");
    assert!(hits.len() <= 3);
    let text = cli(&["search", "G-SHOP", "--limit", "1"]);
    assert!(text.starts_with("goal   G-SHOP"), "{text}");
    assert_eq!(cli(&["search", "no such thing anywhere"]), "");
}
