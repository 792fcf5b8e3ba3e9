//! Opening a database file, refusing files that are not ours, and bringing the schema up
//! to date. The schema lives in `migrations/`, embedded by refinery; the history table
//! keeps refinery's format, but the migrations run here, inside one exclusive
//! transaction, so that concurrent first opens queue instead of racing. The promises
//! (what a file must be to be opened, when it is backed up, what read-only opening does)
//! are in docs/reliability.md.

use crate::{fsutil, Error, Foreign, Result};
use refinery::Migration;
use rusqlite::{Connection, OpenFlags, TransactionBehavior, MAIN_DB};
use std::path::{Path, PathBuf};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// The `PRAGMA application_id` of every planner database: "MABP" in ASCII.
pub const APPLICATION_ID: i32 = 0x4D41_4250;

const HISTORY_TABLE: &str = "CREATE TABLE IF NOT EXISTS refinery_schema_history (
    version INT4 PRIMARY KEY, name VARCHAR(255), applied_on VARCHAR(255), checksum VARCHAR(255))";

/// Opens (creating if needed) the database at `path` for reading and writing, refusing a
/// file that is not ours or is too new, and migrates it under an exclusive lock (after a
/// backup beside it when an existing schema is upgraded); then switches it to WAL.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !path.exists()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| opening(path, e))?;
    configure(&conn).map_err(|e| opening(path, e))?;
    if conn.is_readonly(MAIN_DB)? {
        return Err(Error::ReadOnly { detail: format!("{} cannot be written", path.display()) });
    }
    let known = known_migrations();
    let mut backed_up = false;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive).map_err(|e| opening(path, e))?;
        let found = inspect(&tx, path)?;
        let pending = pending(&found, &known, path)?;
        if found.stamped && pending.is_empty() {
            break;
        }
        let from = found.version();
        if from > 0 && !pending.is_empty() && !backed_up {
            // VACUUM INTO cannot run inside a transaction: back up, then look again under
            // the lock (another process may have migrated meanwhile).
            drop(tx);
            backup(&conn, path, from)?;
            backed_up = true;
            continue;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrate(&tx, &pending)?;
        tx.commit()?;
        break;
    }
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if mode != "wal" {
        tracing::warn!(%mode, "could not switch the database to WAL");
    }
    Ok(conn)
}

/// Opens the database at `path` read-only: nothing is created, migrated or written. The
/// schema must be the current one (a legacy file without our application id included).
/// A WAL database that cannot get its shared-memory file (a read-only file or folder) and
/// has no write-ahead log to recover is read as immutable.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    let wal_file = sidecar(path, "-wal");
    let without_log = !wal_file.exists() && is_wal(path);
    let writable = meta.is_file() && std::fs::OpenOptions::new().write(true).open(path).is_ok();
    if without_log && writable {
        // Whose file this is and whether we can read it, checked without creating the
        // -wal and -shm a WAL reader leaves behind: a refused file has nothing beside it.
        check_readable(&connect_read_only(path, true)?, path)?;
    }
    let first = connect_read_only(path, without_log && !writable);
    let conn = match first {
        Err(e) if without_log && writable && is_access_error(&e) => connect_read_only(path, true)?,
        other => other?,
    };
    check_readable(&conn, path)?;
    Ok(conn)
}

/// The file is ours and of the current schema (read in one transaction).
fn check_readable(conn: &Connection, path: &Path) -> Result<()> {
    let tx = conn.unchecked_transaction().map_err(|e| opening(path, e))?;
    let found = inspect(&tx, path)?;
    let known = known_migrations();
    if !pending(&found, &known, path)?.is_empty() {
        let current = known.last().map_or(0, |m| i64::from(m.version()));
        return Err(Error::SchemaTooOld { path: path.display().to_string(), version: found.version(), current });
    }
    Ok(tx.commit()?)
}

/// A private database in memory, migrated.
pub(crate) fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    let tx = conn.transaction()?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    migrate(&tx, &known_migrations().iter().collect::<Vec<_>>())?;
    tx.commit()?;
    Ok(conn)
}

/// The pragmas every connection runs with.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "on")?;
    conn.pragma_update(None, "synchronous", "normal")
}

/// What a file holds, read inside a transaction.
struct Found {
    /// It carries our application id (a new file or a legacy one does not yet).
    stamped: bool,
    /// The schema history: (version, name, checksum), by version.
    applied: Vec<(i64, String, String)>,
}

impl Found {
    fn version(&self) -> i64 {
        self.applied.last().map_or(0, |a| a.0)
    }
}

/// Whose file this is. Ours: our application id; or none but nothing in it yet (a new
/// file); or none but a schema history that starts with our first migration (a planner
/// database from before application ids). Anything else is refused.
fn inspect(conn: &Connection, path: &Path) -> Result<Found> {
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| opening(path, e))?;
    let foreign = |reason| Error::NotPlannerDatabase { path: path.display().to_string(), reason };
    if id != 0 && id != APPLICATION_ID {
        return Err(foreign(Foreign::OtherApplication(id)));
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    let has_history: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'refinery_schema_history'", [], |r| r.get(0))?;
    let mut applied = Vec::new();
    if has_history {
        let mut stmt = conn.prepare("SELECT version, name, checksum FROM refinery_schema_history ORDER BY version")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, text(r.get_ref(1)?), text(r.get_ref(2)?))))?;
        for row in rows {
            applied.push(row?);
        }
    }
    let found = Found { stamped: id == APPLICATION_ID, applied };
    if found.stamped || objects == 0 {
        return Ok(found);
    }
    let first = known_migrations().into_iter().next();
    let legacy = match (found.applied.first(), first) {
        (Some((version, name, checksum)), Some(m)) => *version == i64::from(m.version()) && name == m.name() && *checksum == m.checksum().to_string(),
        _ => false,
    };
    if legacy {
        Ok(found)
    } else {
        Err(foreign(Foreign::NoPlannerSchema))
    }
}

/// The migrations still to apply, after checking the history against them: a version we
/// do not know (newer than ours), a changed migration or a gap is refused.
fn pending<'m>(found: &Found, known: &'m [Migration], path: &Path) -> Result<Vec<&'m Migration>> {
    let newest_known = known.last().map_or(0, |m| i64::from(m.version()));
    let shown = path.display().to_string();
    if let Some((version, name, _)) = found.applied.iter().rev().find(|a| a.0 > newest_known) {
        return Err(Error::SchemaTooNew { path: shown, version: *version, name: name.clone(), known: newest_known });
    }
    for (version, name, checksum) in &found.applied {
        let same = known.iter().find(|m| i64::from(m.version()) == *version).is_some_and(|m| m.name() == name && m.checksum().to_string() == *checksum);
        if !same {
            return Err(Error::SchemaMismatch { path: shown, version: *version, name: name.clone() });
        }
    }
    let newest = found.version();
    let pending: Vec<&Migration> = known.iter().filter(|m| !found.applied.iter().any(|a| a.0 == i64::from(m.version()))).collect();
    if let Some(gap) = pending.iter().find(|m| i64::from(m.version()) < newest) {
        return Err(Error::SchemaMismatch { path: shown, version: gap.version().into(), name: gap.name().to_owned() });
    }
    Ok(pending)
}

/// Applies `pending` in the open transaction, recording each as refinery does.
fn migrate(tx: &Connection, pending: &[&Migration]) -> Result<()> {
    tx.execute_batch(HISTORY_TABLE)?;
    for m in pending {
        // Embedded migrations always carry their SQL; `None` only exists for applied
        // migrations read back by refinery, which are never in this list.
        tx.execute_batch(m.sql().unwrap_or_default())?;
        tx.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (?1, ?2, ?3, ?4)",
            (i64::from(m.version()), m.name(), applied_on(), m.checksum().to_string()),
        )?;
        tracing::info!(migration = %m, "applied");
    }
    Ok(())
}

/// Copies the database to `<file>.backup-v<version>-<UTC time>` beside it, atomically.
fn backup(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap_or_default();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "planner.db".into());
    let target = path.with_file_name(format!("{name}.backup-v{version}-{stamp}"));
    let io = |source| Error::Io { path: target.display().to_string(), source };
    let file = fsutil::AtomicFile::create(&target).map_err(io)?;
    let temp = file.path().to_str().ok_or_else(|| io(std::io::Error::new(std::io::ErrorKind::InvalidInput, "the folder's name is not UTF-8")))?;
    conn.execute("VACUUM INTO ?1", [temp])?;
    file.commit().map_err(io)?;
    tracing::info!(backup = %target.display(), version, "backed up before migrating");
    Ok(target)
}

fn known_migrations() -> Vec<Migration> {
    let mut all = embedded::migrations::runner().get_migrations().clone();
    all.sort();
    all
}

fn applied_on() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

fn text(value: rusqlite::types::ValueRef<'_>) -> String {
    match value {
        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        rusqlite::types::ValueRef::Integer(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

fn connect_read_only(path: &Path, immutable: bool) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = format!("file:{}{}", uri_path(path), if immutable { "?immutable=1" } else { "" });
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| opening(path, e))?;
    configure(&conn).map_err(|e| opening(path, e))?;
    // The first read is where SQLite finds the shared-memory file missing.
    conn.pragma_query_value(None, "schema_version", |r| r.get::<_, i64>(0)).map_err(|e| opening(path, e))?;
    Ok(conn)
}

/// The path as a URI path: every byte but unreserved ones percent-encoded.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The file's header says it is in WAL mode (read and write versions 2).
fn is_wal(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 20];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_ok() && header[18] == 2 && header[19] == 2
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn is_access_error(e: &Error) -> bool {
    matches!(e, Error::ReadOnly { .. }) || matches!(e, Error::Database(d) if d.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen))
}

/// An error met while opening `path`: "not a database" there means the file is not
/// SQLite (past the header it means corruption, see `Error::from`).
fn opening(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotPlannerDatabase { path: path.display().to_string(), reason: Foreign::NotSqlite },
        _ => Error::from(e),
    }
}
