//! MABOS Planner core: the domain model of goals, actions, plans, agents and tasks,
//! the SQLite store that owns them, JSON export and import, and graph layout.
//!
//! Nothing here knows about Tauri, the UI or the CLI: those are thin shells over
//! [`Store`]. See ARCHITECTURE.md for the map.

pub mod demo;
pub mod domain;
mod error;
pub mod export;
pub mod layout;
pub mod paths;
pub mod store;
pub mod time_util;

pub use domain::*;
pub use error::{Entity, Error, Result};
pub use store::{Event, Finding, HistoryEntry, IntegrityReport, SearchField, SearchHit, SearchRank, Store};
