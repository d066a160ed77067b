//! Keys as keystores hold them: encrypted, and decrypted only when asked.
//!
//! A private key travels as the DER `EncryptedPrivateKeyInfo` the file holds; a JCEKS secret key
//! as the serialized sealed object. Loading and saving never touch them, so a store saved with
//! the same password comes back byte for byte.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier,   -- JKS: 1.3.6.1.4.1.42.2.17.1.1 (NULL or absent)
//!                                                -- JCEKS: 1.3.6.1.4.1.42.2.19.1 + PBEParameter
//!     encryptedData        OCTET STRING }
//! ```

mod keyprotector;
pub(crate) mod pbe;
pub(crate) mod sealed;

use std::fmt;

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierRef;

use crate::error::KeyError;
use crate::key::{PrivateKey, SecretKey};
use crate::password;

/// The JDK KeyProtector used by JKS.
const JKS_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.17.1.1");

/// How a stored key is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protection {
    /// The JKS key protector: a SHA-1 keystream keyed by the UTF-16 password.
    JksKeyProtector,
    /// JCEKS's `PBEWithMD5AndTripleDES`.
    PbeWithMd5AndTripleDes,
    /// An algorithm this crate cannot open; the key is kept as it is.
    Unsupported,
}

#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    algorithm: AlgorithmIdentifierRef<'a>,
    data: &'a OctetStringRef,
}

/// A private key as stored: DER `EncryptedPrivateKeyInfo` plus the algorithm found in it.
#[derive(Clone, PartialEq, Eq)]
pub struct ProtectedKey {
    der: Vec<u8>,
    protection: Protection,
}

impl ProtectedKey {
    /// Wraps a DER `EncryptedPrivateKeyInfo` as read from a keystore.
    pub fn from_der(der: Vec<u8>) -> Result<Self, KeyError> {
        let info = EncryptedPrivateKeyInfo::from_der(&der).map_err(|_| KeyError::Malformed {
            reason: "not a DER EncryptedPrivateKeyInfo",
        })?;
        let protection = match info.algorithm.oid {
            JKS_OID => Protection::JksKeyProtector,
            pbe::OID => Protection::PbeWithMd5AndTripleDes,
            _ => Protection::Unsupported,
        };
        Ok(Self { der, protection })
    }

    /// The DER `EncryptedPrivateKeyInfo`.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The protection algorithm.
    pub fn protection(&self) -> Protection {
        self.protection
    }

    /// Protects `key` with `password`, using `protection`.
    ///
    /// JCEKS protection refuses a password that is not printable ASCII, because Java 8 to 21
    /// could not open the result.
    pub fn seal(
        key: &PrivateKey,
        password: &str,
        protection: Protection,
    ) -> Result<Self, KeyError> {
        let (oid, params, data) = match protection {
            Protection::JksKeyProtector => {
                let mut salt = [0u8; 20];
                rand::fill(&mut salt);
                let data = keyprotector::protect(key.pkcs8_der(), password, salt);
                // Java 8-21 write NULL parameters; Java 25 none. Every version reads both.
                (JKS_OID, vec![0x05, 0x00], data)
            }
            Protection::PbeWithMd5AndTripleDes => {
                let pw = password::pbe_for_sealing(password)?;
                let params = pbe::Params::random();
                let data = params.encrypt(&pw, key.pkcs8_der());
                (pbe::OID, params.to_der(), data)
            }
            Protection::Unsupported => {
                return Err(KeyError::UnsupportedProtection {
                    algorithm: "unsupported".into(),
                });
            }
        };
        let info = EncryptedPrivateKeyInfo {
            algorithm: AlgorithmIdentifierRef {
                oid,
                parameters: Some(AnyRef::from_der(&params).expect("re-reading our own DER")),
            },
            data: OctetStringRef::new(&data).map_err(|_| KeyError::InvalidKey {
                reason: "key too large".into(),
            })?,
        };
        let der = info.to_der().map_err(|_| KeyError::InvalidKey {
            reason: "key too large".into(),
        })?;
        Ok(Self { der, protection })
    }

    /// Decrypts the key.
    pub fn open(&self, password: &str) -> Result<PrivateKey, KeyError> {
        let info =
            EncryptedPrivateKeyInfo::from_der(&self.der).map_err(|_| KeyError::Malformed {
                reason: "not a DER EncryptedPrivateKeyInfo",
            })?;
        let data = info.data.as_bytes();
        let plain = match self.protection {
            Protection::JksKeyProtector => keyprotector::recover(data, password)?,
            Protection::PbeWithMd5AndTripleDes => {
                let params = info.algorithm.parameters.ok_or(KeyError::Malformed {
                    reason: "PBEWithMD5AndTripleDES without parameters",
                })?;
                let params =
                    pbe::Params::from_der(&params.to_der().map_err(|_| KeyError::Malformed {
                        reason: "unreadable PBE parameters",
                    })?)?;
                let plain = params.decrypt(&password::pbe_for_opening(password), data)?;
                // Valid padding with a wrong password happens once in 256 tries: the PKCS#8
                // check below tells the two apart.
                if pkcs8::PrivateKeyInfoRef::try_from(plain.as_slice()).is_err() {
                    return Err(KeyError::WrongPassword);
                }
                plain
            }
            Protection::Unsupported => {
                return Err(KeyError::UnsupportedProtection {
                    algorithm: info.algorithm.oid.to_string(),
                });
            }
        };
        PrivateKey::from_pkcs8_der(plain.to_vec())
    }
}

impl fmt::Debug for ProtectedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProtectedKey")
            .field("protection", &self.protection)
            .field("len", &self.der.len())
            .finish()
    }
}

/// A secret key as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ProtectedSecretKey {
    inner: sealed::SealedKey,
}

impl ProtectedSecretKey {
    pub(crate) fn from_sealed(inner: sealed::SealedKey) -> Self {
        Self { inner }
    }

    pub(crate) fn sealed(&self) -> &sealed::SealedKey {
        &self.inner
    }

    /// Protects `key` with `password` the way JCEKS does (a serialized
    /// `SealedObjectForKeyProtector`, `PBEWithMD5AndTripleDES`, 200,000 iterations).
    pub fn seal(key: &SecretKey, password: &str) -> Result<Self, KeyError> {
        sealed::SealedKey::seal(key, password).map(Self::from_sealed)
    }

    /// Decrypts the key.
    pub fn open(&self, password: &str) -> Result<SecretKey, KeyError> {
        self.inner.open(password)
    }
}

impl fmt::Debug for ProtectedSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProtectedSecretKey")
            .field("len", &self.inner.as_bytes().len())
            .finish()
    }
}
