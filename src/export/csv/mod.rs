//! Tasks as CSV (RFC 4180, UTF-8), without a database: the columns (`columns`), writing
//! the rows of an export (`writer`), reading a file's rows (`reader`) and checking what
//! the file alone decides (`check`: keys, field rules, times, links between its rows).
//! What needs the database (the goals, plan steps, agents and tasks a row names, keys
//! already taken, the assignment rule) is `ops::tasks_csv`'s side.
//!
//! A refusal lists every problem, as the JSON importer does ([`crate::Error::Import`]
//! or [`crate::Error::ImportProblems`], up to [`crate::MAX_IMPORT_PROBLEMS`]), each
//! located by a pointer such as `/rows/3/priority` (row 3 counting the header as row 1,
//! the column by name) or `/header/priority`. docs/csv.md describes the format.

pub(crate) mod check;
pub mod columns;
pub(crate) mod reader;
pub(crate) mod writer;

use super::problems::Problems;
use serde::Serialize;

/// What a CSV import of tasks added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TasksImportReport {
    /// Rows read, one task each.
    pub tasks: usize,
    /// Dependencies written (`depends_on` entries), to tasks of the file or of the database.
    pub dependencies: usize,
}

/// The pointer to a cell: `/rows/{row}/{column}`, the row counted from the header (1).
pub(crate) fn cell(row: usize, column: &str) -> String {
    format!("/rows/{row}/{}", super::pointer::escape(column))
}

/// Puts the problems found in file order: by row, then by column (a problem of a whole
/// row first), whichever check found them.
pub(crate) fn in_file_order(p: &mut Problems) {
    p.sort_by_key(|problem| {
        let mut parts = problem.pointer.strip_prefix("/rows/").unwrap_or("").splitn(2, '/');
        let row = parts.next().and_then(|r| r.parse::<usize>().ok()).unwrap_or(0);
        let column = parts.next().map_or(0, |c| columns::COLUMNS.iter().position(|name| *name == c).map_or(usize::MAX, |i| i + 1));
        (row, column)
    });
}
