//! Databases made at every past schema version open, migrate, and keep every row.
//!
//! `tests/data/schema-v<N>.db` holds the workspace [`build`] makes at version N, written
//! by running only the first N migrations (as an older planner did, without an
//! application id) and copying the rows in. Regenerate them, after adding a migration,
//! with `cargo test -p mabos-planner --test schema_versions -- --ignored make_fixtures`
//! and commit the files; never regenerate an existing one, which stands for files users
//! already have.

mod common;
use common::dump;
use mabos_planner::htn::MethodFields;
use mabos_planner::*;
use std::path::{Path, PathBuf};

mod old_schema {
    refinery::embed_migrations!("migrations");
}

/// The newest schema version this build knows.
fn latest() -> i64 {
    old_schema::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap()
}

fn fixture(version: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/schema-v{version}.db"))
}

/// The workspace a version-N database holds: what that version could store.
fn build(store: &mut Store, version: i64) {
    store.import(include_str!("data/schema-versions-workspace.json")).unwrap();
    if version >= 2 {
        store.set_fact("shop.open", Value::Bool(true)).unwrap();
    }
    if version >= 3 {
        store.create_method(Some("M-1"), "G-1", &MethodFields::named("By hand", vec![])).unwrap();
    }
}

/// Every row of every table, by table, as text.
fn rows(conn: &rusqlite::Connection) -> Vec<(String, Vec<String>, Vec<String>)> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<String> = conn.prepare(&format!("SELECT * FROM {table}")).unwrap().column_names().map(str::to_owned).collect();
            let values = select(conn, &table, &columns);
            (table, columns, values)
        })
        .collect()
}

/// The rows of `table` in the file at `path` as they read with `schema_version` = `version`.
fn select_stamped(path: &Path, table: &str, columns: &[String], version: i64) -> Vec<String> {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute("ATTACH ?1 AS old", [path.to_str().unwrap()]).unwrap();
    conn.execute(&format!("CREATE TEMP TABLE {table} AS SELECT * FROM old.{table}"), []).unwrap();
    conn.execute(&format!("UPDATE temp.{table} SET schema_version = ?1"), [version]).unwrap();
    select(&conn, table, columns)
}

fn select(conn: &rusqlite::Connection, table: &str, columns: &[String]) -> Vec<String> {
    let list = columns.join(", ");
    let mut stmt = conn.prepare(&format!("SELECT {list} FROM {table} ORDER BY {list}")).unwrap();
    let n = columns.len();
    let rows = stmt.query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join(" | "))).unwrap();
    rows.map(Result::unwrap).collect()
}

fn without_date(json: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    value.as_object_mut().unwrap().remove("exported_at");
    value
}

#[test]
fn every_past_schema_version_opens_migrates_and_keeps_every_row() {
    for version in 1..=latest() {
        let source = fixture(version);
        if !source.exists() {
            assert_eq!(version, latest(), "tests/data/schema-v{version}.db is missing: see this file's docs");
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("planner.db");
        std::fs::copy(&source, &path).unwrap();
        let mut before = rows(&rusqlite::Connection::open(&path).unwrap());
        // The one change a migration makes to kept rows: undo steps recorded at a schema
        // that changed no workspace table since are stamped with the current version.
        for (table, columns, values) in before.iter_mut().filter(|(t, c, _)| t == "history" && c.iter().any(|c| c == "schema_version")) {
            *values = select_stamped(&path, table, columns, latest());
        }

        let store = Store::open(&path).unwrap();
        let conn = store.connection();
        let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID, "v{version}");
        for (table, columns, values) in &before {
            let after = select(conn, table, columns);
            if table == "refinery_schema_history" {
                assert!(values.iter().all(|v| after.contains(v)), "v{version}: history rewritten");
                assert_eq!(after.len() as i64, latest(), "v{version}");
            } else {
                assert_eq!(&after, values, "v{version}: rows of {table} changed");
            }
        }
        let mut reference = Store::open_in_memory().unwrap();
        build(&mut reference, version);
        assert_eq!(without_date(&store.export_workspace().unwrap()), without_date(&reference.export_workspace().unwrap()), "v{version}");
        assert_eq!(dump(&store), dump(&reference), "v{version}");
        assert!(store.integrity_report().unwrap().is_ok(), "v{version}");
        let backups = std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(&format!("planner.db.backup-v{version}-"))).count();
        assert_eq!(backups, usize::from(version < latest()), "v{version}: backups");
    }
}

#[test]
#[ignore = "writes tests/data/schema-v<N>.db: run by hand after adding a migration"]
fn make_fixtures() {
    for version in 1..=latest() {
        let target = fixture(version);
        if target.exists() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.db");
        let mut store = Store::open(&source).unwrap();
        build(&mut store, version);
        drop(store);
        let mut conn = rusqlite::Connection::open(&target).unwrap();
        old_schema::migrations::runner().set_target(refinery::Target::Version(version as i32)).run(&mut conn).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = off").unwrap();
        conn.execute("ATTACH ?1 AS source", [source.to_str().unwrap()]).unwrap();
        let tables: Vec<(String, Vec<String>, Vec<String>)> = rows(&conn);
        for (table, columns, _) in tables.iter().filter(|t| t.0 != "refinery_schema_history") {
            let list = columns.join(", ");
            // OR REPLACE: rows a migration writes itself (the workspace id) take the source's.
            conn.execute(&format!("INSERT OR REPLACE INTO main.{table} ({list}) SELECT {list} FROM source.{table}"), []).unwrap();
        }
        // Undo steps are stamped with the schema they were recorded at: this version.
        if tables.iter().any(|(t, c, _)| t == "history" && c.iter().any(|c| c == "schema_version")) {
            conn.execute("UPDATE main.history SET schema_version = ?1", [version]).unwrap();
        }
        conn.execute_batch("DETACH source; PRAGMA journal_mode = wal; VACUUM;").unwrap();
    }
}
