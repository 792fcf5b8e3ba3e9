//! Where the per-user database lives, shared by the CLI and the desktop app.

use std::path::PathBuf;

/// The application identifier: the per-user data folder's name.
pub const APP_IDENTIFIER: &str = "org.mabos.planner";

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "MABOS_PLANNER_DB";

/// `$MABOS_PLANNER_DB` when set, otherwise `planner.db` in the per-user data folder
/// (`$XDG_DATA_HOME/org.mabos.planner`, usually `~/.local/share/org.mabos.planner`).
pub fn default_database_path() -> PathBuf {
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER).join("planner.db")
}
