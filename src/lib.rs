//! MABOS Planner core: the domain model of goals, actions, plans, agents and tasks,
//! the SQLite store that owns them, JSON export and import, graph layout, and the planning
//! intelligence over them (plan validation, critical paths, goal conflicts, plan synthesis,
//! HTN decomposition, optimal task assignment, plan execution and monitoring).
//!
//! Nothing here knows about Tauri, the UI or the CLI: those are thin shells over
//! [`Store`]. See ARCHITECTURE.md for the map.

// Layers, lowest first (tests/layering.rs checks that every import points down):
// leaf libraries and the domain; errors; the pure engines; file formats; SQL (`db`);
// use cases (`ops`); the `Store`; what is built on the store's public API.
pub mod time_util;
pub mod paths;
pub mod fsutil;
pub mod layout;
pub mod domain;
mod error;
pub mod assignment;
pub mod execution;
pub mod htn;
pub mod planning;
pub mod schedule;
pub mod search;
pub mod synthesis;
pub mod export;
pub mod pddl;
pub mod report;
mod db;
mod ops;
pub mod store;
pub mod demo;
pub mod diagram;

pub use domain::*;
pub use error::{Error, Foreign, ImportProblem, Result, MAX_IMPORT_PROBLEMS};
pub use execution::*;
pub use store::{DecomposedPlan, SearchField, SearchHit, SearchRank, Store, APPLICATION_ID};
