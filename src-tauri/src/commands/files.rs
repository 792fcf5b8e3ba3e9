//! Files: JSON export and import, bytes to a chosen path, and which database is open.
//!
//! The UI asks for paths through native dialogs and passes them here; the commands take
//! plain paths so that they can also be driven without a dialog (the end-to-end tests
//! call them with known files). Export and import report their phases as
//! [`FILE_PROGRESS`] events, the last one with the outcome, which the UI's file panel
//! shows whoever started the work.

use super::Reply;
use crate::db::{run_blocking, Db};
use crate::error::CommandError;
use mabos_planner::export::ImportReport;
use mabos_planner::Error;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, State};


pub const FILE_PROGRESS: &str = "file-progress";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FileOperation {
    ExportPlan,
    ExportWorkspace,
    Import,
}

/// Where a file operation stands. Phases are the units of progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FilePhase {
    /// Reading the file (import) or the database (export).
    Reading,
    /// Checking the whole document and writing it as one gesture.
    Importing,
    /// Writing the file.
    Writing,
    Done,
    Failed,
}

/// The payload of [`FILE_PROGRESS`].
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FileProgress {
    pub operation: FileOperation,
    pub path: String,
    pub phase: FilePhase,
    /// Phases finished so far, out of `steps`.
    pub step: u8,
    pub steps: u8,
    /// Why it failed, when it did: every problem found, each with its place in the file.
    pub problems: Vec<FileProblem>,
    /// What an import added, when one succeeded.
    pub report: Option<ImportReport>,
}

/// One reason a file was refused. `pointer` is a JSON pointer into the file (`""` for
/// the whole file) when the problem is in the file's content.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FileProblem {
    pub pointer: Option<String>,
    pub message: String,
}

/// Reports one operation's phases.
struct Progress<'a> {
    app: &'a AppHandle,
    operation: FileOperation,
    path: String,
    steps: u8,
}

impl Progress<'_> {
    fn emit(&self, phase: FilePhase, step: u8, problems: Vec<FileProblem>, report: Option<ImportReport>) {
        let payload = FileProgress { operation: self.operation, path: self.path.clone(), phase, step, steps: self.steps, problems, report };
        if let Err(e) = self.app.emit(FILE_PROGRESS, payload) {
            tracing::warn!(error = %e, "cannot emit {FILE_PROGRESS}");
        }
    }

    /// Ends the operation: done, or failed with its problems.
    fn finish<T>(&self, outcome: Result<T, Failure>, report: impl FnOnce(&T) -> Option<ImportReport>) -> Reply<T> {
        match outcome {
            Ok(value) => {
                self.emit(FilePhase::Done, self.steps, Vec::new(), report(&value));
                Ok(value)
            }
            Err(failure) => {
                self.emit(FilePhase::Failed, 0, failure.problems, None);
                Err(failure.error)
            }
        }
    }
}

/// A refusal with the problems the file panel lists.
struct Failure {
    error: CommandError,
    problems: Vec<FileProblem>,
}

impl From<CommandError> for Failure {
    fn from(error: CommandError) -> Failure {
        let problems = vec![FileProblem { pointer: None, message: error.message.clone() }];
        Failure { error, problems }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        // The core stops at its first refusal; it carries the pointer into the file.
        let problems = match &error {
            Error::Import { pointer, message } => vec![FileProblem { pointer: Some(pointer.clone()), message: message.clone() }],
            other => vec![FileProblem { pointer: None, message: other.to_string() }],
        };
        Failure { error: error.into(), problems }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> CommandError {
    CommandError::new("io", format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `path` through a temporary file beside it, so that a failed write
/// never leaves half a file where a good one was.
fn write_file(path: &Path, bytes: &[u8]) -> Reply<()> {
    let name = path.file_name().ok_or_else(|| CommandError::new("io", format!("{}: not a file name", path.display())))?;
    let tmp = path.with_file_name(format!(".{}.part", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(path, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, e)
    })
}

async fn export(app: &AppHandle, db: &Db, operation: FileOperation, path: String, render: impl FnOnce(&mabos_planner::Store) -> mabos_planner::Result<String> + Send + 'static) -> Reply<()> {
    let progress = Progress { app, operation, path: path.clone(), steps: 2 };
    progress.emit(FilePhase::Reading, 0, Vec::new(), None);
    let outcome: Result<(), Failure> = async {
        let text = db.read(move |s| Ok(render(s)?)).await?;
        progress.emit(FilePhase::Writing, 1, Vec::new(), None);
        let target = PathBuf::from(&path);
        run_blocking(move || write_file(&target, text.as_bytes())).await?;
        Ok(())
    }
    .await;
    progress.finish(outcome, |_| None)
}

/// Writes the plan `key` as a self-contained JSON file (the core's deterministic export).
#[tauri::command]
pub async fn export_plan(app: AppHandle, db: State<'_, Db>, key: String, path: String) -> Reply<()> {
    export(&app, &db, FileOperation::ExportPlan, path, move |s| s.export_plan(&key)).await
}

/// Writes the whole workspace as JSON (the core's deterministic export).
#[tauri::command]
pub async fn export_workspace(app: AppHandle, db: State<'_, Db>, path: String) -> Reply<()> {
    export(&app, &db, FileOperation::ExportWorkspace, path, |s| s.export_workspace()).await
}

/// Imports a plan or workspace file as one gesture (one undo step). On refusal nothing
/// changes and the problems go to the file panel with their pointers.
#[tauri::command]
pub async fn import_file(app: AppHandle, db: State<'_, Db>, path: String) -> Reply<ImportReport> {
    let progress = Progress { app: &app, operation: FileOperation::Import, path: path.clone(), steps: 2 };
    progress.emit(FilePhase::Reading, 0, Vec::new(), None);
    let outcome: Result<ImportReport, Failure> = async {
        let source = PathBuf::from(&path);
        let text = run_blocking(move || std::fs::read_to_string(&source).map_err(|e| io_error(&source, e))).await?;
        progress.emit(FilePhase::Importing, 1, Vec::new(), None);
        // Kept apart from CommandError so that the pointer reaches the panel whole.
        let imported = db.write(&app, move |s| Ok(s.import(&text))).await?;
        Ok(imported?)
    }
    .await;
    progress.finish(outcome, |summary| Some(summary.clone()))
}

/// Writes bytes (an image of a graph, for instance) to a path chosen in a save dialog.
#[tauri::command]
pub async fn save_bytes(path: String, bytes: Vec<u8>) -> Reply<()> {
    run_blocking(move || write_file(Path::new(&path), &bytes)).await
}

/// Creates a new, empty database at `path` and switches to it. Refused when a file is
/// there already (Open database opens existing ones).
#[tauri::command]
pub async fn new_database(app: AppHandle, db: State<'_, Db>, path: String) -> Reply<()> {
    let path = PathBuf::from(path);
    if path.exists() {
        return Err(CommandError::new("exists", format!("{} already exists: open it with Open database…", path.display())));
    }
    db.switch(&app, path).await
}

/// Switches to the existing database at `path` (its schema brought up to date).
#[tauri::command]
pub async fn open_database(app: AppHandle, db: State<'_, Db>, path: String) -> Reply<()> {
    let path = PathBuf::from(path);
    if !path.is_file() {
        return Err(CommandError::new("not_found", format!("{} is not a database file", path.display())));
    }
    db.switch(&app, path).await
}
