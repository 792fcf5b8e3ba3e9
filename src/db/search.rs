//! Reading the searchable rows: key, label and description of every goal, action, agent
//! and task, handed to a search one at a time (borrowed: most rows do not match).

use crate::domain::Entity;
use crate::search::{SearchRow, SearchRun};
use crate::Result;
use rusqlite::{Connection, Row};

/// Offers every row of one kind to `run`.
pub(crate) fn scan(conn: &Connection, kind: Entity, run: &mut SearchRun) -> Result<()> {
    let mut stmt = conn.prepare_cached(rows_sql(kind))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let capabilities = row.get_ref(3)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        run.offer(kind, SearchRow { key: text(row, 0)?, label: text(row, 1)?, description: text(row, 2)?, capabilities });
    }
    Ok(())
}

/// Key, label and description of every row of one kind (an agent's capabilities stand
/// in for the description it lacks, but are not searched).
fn rows_sql(kind: Entity) -> &'static str {
    match kind {
        Entity::Goal => "SELECT key, title, description, NULL FROM goals",
        Entity::Action => "SELECT key, name, description, NULL FROM actions",
        Entity::Task => "SELECT key, title, description, NULL FROM tasks",
        Entity::Agent => {
            "SELECT a.key, a.name, '', (SELECT coalesce(group_concat(c.name || ' ' || x.level, ', ' ORDER BY c.name), '')
                 FROM agent_capabilities x JOIN capabilities c ON c.id = x.capability_id WHERE x.agent_id = a.id)
             FROM agents a"
        }
        _ => unreachable!("{kind} is not searched"),
    }
}

fn text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(column)?.as_str()?)
}
