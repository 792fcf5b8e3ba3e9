//! Reading an import file (JSON, or CSV of tasks) from disk or a stream, bounded: only a regular file of at
//! most [`MAX_IMPORT_BYTES`] is read, so `/dev/zero`, a FIFO or a folder is refused at
//! once, and a file that grows while it is read is still cut at the limit.

use crate::{Error, Result};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest import file read: 256 MiB. A workspace of 100,000 goals with their
/// conditions is about 60 MiB of JSON; past this limit a file is refused unread.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// The text of the import file at `path`, after checking that it is a regular file
/// (symbolic links are followed) no larger than [`MAX_IMPORT_BYTES`] and UTF-8.
/// Refusals are [`Error::Import`] with an empty pointer; failures of the system are
/// [`Error::Io`].
pub fn read_file(path: &Path) -> Result<String> {
    let io = |source| Error::Io { path: path.display().to_string(), source };
    // Look before opening: opening a FIFO would wait for a writer.
    check_kind(&std::fs::metadata(path).map_err(io)?, path)?;
    let file = File::open(path).map_err(io)?;
    // The file opened may not be the one looked at (it can be replaced in between).
    check_kind(&file.metadata().map_err(io)?, path)?;
    read_bounded(file, &path.display().to_string())
}

/// The text of a stream (standard input), read up to [`MAX_IMPORT_BYTES`]; `name`
/// says what it is in errors.
pub fn read_stream(reader: impl Read, name: &str) -> Result<String> {
    read_bounded(reader, name)
}

fn check_kind(meta: &std::fs::Metadata, path: &Path) -> Result<()> {
    let kind = meta.file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() { "a folder" } else { "not a regular file (a device, a FIFO or a socket)" };
        return Err(Error::import("", format!("{} is {what}: only a regular file is read", path.display())));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(too_large(&path.display().to_string()));
    }
    Ok(())
}

fn too_large(name: &str) -> Error {
    Error::import("", format!("{name} is larger than {} MiB, the largest file the importer reads", MAX_IMPORT_BYTES >> 20))
}

fn read_bounded(reader: impl Read, name: &str) -> Result<String> {
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from a longer one.
    reader.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes).map_err(|source| Error::Io { path: name.to_owned(), source })?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(name));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::import("", format!("{name} is not UTF-8 text (invalid byte at offset {}): an import file (JSON or CSV) is UTF-8", e.utf8_error().valid_up_to()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(outcome: Result<String>) -> String {
        match outcome {
            Err(Error::Import { pointer, message }) if pointer.is_empty() => message,
            other => panic!("expected a refusal of the whole file, got {other:?}"),
        }
    }

    #[test]
    fn refuses_what_is_not_a_regular_file_without_reading_it() {
        assert!(refusal(read_file(Path::new("/dev/zero"))).contains("not a regular file"));
        let dir = tempfile::tempdir().unwrap();
        assert!(refusal(read_file(dir.path())).contains("a folder"));
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Would block forever if it were opened.
            assert!(refusal(read_file(&fifo)).contains("not a regular file"));
        }
        assert!(matches!(read_file(&dir.path().join("missing.json")), Err(Error::Io { .. })));
    }

    #[test]
    fn reads_utf8_files_and_bounds_streams() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "{\"é\": 1}").unwrap();
        assert_eq!(read_file(&path).unwrap(), "{\"é\": 1}");
        std::fs::write(&path, [b'{', 0xff, b'}']).unwrap();
        assert!(refusal(read_file(&path)).contains("offset 1"));
        // An endless stream stops one byte past the limit.
        assert!(refusal(read_stream(std::io::repeat(b' '), "standard input")).contains("larger than 256 MiB"));
    }
}
