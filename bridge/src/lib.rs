//! MABOS Planner's bridge to a NATS JetStream broker (docs/bridge.md): it publishes the
//! event log (the outbox), offers ready work to the agents that hold it and withdraws
//! offers that no longer stand, and applies the agents' reports as gestures of theirs.
//!
//! `fleet` is an example fleet of agents on the other side of the broker (the binary
//! `mabos-planner-agents`), for demonstrations and tests.
//!
//! Everything async lives here: the core (`mabos_planner`) stays free of tokio and
//! networking and is reached through one [`Store`](mabos_planner::Store) behind a mutex,
//! on tokio's blocking pool ([`db::Db`]).
#![warn(missing_docs)]

pub mod checkpoints;
pub mod db;
pub mod fleet;
pub mod messages;
pub mod offers;
pub mod outbox;
pub mod process;
pub mod reports;
pub mod run;
pub mod status;
pub mod streams;
pub mod subjects;

pub use run::{run, Config};
pub use status::{Status, StatusCell};
