//! The append-only event log's entries, and what undo or redo reports.

use serde::Serialize;

/// One entry of the append-only event log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub seq: i64,
    pub at: String,
    /// Who made the gesture (see [`crate::domain::Author`]); `"unknown"` for events
    /// logged before authors were recorded.
    pub author: String,
    pub entity: String,
    pub key: String,
    pub kind: String,
    pub payload: serde_json::Value,
}

/// What undo or redo just did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HistoryEntry {
    /// The event of the gesture that was undone or redone.
    pub seq: i64,
    /// Who made that gesture.
    pub author: String,
    pub entity: String,
    pub key: String,
    pub kind: String,
}
