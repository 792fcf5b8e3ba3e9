//! The one [`Store`] the bridge works on, behind a mutex, used from the async tasks on
//! tokio's blocking pool so that a slow write never stalls the runtime.

use mabos_planner::{Author, Store};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A shared handle on the bridge's store.
#[derive(Clone)]
pub struct Db(Arc<Mutex<Store>>);

impl Db {
    /// Opens (creating or migrating as needed) the database at `path`. The store's own
    /// author, `broker:nats`, makes no gesture: reports are applied as their agents. Its
    /// commits never checkpoint the write-ahead log, which waits for the disk: a
    /// connection of its own does that ([`crate::checkpoints`]).
    pub fn open(path: &Path) -> mabos_planner::Result<Db> {
        let mut store = Store::open(path)?;
        store.set_author(Author::of("broker", "nats").unwrap_or_default());
        store.connection().pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(Db(Arc::new(Mutex::new(store))))
    }

    /// Runs `work` on the store on the blocking pool. The outer error says the work could
    /// not run to its end (the runtime is shutting down, or it panicked); the inner one
    /// is the core's answer.
    pub async fn call<T, F>(&self, work: F) -> Result<mabos_planner::Result<T>, tokio::task::JoinError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> mabos_planner::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves the store as SQLite left it: every
            // gesture is one transaction, so the data is consistent and usable.
            let mut store = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store)
        })
        .await
    }
}
