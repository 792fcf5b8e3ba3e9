//! The IPC commands. Each is thin: read its arguments, call one core function on the
//! blocking pool, map the error. Mutating commands go through [`Db::write`], which tells
//! every view to refresh.
//!
//! [`Db::write`]: crate::db::Db::write

pub mod actions;
pub mod agents;
pub mod assignment;
pub mod execution;
pub mod files;
pub mod goals;
pub mod images;
pub mod layout;
pub mod library;
pub mod methods;
pub mod planning;
pub mod plans;
pub mod search;
pub mod synthesis;
pub mod tasks;
pub mod workspace;
