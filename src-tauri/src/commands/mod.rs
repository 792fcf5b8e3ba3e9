//! The IPC commands. Each is thin: read its arguments, call one core function on the
//! blocking pool, map the error. Mutating commands go through [`Db::write`], which tells
//! every view to refresh.
//!
//! [`Db::write`]: crate::db::Db::write

pub mod assignment;
pub mod execution;
pub mod goals;
pub mod library;
pub mod methods;
pub mod planning;
pub mod synthesis;
pub mod tasks;
pub mod workspace;
