//! How well a search text matches one field, and the snippet of a description around
//! the match. Pure text work, no database.

use serde::Serialize;

/// How a hit matched, best first; hits are ranked by this before anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SearchRank {
    /// The whole key, ignoring case.
    ExactKey,
    /// The start of the key or of the title (name).
    Prefix,
    /// The start of a word anywhere in the key, title or description.
    WordStart,
    /// Anywhere else.
    Substring,
}

/// The field a hit matched in; for equal ranks, earlier fields come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SearchField {
    Key,
    /// A goal's or task's title, an action's or agent's name.
    Label,
    Description,
}

/// Text lower-cased char by char, remembering where each folded byte came from, so that
/// a match found in the folded text can be cut out of the original.
pub(crate) struct Folded<'a> {
    original: &'a str,
    text: String,
    /// For every byte of `text`, the byte offset of the original char it came from;
    /// `None` for ASCII text, where folding keeps every offset.
    origin: Option<Vec<usize>>,
}

impl<'a> Folded<'a> {
    pub(crate) fn new(original: &'a str) -> Folded<'a> {
        // The common case, and the cheap one: a search folds every row it reads.
        if original.is_ascii() {
            return Folded { original, text: original.to_ascii_lowercase(), origin: None };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            text.extend(c.to_lowercase());
            origin.resize(text.len(), at);
        }
        Folded { original, text, origin: Some(origin) }
    }

    /// The byte offset in the original text of the char that folded byte `at` came from.
    fn original_offset(&self, at: usize) -> usize {
        match &self.origin {
            Some(origin) => origin.get(at).copied().unwrap_or(self.original.len()),
            None => at.min(self.original.len()),
        }
    }

    /// The folded text: what queries are compared with.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

/// The best rank of `query` (already folded, not empty) in `field`, with the folded
/// byte offset where that match starts; `None` when it does not occur.
pub(crate) fn rank_in(field: SearchField, text: &Folded<'_>, query: &str) -> Option<(SearchRank, usize)> {
    let hay = text.as_str();
    if field == SearchField::Key && hay == query {
        return Some((SearchRank::ExactKey, 0));
    }
    let first = hay.find(query)?;
    if first == 0 && field != SearchField::Description {
        return Some((SearchRank::Prefix, 0));
    }
    let word_start = hay.match_indices(query).map(|(at, _)| at).find(|&at| starts_word(hay, at));
    Some(match word_start {
        Some(at) => (SearchRank::WordStart, at),
        None => (SearchRank::Substring, first),
    })
}

/// Whether a word starts at byte `at`: the text starts there or a non-alphanumeric char
/// comes just before ("G-SHOP" has words at "g" and "shop").
fn starts_word(hay: &str, at: usize) -> bool {
    hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Longest snippet, in chars.
const SNIPPET_CHARS: usize = 80;
/// Chars kept before the match, so that it reads in context.
const SNIPPET_LEAD: usize = 24;

/// Up to [`SNIPPET_CHARS`] chars of `text` on one line, from a little before the folded
/// offset `at` (0 for the start), with "…" where it was cut.
pub(crate) fn snippet(text: &Folded<'_>, at: usize) -> String {
    let original = text.original;
    let start_byte = text.original_offset(at);
    let chars: Vec<(usize, char)> = original.char_indices().collect();
    let match_char = chars.partition_point(|&(b, _)| b < start_byte);
    // A short text shows whole; a match near the end shows the last SNIPPET_CHARS.
    let mut from = match_char.saturating_sub(SNIPPET_LEAD).min(chars.len().saturating_sub(SNIPPET_CHARS));
    // Start at a word when one begins in the lead, rather than mid-word.
    if from > 0 && !chars[from - 1].1.is_whitespace() {
        if let Some(space) = chars[from..match_char].iter().position(|&(_, c)| c.is_whitespace()) {
            from += space + 1;
        }
    }
    let mut to = (from + SNIPPET_CHARS).min(chars.len());
    // End at a word too, unless that would lose more than half the snippet.
    if to < chars.len() && !chars[to].1.is_whitespace() {
        if let Some(space) = chars[from..to].iter().rposition(|&(_, c)| c.is_whitespace()).filter(|&s| s > SNIPPET_CHARS / 2) {
            to = from + space;
        }
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut last_space = false;
    for &(_, c) in &chars[from..to] {
        let space = c.is_whitespace();
        if !(space && last_space) {
            out.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    let mut out = out.trim_end().to_owned();
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::SearchField::{Description, Key, Label};
    use super::SearchRank::*;
    use super::*;

    fn check(field: SearchField, text: &str, query: &str, expected: Option<(SearchRank, usize)>) {
        let folded = Folded::new(text);
        assert_eq!(rank_in(field, &folded, &query.to_lowercase()), expected, "{query:?} in {text:?}");
    }

    #[test]
    fn ranks() {
        check(Key, "G-SHOP", "g-shop", Some((ExactKey, 0)));
        check(Label, "G-SHOP", "g-shop", Some((Prefix, 0)));
        check(Key, "G-SHOP", "G-S", Some((Prefix, 0)));
        check(Key, "G-SHOP", "shop", Some((WordStart, 2)));
        check(Key, "G-SHOP", "hop", Some((Substring, 3)));
        check(Label, "Launch the Shop", "shop", Some((WordStart, 11)));
        check(Label, "Workshop and shop", "shop", Some((WordStart, 13)));
        check(Label, "Workshop", "shop", Some((Substring, 4)));
        check(Label, "Workshop", "shops", None);
        check(Description, "Shop front", "shop", Some((WordStart, 0)));
        check(Label, "Grow revenue", "W REV", Some((Substring, 3)));
    }

    #[test]
    fn folds_beyond_ascii() {
        check(Label, "Über die Straße", "über", Some((Prefix, 0)));
        check(Label, "ÉTÉ à Paris", "été", Some((Prefix, 0)));
        check(Label, "ÉTÉ à Paris", "à", Some((WordStart, 6))); // bytes: É and é take two
    }

    #[test]
    fn snippets() {
        let short = Folded::new("Everything a shopper sees.");
        assert_eq!(snippet(&short, 0), "Everything a shopper sees.");
        let long = "The storefront must be live before the spring campaign starts, with every page translated into German and French and checked by a native speaker.";
        let folded = Folded::new(long);
        let at = folded.as_str().find("german").unwrap();
        assert_eq!(snippet(&folded, at), "…every page translated into German and French and checked by a native speaker.");
        let at = folded.as_str().find("spring").unwrap();
        assert_eq!(snippet(&folded, at), "…must be live before the spring campaign starts, with every page translated into…");
        assert_eq!(snippet(&folded, 0), "The storefront must be live before the spring campaign starts, with every page…");
        let lines = Folded::new("One\n\n  two\tthree");
        assert_eq!(snippet(&lines, 0), "One two three");
        let wide = Folded::new("ÄÖÜ äöü ÄÖÜ");
        let at = wide.as_str().rfind("äöü").unwrap();
        assert_eq!(&wide.original[wide.original_offset(at)..], "ÄÖÜ");
        assert_eq!(snippet(&wide, at), "ÄÖÜ äöü ÄÖÜ");
    }
}
