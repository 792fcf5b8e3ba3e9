//! The IPC commands. Each is thin: read its arguments, call one core function on the
//! blocking pool, map the error. Mutating commands go through [`Db::write`], which tells
//! every view to refresh.
//!
//! [`Db::write`]: crate::db::Db::write

pub mod goals;
pub mod library;
pub mod search;
pub mod tasks;
pub mod workspace;
