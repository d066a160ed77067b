//! The only module that touches files: reading, locking, and replacing a keystore atomically.
//!
//! keytool truncates the store and writes it in place, so a full disk or a crash leaves a
//! damaged file, and two keytools running at once lose each other's changes. Here a save
//! writes a temporary file in the same folder, flushes it to disk, gives it the old file's
//! permissions (0600 for a new file on Unix) and renames it over the store; a symbolic link is
//! followed and kept, as Debian's `cacerts` link needs. A read-modify-write holds an advisory
//! lock on a sidecar file `<store>.lock` (never deleted: deleting lock files races) for its
//! whole length.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::store::KeyStore;

/// How long [`KeyStore::save`] waits for another writer to finish.
pub(crate) const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(10);

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Error {
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
fn write_target(path: &Path) -> PathBuf {
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
    tmp.persist(&target)
        .map_err(|e| io_error("replace", &target)(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Best effort: a leftover that cannot be removed does no harm beyond its disk space.
fn remove_orphans(target: &Path) {
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

/// An advisory lock over a keystore path, held until dropped.
///
/// Use it around a whole read-modify-write so that concurrent writers lose nothing:
///
/// ```no_run
/// # use javakeystore::{FileLock, KeyStore};
/// # fn main() -> Result<(), javakeystore::Error> {
/// let lock = FileLock::acquire("server.jks".as_ref(), FileLock::DEFAULT_TIMEOUT)?;
/// let mut store = KeyStore::from_bytes(&lock.read()?, "changeit")?;
/// store.remove("old-cert")?;
/// lock.write(&store.to_bytes("changeit")?)?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    _lock: File,
}

impl FileLock {
    /// The default wait for another process's lock.
    pub const DEFAULT_TIMEOUT: Duration = DEFAULT_LOCK_TIMEOUT;

    /// Locks `path` (through `<target>.lock`), waiting up to `timeout` for another holder.
    pub fn acquire(path: &Path, timeout: Duration) -> Result<Self, Error> {
        let target = write_target(path);
        let mut lock_name = target.clone().into_os_string();
        lock_name.push(".lock");
        let lock_path = PathBuf::from(lock_name);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io_error("create the lock file", &lock_path))?;
        let deadline = Instant::now() + timeout;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        path: path.to_owned(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io_error("lock", &lock_path)(e)),
            }
        }
        Ok(Self {
            path: path.to_owned(),
            _lock: file,
        })
    }

    /// The keystore path this lock guards.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the keystore file.
    pub fn read(&self) -> Result<Vec<u8>, Error> {
        read_file(&self.path)
    }

    /// True when the keystore file exists.
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Replaces the keystore file atomically.
    ///
    /// Temporary files that a killed writer left next to the store are removed first: only
    /// the lock holder writes them, so under the lock any that exist are orphans.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        remove_orphans(&write_target(&self.path));
        write_atomic(&self.path, bytes)
    }
}

impl KeyStore {
    /// Reads a keystore file of any supported format and verifies it with `password`.
    pub fn load(path: impl AsRef<Path>, password: &str) -> Result<Self, Error> {
        Self::from_vec(read_file(path.as_ref())?, Some(password))
    }

    /// Reads a keystore file without verifying its integrity (see
    /// [`KeyStore::from_bytes_unverified`]).
    pub fn load_unverified(path: impl AsRef<Path>) -> Result<Self, Error> {
        Self::from_vec(read_file(path.as_ref())?, None)
    }

    /// Writes the keystore to `path` in its own format: under the path's lock, through a
    /// temporary file renamed into place.
    pub fn save(&self, path: impl AsRef<Path>, password: &str) -> Result<(), Error> {
        let bytes = self.to_bytes(password)?;
        let lock = FileLock::acquire(path.as_ref(), DEFAULT_LOCK_TIMEOUT)?;
        lock.write(&bytes)
    }
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
    fn second_lock_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ks");
        let first = FileLock::acquire(&p, Duration::from_secs(1)).unwrap();
        let err = FileLock::acquire(&p, Duration::from_millis(50)).unwrap_err();
        assert!(matches!(err, Error::Locked { .. }), "{err}");
        drop(first);
        FileLock::acquire(&p, Duration::from_millis(50)).unwrap();
    }

    #[test]
    fn missing_file_is_not_found() {
        let err = read_file(Path::new("/nonexistent/dir/ks.jks")).unwrap_err();
        assert!(matches!(err, Error::NotFound { .. }));
    }
}
