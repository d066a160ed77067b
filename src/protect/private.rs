//! A private key as a keystore holds it: the DER `EncryptedPrivateKeyInfo`, opened on request.

use std::fmt;

use bytes::Bytes;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode};
use x509_cert::spki::AlgorithmIdentifierRef;

use crate::error::KeyError;
use crate::key::PrivateKey;
use crate::password;
use crate::protect::epki::{EncryptedPrivateKeyInfo, open_pkcs12, seal_pkcs12};
use crate::protect::keyprotector;
use crate::protect::pbe;
use crate::protect::protection::{JKS_OID, Protection};

/// A private key as stored: DER `EncryptedPrivateKeyInfo` plus the algorithm found in it.
#[derive(Clone, PartialEq, Eq)]
pub struct ProtectedKey {
    // Shared with the file's buffer when loaded, as certificates are: loading copies nothing.
    der: Bytes,
    protection: Protection,
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

    /// The shared DER buffer, for a PKCS#12 secret bag made from it.
    /// A key held without encryption (a PKCS#12 plain `keyBag`): its DER PKCS#8, copied into
    /// memory that is wiped when the last handle is dropped.
    pub fn unencrypted(pkcs8: &[u8]) -> Result<Self, KeyError> {
        if pkcs8::PrivateKeyInfoRef::try_from(pkcs8).is_err() {
            return Err(KeyError::Malformed {
                reason: "not a DER PKCS#8 PrivateKeyInfo",
            });
        }
        Ok(Self {
            der: Bytes::from_owner(zeroize::Zeroizing::new(pkcs8.to_vec())),
            protection: Protection::Unencrypted,
        })
    }

    /// A Bouncy Castle BKS sealed key, kept sealed until opened.
    pub(crate) fn bks_sealed(sealed: &[u8]) -> Self {
        Self {
            der: Bytes::copy_from_slice(sealed),
            protection: Protection::BksSealed,
        }
    }

    pub(crate) fn into_der(self) -> Bytes {
        self.der
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
            Protection::Unsupported | Protection::Unencrypted | Protection::BksSealed => {
                return Err(KeyError::UnsupportedProtection {
                    algorithm: format!("{protection:?} (keys are sealed with a password)"),
                });
            }
        };
        let info = EncryptedPrivateKeyInfo {
            algorithm: AlgorithmIdentifierRef {
                oid,
                parameters: Some(AnyRef::from_der(&params).expect("re-reading our own DER")),
            },
            data: OctetStringRef::new(&data).map_err(|_| KeyError::InvalidKey {
                reason: "key too large",
            })?,
        };
        let der = info.to_der().map_err(|_| KeyError::InvalidKey {
            reason: "key too large",
        })?;
        Ok(Self {
            der: der.into(),
            protection,
        })
    }

    /// Decrypts the key.
    pub fn open(&self, password: &str) -> Result<PrivateKey, KeyError> {
        match self.protection {
            Protection::Unencrypted => return PrivateKey::from_pkcs8_der(self.der.to_vec()),
            Protection::BksSealed => {
                let pkcs8 = crate::protect::bks::unseal_private(&self.der, password)?;
                return PrivateKey::from_pkcs8_der(pkcs8.to_vec());
            }
            _ => {}
        }
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
            Protection::Unsupported | Protection::Unencrypted | Protection::BksSealed => {
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
