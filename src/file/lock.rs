//! An advisory lock over a keystore path: a sidecar file `<store>.lock`, locked for the
//! whole read-modify-write so that concurrent writers lose nothing (and never deleted:
//! deleting lock files races). `std`'s file locks: `flock` on Unix, `LockFileEx` on Windows.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::file::atomic::{io_error, read_file, remove_orphans, write_atomic, write_target};

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
    /// The default wait for another process's lock: 10 seconds.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
