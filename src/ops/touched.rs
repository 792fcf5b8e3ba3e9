//! The rows a changeset touches, as (table, primary key): what undo compares to decide
//! whether another author's later gesture changed the same rows.

use crate::Result;
use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter};
use rusqlite::types::ValueRef;
use std::collections::HashSet;

/// One row: its table and its primary key, encoded so that equal keys compare equal.
pub(crate) type Row = (String, Vec<u8>);

/// Every row `changeset` inserts, updates or deletes, except in the `skip` tables.
pub(crate) fn rows(changeset: &[u8], skip: &[&str]) -> Result<HashSet<Row>> {
    let mut out = HashSet::new();
    visit(changeset, skip, |row| {
        out.insert(row);
        false
    })?;
    Ok(out)
}

/// The first row of `changeset` (outside the `skip` tables) that is also in `rows`.
pub(crate) fn first_shared(changeset: &[u8], skip: &[&str], rows: &HashSet<Row>) -> Result<Option<Row>> {
    let mut found = None;
    visit(changeset, skip, |row| {
        let hit = rows.contains(&row);
        if hit {
            found = Some(row);
        }
        hit
    })?;
    Ok(found)
}

/// Calls `each` with every row of the changeset until it returns true.
fn visit(changeset: &[u8], skip: &[&str], mut each: impl FnMut(Row) -> bool) -> Result<()> {
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut iter = ChangesetIter::start_strm(&reader)?;
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        if skip.contains(&op.table_name()) {
            continue;
        }
        let table = op.table_name().to_owned();
        let inserted = matches!(op.code(), Action::SQLITE_INSERT);
        if each((table, primary_key(item, inserted)?)) {
            break;
        }
    }
    Ok(())
}

/// The primary key columns of a change: from the new row of an insert, from the old row
/// of an update or delete (a changeset always holds the key there).
fn primary_key(item: &ChangesetItem, inserted: bool) -> Result<Vec<u8>> {
    let mut key = Vec::new();
    for (column, _) in item.pk()?.iter().enumerate().filter(|(_, is_key)| **is_key != 0) {
        let value = if inserted { item.new_value(column)? } else { item.old_value(column)? };
        match value {
            ValueRef::Null => key.push(b'n'),
            ValueRef::Integer(i) => {
                key.push(b'i');
                key.extend(i.to_be_bytes());
            }
            ValueRef::Real(r) => {
                key.push(b'r');
                key.extend(r.to_bits().to_be_bytes());
            }
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                key.push(if matches!(value, ValueRef::Text(_)) { b't' } else { b'b' });
                key.extend((bytes.len() as u64).to_be_bytes());
                key.extend(bytes);
            }
        }
    }
    Ok(key)
}
