//! Finding goals, actions, agents and tasks by part of their key, title (name) or
//! description, best match first. See docs/search.md for the ranking.

use super::search_match::{rank_in, snippet, Folded};
pub use super::search_match::{SearchField, SearchRank};
use super::Store;
use crate::{Entity, Result};
use rusqlite::{Connection, Row};
use serde::Serialize;

/// One thing that matched a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SearchHit {
    /// Goal, action, agent or task.
    pub kind: Entity,
    pub key: String,
    /// The title of a goal or task, the name of an action or agent.
    pub label: String,
    /// A line that tells hits apart: the description around the match when it matched
    /// there, else the start of the description; an agent's capabilities with levels.
    pub context: String,
    pub rank: SearchRank,
    /// Where the best match is.
    pub field: SearchField,
}

/// The kinds searched, in the order they are listed when ranks tie.
const KINDS: [Entity; 4] = [Entity::Goal, Entity::Action, Entity::Agent, Entity::Task];

impl Store {
    /// Up to `limit` goals, actions, agents and tasks whose key, title (name) or
    /// description contains `text` (trimmed, ignoring case), best first: an exact key,
    /// then a prefix of key or title, then a word start, then any substring; ties by
    /// field (key, title, description), kind, key. Blank text finds nothing.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query = text.trim().to_lowercase();
        if query.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut hits = Vec::new();
        for kind in KINDS {
            scan(&self.conn, kind, &query, &mut hits)?;
        }
        hits.sort_by(|a, b| {
            let kind = |h: &SearchHit| KINDS.iter().position(|k| *k == h.kind);
            (a.rank, a.field, kind(a), &a.key).cmp(&(b.rank, b.field, kind(b), &b.key))
        });
        hits.truncate(limit);
        Ok(hits)
    }
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

fn scan(conn: &Connection, kind: Entity, query: &str, hits: &mut Vec<SearchHit>) -> Result<()> {
    let mut stmt = conn.prepare_cached(rows_sql(kind))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (key, label, description) = (text(row, 0)?, text(row, 1)?, text(row, 2)?);
        let (key_f, label_f, description_f) = (Folded::new(key), Folded::new(label), Folded::new(description));
        let best = [(SearchField::Key, &key_f), (SearchField::Label, &label_f), (SearchField::Description, &description_f)]
            .into_iter()
            .filter_map(|(field, text)| rank_in(field, text, query).map(|(rank, at)| (rank, field, at)))
            .min();
        let Some((rank, field, at)) = best else { continue };
        let capabilities = row.get_ref(3)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        let context = match capabilities {
            Some(capabilities) => capabilities.to_owned(),
            None if field == SearchField::Description => snippet(&description_f, at),
            None => snippet(&description_f, 0),
        };
        hits.push(SearchHit { kind, key: key.to_owned(), label: label.to_owned(), context, rank, field });
    }
    Ok(())
}

/// A text column, borrowed from the row rather than copied: most rows do not match.
fn text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(column)?.as_str()?)
}
