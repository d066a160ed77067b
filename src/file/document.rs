//! One way to open a keystore file: read it (under its lock when it will be written), learn
//! its format and whether it needs a password, decode it, and save it back in its own form.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{DecodeError, Error};
use crate::file::atomic::write_atomic;
use crate::file::lock::FileLock;
use crate::format::{Integrity, Stored, WriteOptions, is_passwordless};
use crate::kind::Format;
use crate::store::KeyStore;

/// A keystore file read but not yet decoded: what a tool needs to know before it asks for a
/// password. Made by [`KeyStoreFile::peek`].
#[derive(Debug)]
pub struct Peeked {
    path: PathBuf,
    lock: Option<FileLock>,
    bytes: Option<Vec<u8>>,
}

impl Peeked {
    /// The path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file exists.
    pub fn exists(&self) -> bool {
        self.bytes.is_some()
    }

    /// The file's format: `None` when it does not exist, an error when it is empty
    /// ([`DecodeError::Empty`]) or no keystore.
    pub fn format(&self) -> Result<Option<Format>, DecodeError> {
        self.bytes.as_deref().map(Format::detect).transpose()
    }

    /// True when decoding needs a password to be complete and verified: false for a missing
    /// file and for a password-less PKCS#12.
    pub fn needs_password(&self) -> bool {
        match (&self.bytes, self.format()) {
            (Some(b), Ok(Some(Format::Pkcs12))) => !is_passwordless(b),
            (Some(_), _) => true,
            (None, _) => false,
        }
    }

    /// Checks the file's structure without a password, as keytool does before it asks for
    /// one: a truncated or damaged store is reported before the prompt.
    pub fn check(&self) -> Result<(), Error> {
        match &self.bytes {
            Some(b) => KeyStore::decode(b.clone(), None).map(drop),
            None => Ok(()),
        }
    }

    /// True when `password` verifies the file (an idempotent `-storepasswd` asks whether the
    /// change was made already).
    pub fn opens_with(&self, password: &str) -> bool {
        self.bytes
            .as_ref()
            .is_some_and(|b| KeyStore::decode(b.clone(), Some(password)).is_ok())
    }

    /// Decodes the file (see [`KeyStore::decode`]); a missing file is [`Error::NotFound`].
    pub fn open(self, password: Option<&str>) -> Result<KeyStoreFile, Error> {
        let Some(bytes) = self.bytes else {
            return Err(Error::NotFound { path: self.path });
        };
        let (store, stored) = KeyStore::decode(bytes, password)?;
        Ok(KeyStoreFile {
            path: self.path,
            store,
            stored,
            lock: self.lock,
            existed: true,
        })
    }

    /// An empty store of `format` to be saved at the path (which need not exist), keeping
    /// the lock if one was taken.
    pub fn create(self, format: Format) -> KeyStoreFile {
        KeyStoreFile {
            path: self.path,
            store: KeyStore::new(format),
            stored: Stored::new(format, Integrity::Verified),
            lock: self.lock,
            existed: false,
        }
    }
}

/// A keystore file opened for reading or for a read-modify-write: the store, how it was
/// stored, and, when opened for update, the file's lock (held until this value is dropped).
///
/// ```no_run
/// # fn main() -> Result<(), javakeystore::Error> {
/// use javakeystore::KeyStoreFile;
/// let mut file = KeyStoreFile::open_for_update("server.jks", Some("changeit"))?;
/// file.store_mut().remove("old-cert")?;
/// file.save("changeit")?; // JKS stays JKS; nothing another writer did in between is lost
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct KeyStoreFile {
    path: PathBuf,
    store: KeyStore,
    stored: Stored,
    lock: Option<FileLock>,
    existed: bool,
}

impl KeyStoreFile {
    /// Reads a file without decoding it; with `lock`, first takes its lock (waiting up to
    /// that long for another holder). A missing file gives a [`Peeked`] that does not
    /// [`exist`](Peeked::exists).
    pub fn peek(path: impl AsRef<Path>, lock: Option<Duration>) -> Result<Peeked, Error> {
        let path = path.as_ref().to_owned();
        let lock = lock.map(|t| FileLock::acquire(&path, t)).transpose()?;
        let bytes = match crate::file::atomic::read_file(&path) {
            Ok(b) => Some(b),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        Ok(Peeked { path, lock, bytes })
    }

    /// Reads and decodes a file for reading only (see [`KeyStore::decode`] for what the
    /// password does).
    pub fn open<'p>(
        path: impl AsRef<Path>,
        password: impl Into<Option<&'p str>>,
    ) -> Result<Self, Error> {
        Self::peek(path, None)?.open(password.into())
    }

    /// Locks a file (waiting up to [`FileLock::DEFAULT_TIMEOUT`]), then reads and decodes
    /// it; the lock is held until the value is dropped, so a change and its
    /// [`save`](Self::save) cannot interleave with another writer's.
    pub fn open_for_update<'p>(
        path: impl AsRef<Path>,
        password: impl Into<Option<&'p str>>,
    ) -> Result<Self, Error> {
        Self::peek(path, Some(FileLock::DEFAULT_TIMEOUT))?.open(password.into())
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store.
    pub fn store(&self) -> &KeyStore {
        &self.store
    }

    /// The store, to change before saving.
    pub fn store_mut(&mut self) -> &mut KeyStore {
        &mut self.store
    }

    /// How the file was stored (for a new file: its format, nothing skipped).
    pub fn stored(&self) -> &Stored {
        &self.stored
    }

    /// True when the file existed when it was read.
    pub fn existed(&self) -> bool {
        self.existed
    }

    /// True when this value holds the file's lock.
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Saves the store in the form it was read in (a password-less PKCS#12 stays
    /// password-less, a Java 8 PKCS#12 keeps its algorithms): refused when the read skipped
    /// something that saving would lose.
    pub fn save(&self, password: &str) -> Result<(), Error> {
        let options = self.stored.write_options()?;
        self.save_with(password, &options)
    }

    /// Saves the store with other options, atomically and under the file's lock.
    pub fn save_with(&self, password: &str, options: &WriteOptions) -> Result<(), Error> {
        let bytes = self.store.encode(password, options)?;
        match &self.lock {
            Some(lock) => lock.write(&bytes),
            None => FileLock::acquire(&self.path, FileLock::DEFAULT_TIMEOUT)?.write(&bytes),
        }
    }

    /// Writes `bytes` (already encoded) in place of the file, under its lock.
    pub fn replace_with(&self, bytes: &[u8]) -> Result<(), Error> {
        match &self.lock {
            Some(lock) => lock.write(bytes),
            None => write_atomic(&self.path, bytes),
        }
    }

    /// The store, dropping the file (and its lock).
    pub fn into_store(self) -> KeyStore {
        self.store
    }
}

impl KeyStore {
    /// Reads a keystore file of any supported format (see [`KeyStore::from_bytes`]).
    pub fn load<'p>(
        path: impl AsRef<Path>,
        password: impl Into<Option<&'p str>>,
    ) -> Result<Self, Error> {
        let bytes = crate::file::atomic::read_file(path.as_ref())?;
        Ok(Self::decode(bytes, password)?.0)
    }

    /// Writes the keystore to `path` in its own format with the default options: under the
    /// path's lock, through a temporary file renamed into place. (To keep the form a file
    /// was read in, use [`KeyStoreFile`].)
    pub fn save(&self, path: impl AsRef<Path>, password: &str) -> Result<(), Error> {
        let bytes = self.to_bytes(password)?;
        FileLock::acquire(path.as_ref(), FileLock::DEFAULT_TIMEOUT)?.write(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/corpus")
            .join(rel)
    }

    #[test]
    fn peek_tells_format_and_password_need() {
        let jks = KeyStoreFile::peek(corpus("generated/chain.jks"), None).unwrap();
        assert_eq!(jks.format(), Ok(Some(Format::Jks)));
        assert!(jks.needs_password() && jks.exists());
        jks.check().unwrap();
        let missing = KeyStoreFile::peek(corpus("no-such.jks"), None).unwrap();
        assert!(!missing.exists() && !missing.needs_password());
        assert!(matches!(missing.open(None), Err(Error::NotFound { .. })));
    }

    #[test]
    fn empty_and_truncated_files_are_reported_before_a_password() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.jks");
        std::fs::write(&empty, b"").unwrap();
        let peeked = KeyStoreFile::peek(&empty, None).unwrap();
        assert_eq!(peeked.format(), Err(DecodeError::Empty));
        let cut = dir.path().join("cut.jks");
        let bytes = std::fs::read(corpus("generated/chain.jks")).unwrap();
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let peeked = KeyStoreFile::peek(&cut, None).unwrap();
        assert!(matches!(
            peeked.check(),
            Err(Error::Decode(DecodeError::Truncated { .. }))
        ));
    }

    #[test]
    fn a_store_read_without_its_password_is_not_saved_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.p12");
        let source = KeyStore::load(corpus("generated/chain.jks"), "changeit").unwrap();
        let p12 = source
            .convert(Format::Pkcs12, "changeit", "changeit")
            .unwrap();
        p12.save(&path, "changeit").unwrap();
        let before = std::fs::read(&path).unwrap();
        let file = KeyStoreFile::open_for_update(&path, None).unwrap();
        assert!(!file.stored().skipped.is_empty());
        assert!(matches!(
            file.save("changeit"),
            Err(Error::Encode(crate::error::EncodeError::Incomplete { .. }))
        ));
        drop(file);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let file = KeyStoreFile::open_for_update(&path, Some("changeit")).unwrap();
        file.save("changeit").unwrap();
        assert_eq!(
            KeyStore::load(&path, "changeit").unwrap().len(),
            source.len()
        );
    }
}
