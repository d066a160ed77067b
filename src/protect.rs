//! Keys as keystores hold them: encrypted, and decrypted only when asked.
//!
//! A private key travels as the DER `EncryptedPrivateKeyInfo` the file holds; a JCEKS secret key
//! as the serialized sealed object, a PKCS#12 one as its `EncryptedPrivateKeyInfo`. Loading and
//! saving never touch them, so a store saved with the same password keeps its keys byte for
//! byte.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier,   -- JKS: 1.3.6.1.4.1.42.2.17.1.1 (NULL or absent)
//!                                                -- JCEKS: 1.3.6.1.4.1.42.2.19.1 + PBEParameter
//!                                                -- PKCS#12: PBES2 (Java 16+) or PBE v1 (Java 8)
//!     encryptedData        OCTET STRING }
//! ```
//!
//! Passwords: JKS uses UTF-16, JCEKS printable ASCII, PKCS#12 PBES2 UTF-8 (what Java 25 and
//! OpenSSL do; Java 8 to 21 refuse non-ASCII passwords there, so a PKCS#12 key sealed with
//! one opens in Java 25 and OpenSSL but not in Java 17), PKCS#12 PBE v1 a BMPString.

mod keyprotector;
pub(crate) mod pbe;
pub(crate) mod pkcs12pbe;
pub(crate) mod sealed;
mod secretinfo;

pub(crate) use secretinfo::{name_for as secret_algorithm_name, oid_for as secret_algorithm_oid};

use std::fmt;

use bytes::Bytes;
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
    /// PKCS#12 as Java 16+ and OpenSSL 3 write it: PBES2 (PBKDF2-HmacSHA256, AES-256-CBC,
    /// 10,000 iterations when this crate seals).
    Pbes2,
    /// PKCS#12 PBE v1 as Java 8 writes it (`pbeWithSHAAnd3-KeyTripleDES-CBC`, 50,000
    /// iterations when this crate seals; RC2 and two-key 3DES variants are read too).
    Pkcs12Pbe,
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
    // Shared with the file's buffer when loaded, as certificates are: loading copies nothing.
    der: Bytes,
    protection: Protection,
}

impl Protection {
    /// True for the algorithms PKCS#12 stores use.
    pub fn is_pkcs12(self) -> bool {
        matches!(self, Self::Pbes2 | Self::Pkcs12Pbe)
    }

    fn of(oid: &ObjectIdentifier) -> Self {
        match *oid {
            JKS_OID => Self::JksKeyProtector,
            pbe::OID => Self::PbeWithMd5AndTripleDes,
            ref o if pkcs12pbe::is_legacy(o) => Self::Pkcs12Pbe,
            ref o if pkcs12pbe::is_supported(o) => Self::Pbes2,
            _ => Self::Unsupported,
        }
    }
}

/// Seals `plain` with a PKCS#12 algorithm, giving a DER `EncryptedPrivateKeyInfo`.
fn seal_pkcs12(plain: &[u8], password: &str, protection: Protection) -> Result<Vec<u8>, KeyError> {
    let (alg, data) = if protection == Protection::Pkcs12Pbe {
        pkcs12pbe::encrypt_legacy(
            pkcs12pbe::LegacyCipher::TripleDes,
            plain,
            password,
            pkcs12pbe::LEGACY_ITERATIONS,
        )?
    } else {
        pkcs12pbe::encrypt_pbes2(plain, password, pkcs12pbe::DEFAULT_ITERATIONS)?
    };
    let too_large = |_| KeyError::InvalidKey {
        reason: "key too large".into(),
    };
    let params = alg
        .parameters
        .as_ref()
        .map(|p| p.to_der())
        .transpose()
        .map_err(too_large)?;
    let info = EncryptedPrivateKeyInfo {
        algorithm: AlgorithmIdentifierRef {
            oid: alg.oid,
            parameters: params
                .as_deref()
                .map(AnyRef::from_der)
                .transpose()
                .map_err(too_large)?,
        },
        data: OctetStringRef::new(&data).map_err(too_large)?,
    };
    info.to_der().map_err(too_large)
}

/// Opens a PKCS#12 `EncryptedPrivateKeyInfo`.
fn open_pkcs12(der: &[u8], password: &str) -> Result<zeroize::Zeroizing<Vec<u8>>, KeyError> {
    let info = EncryptedPrivateKeyInfo::from_der(der).map_err(|_| KeyError::Malformed {
        reason: "not a DER EncryptedPrivateKeyInfo",
    })?;
    let params = info
        .algorithm
        .parameters
        .map(|p| p.to_der())
        .transpose()
        .map_err(|_| KeyError::Malformed {
            reason: "unreadable encryption parameters",
        })?;
    pkcs12pbe::decrypt(
        &info.algorithm.oid,
        params.as_deref(),
        info.data.as_bytes(),
        password,
    )
}

impl ProtectedKey {
    /// Wraps a DER `EncryptedPrivateKeyInfo` as read from a keystore.
    pub fn from_der(der: impl Into<Bytes>) -> Result<Self, KeyError> {
        let der = der.into();
        let info = EncryptedPrivateKeyInfo::from_der(&der).map_err(|_| KeyError::Malformed {
            reason: "not a DER EncryptedPrivateKeyInfo",
        })?;
        let protection = Protection::of(&info.algorithm.oid);
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
    /// could not open the result. PKCS#12 protection takes any password (see the module
    /// documentation for which Java versions can open what).
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
            Protection::Pbes2 | Protection::Pkcs12Pbe => {
                let der = seal_pkcs12(key.pkcs8_der(), password, protection)?;
                return Ok(Self {
                    der: der.into(),
                    protection,
                });
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
        Ok(Self {
            der: der.into(),
            protection,
        })
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
                params.decrypt(&password::pbe_for_opening(password), data)?
            }
            Protection::Pbes2 | Protection::Pkcs12Pbe => open_pkcs12(&self.der, password)?,
            Protection::Unsupported => {
                return Err(KeyError::UnsupportedProtection {
                    algorithm: info.algorithm.oid.to_string(),
                });
            }
        };
        // Valid padding with a wrong password happens once in 256 tries with the block
        // ciphers: the PKCS#8 check tells the two apart.
        if pkcs8::PrivateKeyInfoRef::try_from(plain.as_slice()).is_err() {
            return Err(KeyError::WrongPassword);
        }
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
                der: key.der,
                protection: key.protection,
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
            Protection::JksKeyProtector | Protection::Unsupported => {
                Err(KeyError::UnsupportedProtection {
                    algorithm: format!("{protection:?} for secret keys"),
                })
            }
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
