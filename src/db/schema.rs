//! Opening a database file and bringing its schema up to date. The schema itself lives
//! in `migrations/` (refinery, embedded in the binary).

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Opens (creating if needed) the database at `path`, in WAL mode, migrated.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "journal_mode", "wal")?;
    prepare(conn)
}

/// A private database in memory, migrated.
pub(crate) fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory()?)
}

/// The pragmas every connection runs with, then the migrations.
fn prepare(mut conn: Connection) -> Result<Connection> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "on")?;
    conn.pragma_update(None, "synchronous", "normal")?;
    let report = embedded::migrations::runner().run(&mut conn)?;
    for m in report.applied_migrations() {
        tracing::info!(migration = %m, "applied");
    }
    Ok(conn)
}
