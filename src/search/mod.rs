//! Finding goals, actions, agents and tasks by part of their key, title (name) or
//! description, best match first (docs/search.md has the ranking). Pure: the rows come
//! in one at a time through [`SearchRun::offer`]; reading them is the store's job.

mod matching;

pub use matching::{SearchField, SearchRank};

use crate::domain::Entity;
use matching::{rank_in, snippet, Folded};
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
pub const SEARCHED_KINDS: [Entity; 4] = [Entity::Goal, Entity::Action, Entity::Agent, Entity::Task];

/// One search in progress: offer it every row, then take the hits.
pub struct SearchRun {
    query: String,
    hits: Vec<SearchHit>,
}

/// One row as the store reads it; borrowed, because most rows do not match.
pub struct SearchRow<'r> {
    pub key: &'r str,
    pub label: &'r str,
    pub description: &'r str,
    /// An agent's capabilities, shown instead of the description it lacks (not searched).
    pub capabilities: Option<&'r str>,
}

impl SearchRun {
    /// A search for `text` (trimmed, ignoring case); `None` when it is blank.
    pub fn new(text: &str) -> Option<SearchRun> {
        let query = text.trim().to_lowercase();
        (!query.is_empty()).then(|| SearchRun { query, hits: Vec::new() })
    }

    /// Keeps the row as a hit when the query occurs in its key, label or description.
    pub fn offer(&mut self, kind: Entity, row: SearchRow<'_>) {
        let (key_f, label_f, description_f) = (Folded::new(row.key), Folded::new(row.label), Folded::new(row.description));
        let best = [(SearchField::Key, &key_f), (SearchField::Label, &label_f), (SearchField::Description, &description_f)]
            .into_iter()
            .filter_map(|(field, text)| rank_in(field, text, &self.query).map(|(rank, at)| (rank, field, at)))
            .min();
        let Some((rank, field, at)) = best else { return };
        let context = match row.capabilities {
            Some(capabilities) => capabilities.to_owned(),
            None if field == SearchField::Description => snippet(&description_f, at),
            None => snippet(&description_f, 0),
        };
        self.hits.push(SearchHit { kind, key: row.key.to_owned(), label: row.label.to_owned(), context, rank, field });
    }

    /// The best `limit` hits: an exact key, then a prefix of key or title, then a word
    /// start, then any substring; ties by field (key, title, description), kind, key.
    pub fn best(mut self, limit: usize) -> Vec<SearchHit> {
        self.hits.sort_by(|a, b| {
            let kind = |h: &SearchHit| SEARCHED_KINDS.iter().position(|k| *k == h.kind);
            (a.rank, a.field, kind(a), &a.key).cmp(&(b.rank, b.field, kind(b), &b.key))
        });
        self.hits.truncate(limit);
        self.hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'r>(key: &'r str, label: &'r str, description: &'r str) -> SearchRow<'r> {
        SearchRow { key, label, description, capabilities: None }
    }

    #[test]
    fn ranks_exact_keys_before_prefixes_before_words_before_substrings() {
        let mut run = SearchRun::new("  Pack ").unwrap();
        run.offer(Entity::Task, row("T-1", "Unpacking", ""));
        run.offer(Entity::Goal, row("G-1", "Ship", "then pack it"));
        run.offer(Entity::Action, row("PACK", "Box", ""));
        run.offer(Entity::Agent, row("AG-1", "Packer", ""));
        run.offer(Entity::Goal, row("G-2", "Nothing", ""));
        let hits: Vec<(String, SearchRank)> = run.best(10).into_iter().map(|h| (h.key, h.rank)).collect();
        assert_eq!(
            hits,
            [
                ("PACK".into(), SearchRank::ExactKey),
                ("AG-1".into(), SearchRank::Prefix),
                ("G-1".into(), SearchRank::WordStart),
                ("T-1".into(), SearchRank::Substring)
            ]
        );
    }

    #[test]
    fn blank_text_is_no_search() {
        assert!(SearchRun::new(" \t").is_none());
    }
}
