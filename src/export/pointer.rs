//! JSON pointers (RFC 6901) into an import file: built from serde paths, from the
//! store's field paths (`metrics[0].name`), and by hand.

use serde_path_to_error::{Path, Segment};
use std::fmt::Write;

/// One pointer token, escaped: `~` becomes `~0` and `/` becomes `~1`.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The pointer for a path that serde_path_to_error recorded.
pub(crate) fn from_path(path: &Path) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => write!(out, "/{index}").unwrap_or(()),
            Segment::Map { key } => write!(out, "/{}", escape(key)).unwrap_or(()),
            // An enum variant or a key that is not a string is no place in a JSON
            // document: the pointer stops at the value that holds it.
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// `base` extended by a field path in the store's notation: `metrics[0].name` under
/// `/goals/3` is `/goals/3/metrics/0/name`.
pub(crate) fn from_field(base: &str, field: &str) -> String {
    let mut out = base.to_owned();
    for part in field.split('.') {
        let (name, indexes) = part.split_once('[').map_or((part, ""), |(n, rest)| (n, rest));
        if !name.is_empty() {
            write!(out, "/{}", escape(name)).unwrap_or(());
        }
        for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            write!(out, "/{index}").unwrap_or(());
        }
    }
    out
}

/// A store validation error about the item at `base` as an import error: its field
/// becomes the end of the pointer. Other errors pass unchanged.
pub(crate) fn place(e: crate::Error, base: &str) -> crate::Error {
    match e {
        crate::Error::Invalid { ref field, .. } => crate::Error::import(from_field(base, field), e.to_string()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tokens() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
    }

    #[test]
    fn field_paths() {
        let check = |field: &str, expected: &str| assert_eq!(from_field("/goals/3", field), expected, "{field}");
        check("priority", "/goals/3/priority");
        check("preconditions[2]", "/goals/3/preconditions/2");
        check("metrics[0].name", "/goals/3/metrics/0/name");
        check("requires[1].capability", "/goals/3/requires/1/capability");
    }

    #[test]
    fn serde_paths() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            items: Vec<Item>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Item {
            n: u8,
        }
        let pointer = |json: &str| {
            let de = &mut serde_json::Deserializer::from_str(json);
            from_path(serde_path_to_error::deserialize::<_, Doc>(de).unwrap_err().path())
        };
        assert_eq!(pointer(r#"{"items":[{"n":1},{"n":"x"}]}"#), "/items/1/n");
        assert_eq!(pointer(r#"{"items":[{"n":1,"a/b":2}]}"#), "/items/0/a~1b");
        assert_eq!(pointer(r#"{"items":[{}]}"#), "/items/0");
    }
}
