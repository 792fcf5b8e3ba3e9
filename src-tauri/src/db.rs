//! The app's handle on the store: one connection behind a mutex, used only from the
//! blocking thread pool so that SQLite never stalls the async runtime or the window.
//! The File menu can swap it for another database file; commands in flight keep the
//! store they started with.

use crate::error::CommandError;
use mabos_planner::{Author, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use tauri::{AppHandle, Emitter};

/// The event every view listens to: the workspace changed, refresh.
pub const WORKSPACE_CHANGED: &str = "workspace-changed";

/// Another database file is open now: every view starts over.
pub const DATABASE_CHANGED: &str = "database-changed";

/// The payload of [`WORKSPACE_CHANGED`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkspaceChanged {
    /// The newest event's sequence number in the log.
    pub seq: i64,
}

/// The payload of [`DATABASE_CHANGED`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DatabaseChanged {
    pub path: String,
}

/// One open database file, or why it could not be opened (every command then reports it).
struct Open {
    path: PathBuf,
    store: Result<Arc<Mutex<Store>>, String>,
}

pub struct Db {
    open: RwLock<Open>,
}

impl Db {
    pub fn open(path: PathBuf) -> Db {
        let store = open_store(&path);
        Db { open: RwLock::new(Open { path, store }) }
    }

    pub fn path(&self) -> PathBuf {
        self.open.read().unwrap_or_else(|p| p.into_inner()).path.clone()
    }

    fn store(&self) -> Result<Arc<Mutex<Store>>, CommandError> {
        let open = self.open.read().unwrap_or_else(|p| p.into_inner());
        open.store.clone().map_err(|message| CommandError::new("database", message))
    }

    /// Opens (creating if needed) the database at `path` and makes it the app's store.
    /// When it cannot be opened, the current one stays.
    pub async fn switch(&self, app: &AppHandle, path: PathBuf) -> Result<(), CommandError> {
        let target = path.clone();
        let store = run_blocking(move || open_as_window(&target).map_err(CommandError::from)).await?;
        *self.open.write().unwrap_or_else(|p| p.into_inner()) = Open { path: path.clone(), store: Ok(Arc::new(Mutex::new(store))) };
        tracing::info!(path = %path.display(), "database open");
        if let Err(e) = app.emit(DATABASE_CHANGED, DatabaseChanged { path: path.display().to_string() }) {
            tracing::warn!(error = %e, "cannot emit {DATABASE_CHANGED}");
        }
        Ok(())
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

fn open_store(path: &Path) -> Result<Arc<Mutex<Store>>, String> {
    let store = open_as_window(path).map(|s| Arc::new(Mutex::new(s))).map_err(|e| {
        tracing::error!(path = %path.display(), error = %e, "cannot open the database");
        format!("cannot open {}: {e}", path.display())
    });
    if store.is_ok() {
        tracing::info!(path = %path.display(), "database open");
    }
    store
}

/// Opens the store with the window as the author of its gestures (`app:<user>`), so that
/// its undo never reverts what the CLI or an agent did.
fn open_as_window(path: &Path) -> mabos_planner::Result<Store> {
    let mut store = Store::open(path)?;
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_default();
    let author = Author::of("app", &user).ok().filter(|_| !user.is_empty());
    store.set_author(author.or_else(|| Author::parse("app").ok()).unwrap_or_default());
    Ok(store)
}

/// A panic inside a gesture leaves no half-done change (its transaction rolls back on
/// drop), so a poisoned lock still guards a consistent store.
fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, CommandError> + Send + 'static) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(CommandError::new("internal", format!("the database task failed: {e}"))))
}
