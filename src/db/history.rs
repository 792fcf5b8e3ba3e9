//! The undo history (`history`): one session changeset per gesture, with its event, its
//! author and the schema version it was recorded at.

use crate::domain::HistoryEntry;
use crate::Result;
use rusqlite::{Connection, OptionalExtension};

/// A gesture's changeset, ready to be inverted or replayed.
pub(crate) struct Recorded {
    pub id: i64,
    pub changeset: Vec<u8>,
    pub schema_version: i64,
    pub entry: HistoryEntry,
}

const RECORDED_COLUMNS: &str = "h.id, h.changeset, h.schema_version, e.seq, h.author, e.entity, e.key, e.kind";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Recorded> {
    Ok(Recorded {
        id: r.get(0)?,
        changeset: r.get(1)?,
        schema_version: r.get(2)?,
        entry: HistoryEntry { seq: r.get(3)?, author: r.get(4)?, entity: r.get(5)?, key: r.get(6)?, kind: r.get(7)? },
    })
}

/// Records a gesture's changeset; what `author` could redo is forgotten (other authors'
/// redo steps stay).
pub(crate) fn insert(conn: &Connection, event_seq: i64, author: &str, schema_version: i64, changeset: &[u8]) -> Result<()> {
    conn.prepare_cached("DELETE FROM history WHERE author = ?1 AND undone = 1")?.execute([author])?;
    conn.prepare_cached("INSERT INTO history (event_seq, author, schema_version, changeset) VALUES (?1, ?2, ?3, ?4)")?
        .execute((event_seq, author, schema_version, changeset))?;
    Ok(())
}

/// The newest gesture of `author` not undone.
pub(crate) fn newest_done(conn: &Connection, author: &str) -> Result<Option<Recorded>> {
    let sql = format!(
        "SELECT {RECORDED_COLUMNS} FROM history h JOIN events e ON e.seq = h.event_seq
         WHERE h.author = ?1 AND h.undone = 0 ORDER BY h.id DESC LIMIT 1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row([author], from_row).optional()?)
}

/// The oldest gesture of `author` undone: the one undone last, since an author's steps
/// are always done first, undone after.
pub(crate) fn oldest_undone(conn: &Connection, author: &str) -> Result<Option<Recorded>> {
    let sql = format!(
        "SELECT {RECORDED_COLUMNS} FROM history h JOIN events e ON e.seq = h.event_seq
         WHERE h.author = ?1 AND h.undone = 1 ORDER BY h.id ASC LIMIT 1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row([author], from_row).optional()?)
}

/// Calls `visit` on every gesture recorded after `id` by an author other than `author`
/// and not undone, newest first, until it returns `Some`.
pub(crate) fn find_later_by_others<T>(
    conn: &Connection,
    id: i64,
    author: &str,
    mut visit: impl FnMut(&Recorded) -> Result<Option<T>>,
) -> Result<Option<T>> {
    let sql = format!(
        "SELECT {RECORDED_COLUMNS} FROM history h JOIN events e ON e.seq = h.event_seq
         WHERE h.id > ?1 AND h.author <> ?2 AND h.undone = 0 ORDER BY h.id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query((id, author))?;
    while let Some(row) = rows.next()? {
        if let Some(found) = visit(&from_row(row)?)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Takes out of the history every step of `author` recorded at a schema version
/// other than `current`; returns how many. The event log keeps them.
pub(crate) fn drop_other_schemas(conn: &Connection, author: &str, current: i64) -> Result<usize> {
    Ok(conn.prepare_cached("DELETE FROM history WHERE author = ?1 AND schema_version <> ?2")?.execute((author, current))?)
}

/// Marks a gesture undone (or done again).
pub(crate) fn set_undone(conn: &Connection, id: i64, undone: bool) -> Result<()> {
    conn.prepare_cached("UPDATE history SET undone = ?1 WHERE id = ?2")?.execute((undone, id))?;
    Ok(())
}

/// Whether `author` has a gesture done (`undone` false) or undone (`undone` true).
pub(crate) fn any(conn: &Connection, author: &str, undone: bool) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM history WHERE author = ?1 AND undone = ?2)")?
        .query_row((author, undone), |r| r.get(0))?)
}

/// The schema version the database is at now (refinery's newest applied migration).
pub(crate) fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(version), 0) FROM refinery_schema_history")?
        .query_row([], |r| r.get(0))?)
}
