//! Human-readable keys (`G-12`, `AG-7`, `deploy.db`): what people and files use to name
//! an entity. Integer ids never leave the store.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest key the store accepts.
pub const MAX_KEY_LEN: usize = 64;

/// A validated key: 1–64 characters from `A–Z a–z 0–9 _ - .`, starting with a letter or digit.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Key(String);

impl Key {
    /// Checks `text` and returns the key, or why it is not one.
    pub fn parse(text: &str) -> Result<Key, String> {
        if text.is_empty() {
            return Err("must not be empty".into());
        }
        if text.len() > MAX_KEY_LEN {
            return Err(format!("must be at most {MAX_KEY_LEN} characters"));
        }
        if !text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
            return Err("must start with a letter or a digit".into());
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        {
            return Err(format!("may not contain {bad:?} (letters, digits, '_', '-' and '.' only)"));
        }
        Ok(Key(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Key {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Key::parse(&value)
    }
}

impl From<Key> for String {
    fn from(key: Key) -> String {
        key.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn accepts_ordinary_keys() {
        for ok in ["G-1", "AG-7", "deploy.db", "a", "0_x"] {
            assert_eq!(Key::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn refuses_with_a_reason() {
        let check = |text: &str, reason: &str| assert!(Key::parse(text).unwrap_err().contains(reason), "{text}");
        check("", "empty");
        check("-x", "start");
        check("a b", "' '");
        check(&"x".repeat(65), "at most 64");
    }
}
