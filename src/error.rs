//! The core's typed errors. Each names the entity, its key and, where one is at fault,
//! the field, so that a shell can show the message where the user acted.

use crate::domain::{AssignmentConflict, Entity, GoalFailure, Invalid, SelectionProblem, TaskRefusal};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{entity} {key}: {field} {reason}")]
    Invalid { entity: Entity, key: String, field: String, reason: String },

    #[error("no {entity} has the key {key:?}")]
    NotFound { entity: Entity, key: String },

    #[error("{} with the key {key:?} already exists", entity.with_article())]
    DuplicateKey { entity: Entity, key: String },

    /// Adding the link would close a cycle; `cycle` runs from the first key back to it.
    #[error("{entity} {relation} would form a cycle: {}", cycle.join(" → "))]
    Cycle { entity: Entity, relation: &'static str, cycle: Vec<String> },

    #[error("{entity} {key} cannot go from {from} to {to}")]
    InvalidTransition { entity: Entity, key: String, from: String, to: String },

    #[error("agent {agent} cannot take task {task}: it needs {capability} at level {required}{}",
        match held { Some(l) => format!(", the agent has level {l}"), None => ", the agent lacks it".into() })]
    MissingCapability { task: String, agent: String, capability: String, required: u8, held: Option<u8> },

    #[error("agent {agent} is inactive and cannot take task {task}")]
    AgentInactive { task: String, agent: String },

    #[error("task {task} waits on {}, which {} not done", waiting_on.join(", "), if waiting_on.len() == 1 { "is" } else { "are" })]
    TaskWaiting { task: String, waiting_on: Vec<String> },

    /// An agent reported on a task it does not hold; `assignee` is who holds it.
    #[error("agent {agent} cannot report on task {task}: {}", match assignee { Some(a) => format!("it is assigned to {a}"), None => "it is unassigned".into() })]
    NotAssignee { task: String, agent: String, assignee: Option<String> },

    /// A report with this id was applied already (its gesture is event `seq`, `None` when
    /// it changed no row); nothing was changed this time.
    #[error("report {id:?} was applied already{}", seq.map(|s| format!(" (event {s})")).unwrap_or_default())]
    ReportAlreadyApplied { id: String, seq: Option<i64> },

    #[error("{entity} {key} is still used by {}", used_by.join(", "))]
    InUse { entity: Entity, key: String, used_by: Vec<String> },

    /// A synthesis result without a plan was given to be saved; `reason` says why it has none.
    #[error("goal {goal}: no plan to save: {reason}")]
    NoPlan { goal: String, reason: String },
    /// Starting a plan needs at least one step to turn into a task.
    #[error("plan {plan} has no steps: there is nothing to start")]
    PlanEmpty { plan: String },

    /// A plan is started once at a time: its steps already have open tasks.
    #[error("plan {plan} already has open tasks: {}", tasks.join(", "))]
    PlanHasOpenTasks { plan: String, tasks: Vec<String> },

    /// A failed task has no repair (or not the one asked for); `reason` says why.
    #[error("task {task} cannot be repaired: {reason}")]
    NoRepair { task: String, reason: String },
    /// No method of the goal (or of a sub-goal below it) could be used; `failure`
    /// explains every method tried.
    #[error("goal {goal} cannot be decomposed: {}", failure.summary())]
    NotDecomposable { goal: String, failure: Box<GoalFailure> },

    #[error("nothing to undo")]
    NothingToUndo,

    #[error("nothing to redo")]
    NothingToRedo,

    /// Undo or redo refused: a later gesture by another author (event `seq`) changed rows
    /// this step changed too. Nothing was changed.
    #[error("cannot {action}: {author} changed the same rows since (event {seq}: {entity} {key} {kind}); undo that first or make the change by hand")]
    UndoConflict { action: &'static str, seq: i64, author: String, entity: String, key: String, kind: String },

    /// Undo or redo refused: the step (event `seq`) was recorded at an older schema
    /// version and cannot be applied to this one. The author's `dropped` steps from
    /// before the upgrade were taken out of the history, so older steps do not block.
    #[error("cannot {action} event {seq}: it was recorded at schema version {recorded}, the database is now at version {current}; {dropped} step(s) from before the upgrade can no longer be undone or redone and were dropped from your history")]
    HistoryFromOlderSchema { action: &'static str, seq: i64, recorded: i64, current: i64, dropped: usize },

    /// Undo or redo refused: the rows are not as the step left them, and no later
    /// gesture of another author explains it (`cause` says what SQLite found).
    #[error("cannot {action} event {seq}: {cause}")]
    HistoryConflict { action: &'static str, seq: i64, cause: &'static str },

    /// An import file was refused for one problem; `pointer` is a JSON pointer into it
    /// ("" for the whole file).
    #[error("{}: {message}", if pointer.is_empty() { "file" } else { pointer.as_str() })]
    Import { pointer: String, message: String },

    /// An import file was refused for two problems or more, in file order: at most
    /// [`MAX_IMPORT_PROBLEMS`] of them, and `truncated` when the file has more.
    /// Displayed as a count line, then one `pointer: message` line per problem.
    #[error("{}", problem_lines(problems, *truncated))]
    ImportProblems { problems: Vec<ImportProblem>, truncated: bool },

    /// A proposed assignment no longer holds: the workspace changed after planning.
    #[error("cannot assign task {task} to agent {agent}: {reason}")]
    StaleAssignment { task: String, agent: String, reason: AssignmentConflict },

    /// A bulk assignment none of whose tasks the agent may take (or, with no agent, none of
    /// which may be unassigned); `refused` says why for each, in the order asked. Nothing
    /// was changed.
    #[error("{} none of the {} tasks: {}", match agent { Some(a) => format!("agent {a} can take"), None => "cannot unassign".into() }, refused.len(), refused.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join("; "))]
    NoneAssigned { agent: Option<String>, refused: Vec<TaskRefusal> },

    /// A bulk edit that two selected entities or more cannot take; nothing was changed.
    /// `problems` names each (its first problem), in the order selected: at most
    /// [`MAX_IMPORT_PROBLEMS`], and `truncated` when there are more.
    #[error("{}", selection_lines(*entity, problems, *truncated))]
    SelectionRefused { entity: Entity, problems: Vec<SelectionProblem>, truncated: bool },

    /// A bulk gesture named no key at all.
    #[error("no {entity} selected: select at least one")]
    NothingSelected { entity: Entity },

    /// A bulk gesture named more keys than one gesture takes ([`crate::MAX_BULK_KEYS`]).
    #[error("{count} {entity} keys in one gesture: at most {max} are taken at once; select fewer")]
    TooManyKeys { entity: Entity, count: usize, max: usize },

    /// A row read from the database breaks a rule the store keeps (a missing row it
    /// points at, a loop): the file was written behind the store's back. `check` lists
    /// every such problem.
    #[error("{entity} {key}: the stored data is inconsistent: {problem} (run `check`)")]
    BrokenRow { entity: Entity, key: String, problem: String },
    /// The file is not a planner database; it was left as it was.
    #[error("{path} is not a planner database: {reason}")]
    NotPlannerDatabase { path: String, reason: Foreign },

    /// The file's schema history names a version this build does not know; it was left untouched.
    #[error("{path} was written by a newer version of MABOS Planner (schema version {version}, {name}); this version knows schema versions up to {known}, so the file was left untouched")]
    SchemaTooNew { path: String, version: i64, name: String, known: i64 },

    /// Opened read-only, a file whose schema is older than this build's cannot be read.
    #[error("{path} has schema version {version} and this version reads version {current}: open it once with write access to upgrade it (a backup is written first)")]
    SchemaTooOld { path: String, version: i64, current: i64 },

    /// The file's schema history disagrees with this build's migration of the same version.
    #[error("{path}: schema version {version} ({name}) does not match this version's migrations; the file was left untouched")]
    SchemaMismatch { path: String, version: i64, name: String },

    /// The database cannot be written: the file, its folder or the file system is
    /// read-only, or it was opened read-only.
    #[error("the database is read-only: {detail}")]
    ReadOnly { detail: String },

    /// SQLite found the file damaged (SQLITE_CORRUPT, or SQLITE_NOTADB past the header).
    #[error("the database file is corrupt: {detail}")]
    Corrupt { detail: String },

    /// Another connection held a lock for longer than the busy timeout.
    #[error("the database is locked by another process: {detail}")]
    Locked { detail: String },

    #[error("database: {0}")]
    Database(rusqlite::Error),

    #[error("migration: {0}")]
    Migration(#[from] refinery::Error),

    /// A drawing could not be made (a bad node size from the caller).
    #[error("layout: {0}")]
    Layout(#[from] crate::layout::LayoutError),

    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },

    /// A PDDL file was refused: `line` and `column` (from 1; 0 for the whole file) say
    /// where, `message` why — for a feature outside the subset, the requirement it needs.
    #[error("{file}{}: {message}", if *line == 0 { String::new() } else { format!(" {line}:{column}") })]
    Pddl { file: PddlFile, line: u32, column: u32, message: String },
}

/// Which of the two files an error is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PddlFile {
    /// The domain file.
    Domain,
    /// The problem file.
    Problem,
}

impl std::fmt::Display for PddlFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PddlFile::Domain => "domain",
            PddlFile::Problem => "problem",
        })
    }
}

/// Why a file is not a planner database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// Not a SQLite database at all.
    NotSqlite,
    /// A SQLite database stamped with another application's `PRAGMA application_id`.
    OtherApplication(i32),
    /// A SQLite database with tables of its own but neither our application id nor our
    /// schema history.
    NoPlannerSchema,
}

impl std::fmt::Display for Foreign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Foreign::NotSqlite => f.write_str("it is not a SQLite database"),
            Foreign::OtherApplication(id) => write!(f, "it belongs to another application (application_id {id:#010x})"),
            Foreign::NoPlannerSchema => f.write_str("it is another application's SQLite database (it has tables but no planner schema)"),
        }
    }
}

/// SQLite's failures by what actually failed: read-only, corrupt, locked, or anything else.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode as Code;
        match e.sqlite_error_code() {
            Some(Code::ReadOnly) => Error::ReadOnly { detail: e.to_string() },
            Some(Code::DatabaseCorrupt | Code::NotADatabase) => Error::Corrupt { detail: e.to_string() },
            Some(Code::DatabaseBusy | Code::DatabaseLocked) => Error::Locked { detail: e.to_string() },
            _ => Error::Database(e),
        }
    }
}

/// The most problems a refused import lists; the checks go on past it (they are
/// linear), but only the first ones are kept.
pub const MAX_IMPORT_PROBLEMS: usize = 100;

/// One reason an import file was refused: where (a JSON pointer, "" for the whole
/// file) and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportProblem {
    /// RFC 6901 pointer into the file, such as `/goals/3/title`.
    pub pointer: String,
    /// What is wrong there, in a sentence.
    pub message: String,
}

fn selection_lines(entity: Entity, problems: &[SelectionProblem], truncated: bool) -> String {
    let mut out = format!("{}{} {entity}s cannot take the edit, so none was changed:", if truncated { "more than " } else { "" }, problems.len());
    for p in problems {
        out.push_str(&format!("\n{}: {}", p.key, p.message));
    }
    if truncated {
        out.push_str(&format!("\n(only the first {MAX_IMPORT_PROBLEMS} are listed)"));
    }
    out
}

fn problem_lines(problems: &[ImportProblem], truncated: bool) -> String {
    let mut out = format!("the file has {}{} problems:", if truncated { "more than " } else { "" }, problems.len());
    for p in problems {
        out.push('\n');
        out.push_str(if p.pointer.is_empty() { "file" } else { &p.pointer });
        out.push_str(": ");
        out.push_str(&p.message);
    }
    if truncated {
        out.push_str(&format!("\n(only the first {MAX_IMPORT_PROBLEMS} are listed)"));
    }
    out
}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Error {
        let Invalid { entity, key, field, reason } = invalid;
        Error::Invalid { entity, key, field, reason }
    }
}

impl Error {
    pub(crate) fn invalid(entity: Entity, key: &str, field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Invalid { entity, key: key.to_owned(), field: field.into(), reason: reason.into() }
    }

    pub(crate) fn not_found(entity: Entity, key: &str) -> Error {
        Error::NotFound { entity, key: key.to_owned() }
    }

    pub(crate) fn import(pointer: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Import { pointer: pointer.into(), message: message.into() }
    }

    /// Every problem of a refused import, whichever of the two import variants carries
    /// them, and whether the list was cut at [`MAX_IMPORT_PROBLEMS`]; `None` for any
    /// other error. What a shell lists, one problem per line.
    pub fn import_problems(&self) -> Option<(Vec<ImportProblem>, bool)> {
        match self {
            Error::Import { pointer, message } => Some((vec![ImportProblem { pointer: pointer.clone(), message: message.clone() }], false)),
            Error::ImportProblems { problems, truncated } => Some((problems.clone(), *truncated)),
            _ => None,
        }
    }

    /// The field at fault, when one is: what a form highlights.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::DuplicateKey { .. } => Some("key"),
            _ => None,
        }
    }

    /// The field of an agent report ([`crate::AgentReport`]) a refusal of it is about:
    /// `agent` (unknown, or not the assignee), `task` (unknown), `status` (a move the life
    /// cycle forbids, or a task still waiting), `id`, or the field an [`Error::Invalid`]
    /// names; `None` for errors that are not about the report (the database).
    pub fn report_field(&self) -> Option<&str> {
        match self {
            Error::NotFound { entity: Entity::Agent, .. } | Error::NotAssignee { .. } | Error::AgentInactive { .. } | Error::MissingCapability { .. } => Some("agent"),
            Error::NotFound { entity: Entity::Task, .. } => Some("task"),
            Error::InvalidTransition { .. } | Error::TaskWaiting { .. } => Some("status"),
            Error::ReportAlreadyApplied { .. } => Some("id"),
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// A stable, machine-readable name for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::DuplicateKey { .. } => "duplicate_key",
            Error::Cycle { .. } => "cycle",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::MissingCapability { .. } => "missing_capability",
            Error::AgentInactive { .. } => "agent_inactive",
            Error::TaskWaiting { .. } => "task_waiting",
            Error::NotAssignee { .. } => "not_assignee",
            Error::ReportAlreadyApplied { .. } => "report_already_applied",
            Error::InUse { .. } => "in_use",
            Error::NoPlan { .. } => "no_plan",
            Error::PlanEmpty { .. } => "plan_empty",
            Error::PlanHasOpenTasks { .. } => "plan_has_open_tasks",
            Error::NoRepair { .. } => "no_repair",
            Error::NotDecomposable { .. } => "not_decomposable",
            Error::NothingToUndo => "nothing_to_undo",
            Error::NothingToRedo => "nothing_to_redo",
            Error::UndoConflict { .. } => "undo_conflict",
            Error::HistoryFromOlderSchema { .. } => "history_from_older_schema",
            Error::HistoryConflict { .. } => "history_conflict",
            Error::Import { .. } | Error::ImportProblems { .. } => "import",
            Error::StaleAssignment { .. } => "stale_assignment",
            Error::NoneAssigned { .. } => "none_assigned",
            Error::SelectionRefused { .. } => "selection_refused",
            Error::NothingSelected { .. } => "nothing_selected",
            Error::TooManyKeys { .. } => "too_many_keys",
            Error::NotPlannerDatabase { .. } => "not_planner_database",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::SchemaTooOld { .. } => "schema_too_old",
            Error::SchemaMismatch { .. } => "schema_mismatch",
            Error::ReadOnly { .. } => "read_only",
            Error::Corrupt { .. } => "corrupt",
            Error::Locked { .. } => "locked",
            Error::BrokenRow { .. } => "broken_row",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Layout(_) => "layout",
            Error::Io { .. } => "io",
            Error::Pddl { .. } => "pddl",
        }
    }
}
