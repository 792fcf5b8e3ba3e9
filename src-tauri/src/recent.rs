//! The databases opened lately, newest first, for File → Open recent and the empty
//! workspace's list. Kept in the app's config folder (`recent.json`); a file that no
//! longer exists is left out when the list is shown.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many databases the list keeps.
pub const KEEP: usize = 8;

/// Managed state: the list and where it is kept.
pub struct Recent {
    file: Option<PathBuf>,
    list: Mutex<Vec<PathBuf>>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    databases: Vec<PathBuf>,
}

impl Recent {
    /// The list kept in `file` (empty when there is none or it is not a list of ours).
    pub fn load(file: Option<PathBuf>) -> Recent {
        let list = file.as_deref().and_then(read).unwrap_or_default();
        Recent { file, list: Mutex::new(list) }
    }

    /// Puts `path` first (once), keeps the newest [`KEEP`], and saves the list.
    pub fn opened(&self, path: &Path) {
        let list = {
            let mut list = self.lock();
            *list = with_first(&list, path);
            list.clone()
        };
        self.save(&list);
    }

    /// The databases that still exist, newest first.
    pub fn existing(&self) -> Vec<PathBuf> {
        self.lock().iter().filter(|p| p.is_file()).cloned().collect()
    }

    fn save(&self, list: &[PathBuf]) {
        let Some(file) = &self.file else { return };
        let written = serde_json::to_vec_pretty(&Stored { databases: list.to_vec() }).map_err(std::io::Error::other).and_then(|bytes| {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            mabos_planner::fsutil::write_atomic(file, &bytes)
        });
        if let Err(e) = written {
            tracing::warn!(file = %file.display(), error = %e, "cannot remember the recent databases");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        // A list written whole under the lock: still consistent after a panic.
        self.list.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `list` with `path` first and not again, at most [`KEEP`] long.
fn with_first(list: &[PathBuf], path: &Path) -> Vec<PathBuf> {
    std::iter::once(path.to_owned()).chain(list.iter().filter(|p| p.as_path() != path).cloned()).take(KEEP).collect()
}

/// The list in `file`, if it is a small, well-formed one.
fn read(file: &Path) -> Option<Vec<PathBuf>> {
    let bytes = std::fs::read(file).ok().filter(|b| b.len() <= 64 * 1024)?;
    let stored: Stored = serde_json::from_slice(&bytes).ok()?;
    Some(stored.databases.into_iter().filter(|p| p.is_absolute()).take(KEEP).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_comes_first_once_and_the_list_stays_short() {
        let mut list = Vec::new();
        for name in ["a", "b", "a", "c"] {
            list = with_first(&list, Path::new(&format!("/db/{name}")));
        }
        assert_eq!(list, ["/db/c", "/db/a", "/db/b"].map(PathBuf::from));
        for i in 0..20 {
            list = with_first(&list, Path::new(&format!("/db/{i}")));
        }
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0], PathBuf::from("/db/19"));
    }

    #[test]
    fn the_list_is_kept_and_missing_files_are_not_shown() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config").join("recent.json");
        let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
        std::fs::write(&a, b"").unwrap();
        let recent = Recent::load(Some(file.clone()));
        recent.opened(&a);
        recent.opened(&b);
        assert_eq!(Recent::load(Some(file.clone())).existing(), vec![a.clone()], "b.db does not exist");
        std::fs::write(&b, b"").unwrap();
        assert_eq!(Recent::load(Some(file.clone())).existing(), vec![b, a]);
        for junk in [&b"[1, 2]"[..], b"{\"databases\": [\"relative.db\"]}", &vec![b' '; 70_000]] {
            std::fs::write(&file, junk).unwrap();
            assert!(Recent::load(Some(file.clone())).existing().is_empty());
        }
    }
}
