//! JSON export and import of plans and whole workspaces (format version 1).
//!
//! Export reads the database into a [`Document`] (the file format, [`v1`]) and writes
//! it as deterministic, pretty JSON. Import reads a file back in three stages, each in
//! its own module: `read` parses (syntax, envelope, types), `validate` checks the
//! whole document in memory, `apply` writes it as one gesture. A refusal at any stage
//! is an [`Error::Import`](crate::Error::Import) with a JSON pointer into the file, and
//! leaves the database untouched. docs/json-export.md describes the format and rules.
//!
//! This module knows the store only through its crate-internal helpers (validators and
//! insert functions); the store knows nothing about files.

mod apply;
mod columns;
mod convert;
mod cycles;
mod pointer;
mod read;
pub mod v1;
mod validate;
mod values;
mod write;

pub use v1::{Document, DocumentKind};
pub use write::{to_text, GENERATOR};

use crate::store::Change;
use crate::{Entity, Result, Store};
use serde::Serialize;
use serde_json::json;

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
/// or the first reason to refuse it. An import can still be refused afterwards for a
/// key that the target database already holds.
pub fn validate_document(json: &str) -> Result<Document> {
    let doc = read::parse(json)?;
    validate::check(&doc)?;
    Ok(doc)
}

impl Store {
    /// The plan with `key` as a self-contained file: its goal's subtree, the actions its
    /// steps use, the tasks made from its steps, their assignees and the capabilities
    /// all these name. Links to anything else are left out.
    pub fn export_plan(&self, key: &str) -> Result<String> {
        Ok(to_text(&write::plan(self.connection(), key)?))
    }

    /// The whole workspace: everything but the event log and the undo history.
    pub fn export_workspace(&self) -> Result<String> {
        Ok(to_text(&write::workspace(self.connection())?))
    }

    /// Imports a plan or workspace file as one gesture (one event, one undo step).
    /// The whole file is checked first; on any refusal nothing is written.
    pub fn import(&mut self, json: &str) -> Result<ImportReport> {
        let doc = read::parse(json)?;
        self.import_document(doc)
    }

    /// Imports a document already parsed (or built in code), as [`Store::import`] does.
    pub fn import_document(&mut self, doc: Document) -> Result<ImportReport> {
        let (resolved, columns) = columns::alongside(&doc.goals, || validate::check(&doc));
        let resolved = resolved?;
        self.gesture(|conn| {
            let report = apply::apply(conn, doc, &resolved, &columns)?;
            let key = report.kind.as_str();
            Ok((report.clone(), Change::new(Entity::Workspace, key, "imported", json!(report))))
        })
    }
}
