//! Who made a gesture: the app window, the CLI, a broker or an agent. Every event and
//! every undo step carries its author; undo and redo act on one author's steps only.

use serde::{Serialize, Serializer};

/// The author of a gesture, as the event log records it: `kind:name` by convention
/// (`app:alice`, `cli:alice@host`, `broker:nats`, `agent:AG-1`), or a bare name.
/// 1–128 characters, no control characters, no leading or trailing white space.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Author(String);

impl Author {
    /// Longest author accepted, in characters (the schema checks the same bound).
    pub const MAX_LEN: usize = 128;

    /// The author of events and undo steps recorded before authors existed, and of a
    /// store nobody named.
    pub fn unknown() -> Author {
        Author("unknown".to_owned())
    }

    /// Checks `text` and makes it an author.
    pub fn parse(text: &str) -> Result<Author, String> {
        let length = text.chars().count();
        if length == 0 || length > Self::MAX_LEN {
            return Err(format!("must be 1 to {} characters long", Self::MAX_LEN));
        }
        if text.trim() != text {
            return Err("must not start or end with white space".to_owned());
        }
        if text.chars().any(char::is_control) {
            return Err("must not contain control characters".to_owned());
        }
        Ok(Author(text.to_owned()))
    }

    /// `kind:name`, checked; e.g. `Author::of("agent", "AG-1")`.
    pub fn of(kind: &str, name: &str) -> Result<Author, String> {
        if kind.is_empty() || kind.contains(':') {
            return Err("the kind must be non-empty and hold no ':'".to_owned());
        }
        Author::parse(&format!("{kind}:{name}"))
    }

    /// The agent with key `agent` (`agent:AG-1`): the author of its reports.
    pub fn agent(agent: &str) -> Result<Author, String> {
        Author::of("agent", agent)
    }

    /// The text stored in the log.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the first `:` (`agent` for `agent:AG-1`), `None` for a bare name.
    pub fn kind(&self) -> Option<&str> {
        self.0.split_once(':').map(|(kind, _)| kind)
    }

    /// The part after the first `:`, or the whole text for a bare name.
    pub fn name(&self) -> &str {
        self.0.split_once(':').map_or(&self.0, |(_, name)| name)
    }
}

impl Default for Author {
    fn default() -> Author {
        Author::unknown()
    }
}

impl std::fmt::Display for Author {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Author {
    type Err = String;
    fn from_str(text: &str) -> Result<Author, String> {
        Author::parse(text)
    }
}

impl Serialize for Author {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_splits() {
        let agent = Author::agent("AG-1").unwrap();
        assert_eq!((agent.as_str(), agent.kind(), agent.name()), ("agent:AG-1", Some("agent"), "AG-1"));
        assert_eq!(Author::parse("bob").unwrap().kind(), None);
        for bad in ["", " bob", "bob ", "a\u{0}b", "a\nb", &"x".repeat(129)] {
            assert!(Author::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Author::of("a:b", "c").is_err());
        assert_eq!(Author::parse(&"é".repeat(128)).unwrap().as_str().chars().count(), 128);
    }
}
