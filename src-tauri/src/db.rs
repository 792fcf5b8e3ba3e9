//! The app's handle on the store: one connection behind a mutex, used only from the
//! blocking thread pool so that SQLite never stalls the async runtime or the window.

use crate::error::CommandError;
use mabos_planner::Store;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter};

/// The event every view listens to: the workspace changed, refresh.
pub const WORKSPACE_CHANGED: &str = "workspace-changed";

/// The payload of [`WORKSPACE_CHANGED`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkspaceChanged {
    /// The newest event's sequence number in the log.
    pub seq: i64,
}

pub struct Db {
    path: PathBuf,
    /// The open store, or why it could not be opened (every command then reports it).
    store: Result<Arc<Mutex<Store>>, String>,
}

impl Db {
    pub fn open(path: PathBuf) -> Db {
        let store = Store::open(&path).map(|s| Arc::new(Mutex::new(s))).map_err(|e| {
            tracing::error!(path = %path.display(), error = %e, "cannot open the database");
            format!("cannot open {}: {e}", path.display())
        });
        if store.is_ok() {
            tracing::info!(path = %path.display(), "database open");
        }
        Db { path, store }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    fn store(&self) -> Result<Arc<Mutex<Store>>, CommandError> {
        self.store.clone().map_err(|message| CommandError::new("database", message))
    }

    /// Runs a query on the blocking pool.
    pub async fn read<T, F>(&self, query: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, CommandError> + Send + 'static,
    {
        let store = self.store()?;
        run_blocking(move || query(&lock(&store))).await
    }

    /// Runs a gesture on the blocking pool; when it logged an event, tells every view.
    pub async fn write<T, F>(&self, app: &AppHandle, gesture: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, CommandError> + Send + 'static,
    {
        let store = self.store()?;
        let (value, before, after) = run_blocking(move || {
            let mut store = lock(&store);
            let before = store.last_event_seq()?;
            let value = gesture(&mut store)?;
            Ok((value, before, store.last_event_seq()?))
        })
        .await?;
        if after != before {
            if let Err(e) = app.emit(WORKSPACE_CHANGED, WorkspaceChanged { seq: after }) {
                tracing::warn!(error = %e, "cannot emit {WORKSPACE_CHANGED}");
            }
        }
        Ok(value)
    }
}

/// A panic inside a gesture leaves no half-done change (its transaction rolls back on
/// drop), so a poisoned lock still guards a consistent store.
fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, CommandError> + Send + 'static) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(CommandError::new("internal", format!("the database task failed: {e}"))))
}
