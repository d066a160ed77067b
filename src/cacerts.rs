//! Finding the running system's Java trust store (`cacerts`).
//!
//! Java ships it as JKS with the password `changeit` (JDK 8–17, and Debian's shared
//! `/etc/ssl/certs/java/cacerts` for every JDK) or as a password-less PKCS#12 (upstream JDK 18+).
//! [`crate::KeyStore::load`] reads either; this module only finds the file.

use std::path::{Path, PathBuf};

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
