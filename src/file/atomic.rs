//! Reading a file whole, and replacing one atomically.
//!
//! keytool truncates the store and writes it in place, so a full disk or a crash leaves a
//! damaged file. Here a save writes a temporary file in the same folder, flushes it to disk,
//! gives it the old file's permissions (0600 for a new file on Unix) and renames it over the
//! store; a symbolic link is followed and kept, as Debian's `cacerts` link needs.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;

pub(crate) fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Error {
    let path = path.to_owned();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

/// Reads a whole file; a missing file is [`Error::NotFound`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_owned(),
        },
        _ => io_error("read", path)(e),
    })
}

/// The file a write must replace: the target of a symbolic link, or the path itself.
pub(crate) fn write_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The prefix of the temporary files a save of `target` creates next to it.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "keystore".into(), |n| n.to_string_lossy());
    format!(".{name}.")
}

/// Replaces `path` with `bytes` so that readers see the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let target = write_target(path);
    let dir = parent_dir(&target);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_error("create a temporary file in", dir))?;
    tmp.write_all(bytes)
        .map_err(io_error("write", tmp.path()))?;
    if let Ok(old) = fs::metadata(&target) {
        keep_metadata(tmp.as_file(), &old);
    }
    tmp.as_file()
        .sync_all()
        .map_err(io_error("flush", tmp.path()))?;
    persist(tmp, &target)?;
    sync_dir(dir);
    Ok(())
}

/// How long a replace keeps trying while another program holds the file open.
const REPLACE_RETRY: Duration = Duration::from_secs(3);

/// Renames the temporary file over `target`. On Windows a rename fails while another
/// program (Java, an antivirus scanner, an indexer) has the file open without
/// `FILE_SHARE_DELETE`: such holds are brief, so the rename is retried for a bounded time;
/// the old file stays intact throughout, and the temporary file is removed on failure.
fn persist(tmp: tempfile::NamedTempFile, target: &Path) -> Result<(), Error> {
    let deadline = Instant::now() + REPLACE_RETRY;
    let mut tmp = tmp;
    loop {
        match tmp.persist(target) {
            Ok(_) => return Ok(()),
            Err(e) if is_sharing_violation(&e.error) && Instant::now() < deadline => {
                tmp = e.file;
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => return Err(io_error("replace", target)(e.error)),
        }
    }
}

/// A failure that another process holding the file causes, and that ends when it lets go.
fn is_sharing_violation(e: &io::Error) -> bool {
    // ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Best effort: a leftover that cannot be removed does no harm beyond its disk space.
pub(crate) fn remove_orphans(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(dir) = fs::read_dir(parent_dir(target)) else {
        return;
    };
    for entry in dir.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") && name.len() > prefix.len() + 4 {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Gives the new file the old one's permissions and, where allowed, its owner.
fn keep_metadata(new: &File, old: &fs::Metadata) {
    // Best effort: failing to copy metadata must not stop a save that would otherwise work.
    let _ = new.set_permissions(old.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(now) = new.metadata()
            && (now.uid(), now.gid()) != (old.uid(), old.gid())
        {
            let _ = std::os::unix::fs::fchown(new, Some(old.uid()), Some(old.gid()));
        }
    }
}

/// Makes the rename itself durable (Unix); Windows has no directory handles to flush.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_keeps_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ks.jks");
        write_atomic(&p, b"one").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn writes_go_through_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        let link = dir.path().join("link");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn missing_file_is_not_found() {
        let err = read_file(Path::new("/nonexistent/dir/ks.jks")).unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }));
    }
}
