//! Reading and writing the columns that need conversion: JSON lists and text enums.

use crate::{Entity, Error, Result};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON column text for a value the core built itself.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("domain values always serialise")
}

/// A JSON column read back into its typed form.
pub(crate) struct Json<T>(pub T);

impl<T: DeserializeOwned> FromSql for Json<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        serde_json::from_str(text).map(Json).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Implements SQL conversion for the text enums of the domain.
macro_rules! sql_text_enum {
    ($($name:ty),+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$name>::parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown {} {text:?}", stringify!($name)).into()))
            }
        }
    )+};
}

use crate::domain::{ContributionKind, GoalKind, GoalMode, GoalStatus, PlanStatus, Refinement, TaskStatus};
sql_text_enum!(GoalKind, GoalMode, GoalStatus, Refinement, ContributionKind, PlanStatus, TaskStatus);

/// The id of the entity with `key`, or `NotFound`.
pub(crate) fn id_of(conn: &Connection, entity: Entity, key: &str) -> Result<i64> {
    find_id(conn, entity, key)?.ok_or_else(|| Error::not_found(entity, key))
}

pub(crate) fn find_id(conn: &Connection, entity: Entity, key: &str) -> Result<Option<i64>> {
    let column = if entity == Entity::Capability { "name" } else { "key" };
    let sql = format!("SELECT id FROM {} WHERE {column} = ?1", super::table(entity));
    Ok(conn.prepare_cached(&sql)?.query_row([key], |r| r.get(0)).optional()?)
}

/// Keys for a list of ids, in the same order.
pub(crate) fn keys_of(conn: &Connection, entity: Entity, ids: &[i64]) -> Result<Vec<String>> {
    let sql = format!("SELECT key FROM {} WHERE id = ?1", super::table(entity));
    let mut stmt = conn.prepare_cached(&sql)?;
    ids.iter().map(|id| Ok(stmt.query_row([id], |r| r.get(0))?)).collect()
}

/// Runs a domain check and turns its complaint into an error naming entity, key and field.
pub(crate) fn check(entity: Entity, key: &str, field: &str, outcome: std::result::Result<(), String>) -> Result<()> {
    outcome.map_err(|reason| Error::invalid(entity, key, field, reason))
}

pub(crate) fn check_conditions(entity: Entity, key: &str, field: &str, list: &[crate::Condition]) -> Result<()> {
    match crate::domain::first_bad_condition(list) {
        Some((i, reason)) => Err(Error::invalid(entity, key, format!("{field}[{i}]"), reason)),
        None => Ok(()),
    }
}

pub(crate) fn check_effects(entity: Entity, key: &str, field: &str, list: &[crate::Effect]) -> Result<()> {
    match crate::domain::first_bad_effect(list) {
        Some((i, reason)) => Err(Error::invalid(entity, key, format!("{field}[{i}]"), reason)),
        None => Ok(()),
    }
}

/// A deadline: RFC 3339, stored normalised to UTC.
pub(crate) fn check_deadline(entity: Entity, key: &str, deadline: &Option<String>) -> Result<Option<String>> {
    match deadline {
        None => Ok(None),
        Some(text) => crate::time_util::normalize_rfc3339(text)
            .map(Some)
            .ok_or_else(|| Error::invalid(entity, key, "deadline", format!("must be an RFC 3339 time such as 2026-12-31T17:00:00Z, not {text:?}"))),
    }
}
