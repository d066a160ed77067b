//! A secret key as a keystore holds it: a JCEKS sealed object or a PKCS#12 secret bag.

use std::fmt;

use bytes::Bytes;

use crate::error::KeyError;
use crate::key::SecretKey;
use crate::protect::epki::{open_pkcs12, seal_pkcs12};
use crate::protect::private::ProtectedKey;
use crate::protect::protection::Protection;
use crate::protect::sealed;
use crate::protect::secretinfo;

/// A secret key as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ProtectedSecretKey {
    inner: SecretInner,
}

#[derive(Clone, PartialEq, Eq)]
enum SecretInner {
    /// JCEKS: a serialized `SealedObjectForKeyProtector`.
    Sealed(sealed::SealedKey),
    /// PKCS#12: a DER `EncryptedPrivateKeyInfo` around Java's secret key structure.
    Pkcs12 { der: Bytes, protection: Protection },
}

impl ProtectedSecretKey {
    pub(crate) fn from_sealed(inner: sealed::SealedKey) -> Self {
        Self {
            inner: SecretInner::Sealed(inner),
        }
    }

    /// The JCEKS form, if the key is in it.
    pub(crate) fn sealed(&self) -> Option<&sealed::SealedKey> {
        match &self.inner {
            SecretInner::Sealed(s) => Some(s),
            SecretInner::Pkcs12 { .. } => None,
        }
    }

    /// Wraps the DER `EncryptedPrivateKeyInfo` of a PKCS#12 secret bag.
    pub fn from_pkcs12_der(der: impl Into<Bytes>) -> Result<Self, KeyError> {
        let key = ProtectedKey::from_der(der)?;
        Ok(Self {
            inner: SecretInner::Pkcs12 {
                protection: key.protection(),
                der: key.into_der(),
            },
        })
    }

    /// The DER `EncryptedPrivateKeyInfo` of the PKCS#12 form, if the key is in it.
    pub fn pkcs12_der(&self) -> Option<&[u8]> {
        match &self.inner {
            SecretInner::Pkcs12 { der, .. } => Some(der),
            SecretInner::Sealed(_) => None,
        }
    }

    /// The protection algorithm.
    pub fn protection(&self) -> Protection {
        match &self.inner {
            SecretInner::Sealed(_) => Protection::PbeWithMd5AndTripleDes,
            SecretInner::Pkcs12 { protection, .. } => *protection,
        }
    }

    /// Protects `key` with `password` the way JCEKS does (a serialized
    /// `SealedObjectForKeyProtector`, `PBEWithMD5AndTripleDES`, 200,000 iterations).
    pub fn seal(key: &SecretKey, password: &str) -> Result<Self, KeyError> {
        sealed::SealedKey::seal(key, password).map(Self::from_sealed)
    }

    /// Protects `key` with `password` for a store using `protection`: JCEKS sealing for
    /// [`Protection::PbeWithMd5AndTripleDes`], Java's PKCS#12 secret bag form for the
    /// PKCS#12 algorithms. JKS cannot hold secret keys.
    pub fn seal_with(
        key: &SecretKey,
        password: &str,
        protection: Protection,
    ) -> Result<Self, KeyError> {
        match protection {
            Protection::PbeWithMd5AndTripleDes => Self::seal(key, password),
            Protection::Pbes2 | Protection::Pkcs12Pbe => {
                let plain = secretinfo::encode(key)?;
                Ok(Self {
                    inner: SecretInner::Pkcs12 {
                        der: seal_pkcs12(&plain, password, protection)?.into(),
                        protection,
                    },
                })
            }
            Protection::JksKeyProtector
            | Protection::Unsupported
            | Protection::Unencrypted
            | Protection::BksSealed => Err(KeyError::UnsupportedProtection {
                algorithm: format!("{protection:?} for secret keys"),
            }),
        }
    }

    /// Decrypts the key.
    pub fn open(&self, password: &str) -> Result<SecretKey, KeyError> {
        match &self.inner {
            SecretInner::Sealed(s) => s.open(password),
            SecretInner::Pkcs12 { der, protection } => {
                if *protection == Protection::Unsupported {
                    return Err(KeyError::UnsupportedProtection {
                        algorithm: "unknown PKCS#12 encryption".into(),
                    });
                }
                secretinfo::decode(&open_pkcs12(der, password)?)
            }
        }
    }

    fn stored_len(&self) -> usize {
        match &self.inner {
            SecretInner::Sealed(s) => s.as_bytes().len(),
            SecretInner::Pkcs12 { der, .. } => der.len(),
        }
    }
}

impl fmt::Debug for ProtectedSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProtectedSecretKey")
            .field("protection", &self.protection())
            .field("len", &self.stored_len())
            .finish()
    }
}
