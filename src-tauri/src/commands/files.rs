//! Files: JSON export and import, and which database is open.
//!
//! Every command here asks for its path in a native dialog run from Rust
//! (`dialogs.rs`): the webview never names a path. Export and import report their phases as
//! [`FILE_PROGRESS`] events, the last one with the outcome, which the UI's file panel
//! shows whoever started the work.

use super::Reply;
use crate::db::{run_blocking, Db};
use crate::error::CommandError;
use mabos_planner::export::{ImportReport, TasksImportReport};
use mabos_planner::Error;
use serde::Serialize;
use crate::dialogs::{self, Ask, Dialog};
use crate::recent::Recent;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, Manager, State};


pub const FILE_PROGRESS: &str = "file-progress";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FileOperation {
    ExportPlan,
    ExportWorkspace,
    Import,
    /// A PDDL domain and problem, imported as actions and a goal.
    ImportPddl,
    /// Every task as CSV (docs/csv.md).
    ExportTasksCsv,
    ImportTasksCsv,
    /// One plan as a self-contained HTML report (docs/report.md).
    ExportPlanReport,
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
    /// What a CSV import of tasks added, when one succeeded.
    pub tasks_report: Option<TasksImportReport>,
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
    fn emit(&self, phase: FilePhase, step: u8, problems: Vec<FileProblem>, added: Added) {
        let payload = FileProgress {
            operation: self.operation,
            path: self.path.clone(),
            phase,
            step,
            steps: self.steps,
            problems,
            report: added.report,
            tasks_report: added.tasks_report,
        };
        if let Err(e) = self.app.emit(FILE_PROGRESS, payload) {
            tracing::warn!(error = %e, "cannot emit {FILE_PROGRESS}");
        }
    }

    /// Ends the operation: done (with what it added), or failed with its problems.
    fn finish<T>(&self, outcome: Result<T, Failure>, added: impl FnOnce(&T) -> Added) -> Reply<T> {
        match outcome {
            Ok(value) => {
                self.emit(FilePhase::Done, self.steps, Vec::new(), added(&value));
                Ok(value)
            }
            Err(failure) => {
                self.emit(FilePhase::Failed, 0, failure.problems, Added::default());
                Err(failure.error)
            }
        }
    }
}

/// What a finished import added, for the panel's last report (nothing for an export).
#[derive(Default)]
struct Added {
    report: Option<ImportReport>,
    tasks_report: Option<TasksImportReport>,
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
        // A refused import lists every problem the core found, each with its pointer.
        let problems = match error.import_problems() {
            Some((problems, truncated)) => {
                let mut listed: Vec<FileProblem> = problems.into_iter().map(|p| FileProblem { pointer: Some(p.pointer), message: p.message }).collect();
                if truncated {
                    listed.push(FileProblem { pointer: None, message: format!("… and more: the list stops at {}", mabos_planner::MAX_IMPORT_PROBLEMS) });
                }
                listed
            }
            None => vec![FileProblem { pointer: None, message: error.to_string() }],
        };
        Failure { error: error.into(), problems }
    }
}

fn io_error(path: &Path, e: std::io::Error) -> CommandError {
    CommandError::new("io", format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `path` as the core writes its exports: a temporary file beside it
/// with an unpredictable name, synced, renamed over the target, the folder synced. A
/// failed write leaves the old file as it was.
fn write_file(path: &Path, bytes: &[u8]) -> Reply<()> {
    mabos_planner::fsutil::write_atomic(path, bytes).map_err(|e| io_error(path, e))
}

async fn export(app: &AppHandle, db: &Db, operation: FileOperation, dialog: Dialog, render: impl FnOnce(&mabos_planner::Store) -> mabos_planner::Result<String> + Send + 'static) -> Reply<Option<String>> {
    let Some(target) = dialogs::choose(app, dialog).await? else {
        return Ok(None);
    };
    let path = target.display().to_string();
    let progress = Progress { app, operation, path: path.clone(), steps: 2 };
    progress.emit(FilePhase::Reading, 0, Vec::new(), Added::default());
    let outcome: Result<(), Failure> = async {
        let text = db.read(move |s| Ok(render(s)?)).await?;
        progress.emit(FilePhase::Writing, 1, Vec::new(), Added::default());
        run_blocking(move || write_file(&target, text.as_bytes())).await?;
        Ok(())
    }
    .await;
    progress.finish(outcome, |_| Added::default()).map(|()| Some(path))
}

/// Asks where to save plan `key` and writes it there as a self-contained JSON file (the
/// core's deterministic export): the path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_plan(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<Option<String>> {
    let dialog = Dialog { title: format!("Export plan {key}"), ask: Ask::Save { file_name: format!("{key}.json") }, filter: dialogs::JSON_FILES };
    export(&app, &db, FileOperation::ExportPlan, dialog, move |s| s.export_plan(&key)).await
}

/// Asks where to save plan `key`'s HTML report (docs/report.md: one self-contained
/// file with its verdict, totals, graph, timeline, steps and tasks, as of now) and writes
/// it there: the path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_plan_report(app: AppHandle, db: State<'_, Db>, key: String) -> Reply<Option<String>> {
    let dialog = Dialog { title: format!("Export plan {key} as an HTML report"), ask: Ask::Save { file_name: format!("{key}-report.html") }, filter: dialogs::HTML_FILES };
    export(&app, &db, FileOperation::ExportPlanReport, dialog, move |s| s.plan_report_html(&key, time::OffsetDateTime::now_utc())).await
}

/// Asks where to save the whole workspace and writes it there as JSON.
#[tauri::command]
pub async fn export_workspace(app: AppHandle, db: State<'_, Db>) -> Reply<Option<String>> {
    let dialog = Dialog { title: "Export workspace".into(), ask: Ask::Save { file_name: "workspace.json".into() }, filter: dialogs::JSON_FILES };
    export(&app, &db, FileOperation::ExportWorkspace, dialog, |s| s.export_workspace()).await
}

/// Asks for a plan or workspace file and imports it as one gesture (one undo step). Only
/// a regular file up to the core's size limit is read. On refusal nothing changes and
/// every problem goes to the file panel with its pointer. `None` when the user cancelled.
#[tauri::command]
pub async fn import_file(app: AppHandle, db: State<'_, Db>) -> Reply<Option<ImportReport>> {
    let dialog = Dialog { title: "Import JSON".into(), ask: Ask::Open, filter: dialogs::JSON_FILES };
    let Some(source) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    let progress = Progress { app: &app, operation: FileOperation::Import, path: source.display().to_string(), steps: 2 };
    progress.emit(FilePhase::Reading, 0, Vec::new(), Added::default());
    let outcome: Result<ImportReport, Failure> = async {
        let text = run_blocking(move || Ok(mabos_planner::export::read_file(&source))).await??;
        progress.emit(FilePhase::Importing, 1, Vec::new(), Added::default());
        // Kept apart from CommandError so that the pointers reach the panel whole.
        let imported = db.write(&app, move |s| Ok(s.import(&text))).await?;
        Ok(imported?)
    }
    .await;
    progress.finish(outcome, |summary| Added { report: Some(summary.clone()), ..Added::default() }).map(Some)
}

/// Asks for a PDDL domain, then its problem, and imports them as one gesture: one
/// action per ground action, a goal with the problem's goal as postconditions and its
/// initial state as the world state (docs/pddl.md). Anything beyond STRIPS with types,
/// negative preconditions and equality is refused naming the requirement, with the
/// line and column; nothing changes then. `None` when the user cancelled either dialog.
#[tauri::command]
pub async fn import_pddl(app: AppHandle, db: State<'_, Db>) -> Reply<Option<ImportReport>> {
    let dialog = Dialog { title: "Import PDDL: the domain".into(), ask: Ask::Open, filter: dialogs::PDDL_FILES };
    let Some(domain) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    let dialog = Dialog { title: "Import PDDL: the problem".into(), ask: Ask::Open, filter: dialogs::PDDL_FILES };
    let Some(problem) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    let progress = Progress { app: &app, operation: FileOperation::ImportPddl, path: problem.display().to_string(), steps: 2 };
    progress.emit(FilePhase::Reading, 0, Vec::new(), Added::default());
    let outcome: Result<ImportReport, Failure> = async {
        let document = run_blocking(move || {
            // The same bounded reading as JSON (regular files only); the PDDL reader
            // bounds each text again, tighter.
            let read = |path: &Path| mabos_planner::export::read_file(path);
            Ok(read(&domain).and_then(|d| Ok((d, read(&problem)?))).and_then(|(d, p)| {
                mabos_planner::pddl::to_document(&d, &p, mabos_planner::pddl::ImportOptions { world_state: true })
            }))
        })
        .await??;
        progress.emit(FilePhase::Importing, 1, Vec::new(), Added::default());
        let imported = db.write(&app, move |s| Ok(s.import_document(document))).await?;
        Ok(imported?)
    }
    .await;
    progress.finish(outcome, |summary| Added { report: Some(summary.clone()), ..Added::default() }).map(Some)
}

/// Asks where to save every task as CSV (docs/csv.md: RFC 4180, UTF-8, CRLF) and
/// writes it there: the path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_tasks_csv(app: AppHandle, db: State<'_, Db>) -> Reply<Option<String>> {
    let dialog = Dialog { title: "Export tasks as CSV".into(), ask: Ask::Save { file_name: "tasks.csv".into() }, filter: dialogs::CSV_FILES };
    export(&app, &db, FileOperation::ExportTasksCsv, dialog, |s| s.export_tasks_csv(&mabos_planner::TaskFilter::default())).await
}

/// Asks for a CSV file of tasks and imports it as one gesture (one undo step), checked
/// whole first: on refusal nothing changes and every problem goes to the file panel with
/// its row and column (`/rows/3/priority`). `None` when the user cancelled.
#[tauri::command]
pub async fn import_tasks_csv(app: AppHandle, db: State<'_, Db>) -> Reply<Option<TasksImportReport>> {
    let dialog = Dialog { title: "Import tasks from CSV".into(), ask: Ask::Open, filter: dialogs::CSV_FILES };
    let Some(source) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    let progress = Progress { app: &app, operation: FileOperation::ImportTasksCsv, path: source.display().to_string(), steps: 2 };
    progress.emit(FilePhase::Reading, 0, Vec::new(), Added::default());
    let outcome: Result<TasksImportReport, Failure> = async {
        let text = run_blocking(move || Ok(mabos_planner::export::read_file(&source))).await??;
        progress.emit(FilePhase::Importing, 1, Vec::new(), Added::default());
        let imported = db.write(&app, move |s| Ok(s.import_tasks_csv(&text))).await?;
        Ok(imported?)
    }
    .await;
    progress.finish(outcome, |tasks| Added { tasks_report: Some(tasks.clone()), ..Added::default() }).map(Some)
}

/// Asks where to create a new, empty database and switches to it: its path, or `None`
/// when the user cancelled. Refused when a file is there already (Open database opens
/// existing ones).
#[tauri::command]
pub async fn new_database(app: AppHandle, db: State<'_, Db>) -> Reply<Option<String>> {
    let dialog = Dialog { title: "New database".into(), ask: Ask::Save { file_name: "planner.db".into() }, filter: dialogs::DATABASE_FILES };
    let Some(path) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    if path.exists() {
        return Err(CommandError::new("exists", format!("{} already exists: open it with Open database…", path.display())));
    }
    switch(&app, &db, path.clone()).await?;
    Ok(Some(path.display().to_string()))
}

/// Asks for an existing database and switches to it (its schema brought up to date).
#[tauri::command]
pub async fn open_database(app: AppHandle, db: State<'_, Db>) -> Reply<Option<String>> {
    let dialog = Dialog { title: "Open database".into(), ask: Ask::Open, filter: dialogs::DATABASE_FILES };
    let Some(path) = dialogs::choose(&app, dialog).await? else {
        return Ok(None);
    };
    if !path.is_file() {
        return Err(CommandError::new("not_found", format!("{} is not a database file", path.display())));
    }
    switch(&app, &db, path.clone()).await?;
    Ok(Some(path.display().to_string()))
}

/// The databases opened lately that still exist, newest first (File → Open recent).
#[tauri::command]
pub fn recent_databases(recent: State<'_, Recent>) -> Vec<String> {
    recent.existing().iter().map(|p| p.display().to_string()).collect()
}

/// Opens entry `index` of [`recent_databases`]: the page names an entry of the list the
/// app keeps, never a path.
#[tauri::command]
pub async fn open_recent(app: AppHandle, index: usize) -> Reply<String> {
    open_recent_at(&app, index).await
}

/// Opens entry `index` of the recent list (the menu's items and [`open_recent`]).
pub async fn open_recent_at(app: &AppHandle, index: usize) -> Reply<String> {
    let path = app.state::<Recent>().existing().get(index).cloned();
    let Some(path) = path else {
        return Err(CommandError::new("not_found", format!("there is no recent database number {index}")));
    };
    switch(app, &app.state::<Db>(), path.clone()).await?;
    Ok(path.display().to_string())
}

/// Makes `path` the open database, first in the recent list and the menu.
async fn switch(app: &AppHandle, db: &Db, path: PathBuf) -> Reply<()> {
    db.switch(app, path.clone()).await?;
    app.state::<Recent>().opened(&path);
    crate::menu::refresh(app);
    Ok(())
}
