//! The live window: notices commits made by other processes (the CLI, scripts, agents)
//! and tells the views what changed, as the window's own gestures do.
//!
//! SQLite's `PRAGMA data_version` on the window's connection moves only when another
//! connection commits, so a poll is one cheap pragma; only when it moved are the new
//! events read from the log. A change shows in the window within [`POLL`] plus a reload.

use crate::db::{self, Db, WORKSPACE_CHANGED};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// How often the watcher looks: well inside the second the window promises.
const POLL: Duration = Duration::from_millis(250);

/// Starts the watcher thread; it lives as long as the app.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new().name("db-watch".into()).spawn(move || loop {
        std::thread::sleep(POLL);
        if let Err(e) = poll(&app) {
            tracing::warn!(error = %e.message, "cannot read other writers' changes");
            std::thread::sleep(POLL * 8);
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the database watcher; other writers' changes will show after a reload");
    }
}

/// One look: when another connection committed, send the events it logged.
fn poll(app: &AppHandle) -> Result<(), crate::error::CommandError> {
    let Ok(store) = app.state::<Db>().store() else {
        return Ok(()); // no database open: nothing to watch
    };
    let notice = {
        let mut live = db::lock(&store);
        let version = live.store.data_version()?;
        if version == live.data_version {
            return Ok(());
        }
        live.data_version = version;
        let notice = db::changes_since(&live.store, live.seen_seq, true)?;
        if let Some(notice) = &notice {
            live.seen_seq = notice.seq;
        }
        notice
    };
    if let Some(notice) = notice {
        tracing::info!(seq = notice.seq, changes = notice.changes.len(), "changes by another writer");
        app.emit(WORKSPACE_CHANGED, notice).map_err(|e| crate::error::CommandError::new("internal", e.to_string()))?;
    }
    Ok(())
}
