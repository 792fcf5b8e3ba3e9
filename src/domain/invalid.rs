//! A field that breaks a rule: what every check of the domain returns, naming the
//! entity, its key and the field, so that a form can show it where the user typed.

use super::{first_bad_condition, first_bad_effect, Condition, Effect, Entity};

/// A value the domain refuses. It becomes [`crate::Error::Invalid`] with `?`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub entity: Entity,
    pub key: String,
    /// The field at fault, with its place in a list: `metrics[2].name`.
    pub field: String,
    pub reason: String,
}

impl Invalid {
    /// An `Invalid` for `field` of the `entity` with `key`.
    pub fn new(entity: Entity, key: &str, field: impl Into<String>, reason: impl Into<String>) -> Invalid {
        Invalid { entity, key: key.to_owned(), field: field.into(), reason: reason.into() }
    }
}

/// Runs a scalar check and names the field its complaint is about.
pub fn check(entity: Entity, key: &str, field: &str, outcome: Result<(), String>) -> Result<(), Invalid> {
    outcome.map_err(|reason| Invalid::new(entity, key, field, reason))
}

/// Every condition of a list well formed; the first that is not is named by its index.
pub fn check_conditions(entity: Entity, key: &str, field: &str, list: &[Condition]) -> Result<(), Invalid> {
    match first_bad_condition(list) {
        Some((i, reason)) => Err(Invalid::new(entity, key, format!("{field}[{i}]"), reason)),
        None => Ok(()),
    }
}

/// Every effect of a list well formed; the first that is not is named by its index.
pub fn check_effects(entity: Entity, key: &str, field: &str, list: &[Effect]) -> Result<(), Invalid> {
    match first_bad_effect(list) {
        Some((i, reason)) => Err(Invalid::new(entity, key, format!("{field}[{i}]"), reason)),
        None => Ok(()),
    }
}

/// A deadline: RFC 3339; returned normalised to UTC, as it is stored.
pub fn check_deadline(entity: Entity, key: &str, deadline: &Option<String>) -> Result<Option<String>, Invalid> {
    match deadline {
        None => Ok(None),
        Some(text) => crate::time_util::normalize_rfc3339(text).map(Some).ok_or_else(|| {
            Invalid::new(entity, key, "deadline", format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {text:?}"))
        }),
    }
}
