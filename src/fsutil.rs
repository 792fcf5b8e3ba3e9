//! Writing a file so that it is either wholly replaced or left as it was. The new bytes
//! go to a temporary file with an unpredictable name in the target's own folder, which is
//! flushed to disk, renamed over the target, and the folder flushed in turn: a crash or a
//! full disk at any moment leaves the old file or the new one, never half of either. A
//! leaf library: it knows nothing of planners or databases.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (see the module docs). A target that exists and is
/// not a regular file (a terminal, `/dev/full`, a FIFO) is written in place instead, since
/// it cannot be replaced; every error, a short write to a full device included, is returned.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let mut out = fs::OpenOptions::new().write(true).open(path)?;
            out.write_all(bytes)?;
            out.flush()
        }
        _ => {
            let mut file = AtomicFile::create(path)?;
            file.file().write_all(bytes)?;
            file.commit()
        }
    }
}

/// A new file that replaces its target only when [`AtomicFile::commit`] succeeds; dropped
/// before that, it is removed and the target is left as it was.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl AtomicFile {
    /// An empty temporary file beside `target` (beside the file a symbolic link names, so
    /// that the link stays a link), with the target's permissions when it exists.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let target = match fs::symlink_metadata(target) {
            Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(target)?,
            _ => target.to_path_buf(),
        };
        let name = target.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
        let prefix = format!(".{}.", name.to_string_lossy());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        if let Some(permissions) = fs::metadata(&target).ok().map(|m| m.permissions()).or_else(default_permissions) {
            builder.permissions(permissions);
        }
        let temp = builder.tempfile_in(folder(&target))?;
        Ok(AtomicFile { temp, target })
    }

    /// Where the temporary file is, for writers that open a file by name.
    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// The temporary file, to write to.
    pub fn file(&mut self) -> &mut File {
        self.temp.as_file_mut()
    }

    /// Flushes the new file to disk, renames it over the target and flushes the folder.
    pub fn commit(self) -> io::Result<()> {
        self.temp.as_file().sync_all()?;
        let folder = folder(&self.target).to_path_buf();
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        sync_folder(&folder)
    }
}

/// Flushes a folder's entries (a rename in it) to disk.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Read and write for everyone, less the umask (which `open` applies): what a new file
/// written without this module would get.
fn default_permissions() -> Option<Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["out.json"]);
    }

    #[test]
    fn an_uncommitted_file_leaves_the_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.file().write_all(b"half").unwrap();
        let temp = file.path().to_path_buf();
        assert!(temp.file_name().unwrap().to_string_lossy().starts_with(".out.json."));
        drop(file);
        assert!(!temp.exists());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn a_full_device_is_an_error() {
        if Path::new("/dev/full").exists() {
            let e = write_atomic(Path::new("/dev/full"), &[b'x'; 1 << 16]).unwrap_err();
            assert_eq!(e.raw_os_error(), Some(28), "{e}"); // ENOSPC
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
