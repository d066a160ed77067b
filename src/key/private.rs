//! Plaintext private keys (PKCS#8), zeroized when dropped, never shown in `Debug`.

use std::fmt;

use der::asn1::ObjectIdentifier;
use zeroize::Zeroizing;

use crate::error::KeyError;

/// The algorithm of a private key, from its PKCS#8 `AlgorithmIdentifier`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA (`rsaEncryption`).
    Rsa,
    /// RSASSA-PSS.
    RsaPss,
    /// Elliptic curve (`id-ecPublicKey`).
    Ec,
    /// DSA.
    Dsa,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// X25519 (key agreement only).
    X25519,
    /// X448 (key agreement only).
    X448,
    /// ML-DSA-44 (FIPS 204).
    MlDsa44,
    /// ML-DSA-65.
    MlDsa65,
    /// ML-DSA-87.
    MlDsa87,
    /// ML-KEM-512 (FIPS 203; key encapsulation only).
    MlKem512,
    /// ML-KEM-768.
    MlKem768,
    /// ML-KEM-1024.
    MlKem1024,
    /// Anything else, by OID.
    Other(String),
}

impl KeyAlgorithm {
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Self {
        match oid.to_string().as_str() {
            "1.2.840.113549.1.1.1" => Self::Rsa,
            "1.2.840.113549.1.1.10" => Self::RsaPss,
            "1.2.840.10045.2.1" => Self::Ec,
            "1.2.840.10040.4.1" => Self::Dsa,
            "1.3.101.112" => Self::Ed25519,
            "1.3.101.113" => Self::Ed448,
            "1.3.101.110" => Self::X25519,
            "1.3.101.111" => Self::X448,
            "2.16.840.1.101.3.4.3.17" => Self::MlDsa44,
            "2.16.840.1.101.3.4.3.18" => Self::MlDsa65,
            "2.16.840.1.101.3.4.3.19" => Self::MlDsa87,
            "2.16.840.1.101.3.4.4.1" => Self::MlKem512,
            "2.16.840.1.101.3.4.4.2" => Self::MlKem768,
            "2.16.840.1.101.3.4.4.3" => Self::MlKem1024,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The algorithm's own name: `RSA`, `RSASSA-PSS`, `EC`, `DSA`, `Ed25519`, `Ed448`,
    /// `X25519`, `X448`, `ML-DSA-65`, `ML-KEM-768`, ... (the dotted OID for others).
    pub fn name(&self) -> &str {
        match self {
            Self::Rsa => "RSA",
            Self::RsaPss => "RSASSA-PSS",
            Self::Ec => "EC",
            Self::Dsa => "DSA",
            Self::Ed25519 => "Ed25519",
            Self::Ed448 => "Ed448",
            Self::X25519 => "X25519",
            Self::X448 => "X448",
            Self::MlDsa44 => "ML-DSA-44",
            Self::MlDsa65 => "ML-DSA-65",
            Self::MlDsa87 => "ML-DSA-87",
            Self::MlKem512 => "ML-KEM-512",
            Self::MlKem768 => "ML-KEM-768",
            Self::MlKem1024 => "ML-KEM-1024",
            Self::Other(oid) => oid,
        }
    }

    /// The name Java's `Key.getAlgorithm()` gives: the family (`EdDSA`, `XDH`, `ML-DSA`,
    /// `ML-KEM`) for the curve and lattice keys, else as [`KeyAlgorithm::name`].
    pub fn java_name(&self) -> &str {
        match self {
            Self::Ed25519 | Self::Ed448 => "EdDSA",
            Self::X25519 | Self::X448 => "XDH",
            Self::MlDsa44 | Self::MlDsa65 | Self::MlDsa87 => "ML-DSA",
            Self::MlKem512 | Self::MlKem768 | Self::MlKem1024 => "ML-KEM",
            other => other.name(),
        }
    }

    /// The algorithm [`KeyAlgorithm::name`] names (exactly), if it is one of the known ones.
    pub fn from_name(name: &str) -> Option<Self> {
        const ALL: [KeyAlgorithm; 14] = [
            KeyAlgorithm::Rsa,
            KeyAlgorithm::RsaPss,
            KeyAlgorithm::Ec,
            KeyAlgorithm::Dsa,
            KeyAlgorithm::Ed25519,
            KeyAlgorithm::Ed448,
            KeyAlgorithm::X25519,
            KeyAlgorithm::X448,
            KeyAlgorithm::MlDsa44,
            KeyAlgorithm::MlDsa65,
            KeyAlgorithm::MlDsa87,
            KeyAlgorithm::MlKem512,
            KeyAlgorithm::MlKem768,
            KeyAlgorithm::MlKem1024,
        ];
        ALL.into_iter().find(|a| a.name() == name)
    }

    /// True for keys that sign (every kind but X25519, X448 and ML-KEM).
    pub fn can_sign(&self) -> bool {
        !matches!(
            self,
            Self::X25519 | Self::X448 | Self::MlKem512 | Self::MlKem768 | Self::MlKem1024
        )
    }
}

/// A decrypted private key: DER `PrivateKeyInfo` (PKCS#8), zeroized on drop.
#[derive(Clone)]
pub struct PrivateKey {
    pkcs8: Zeroizing<Vec<u8>>,
    algorithm: KeyAlgorithm,
}

impl PrivateKey {
    /// Wraps DER PKCS#8 `PrivateKeyInfo` bytes after checking their structure.
    pub fn from_pkcs8_der(der: impl Into<Vec<u8>>) -> Result<Self, KeyError> {
        let pkcs8 = Zeroizing::new(der.into());
        let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8.as_slice()).map_err(|_| {
            KeyError::InvalidKey {
                reason: "not a DER PKCS#8 PrivateKeyInfo",
            }
        })?;
        let algorithm = KeyAlgorithm::from_oid(&info.algorithm.oid);
        Ok(Self { pkcs8, algorithm })
    }

    /// The DER PKCS#8 `PrivateKeyInfo`.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> &KeyAlgorithm {
        &self.algorithm
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl PartialEq for PrivateKey {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.pkcs8.as_slice().ct_eq(other.pkcs8.as_slice()).into()
    }
}

impl Eq for PrivateKey {}
