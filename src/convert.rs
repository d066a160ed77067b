//! Moving entries between stores and formats, and changing key passwords.
//!
//! Certificates move as they are. Keys are decrypted with the source password and sealed
//! again with the protection of the target store, so a key never leaves a conversion
//! protected with an algorithm its new format cannot read. Creation dates are kept (keytool
//! resets them on its way into PKCS#12; a PKCS#12 trusted certificate has no stored date, so
//! it carries its load time, as in Java).

use crate::entry::{Entry, EntryKind, PrivateKeyEntry, SecretKeyEntry};
use crate::error::{Error, KeyError, StoreError};
use crate::format::WriteOptions;
use crate::kind::Format;
use crate::protect::{ProtectedKey, ProtectedSecretKey, Protection};
use crate::store::KeyStore;

impl Entry {
    /// The entry with its key opened with `open_with` and sealed with `seal_with` under
    /// `protection`; trusted certificates come back unchanged.
    pub fn reprotect(
        &self,
        protection: Protection,
        open_with: &str,
        seal_with: &str,
    ) -> Result<Entry, KeyError> {
        self.reprotect_checked(protection, open_with, seal_with, false)
    }

    /// [`Entry::reprotect`], refusing (when `verify`) a key its certificate does not certify.
    fn reprotect_checked(
        &self,
        protection: Protection,
        open_with: &str,
        seal_with: &str,
        verify: bool,
    ) -> Result<Entry, KeyError> {
        Ok(match self {
            Entry::TrustedCert(_) => self.clone(),
            Entry::PrivateKey(k) => {
                let key = k.open(open_with)?;
                if let Some(first) = k.chain().first().filter(|_| verify)
                    && !key.matches_certificate(first)?
                {
                    return Err(KeyError::CertificateMismatch);
                }
                let sealed = ProtectedKey::seal(&key, seal_with, protection)?;
                PrivateKeyEntry::from_parts(sealed, k.chain().to_vec(), k.created()).into()
            }
            Entry::SecretKey(s) => {
                let key = s.open(open_with)?;
                let sealed = ProtectedSecretKey::seal_with(&key, seal_with, protection)?;
                SecretKeyEntry::new(sealed, s.created()).into()
            }
        })
    }

    /// True when a store of `format` can hold this kind of entry (JKS holds no secret keys).
    pub fn fits(&self, format: Format) -> bool {
        !(format == Format::Jks && self.kind() == EntryKind::SecretKey)
    }
}

fn not_converted(alias: &str, reason: KeyError) -> Error {
    StoreError::KeyNotConverted {
        alias: alias.to_owned(),
        reason,
    }
    .into()
}

impl KeyStore {
    /// Copies `entry` into this store as `alias`, with keys re-protected under `protection`
    /// (see [`WriteOptions::key_protection`]): opened with `open_with`, sealed with
    /// `seal_with`. A key that its certificate does not certify is refused. Returns the entry
    /// it replaced.
    pub fn import_entry(
        &mut self,
        alias: &str,
        entry: &Entry,
        open_with: &str,
        seal_with: &str,
        protection: Protection,
    ) -> Result<Option<Entry>, Error> {
        if !entry.fits(self.format()) {
            return Err(StoreError::EntryKindNotSupported {
                format: self.format(),
                kind: "secret key",
            }
            .into());
        }
        let converted = entry
            .reprotect_checked(protection, open_with, seal_with, true)
            .map_err(|e| not_converted(alias, e))?;
        Ok(self.insert(alias, converted)?)
    }

    /// This store as a new store of `target` format: every entry, keys opened with
    /// `password` and sealed with `target_password`. A store holding secret keys cannot
    /// become JKS.
    ///
    /// ```
    /// # use javakeystore::{Format, KeyStore, SecretKey, SecretKeyEntry};
    /// let mut jceks = KeyStore::new(Format::Jceks);
    /// let key = SecretKey::generate("AES", Some(128)).unwrap();
    /// jceks.insert("k", SecretKeyEntry::seal(&key, "changeit").unwrap().into()).unwrap();
    /// let p12 = jceks.convert(Format::Pkcs12, "changeit", "changeit").unwrap();
    /// let back = KeyStore::from_bytes(&p12.to_bytes("changeit").unwrap(), "changeit").unwrap();
    /// let javakeystore::Entry::SecretKey(s) = back.get("k").unwrap() else { panic!() };
    /// assert_eq!(s.open("changeit").unwrap(), key);
    /// assert!(jceks.convert(Format::Jks, "changeit", "changeit").is_err());
    /// ```
    pub fn convert(
        &self,
        target: Format,
        password: &str,
        target_password: &str,
    ) -> Result<KeyStore, Error> {
        let mut out = KeyStore::new(target);
        let protection = WriteOptions::default().key_protection(target);
        for (alias, entry) in self.entries() {
            out.import_entry(alias, entry, password, target_password, protection)?;
        }
        Ok(out)
    }

    /// Re-protects every private and secret key that `old` opens with `new`, keeping each
    /// key's algorithm: what a PKCS#12 store password change needs, since PKCS#12 keys share
    /// the store password.
    pub fn reprotect_keys(&mut self, old: &str, new: &str) -> Result<(), Error> {
        let mut changed = Vec::new();
        for (alias, entry) in self.entries() {
            let protection = match entry {
                Entry::PrivateKey(k) => k.protected_key().protection(),
                Entry::SecretKey(s) => s.protected_key().protection(),
                Entry::TrustedCert(_) => continue,
            };
            // A key kept without encryption needs no password, so it stays as it is.
            if protection == Protection::Unencrypted {
                continue;
            }
            let again = entry
                .reprotect(protection, old, new)
                .map_err(|e| not_converted(alias, e))?;
            changed.push((alias.to_owned(), again));
        }
        for (alias, entry) in changed {
            if let Some(slot) = self.get_mut(&alias) {
                *slot = entry;
            }
        }
        Ok(())
    }
}
