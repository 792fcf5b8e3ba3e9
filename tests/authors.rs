//! Authors and per-author undo: every gesture records who made it, undo and redo act on
//! one author's steps, and a later gesture by someone else that changed the same rows
//! refuses the undo by name, changing nothing.

mod common;
use common::cli::Cli;
use common::dump;
use mabos_planner::*;
use proptest::prelude::*;

fn author(name: &str) -> Author {
    Author::parse(name).unwrap()
}

fn store_as(name: &str) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.set_author(author(name));
    store
}

fn goal(store: &mut Store, key: &str) {
    store.create_goal(Some(key), None, &GoalFields::titled(key)).unwrap();
}

fn keys(store: &Store) -> Vec<String> {
    store.goal_tree().unwrap().into_iter().map(|n| n.key).collect()
}

/// A workspace file holding root goals with these keys.
fn workspace_file(keys: &[&str]) -> String {
    let mut store = Store::open_in_memory().unwrap();
    for key in keys {
        goal(&mut store, key);
    }
    store.export_workspace().unwrap()
}

#[test]
fn every_event_names_its_author() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-A");
    store.as_author(Author::agent("AG-1").unwrap(), |s| s.create_goal(Some("G-B"), None, &GoalFields::titled("B"))).unwrap();
    store.undo().unwrap();
    let authors: Vec<(String, String)> = store.events(0, 10).unwrap().into_iter().map(|e| (e.author, e.kind)).collect();
    let expected = [("app:ann", "created"), ("agent:AG-1", "created"), ("app:ann", "undo")];
    assert_eq!(authors, expected.map(|(a, k)| (a.to_owned(), k.to_owned())));
    assert_eq!(store.author().as_str(), "app:ann", "as_author restores the store's author");
}

#[test]
fn undo_takes_the_authors_own_newest_gesture() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-ANN");
    store.set_author(author("cli:bob"));
    goal(&mut store, "G-BOB");
    store.set_author(author("app:ann"));
    let entry = store.undo().unwrap();
    assert_eq!((entry.key.as_str(), entry.author.as_str()), ("G-ANN", "app:ann"));
    assert_eq!(keys(&store), ["G-BOB"]);
    assert!(matches!(store.undo(), Err(Error::NothingToUndo)));
    assert!(!store.can_undo().unwrap());
    assert!(store.can_redo().unwrap());
}

#[test]
fn another_authors_gesture_keeps_your_redo() {
    let mut store = store_as("cli:a");
    goal(&mut store, "G-A");
    store.undo().unwrap();
    store.as_author(author("cli:b"), |s| s.create_goal(Some("G-B"), None, &GoalFields::titled("B"))).unwrap();
    let entry = store.redo().unwrap();
    assert_eq!(entry.key, "G-A");
    assert_eq!(keys(&store), ["G-A", "G-B"]);
}

#[test]
fn your_own_gesture_still_clears_your_redo() {
    let mut store = store_as("cli:a");
    goal(&mut store, "G-A");
    store.undo().unwrap();
    store.as_author(author("cli:b"), |s| {
        s.create_goal(Some("G-B"), None, &GoalFields::titled("B"))?;
        s.undo()
    })
    .unwrap();
    goal(&mut store, "G-C");
    assert!(matches!(store.redo(), Err(Error::NothingToRedo)));
    store.set_author(author("cli:b"));
    assert_eq!(store.redo().unwrap().key, "G-B", "b's redo survives a's gesture");
}

#[test]
fn undo_is_refused_when_another_author_changed_the_same_rows_since() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-1");
    store.as_author(author("agent:AG-1"), |s| s.set_goal_status("G-1", GoalStatus::Active)).unwrap();
    let before = dump(&store);
    let events = store.last_event_seq().unwrap();
    match store.undo() {
        Err(Error::UndoConflict { action: "undo", seq, author, entity, key, kind }) => {
            assert_eq!((seq, author.as_str(), entity.as_str(), key.as_str(), kind.as_str()), (2, "agent:AG-1", "goal", "G-1", "status_changed"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&store), before);
    assert_eq!(store.last_event_seq().unwrap(), events, "a refusal logs nothing");
    // Once the agent's change is undone, the window's undo goes through.
    store.as_author(author("agent:AG-1"), |s| s.undo()).unwrap();
    store.undo().unwrap();
    assert!(keys(&store).is_empty());
}

#[test]
fn redo_is_refused_when_another_author_changed_the_same_rows_since() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-1");
    store.update_goal("G-1", &GoalFields::titled("renamed")).unwrap();
    store.undo().unwrap();
    store.as_author(author("cli:bob"), |s| s.set_goal_status("G-1", GoalStatus::Active)).unwrap();
    let before = dump(&store);
    let err = store.redo().unwrap_err();
    assert!(matches!(&err, Error::UndoConflict { action: "redo", author, key, .. } if author == "cli:bob" && key == "G-1"), "{err:?}");
    assert!(err.to_string().contains("cli:bob"), "{err}");
    assert_eq!(dump(&store), before);
}

#[test]
fn an_undone_gesture_of_another_author_does_not_block() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-1");
    store.as_author(author("cli:bob"), |s| {
        s.update_goal("G-1", &GoalFields::titled("bob's title"))?;
        s.undo()
    })
    .unwrap();
    store.undo().unwrap();
    assert!(keys(&store).is_empty());
}

#[test]
fn generated_keys_and_row_ids_are_never_given_twice() {
    // a's goal is undone; b's new goal must not take its key or row id, or a's redo
    // would collide with it.
    let mut store = store_as("cli:a");
    store.create_goal(None, None, &GoalFields::titled("a")).unwrap();
    store.undo().unwrap();
    let b = store.as_author(author("cli:b"), |s| s.create_goal(None, None, &GoalFields::titled("b"))).unwrap();
    assert_eq!(b.key, "G-2");
    store.redo().unwrap();
    assert_eq!(keys(&store), ["G-1", "G-2"]);
    assert!(store.integrity_report().unwrap().is_ok());
}

#[test]
fn history_from_an_older_schema_is_refused_once_and_dropped() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-OLD");
    goal(&mut store, "G-OLD2");
    // Pretend both steps were recorded before a migration to the current version.
    store.connection().execute("UPDATE history SET schema_version = schema_version - 1", []).unwrap();
    store.as_author(author("cli:bob"), |s| s.create_goal(Some("G-BOB"), None, &GoalFields::titled("bob"))).unwrap();
    goal(&mut store, "G-NEW");
    assert_eq!(store.undo().unwrap().key, "G-NEW");
    let before = dump(&store);
    match store.undo() {
        Err(e @ Error::HistoryFromOlderSchema { dropped: 2, .. }) => assert!(e.to_string().contains("schema version"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&store), before);
    assert!(matches!(store.undo(), Err(Error::NothingToUndo)), "the old steps no longer block");
    assert_eq!(store.redo().unwrap().key, "G-NEW");
    store.set_author(author("cli:bob"));
    assert_eq!(store.undo().unwrap().key, "G-BOB", "other authors' steps are theirs to undo");
}

#[test]
fn rows_changed_behind_the_history_name_the_cause() {
    let mut store = store_as("app:ann");
    goal(&mut store, "G-1");
    store.connection().execute("UPDATE goals SET title = 'edited by hand' WHERE key = 'G-1'", []).unwrap();
    store.update_goal("G-1", &GoalFields::titled("again")).unwrap();
    store.connection().execute("DELETE FROM goals WHERE key = 'G-1'", []).unwrap();
    let err = store.undo().unwrap_err();
    assert!(matches!(err, Error::HistoryConflict { action: "undo", seq: 2, .. }), "{err:?}");
    assert!(err.to_string().contains("no longer exists"), "{err}");
}

#[test]
fn a_read_only_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.set_author(author("cli:a"));
        goal(&mut store, "G-1");
    }
    let mut store = Store::open(&path).unwrap();
    store.set_author(author("cli:a"));
    store.connection().pragma_update(None, "query_only", true).unwrap();
    let err = store.undo().unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    assert_eq!(err.code(), "read_only");
}

#[test]
fn events_of_an_old_database_belong_to_unknown() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.author(), &Author::unknown());
    let conn = store.connection();
    conn.execute("INSERT INTO events (at, entity, key, kind, payload) VALUES ('2026-01-01T00:00:00Z', 'goal', 'G-1', 'created', '{}')", []).unwrap();
    assert_eq!(store.events(0, 1).unwrap()[0].author, "unknown");
}

// ---- Two CLI processes, as in the field.

#[test]
fn cli_redo_brings_back_a_file_after_another_authors_import() {
    let cli = Cli::new();
    std::fs::write(cli.path("a.json"), workspace_file(&["G-A1", "G-A2"])).unwrap();
    std::fs::write(cli.path("b.json"), workspace_file(&["G-B1"])).unwrap();
    let a = cli.path("a.json").display().to_string();
    let b = cli.path("b.json").display().to_string();
    cli.ok(&["--author", "cli:alice", "import", &a]);
    cli.ok(&["--author", "cli:alice", "undo"]);
    cli.ok(&["--author", "cli:bob", "import", &b]);
    assert!(cli.ok(&["--author", "cli:alice", "redo"]).starts_with("redid workspace"));
    let goals = cli.ok(&["goals"]);
    for key in ["G-A1", "G-A2", "G-B1"] {
        assert!(goals.contains(key), "{key} missing from\n{goals}");
    }
    cli.ok(&["check"]);
}

#[test]
fn cli_author_from_the_environment_and_in_the_events() {
    let cli = Cli::new();
    std::fs::write(cli.path("a.json"), workspace_file(&["G-A"])).unwrap();
    let a = cli.path("a.json").display().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli"))
        .args(["--db", &cli.db().display().to_string(), "import", &a])
        .env("MABOS_PLANNER_AUTHOR", "agent:AG-7")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Without --author the CLI is cli:<user>@<host>, or cli:<user>, or cli.
    std::fs::write(cli.path("b.json"), workspace_file(&["G-B"])).unwrap();
    cli.ok(&["import", &cli.path("b.json").display().to_string()]);
    let events: Vec<serde_json::Value> = cli.ok(&["events"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events[0]["author"], "agent:AG-7");
    let default = events[1]["author"].as_str().unwrap();
    assert!(default == "cli" || default.starts_with("cli:"), "{default}");
}

#[test]
fn the_windows_undo_never_reverts_a_cli_change() {
    let cli = Cli::new();
    std::fs::write(cli.path("a.json"), workspace_file(&["G-CLI"])).unwrap();
    let a = cli.path("a.json").display().to_string();
    cli.ok(&["--author", "app:ann", "demo"]);
    cli.ok(&["--author", "cli:bob", "import", &a]);
    let undone = cli.ok(&["--author", "app:ann", "undo"]);
    assert!(undone.contains("by app:ann"), "{undone}");
    assert!(cli.ok(&["goals"]).contains("G-CLI"));
    assert!(cli.fails(&["--author", "app:ann", "undo"]).contains("nothing to undo"));
    // An author that is not valid is a usage error.
    cli.exits(2, &["--author", " padded", "goals"]);
}

// ---- Random interleavings: one author's undo and redo never touch the other's goals.

#[derive(Clone, Debug)]
enum Step {
    Create(u8),
    Rename(u8),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = (bool, Step)> {
    let step = prop_oneof![(0u8..4).prop_map(Step::Create), (0u8..4).prop_map(Step::Rename), Just(Step::Undo), Just(Step::Redo)];
    (any::<bool>(), step)
}

/// The goals of one author's keys, with their titles.
fn goals_of(store: &Store, prefix: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        store.goal_tree().unwrap().into_iter().filter(|n| n.key.starts_with(prefix)).map(|n| (n.key, n.title)).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn undo_never_reverts_the_other_authors_rows(steps in prop::collection::vec(step(), 1..40)) {
        let mut store = Store::open_in_memory().unwrap();
        let names = [("cli:a", "G-A"), ("cli:b", "G-B")];
        for (i, (second, step)) in steps.into_iter().enumerate() {
            let (me, prefix) = names[usize::from(second)];
            let (_, other) = names[usize::from(!second)];
            store.set_author(author(me));
            let theirs = goals_of(&store, other);
            let key = |n: u8| format!("{prefix}{n}");
            let outcome = match step {
                Step::Create(n) => store.create_goal(Some(&key(n)), None, &GoalFields::titled("new")).map(|_| ()),
                Step::Rename(n) => store.update_goal(&key(n), &GoalFields::titled(&format!("t{i}"))).map(|_| ()),
                Step::Undo => store.undo().map(|_| ()),
                Step::Redo => store.redo().map(|_| ()),
            };
            match outcome {
                Ok(()) | Err(Error::NothingToUndo | Error::NothingToRedo | Error::NotFound { .. } | Error::DuplicateKey { .. }) => {}
                Err(e) => prop_assert!(false, "step {i}: {e}"),
            }
            prop_assert_eq!(goals_of(&store, other), theirs, "step {}", i);
        }
        prop_assert!(store.integrity_report().unwrap().is_ok());
    }
}

/// What the window polls to notice other writers: `data_version` stays put for the
/// store's own commits and moves when another connection commits to the same file.
#[test]
fn data_version_moves_only_for_other_writers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    let mut window = Store::open(&path).unwrap();
    window.set_author(author("app:ann"));
    let mut cli = Store::open(&path).unwrap();
    cli.set_author(author("cli:bob"));

    let start = window.data_version().unwrap();
    goal(&mut window, "G-OWN");
    assert_eq!(window.data_version().unwrap(), start, "the window's own commit");

    let seen = window.last_event_seq().unwrap();
    goal(&mut cli, "G-CLI");
    assert_ne!(window.data_version().unwrap(), start, "another connection's commit");
    let news = window.events(seen, 10).unwrap();
    assert_eq!(news.len(), 1);
    assert_eq!((news[0].author.as_str(), news[0].key.as_str()), ("cli:bob", "G-CLI"));
}
