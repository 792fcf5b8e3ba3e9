//! The synthesis running now, so that Cancel can reach it. The search runs on the
//! blocking pool without the store: one runs at a time, and starting another cancels
//! the one before (the panel shows only the newest).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Managed state: the cancel flag of the running search, if any.
#[derive(Default)]
pub struct Searches {
    running: Mutex<Option<Arc<AtomicBool>>>,
}

impl Searches {
    /// A new search's cancel flag; the one before it, still running, is cancelled.
    pub fn start(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let previous = self.slot().replace(flag.clone());
        if let Some(previous) = previous {
            previous.store(true, Ordering::Relaxed);
        }
        flag
    }

    /// Forgets `flag` once its search ended (unless a newer one replaced it).
    pub fn finish(&self, flag: &Arc<AtomicBool>) {
        let mut slot = self.slot();
        if slot.as_ref().is_some_and(|running| Arc::ptr_eq(running, flag)) {
            *slot = None;
        }
    }

    /// Cancels the running search: whether there was one.
    pub fn cancel(&self) -> bool {
        match self.slot().take() {
            Some(flag) => {
                flag.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Arc<AtomicBool>>> {
        // The slot holds only a flag: a panic elsewhere cannot leave it half-written.
        self.running.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_search_cancels_the_one_before_and_cancel_reaches_the_newest() {
        let searches = Searches::default();
        let first = searches.start();
        let second = searches.start();
        assert!(first.load(Ordering::Relaxed), "the first is cancelled by the second");
        assert!(!second.load(Ordering::Relaxed));
        // The first ending late does not forget the second.
        searches.finish(&first);
        assert!(searches.cancel());
        assert!(second.load(Ordering::Relaxed));
        assert!(!searches.cancel(), "nothing is running any more");
    }

    #[test]
    fn a_finished_search_is_not_cancelled_later() {
        let searches = Searches::default();
        let flag = searches.start();
        searches.finish(&flag);
        assert!(!searches.cancel());
        assert!(!flag.load(Ordering::Relaxed));
    }
}
