//! Native open and save dialogs, run from Rust. The webview never names a path: a
//! command that reads or writes a file asks the user here and uses only what the dialog
//! returned, so a compromised page can at most open a dialog, never write ~/.bashrc.
//!
//! End-to-end tests cannot drive a native dialog through WebDriver. When the app is
//! started with `MABOS_PLANNER_DIALOG_ANSWERS` set to a file, each dialog takes the first
//! line of that file as its answer instead (an empty or missing line means cancelled).
//! Whoever sets a process's environment can already write any file it can, so the hook
//! gives the webview nothing.

use crate::db::run_blocking;
use crate::error::CommandError;
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The variable that points the dialogs at a file of answers (tests only).
pub const ANSWERS_VARIABLE: &str = "MABOS_PLANNER_DIALOG_ANSWERS";

/// What a dialog asks for.
pub enum Ask {
    /// An existing file to read.
    Open,
    /// Where to write, starting from this file name.
    Save { file_name: String },
}

/// One dialog: its title, what it asks, and the files it shows.
pub struct Dialog {
    pub title: String,
    pub ask: Ask,
    pub filter: Filter,
}

/// A named set of file extensions.
pub struct Filter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

pub const JSON_FILES: Filter = Filter { name: "JSON", extensions: &["json"] };
pub const DATABASE_FILES: Filter = Filter { name: "Planner database", extensions: &["db", "sqlite"] };
pub const CSV_FILES: Filter = Filter { name: "CSV", extensions: &["csv"] };
pub const PDDL_FILES: Filter = Filter { name: "PDDL", extensions: &["pddl"] };
pub const PNG_FILES: Filter = Filter { name: "PNG image", extensions: &["png"] };
pub const SVG_FILES: Filter = Filter { name: "SVG image", extensions: &["svg"] };
pub const HTML_FILES: Filter = Filter { name: "HTML page", extensions: &["html", "htm"] };

/// Shows the dialog and waits for the user: the chosen path, or `None` when cancelled.
pub async fn choose(app: &AppHandle, dialog: Dialog) -> Result<Option<PathBuf>, CommandError> {
    if let Some(answers) = std::env::var_os(ANSWERS_VARIABLE) {
        return run_blocking(move || next_answer(&PathBuf::from(answers))).await;
    }
    let builder = app.dialog().file().set_title(dialog.title).add_filter(dialog.filter.name, dialog.filter.extensions);
    run_blocking(move || {
        let chosen = match dialog.ask {
            Ask::Open => builder.blocking_pick_file(),
            Ask::Save { file_name } => builder.set_file_name(file_name).blocking_save_file(),
        };
        chosen
            .map(|path| path.into_path().map_err(|e| CommandError::new("io", format!("the dialog returned no local file: {e}"))))
            .transpose()
    })
    .await
}

/// The first line of the answers file, which is removed from it.
fn next_answer(answers: &std::path::Path) -> Result<Option<PathBuf>, CommandError> {
    let text = std::fs::read_to_string(answers).unwrap_or_default();
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let answer = (!first.trim().is_empty()).then(|| PathBuf::from(first.trim()));
    std::fs::write(answers, rest).map_err(|e| CommandError::new("io", format!("{}: {e}", answers.display())))?;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::next_answer;
    use std::path::PathBuf;

    #[test]
    fn answers_are_taken_in_order_and_a_blank_one_cancels() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("answers");
        std::fs::write(&answers, "/tmp/a.json\n\n/tmp/b.json\n").unwrap();
        assert_eq!(next_answer(&answers).unwrap(), Some(PathBuf::from("/tmp/a.json")));
        assert_eq!(next_answer(&answers).unwrap(), None);
        assert_eq!(next_answer(&answers).unwrap(), Some(PathBuf::from("/tmp/b.json")));
        assert_eq!(next_answer(&answers).unwrap(), None, "no answer left: cancelled");
    }
}
