//! MABOS Planner core: the domain model of goals, actions, plans, agents and tasks,
//! the SQLite store that owns them, JSON export and import, graph layout, and the planning
//! intelligence over them (plan validation, critical paths, goal conflicts, plan synthesis,
//! HTN decomposition, optimal task assignment, plan execution and monitoring).
//!
//! Nothing here knows about Tauri, the UI or the CLI: those are thin shells over
//! [`Store`]. See ARCHITECTURE.md for the map.

pub mod assignment;
pub mod demo;
pub mod diagram;
pub mod domain;
mod error;
pub mod execution;
pub mod export;
pub mod htn;
pub mod layout;
pub mod paths;
pub mod planning;
pub mod schedule;
pub mod store;
pub mod synthesis;
pub mod time_util;

pub use domain::*;
pub use error::{Entity, Error, Result};
pub use execution::*;
pub use store::{DecomposedPlan, Event, Finding, HistoryEntry, IntegrityReport, SearchField, SearchHit, SearchRank, Store};
