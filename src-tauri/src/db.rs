//! The app's handle on the store: one connection behind a mutex, used only from the
//! blocking thread pool so that SQLite never stalls the async runtime or the window.
//! The File menu can swap it for another database file; commands in flight keep the
//! store they started with.

use crate::error::CommandError;
use mabos_planner::{Author, Entity, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use tauri::{AppHandle, Emitter, Manager};

/// The event a gesture sends: the workspace changed, and what in it.
pub const WORKSPACE_CHANGED: &str = "workspace-changed";

/// Another database file is open now: every view starts over.
pub const DATABASE_CHANGED: &str = "database-changed";

/// The payload of [`WORKSPACE_CHANGED`]: the events a gesture logged, read back from
/// the core's event log, so that each view reloads only when what it shows changed
/// (`ui/src/lib/invalidation.ts`). The window's own gestures send one after each command;
/// commits by other processes (the CLI, scripts, agents) send one when the watcher
/// (`watch.rs`) notices them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkspaceChanged {
    /// The newest event's sequence number in the log.
    pub seq: i64,
    /// One entry per event logged (one per gesture, in practice), oldest first.
    pub changes: Vec<Changed>,
    /// Whether another process made these changes, not this window.
    pub external: bool,
}

/// One event of the log, as the views need it: what it is about and what happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Changed {
    /// The entity the event names. `workspace` (an import, the demo, an assignment
    /// round, or more events than one notice carries) means anything may have changed.
    pub entity: Entity,
    /// The event's kind as the log records it: `created`, `updated`, `deleted`,
    /// `status_changed`, …; `undo` and `redo` for time travel, which may change anything.
    pub kind: String,
    /// The key of the row the event names (empty for `workspace`).
    pub key: String,
    /// Who made the gesture: `app:…`, `cli:…`, an agent's key.
    pub author: String,
}

/// At most this many events go into one notice. A gesture logs one; should there ever be
/// more, the notice ends with `workspace` ("many") and every view reloads.
const MAX_CHANGES: u32 = 64;

/// The payload of [`DATABASE_CHANGED`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DatabaseChanged {
    /// The database file now open.
    pub path: String,
}

/// One open database file, or why it could not be opened (every command then reports it).
struct Open {
    path: PathBuf,
    store: Result<Arc<Mutex<Live>>, CommandError>,
}

/// The store and how far the views have been told about its event log.
pub(crate) struct Live {
    pub(crate) store: Store,
    /// The newest event the views have had a notice for.
    pub(crate) seen_seq: i64,
    /// `PRAGMA data_version` when the watcher last looked: it moves only when another
    /// connection commits.
    pub(crate) data_version: i64,
}

impl Live {
    fn new(store: Store) -> mabos_planner::Result<Live> {
        Ok(Live { seen_seq: store.last_event_seq()?, data_version: store.data_version()?, store })
    }
}

/// The app's open database: managed state every command reads with `State<'_, Db>`.
pub struct Db {
    open: RwLock<Open>,
}

impl Db {
    /// Opens the database at `path`; when that fails, every command reports why.
    pub fn open(path: PathBuf) -> Db {
        let store = open_store(&path);
        Db { open: RwLock::new(Open { path, store }) }
    }

    /// The path of the database file in use.
    pub fn path(&self) -> PathBuf {
        self.open.read().unwrap_or_else(|p| p.into_inner()).path.clone()
    }

    pub(crate) fn store(&self) -> Result<Arc<Mutex<Live>>, CommandError> {
        let open = self.open.read().unwrap_or_else(|p| p.into_inner());
        open.store.clone()
    }

    /// Opens (creating if needed) the database at `path` and makes it the app's store.
    /// When it cannot be opened, the current one stays.
    pub async fn switch(&self, app: &AppHandle, path: PathBuf) -> Result<(), CommandError> {
        let target = path.clone();
        let live = run_blocking(move || open_as_window(&target).and_then(Live::new).map_err(CommandError::from)).await?;
        *self.open.write().unwrap_or_else(|p| p.into_inner()) = Open { path: path.clone(), store: Ok(Arc::new(Mutex::new(live))) };
        tracing::info!(path = %path.display(), "database open");
        // A running broker bridge follows the window to the new file.
        if let Some(broker) = app.try_state::<crate::broker::Broker>() {
            broker.follow(&path);
        }
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
        run_blocking(move || query(&lock(&store).store)).await
    }

    /// Runs a gesture on the blocking pool; when it logged an event, tells the views what
    /// changed ([`WorkspaceChanged`]).
    pub async fn write<T, F>(&self, app: &AppHandle, gesture: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, CommandError> + Send + 'static,
    {
        let store = self.store()?;
        let (value, changed) = run_blocking(move || {
            let mut live = lock(&store);
            let before = live.store.last_event_seq()?;
            let value = gesture(&mut live.store)?;
            let changed = changes_since(&live.store, before, false)?;
            // Other processes' commits since the last notice stay for the watcher to report.
            if let (Some(changed), true) = (&changed, live.seen_seq == before) {
                live.seen_seq = changed.seq;
            }
            Ok((value, changed))
        })
        .await?;
        if let Some(changed) = changed {
            if let Err(e) = app.emit(WORKSPACE_CHANGED, changed) {
                tracing::warn!(error = %e, "cannot emit {WORKSPACE_CHANGED}");
            }
        }
        Ok(value)
    }
}

/// What the log gained after event `before`, or `None` when the gesture logged nothing
/// (it changed no row).
pub(crate) fn changes_since(store: &Store, before: i64, external: bool) -> Result<Option<WorkspaceChanged>, CommandError> {
    let after = store.last_event_seq()?;
    if after == before {
        return Ok(None);
    }
    let events = store.events(before, MAX_CHANGES)?;
    let mut changes: Vec<Changed> = events
        .iter()
        .map(|e| Changed { entity: entity_named(&e.entity), kind: e.kind.clone(), key: e.key.clone(), author: e.author.clone() })
        .collect();
    if events.last().is_none_or(|e| e.seq < after) {
        changes.push(Changed { entity: Entity::Workspace, kind: "many".into(), key: String::new(), author: String::new() });
    }
    Ok(Some(WorkspaceChanged { seq: after, changes, external }))
}

/// The entity an event names; a name this build does not know counts as the whole
/// workspace, so that every view reloads rather than one showing stale rows.
fn entity_named(name: &str) -> Entity {
    ENTITIES.into_iter().find(|e| e.as_str() == name).unwrap_or(Entity::Workspace)
}

const ENTITIES: [Entity; 10] = [
    Entity::Capability,
    Entity::Agent,
    Entity::Goal,
    Entity::Action,
    Entity::Plan,
    Entity::Step,
    Entity::Task,
    Entity::Fact,
    Entity::Method,
    Entity::Workspace,
];

fn open_store(path: &Path) -> Result<Arc<Mutex<Live>>, CommandError> {
    let store = open_as_window(path).and_then(Live::new).map(|live| Arc::new(Mutex::new(live))).map_err(|e| {
        tracing::error!(path = %path.display(), error = %e, "cannot open the database");
        CommandError::new("database", format!("cannot open {}: {e}", path.display()))
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
pub(crate) fn lock(store: &Mutex<Live>) -> std::sync::MutexGuard<'_, Live> {
    store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `work` on the blocking pool; a panic in it becomes an `internal` error.
pub async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, CommandError> + Send + 'static) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(CommandError::new("internal", format!("the database task failed: {e}"))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mabos_planner::GoalFields;

    fn changed(entity: Entity, kind: &str, key: &str) -> Changed {
        Changed { entity, kind: kind.into(), key: key.into(), author: "unknown".into() }
    }

    #[test]
    fn a_gesture_reports_its_entity_and_kind() {
        let mut store = Store::open_in_memory().unwrap();
        let before = store.last_event_seq().unwrap();
        store.create_goal(Some("G-1"), None, &GoalFields::titled("Ship")).unwrap();
        let notice = changes_since(&store, before, false).unwrap().unwrap();
        let seq = store.last_event_seq().unwrap();
        assert_eq!(notice, WorkspaceChanged { seq, changes: vec![changed(Entity::Goal, "created", "G-1")], external: false });

        let before = notice.seq;
        store.undo().unwrap();
        assert_eq!(changes_since(&store, before, false).unwrap().unwrap().changes, vec![changed(Entity::Goal, "undo", "G-1")]);
    }

    #[test]
    fn a_gesture_that_changed_nothing_sends_no_notice() {
        let mut store = Store::open_in_memory().unwrap();
        store.create_goal(Some("G-1"), None, &GoalFields::titled("Ship")).unwrap();
        let before = store.last_event_seq().unwrap();
        store.update_goal("G-1", &GoalFields::titled("Ship")).unwrap();
        assert_eq!(changes_since(&store, before, false).unwrap(), None);
    }

    #[test]
    fn more_events_than_one_notice_carries_mean_the_workspace() {
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..=MAX_CHANGES {
            store.create_goal(Some(&format!("G-{i}")), None, &GoalFields::titled("Goal")).unwrap();
        }
        let changes = changes_since(&store, 0, false).unwrap().unwrap().changes;
        assert_eq!(changes.len(), MAX_CHANGES as usize + 1);
        let many = Changed { entity: Entity::Workspace, kind: "many".into(), key: String::new(), author: String::new() };
        assert_eq!(changes.last(), Some(&many));
    }

    #[test]
    fn entity_names_read_back_and_unknown_ones_mean_the_workspace() {
        for entity in ENTITIES {
            assert_eq!(entity_named(entity.as_str()), entity);
        }
        assert_eq!(entity_named("spaceship"), Entity::Workspace);
    }
}
