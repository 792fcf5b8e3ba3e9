//! What every table's SQL shares: columns that need conversion (JSON lists, text
//! enums), the table of each entity, and keys to ids and back.

use crate::domain::Entity;
use crate::{Error, Result};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON column text for a value the core built itself.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Domain values are plain data (no maps with non-string keys, no failing Serialize
    // impls): serialising them cannot fail.
    serde_json::to_string(value).expect("domain values always serialise")
}

/// Open task statuses, as SQL, for workload sums.
pub(crate) const OPEN: &str = "('todo', 'in_progress', 'blocked')";

/// The table that holds an entity.
pub(crate) fn table(entity: Entity) -> &'static str {
    match entity {
        Entity::Capability => "capabilities",
        Entity::Agent => "agents",
        Entity::Goal => "goals",
        Entity::Action => "actions",
        Entity::Plan => "plans",
        Entity::Step => "plan_steps",
        Entity::Task => "tasks",
        Entity::Fact => "world_facts",
        Entity::Method => "methods",
        Entity::Workspace => unreachable!("the workspace is not a table"),
    }
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
    ($($name:ty => $what:literal),+ $(,)?) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$name>::parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown {} {text:?}", $what).into()))
            }
        }
    )+};
}

use crate::domain::{ContributionKind, GoalKind, GoalMode, GoalStatus, PlanStatus, Refinement, TaskStatus};
sql_text_enum!(
    GoalKind => "goal kind",
    GoalMode => "goal mode",
    GoalStatus => "goal status",
    Refinement => "refinement",
    ContributionKind => "contribution kind",
    PlanStatus => "plan status",
    TaskStatus => "task status",
);

/// The id of the entity with `key`, or `NotFound`.
pub(crate) fn id_of(conn: &Connection, entity: Entity, key: &str) -> Result<i64> {
    find_id(conn, entity, key)?.ok_or_else(|| Error::not_found(entity, key))
}

pub(crate) fn find_id(conn: &Connection, entity: Entity, key: &str) -> Result<Option<i64>> {
    let column = if entity == Entity::Capability { "name" } else { "key" };
    let sql = format!("SELECT id FROM {} WHERE {column} = ?1", table(entity));
    Ok(conn.prepare_cached(&sql)?.query_row([key], |r| r.get(0)).optional()?)
}

/// Whether the entity's table has no rows.
pub(crate) fn is_empty(conn: &Connection, entity: Entity) -> Result<bool> {
    let sql = format!("SELECT NOT EXISTS (SELECT 1 FROM {})", table(entity));
    Ok(conn.prepare_cached(&sql)?.query_row([], |r| r.get(0))?)
}

/// Keys for a list of ids, in the same order.
pub(crate) fn keys_of(conn: &Connection, entity: Entity, ids: &[i64]) -> Result<Vec<String>> {
    let sql = format!("SELECT key FROM {} WHERE id = ?1", table(entity));
    let mut stmt = conn.prepare_cached(&sql)?;
    ids.iter().map(|id| Ok(stmt.query_row([id], |r| r.get(0))?)).collect()
}
