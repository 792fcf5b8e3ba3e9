//! The use cases: every gesture and every read the `Store` offers. Each reads through
//! `db`, decides with `domain` and the engines, and writes through `db`; a gesture is a
//! function that takes the open transaction and returns its result with the [`Change`]
//! the event log records. Nothing here opens a transaction: `Store::gesture` does.

pub(crate) mod actions;
pub(crate) mod agents;
pub(crate) mod assignment;
pub(crate) mod assignments;
pub(crate) mod bridge;
pub(crate) mod bulk;
pub(crate) mod capabilities;
mod change;
mod touched;
pub(crate) mod execution;
pub(crate) mod export;
pub(crate) mod goals;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod integrity;
pub(crate) mod methods;
pub(crate) mod monitor;
pub(crate) mod planning;
pub(crate) mod plans;
pub(crate) mod progress;
pub(crate) mod repair;
pub(crate) mod plan_report;
pub(crate) mod reports;
pub(crate) mod search;
pub(crate) mod synthesis;
pub(crate) mod task_status;
pub(crate) mod tasks;
pub(crate) mod tasks_csv;
pub(crate) mod timeline;
pub(crate) mod world;

pub(crate) use change::Change;
