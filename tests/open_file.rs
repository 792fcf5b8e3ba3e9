//! A store on a file: its connection settings, its schema, and what survives a reopen.

mod common;
use common::{dump, seeded};
use mabos_planner::*;

fn pragma(store: &Store, name: &str) -> String {
    store.connection().query_row(&format!("PRAGMA {name}"), [], |r| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(0)?))).unwrap()
}

fn migrations(store: &Store) -> Vec<(i64, String)> {
    let mut stmt = store.connection().prepare("SELECT version, name FROM refinery_schema_history ORDER BY version").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn a_file_store_is_set_up_for_a_desktop_app() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("nested/dirs/planner.db")).unwrap();
    let check = |name: &str, expected: &str| assert_eq!(pragma(&store, name), expected, "PRAGMA {name}");
    check("journal_mode", r#"Text("wal")"#);
    check("foreign_keys", "Integer(1)");
    check("busy_timeout", "Integer(5000)");
    check("synchronous", "Integer(1)"); // normal
    assert_eq!(migrations(&store), [(1, "initial_schema".to_string()), (2, "execution".to_string()), (3, "methods".to_string()), (4, "authors".to_string()), (5, "bridge".to_string())]);
    assert!(dir.path().join("nested/dirs/planner.db").is_file());
}

#[test]
fn reopening_keeps_the_workspace_and_migrates_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    let mut store = Store::open(&path).unwrap();
    seeded(&mut store, |_| {});
    let saved = dump(&store);
    let events = store.events(0, 1000).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(dump(&store), saved);
    assert_eq!(store.events(0, 1000).unwrap(), events);
    assert_eq!(migrations(&store), [(1, "initial_schema".to_string()), (2, "execution".to_string()), (3, "methods".to_string()), (4, "authors".to_string()), (5, "bridge".to_string())]);
    assert_eq!(pragma(&store, "foreign_keys"), "Integer(1)");
    assert_eq!(store.goal("G-SHOP").unwrap().parent.as_deref(), Some("G-ROOT"));
}

#[test]
fn undo_history_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    let mut store = Store::open(&path).unwrap();
    seeded(&mut store, |_| {});
    let before = dump(&store);
    store.delete_goal("G-ROOT").unwrap();
    let after = dump(&store);
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert!(store.can_undo().unwrap());
    let undone = store.undo().unwrap();
    assert_eq!((undone.entity.as_str(), undone.key.as_str(), undone.kind.as_str()), ("goal", "G-ROOT", "deleted"));
    assert_eq!(dump(&store), before);
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(dump(&store), before);
    assert!(store.can_redo().unwrap());
    store.redo().unwrap();
    assert_eq!(dump(&store), after);
    // The whole session can still be walked back.
    while store.can_undo().unwrap() {
        store.undo().unwrap();
    }
    assert_eq!(dump(&store), dump(&Store::open_in_memory().unwrap()));
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database; ".repeat(200)).unwrap();
    match Store::open(&path) {
        Err(Error::NotPlannerDatabase { reason: Foreign::NotSqlite, .. }) => {}
        Err(other) => panic!("refused with {other:?}"),
        Ok(_) => panic!("opened a text file as a database"),
    }
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("these are my notes"));
}
