//! JSON export and import of plans and whole workspaces (format version 1).
//!
//! The JSON file format of plans and whole workspaces (version 1), without a database.
//!
//! A [`Document`] (the format, [`v1`]) is written as deterministic, pretty JSON
//! (`write`). A file is read back in stages, each in its own module: `input` reads the
//! bytes (a regular file of at most [`MAX_IMPORT_BYTES`]), `read` parses (syntax,
//! envelope, types), `validate` checks the whole document in memory with the domain's
//! rules, collecting every problem (`problems`). A refusal is an
//! [`Error::Import`](crate::Error::Import) with a JSON pointer into the file, or, for
//! two problems or more, an [`Error::ImportProblems`](crate::Error::ImportProblems)
//! listing up to [`MAX_IMPORT_PROBLEMS`](crate::MAX_IMPORT_PROBLEMS) of them. Reading rows into a document (`db::export`) and writing a
//! checked document as one gesture (`ops::import`) are the store's side.
//! docs/json-export.md describes the format and rules. Tasks alone also go out and
//! come in as CSV (`csv`, docs/csv.md), checked and refused the same way.

pub(crate) mod columns;
pub(crate) mod convert;
pub mod csv;
mod cycles;
mod input;
pub(crate) mod pointer;
pub(crate) mod read;
pub mod v1;
pub(crate) mod validate;
pub(crate) mod problems;
mod values;
pub(crate) mod write;

pub use self::csv::TasksImportReport;
pub use input::{read_file, read_stream, MAX_IMPORT_BYTES};
pub use v1::{Document, DocumentKind};
pub use write::{to_text, GENERATOR};

use crate::Result;
use serde::Serialize;

/// What an import added, per entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportReport {
    pub kind: DocumentKind,
    /// Capabilities the file declared that the database did not have.
    pub capabilities_created: usize,
    /// Capabilities the file declared that the database had already (merged by name).
    pub capabilities_reused: usize,
    pub agents: usize,
    pub goals: usize,
    pub actions: usize,
    pub methods: usize,
    pub plans: usize,
    pub steps: usize,
    pub tasks: usize,
    /// Facts of the recorded world state (left out of the JSON when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub facts: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Parses and checks a file as the importer does, without any database: the document,
/// or every reason to refuse it (a syntax or type error stops the parse at its first). An import can still be refused afterwards for a
/// key that the target database already holds.
pub fn validate_document(json: &str) -> Result<Document> {
    let doc = read::parse(json)?;
    validate::check(&doc)?;
    Ok(doc)
}
