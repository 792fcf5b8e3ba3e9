//! Search over goals, actions, agents and tasks (the ranking is `crate::search`'s).

use crate::db;
use crate::search::{SearchHit, SearchRun, SEARCHED_KINDS};
use crate::Result;
use rusqlite::Connection;

/// Up to `limit` hits for `text`, best first; blank text finds nothing.
pub(crate) fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(mut run) = SearchRun::new(text).filter(|_| limit > 0) else { return Ok(Vec::new()) };
    for kind in SEARCHED_KINDS {
        db::search::scan(conn, kind, &mut run)?;
    }
    Ok(run.best(limit))
}
