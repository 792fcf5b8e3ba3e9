//! Reading a file into a [`Document`]: JSON syntax, the envelope (format and version),
//! then the typed structure. Every refusal carries a JSON pointer.
//!
//! A good file is parsed once, straight into the typed document (whose envelope
//! validation checks, as for a document built in code). Only a bad one is read again,
//! slowly: first for its envelope (so that a file of another format or version is
//! refused as such, not for its fields), then with serde_path_to_error for the pointer.

use super::pointer;
use super::v1::{Document, FORMAT, SUPPORTED_VERSIONS};
use crate::{Error, Result};
use serde::Deserialize;
use serde_json::error::Category;
use serde_json::Value;

pub(crate) fn parse(json: &str) -> Result<Document> {
    if is_object(json) {
        if let Ok(doc) = serde_json::from_str::<Document>(json) {
            return Ok(doc);
        }
    }
    Err(explain(json))
}

/// The envelope of a typed document: what [`envelope`] checks in a file's text.
pub(crate) fn check_envelope(doc: &Document) -> Result<()> {
    check_format(Some(&Value::String(doc.format.clone())))?;
    check_version(Some(&Value::from(doc.version)))
}

/// Serde would also read a struct from a JSON array, field by field: not a file.
fn is_object(json: &str) -> bool {
    json.trim_start().starts_with('{')
}

/// Why `json` is not a readable document.
fn explain(json: &str) -> Error {
    if let Err(e) = envelope(json) {
        return e;
    }
    let mut de = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, Document>(&mut de) {
        Err(e) => Error::import(pointer::from_path(e.path()), e.inner().to_string()),
        Ok(_) => match de.end() {
            Err(e) => syntax(e),
            // The fast path refused what the slow one accepts: should not happen.
            Ok(()) => Error::import("", "the file could not be read"),
        },
    }
}

/// Only what identifies the file; everything else is skipped.
#[derive(Deserialize)]
struct Envelope {
    format: Option<Value>,
    version: Option<Value>,
}

fn envelope(json: &str) -> Result<()> {
    let not_object = || Error::import("", format!("not a {FORMAT} file: it must be a JSON object with `format` and `version`"));
    let envelope: Envelope = serde_json::from_str(json).map_err(|e| match e.classify() {
        Category::Data if is_object(json) => Error::import("", e.to_string()),
        Category::Data => not_object(),
        _ => syntax(e),
    })?;
    if !is_object(json) {
        return Err(not_object());
    }
    check_format(envelope.format.as_ref())?;
    check_version(envelope.version.as_ref())
}

fn syntax(e: serde_json::Error) -> Error {
    match e.classify() {
        Category::Eof => Error::import("", format!("the file ends too early (is it truncated?): {e}")),
        _ => Error::import("", format!("not valid JSON: {e}")),
    }
}

fn check_format(format: Option<&Value>) -> Result<()> {
    match format {
        Some(Value::String(f)) if f == FORMAT => Ok(()),
        None => Err(Error::import("", format!("missing field `format`: not a {FORMAT} file"))),
        Some(other) => Err(Error::import("/format", format!("not a {FORMAT} file: the format is {other}, not \"{FORMAT}\""))),
    }
}

fn check_version(version: Option<&Value>) -> Result<()> {
    let supported = SUPPORTED_VERSIONS.map(|v| v.to_string()).join(", ");
    let newest = SUPPORTED_VERSIONS.iter().max().copied().unwrap_or(0);
    match version {
        None => Err(Error::import("", format!("missing field `version` (supported versions: {supported})"))),
        Some(v) => match v.as_u64() {
            Some(n) if SUPPORTED_VERSIONS.iter().any(|&s| u64::from(s) == n) => Ok(()),
            Some(n) if n > u64::from(newest) => Err(Error::import(
                "/version",
                format!("version {n} is newer than this program reads (supported versions: {supported}); update mabos-planner"),
            )),
            Some(n) => Err(Error::import("/version", format!("unsupported version {n} (supported versions: {supported})"))),
            None => Err(Error::import("/version", format!("must be a whole number (supported versions: {supported}), not {v}"))),
        },
    }
}
