//! The file is ours, read-only works, writes cannot half-happen: the promises of
//! docs/reliability.md, checked through the CLI and the store on real files.

mod common;
use common::cli::Cli;
use mabos_planner::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bytes and modification time of a file, and which files its folder holds.
fn snapshot(path: &Path) -> (Vec<u8>, std::time::SystemTime, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    (std::fs::read(path).unwrap(), std::fs::metadata(path).unwrap().modified().unwrap(), names)
}

fn foreign_sqlite(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = wal; CREATE TABLE goals (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO goals (title) VALUES ('mine');").unwrap();
}

#[test]
fn someone_elses_file_is_refused_and_left_byte_identical() {
    type Make = (&'static str, fn(&Path));
    let make: [Make; 3] = [
        ("a SQLite file with its own goals table", foreign_sqlite),
        ("a text file", |p| std::fs::write(p, "these are my notes, not a database\n".repeat(200)).unwrap()),
        ("a SQLite file of another application id", |p| {
            rusqlite::Connection::open(p).unwrap().execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x);").unwrap();
        }),
    ];
    for (what, make) in make {
        let cli = Cli::new();
        make(&cli.db());
        let before = snapshot(&cli.db());
        for args in [&["check"][..], &["init"], &["demo"], &["export", "workspace"]] {
            let stderr = cli.fails(args);
            assert!(stderr.contains("is not a planner database"), "{what}, {args:?}: {stderr}");
            assert_eq!(snapshot(&cli.db()), before, "{what}, {args:?}: the file changed");
        }
    }
}

#[test]
fn concurrent_first_opens_all_succeed() {
    for _ in 0..3 {
        let cli = Cli::new();
        let children: Vec<_> = (0..6)
            .map(|_| Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli")).arg("--db").arg(cli.db()).arg("init").output_async())
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        }
        let store = Store::open_read_only(&cli.db()).unwrap();
        let versions: i64 = store.connection().query_row("SELECT count(*) FROM refinery_schema_history", [], |r| r.get(0)).unwrap();
        assert_eq!(versions, migrations().len() as i64);
    }
}

trait Spawn {
    fn output_async(&mut self) -> std::process::Child;
}

impl Spawn for Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
    }
}

fn migrations() -> Vec<(i64, String)> {
    let store = Store::open_in_memory().unwrap();
    let mut stmt = store.connection().prepare("SELECT version, name FROM refinery_schema_history ORDER BY version").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let cli = Cli::with_demo();
    rusqlite::Connection::open(cli.db())
        .unwrap()
        .execute("INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'from_the_future', '2030-01-01T00:00:00Z', '1')", [])
        .unwrap();
    let before = snapshot(&cli.db());
    for args in [&["check"][..], &["demo"], &["init"]] {
        let stderr = cli.fails(args);
        assert!(stderr.contains("newer version") && stderr.contains("schema version 99, from_the_future"), "{args:?}: {stderr}");
        assert_eq!(snapshot(&cli.db()), before, "{args:?}: the file changed");
    }
    assert!(matches!(Store::open(&cli.db()), Err(Error::SchemaTooNew { version: 99, .. })));
}

mod before_execution {
    refinery::embed_migrations!("migrations");
}

#[test]
fn a_backup_is_written_before_an_existing_schema_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planner.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        before_execution::migrations::runner().set_target(refinery::Target::Version(1)).run(&mut conn).unwrap();
        conn.execute("INSERT INTO goals (key, title, priority, kind, mode, refinement, status) VALUES ('G-OLD', 'Old', 5, 'hard', 'achieve', 'and', 'pending')", []).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.goal("G-OLD").unwrap().fields.title, "Old");
    let id: i32 = store.connection().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(id, APPLICATION_ID);
    let backups: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().contains("planner.db.backup-v1-")).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = rusqlite::Connection::open(&backups[0]).unwrap();
    let (version, goal): (i64, String) =
        backup.query_row("SELECT (SELECT max(version) FROM refinery_schema_history), (SELECT title FROM goals)", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((version, goal.as_str()), (1, "Old"));
    let _ = before;
    // No temporary file is left beside it, and reopening migrates (and backs up) nothing.
    drop(store);
    Store::open(&path).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| !n.starts_with("planner.db")).collect();
    assert!(names.is_empty(), "{names:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("backup")).count(), 1);
}

/// Every reading command, with what it reads.
const READS: &[&[&str]] = &[
    &["check"],
    &["export", "workspace"],
    &["export", "plan", "P-STORE"],
    &["goals"],
    &["search", "shop"],
    &["validate-plan", "P-STORE", "--start", "2027-01-04T09:00:00Z"],
    &["critical-path", "P-STORE"],
    &["conflicts"],
    &["monitor"],
    &["events"],
    &["methods"],
    &["world"],
    &["assign", "--dry-run"],
];

/// Runs the CLI as an unprivileged user when the tests run as root (root may write
/// anything, so read-only files would not be read-only to it).
fn run_unprivileged(db: &Path, args: &[&str]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_mabos-planner-cli"));
    command.arg("--db").arg(db).args(args).env_remove("MABOS_PLANNER_DB").env("SOURCE_DATE_EPOCH", "1790000000");
    if is_root() {
        command.uid(65534).gid(65534);
    }
    command.output().unwrap()
}

/// Output without the `at <now>` line that `monitor` starts with.
fn timeless(stdout: &[u8]) -> String {
    String::from_utf8_lossy(stdout).lines().filter(|l| !l.starts_with("at ")).collect::<Vec<_>>().join("\n")
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn every_read_command_works_on_a_read_only_file_and_folder() {
    let reference = Cli::with_demo();
    let expected: Vec<Output> = READS.iter().map(|args| reference.run(args)).collect();
    // (folder mode, file mode, file owned by the reader)
    for (case, folder_mode, file_mode, owned) in [("read-only file", 0o777, 0o444, false), ("read-only folder", 0o555, 0o644, false), ("read-only folder, own file", 0o555, 0o644, true)] {
        let cli = Cli::new();
        std::fs::copy(reference.db(), cli.db()).unwrap();
        let folder = cli.db().parent().unwrap().to_path_buf();
        if owned && is_root() {
            std::os::unix::fs::chown(cli.db(), Some(65534), Some(65534)).unwrap();
        }
        chmod(&cli.db(), file_mode);
        chmod(&folder, folder_mode);
        let before = snapshot(&cli.db());
        for (args, expected) in READS.iter().zip(&expected) {
            let out = run_unprivileged(&cli.db(), args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), expected.status.code(), "{case}, {args:?}: {stderr}");
            assert_eq!(timeless(&out.stdout), timeless(&expected.stdout), "{case}, {args:?}");
        }
        for args in [&["demo"][..], &["undo"], &["world", "set", "x", "1"], &["init"]] {
            let out = run_unprivileged(&cli.db(), args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{case}, {args:?}: {stderr}");
            assert!(stderr.contains("read-only"), "{case}, {args:?}: {stderr}");
        }
        if folder_mode == 0o555 {
            assert_eq!(snapshot(&cli.db()), before, "{case}");
        }
        chmod(&folder, 0o755);
    }
}

#[test]
fn a_failed_export_exits_non_zero_and_keeps_the_old_file() {
    let cli = Cli::with_demo();
    if Path::new("/dev/full").exists() {
        assert!(cli.fails(&["export", "workspace", "-o", "/dev/full"]).contains("No space left"));
    }
    // A folder that does not exist: nothing is written, the message names the file.
    let missing = cli.path("no/such/folder/out.json");
    assert!(cli.fails(&["export", "workspace", "-o", missing.to_str().unwrap()]).contains("out.json"));
    // An export over an old file replaces it whole and leaves no temporary file.
    let out = cli.path("out.json");
    std::fs::write(&out, "old").unwrap();
    cli.ok(&["export", "workspace", "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), cli.ok(&["export", "workspace"]));
    let temps: Vec<_> = std::fs::read_dir(cli.path("")).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(temps.is_empty());
}
