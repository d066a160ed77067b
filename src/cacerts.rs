//! Finding the running system's Java trust store (`cacerts`).
//!
//! Java ships it as JKS with the password `changeit` (JDK 8–17, and Debian's shared
//! `/etc/ssl/certs/java/cacerts` for every JDK) or as a password-less PKCS#12 (upstream JDK 18+).
//! [`Cacerts`] opens whichever form the machine has and writes it back in that same form.
//!
//! ```no_run
//! # fn main() -> Result<(), javakeystore::Error> {
//! use javakeystore::cacerts::Cacerts;
//! let mut cacerts = Cacerts::open_for_update()?; // holds the file's lock until dropped
//! cacerts.store_mut().remove("debian:expired_root.pem")?;
//! cacerts.save()?; // JKS stays JKS with its password; password-less stays password-less
//! # Ok(()) }
//! ```

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::Error;
use crate::file::{FileLock, KeyStoreFile};
use crate::kind::Format;
use crate::store::KeyStore;

/// The password Java's `cacerts` uses where it has one.
pub const DEFAULT_PASSWORD: &str = "changeit";

/// The `cacerts` below a Java home: `lib/security/cacerts` (JDK 9+, JRE 8) or
/// `jre/lib/security/cacerts` (JDK 8).
pub fn under_java_home(java_home: &Path) -> Option<PathBuf> {
    ["lib/security/cacerts", "jre/lib/security/cacerts"]
        .iter()
        .map(|rel| java_home.join(rel))
        .find(|p| p.is_file())
}

/// The Java home of the `java` executable found on `PATH`, following symbolic links
/// (`/usr/bin/java` → `/usr/lib/jvm/java-17-openjdk-amd64/bin/java`).
pub fn java_home_from_path() -> Option<PathBuf> {
    let exe = if cfg!(windows) { "java.exe" } else { "java" };
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(exe))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::canonicalize(p).ok())
        .and_then(|p| p.parent()?.parent().map(Path::to_path_buf))
}

/// Finds the system trust store: `$JAVA_HOME`'s, then that of the `java` on `PATH`, then
/// Debian's shared `/etc/ssl/certs/java/cacerts`. `None` when there is no Java at all.
pub fn locate() -> Option<PathBuf> {
    let from_env = std::env::var_os("JAVA_HOME").and_then(|h| under_java_home(Path::new(&h)));
    from_env
        .or_else(|| java_home_from_path().and_then(|h| under_java_home(&h)))
        .or_else(|| {
            let debian = PathBuf::from("/etc/ssl/certs/java/cacerts");
            debian.is_file().then_some(debian)
        })
}

/// The system trust store, opened in whatever form it has.
#[derive(Debug)]
pub struct Cacerts {
    file: KeyStoreFile,
    /// `None` for the password-less form.
    password: Option<Zeroizing<String>>,
}

impl Cacerts {
    /// Opens the system trust store ([`locate`]) for reading.
    pub fn open() -> Result<Self, Error> {
        Self::at(&Self::system_path()?, None, false)
    }

    /// Opens the system trust store and holds its lock until the value is dropped, so that a
    /// change and its [`save`](Self::save) cannot interleave with another writer's.
    pub fn open_for_update() -> Result<Self, Error> {
        Self::at(&Self::system_path()?, None, true)
    }

    fn system_path() -> Result<PathBuf, Error> {
        locate().ok_or_else(|| Error::NotFound {
            path: PathBuf::from("cacerts (no Java found: set JAVA_HOME)"),
        })
    }

    /// Opens a trust store at `path`: a password-less PKCS#12 needs no password; any other
    /// form is verified with `password`, or with `changeit` when `None`.
    pub fn at(path: &Path, password: Option<&str>, lock: bool) -> Result<Self, Error> {
        let peeked = KeyStoreFile::peek(path, lock.then_some(FileLock::DEFAULT_TIMEOUT))?;
        let password = peeked
            .needs_password()
            .then(|| Zeroizing::new(password.unwrap_or(DEFAULT_PASSWORD).to_owned()));
        let file = peeked.open(password.as_deref().map(String::as_str))?;
        Ok(Self { file, password })
    }

    /// The system trust store read without verifying it, for looking certificates up (what
    /// keytool's `-trustcacerts` and its weak-algorithm checks consult). `None` without Java.
    pub fn lookup() -> Option<KeyStore> {
        KeyStore::load(locate()?, None).ok()
    }

    /// Where the trust store is (a symbolic link is written through, as Debian needs).
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// True for the password-less PKCS#12 form.
    pub fn is_passwordless(&self) -> bool {
        self.password.is_none()
    }

    /// The format of the file.
    pub fn format(&self) -> Format {
        self.file.store().format()
    }

    /// The trusted certificates.
    pub fn store(&self) -> &KeyStore {
        self.file.store()
    }

    /// The trusted certificates, to change before [`save`](Self::save).
    pub fn store_mut(&mut self) -> &mut KeyStore {
        self.file.store_mut()
    }

    /// Writes the trust store back in the form it was read in, atomically.
    pub fn save(&self) -> Result<(), Error> {
        self.file
            .save(self.password.as_deref().map_or("", String::as_str))
    }
}
