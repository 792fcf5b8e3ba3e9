//! What the bridge is doing now, for whoever runs it to show (the app's Broker panel):
//! connected or not, and the last error a session ended with.

use serde::Serialize;
use std::sync::{Arc, Mutex};

/// The bridge's state as its runner sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    /// A session is up: connected, streams and consumer ready.
    pub connected: bool,
    /// Why the last session ended, or the last attempt failed.
    pub last_error: Option<String>,
    /// Sessions started so far (1 after the first connection, more after reconnects).
    pub sessions: u32,
}

/// A shared, cheap-to-clone handle on a [`Status`] the bridge updates as it goes.
#[derive(Clone, Debug, Default)]
pub struct StatusCell(Arc<Mutex<Status>>);

impl StatusCell {
    /// A copy of the status now.
    pub fn get(&self) -> Status {
        self.lock().clone()
    }

    pub(crate) fn connected(&self) {
        let mut status = self.lock();
        status.connected = true;
        status.sessions += 1;
    }

    pub(crate) fn failed(&self, error: String) {
        let mut status = self.lock();
        status.connected = false;
        status.last_error = Some(error);
    }

    pub(crate) fn stopped(&self) {
        self.lock().connected = false;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        // Plain data, written whole under the lock: a poisoned one is still consistent.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
