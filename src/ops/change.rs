//! What a gesture did, as the event log records it.

use crate::domain::Entity;

/// The event of one gesture: which entity, which key, what kind of change, and its
/// details as JSON.
pub(crate) struct Change {
    pub entity: Entity,
    pub key: String,
    pub kind: &'static str,
    pub payload: serde_json::Value,
}

impl Change {
    pub fn new(entity: Entity, key: &str, kind: &'static str, payload: serde_json::Value) -> Change {
        Change { entity, key: key.to_owned(), kind, payload }
    }
}
