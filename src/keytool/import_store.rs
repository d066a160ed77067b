//! `-importkeystore`'s rules: which password opens each source entry, which one seals it in
//! the destination, and where an in-place conversion backs the old file up.

use std::path::{Path, PathBuf};

use crate::entry::Entry;
use crate::error::KeyError;
use crate::kind::Format;

/// How a source entry's key is to be opened, by keytool's `recoverEntry`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceKey<'p> {
    /// A trusted certificate: no password.
    NotNeeded,
    /// This password opens the key.
    Opened(&'p str),
    /// Neither `-srckeypass` nor the store password applies: ask for the key password.
    Prompt,
}

/// Opens the key of `entry` with `password` (and throws it away): the check keytool makes.
pub fn check_key_password(entry: &Entry, password: &str) -> Result<(), KeyError> {
    match entry {
        Entry::PrivateKey(k) => k.open(password).map(drop),
        Entry::SecretKey(s) => s.open(password).map(drop),
        Entry::TrustedCert(_) => Ok(()),
    }
}

/// keytool's `recoverEntry`: certificates need no password; a key is tried with
/// `-srckeypass` (and nothing else) when given, else with the source store password — whose
/// failure is final for a PKCS#12 source, where keys share the store password — else the
/// user is asked.
pub fn source_key<'p>(
    entry: &Entry,
    srckeypass: Option<&'p str>,
    srcstorepass: Option<&'p str>,
    source: Format,
) -> Result<SourceKey<'p>, KeyError> {
    if matches!(entry, Entry::TrustedCert(_)) {
        return Ok(SourceKey::NotNeeded);
    }
    if let Some(k) = srckeypass {
        check_key_password(entry, k)?;
        return Ok(SourceKey::Opened(k));
    }
    if let Some(p) = srcstorepass {
        match check_key_password(entry, p) {
            Ok(()) => return Ok(SourceKey::Opened(p)),
            Err(e) if source == Format::Pkcs12 => return Err(e),
            Err(_) => {}
        }
    }
    Ok(SourceKey::Prompt)
}

/// The password an imported key is sealed with: `-destkeypass` when given; for a PKCS#12
/// destination with a password, the store password (keys share it); else the password that
/// opened it.
pub fn destination_key_password<'p>(
    destkeypass: Option<&'p str>,
    opened_with: Option<&'p str>,
    dest_pkcs12_with_password: bool,
    dest_storepass: &'p str,
) -> Option<&'p str> {
    match (destkeypass, opened_with) {
        (Some(d), _) => Some(d),
        (None, Some(_)) if dest_pkcs12_with_password => Some(dest_storepass),
        (None, p) => p,
    }
}

/// keytool's refusal after importing into PKCS#12 a key sealed with another password than
/// the store's: "different storepass and keypass".
pub fn pkcs12_password_mismatch(
    dest_pkcs12_with_password: bool,
    sealed_with: Option<&str>,
    dest_storepass: &str,
) -> bool {
    dest_pkcs12_with_password && sealed_with.is_some_and(|p| p != dest_storepass)
}

/// Where an in-place `-importkeystore` backs the old file up: `<file>.old`, or `.old2`,
/// `.old3`, ... when taken.
pub fn backup_path(source: &Path) -> PathBuf {
    let mut n = 1u32;
    loop {
        let mut name = source.as_os_str().to_owned();
        if n == 1 {
            name.push(".old");
        } else {
            name.push(format!(".old{n}"));
        }
        let candidate = PathBuf::from(name);
        if !candidate.exists() || n == u32::MAX {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destination_passwords_follow_keytool() {
        assert_eq!(
            destination_key_password(Some("d"), Some("k"), true, "s"),
            Some("d")
        );
        assert_eq!(
            destination_key_password(None, Some("k"), true, "s"),
            Some("s")
        );
        assert_eq!(
            destination_key_password(None, Some("k"), false, "s"),
            Some("k")
        );
        assert_eq!(destination_key_password(None, None, true, "s"), None);
        assert!(pkcs12_password_mismatch(true, Some("d"), "s"));
        assert!(!pkcs12_password_mismatch(false, Some("d"), "s"));
    }

    #[test]
    fn backups_take_the_first_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("ks.jks");
        assert_eq!(backup_path(&src), dir.path().join("ks.jks.old"));
        std::fs::write(dir.path().join("ks.jks.old"), b"x").unwrap();
        assert_eq!(backup_path(&src), dir.path().join("ks.jks.old2"));
    }

    #[test]
    fn source_keys_are_tried_in_keytools_order() {
        let store = crate::KeyStore::load(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/corpus/generated/chain.jks"
            ),
            "changeit",
        )
        .unwrap();
        let (_, key) = store
            .entries()
            .find(|(_, e)| matches!(e, Entry::PrivateKey(_)))
            .unwrap();
        assert_eq!(
            source_key(key, None, Some("changeit"), Format::Jks),
            Ok(SourceKey::Opened("changeit"))
        );
        assert_eq!(
            source_key(key, None, Some("wrong"), Format::Jks),
            Ok(SourceKey::Prompt)
        );
        assert!(source_key(key, None, Some("wrong"), Format::Pkcs12).is_err());
        assert!(source_key(key, Some("wrong"), Some("changeit"), Format::Jks).is_err());
    }
}
