//! SQL only: one file per table group, each statement written once, column lists next
//! to their row mapper. A db file takes a `&Connection` (inside a gesture, the open
//! transaction), uses the domain, `rows` and `keys`, and no other db file; deciding what
//! to write is `ops`'s job.

pub(crate) mod actions;
pub(crate) mod agents;
pub(crate) mod bridge;
pub(crate) mod capabilities;
pub(crate) mod events;
pub(crate) mod export;
pub(crate) mod goals;
pub(crate) mod history;
pub(crate) mod integrity;
pub(crate) mod keys;
pub(crate) mod methods;
pub(crate) mod monitor;
pub(crate) mod plans;
pub(crate) mod progress;
pub(crate) mod rows;
pub(crate) mod schema;
pub(crate) mod search;
pub(crate) mod tasks;
pub(crate) mod world;
