//! Moving stores to and from the `p12-keystore` crate, for programs that already hold one.
//!
//! `p12-keystore` keeps keys decrypted (and not zeroized) in memory, which is why this crate
//! does not read files through it; these conversions decrypt keys only when called, with the
//! password given. The crate is re-exported so that callers use the same version.

pub use p12_keystore;

use p12_keystore::secret::{Secret, SecretKeyType};
use p12_keystore::{KeyStoreEntry, PrivateKeyChain};

use crate::cert::Certificate;
use crate::entry::{Entry, PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
use crate::error::{CertError, Error, KeyError};
use crate::key::{PrivateKey, SecretKey};
use crate::kind::Format;
use crate::protect::{
    ProtectedKey, ProtectedSecretKey, secret_algorithm_name, secret_algorithm_oid,
};
use crate::store::KeyStore;
use crate::timestamp::Timestamp;

fn key_id(created: Timestamp) -> Vec<u8> {
    format!("Time {}", created.unix_millis()).into_bytes()
}

fn date(key_id: &[u8]) -> Timestamp {
    std::str::from_utf8(key_id)
        .ok()
        .and_then(|t| t.strip_prefix("Time "))
        .and_then(|ms| ms.parse().ok())
        .map_or_else(Timestamp::now, Timestamp::from_unix_millis)
}

fn foreign_cert(_: p12_keystore::error::Error) -> Error {
    CertError::Malformed {
        structure: "certificate from p12-keystore",
        offset: None,
    }
    .into()
}

fn foreign_key(_: impl std::fmt::Display) -> Error {
    KeyError::InvalidKey {
        reason: "p12-keystore refused the key",
    }
    .into()
}

impl KeyStore {
    /// The entries as a `p12_keystore::KeyStore`, keys and secret keys opened with
    /// `password`. Key ids carry the creation dates as Java writes them (`Time <ms>`).
    pub fn to_p12_keystore(&self, password: &str) -> Result<p12_keystore::KeyStore, Error> {
        let mut out = p12_keystore::KeyStore::new();
        for (alias, entry) in self.entries() {
            let converted = match entry {
                Entry::TrustedCert(t) => KeyStoreEntry::Certificate(
                    p12_keystore::Certificate::from_der(t.certificate().as_der())
                        .map_err(foreign_cert)?,
                ),
                Entry::PrivateKey(k) => {
                    let key = k.open(password)?;
                    let key =
                        p12_keystore::PrivateKey::from_der(key.pkcs8_der()).map_err(foreign_key)?;
                    let chain = k
                        .chain()
                        .iter()
                        .map(|c| p12_keystore::Certificate::from_der(c.as_der()))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(foreign_cert)?;
                    KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
                        key_id(k.created()),
                        key,
                        chain,
                    ))
                }
                Entry::SecretKey(s) => {
                    let key = s.open(password)?;
                    let oid = secret_algorithm_oid(key.algorithm())?;
                    let secret = Secret::builder(SecretKeyType::from_oid(&oid))
                        .with_key(key.as_bytes().to_vec())
                        .with_local_key_id(key_id(s.created()))
                        .build()
                        .map_err(foreign_key)?;
                    KeyStoreEntry::Secret(secret)
                }
            };
            out.add_entry(alias, converted);
        }
        Ok(out)
    }

    /// A PKCS#12 store holding the entries of a `p12_keystore::KeyStore`, keys sealed with
    /// `password`. Dates come from `Time <ms>` key ids where present, else now.
    pub fn from_p12_keystore(
        store: &p12_keystore::KeyStore,
        password: &str,
    ) -> Result<KeyStore, Error> {
        let mut out = KeyStore::new(Format::Pkcs12);
        let protection = crate::format::WriteOptions::default().key_protection(Format::Pkcs12);
        for (alias, entry) in store.entries() {
            let converted: Entry = match entry {
                KeyStoreEntry::Certificate(c) => {
                    TrustedCertEntry::new(Certificate::from_der(c.as_der())?, Timestamp::now())
                        .into()
                }
                KeyStoreEntry::PrivateKeyChain(chain) => {
                    let key = PrivateKey::from_pkcs8_der(chain.key().as_der())?;
                    let certs = chain
                        .certs()
                        .iter()
                        .map(|c| Certificate::from_der(c.as_der()))
                        .collect::<Result<Vec<_>, _>>()?;
                    let sealed = ProtectedKey::seal(&key, password, protection)?;
                    PrivateKeyEntry::new(sealed, certs, date(chain.local_key_id().as_ref()))?.into()
                }
                KeyStoreEntry::Secret(s) => {
                    let name = secret_algorithm_name(&s.key_type().to_oid());
                    let key = SecretKey::new(name, s.key());
                    let sealed = ProtectedSecretKey::seal_with(&key, password, protection)?;
                    SecretKeyEntry::new(sealed, date(s.local_key_id().as_ref())).into()
                }
            };
            out.insert(alias, converted)?;
        }
        Ok(out)
    }
}
