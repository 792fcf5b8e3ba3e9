//! The SQLite store: the only owner of the data. Every public mutating method is one
//! user gesture: one transaction, one event in the log, one step of undo.

pub(crate) mod actions;
pub(crate) mod agents;
pub(crate) mod capabilities;
pub(crate) mod execution;
mod gesture;
pub(crate) mod goals;
mod graph_check;
mod history;
mod integrity;
pub(crate) mod keys;
pub(crate) mod methods;
mod monitor;
mod plan_totals;
pub(crate) mod plans;
mod planning;
mod progress;
mod repair;
pub(crate) mod rows;
mod search;
mod search_match;
pub(crate) mod tasks;
pub(crate) mod world;

pub use history::{Event, HistoryEntry};
pub(crate) use gesture::Change;
pub use integrity::{Finding, IntegrityReport};
pub use methods::DecomposedPlan;
pub use search::{SearchField, SearchHit, SearchRank};

use crate::{Entity, Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// A handle on one planner database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "journal_mode", "wal")?;
        Store::prepare(conn)
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "on")?;
        conn.pragma_update(None, "synchronous", "normal")?;
        let report = embedded::migrations::runner().run(&mut conn)?;
        for m in report.applied_migrations() {
            tracing::info!(migration = %m, "applied");
        }
        Ok(Store { conn })
    }

    /// The underlying connection, for read-only queries and benchmarks.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

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
