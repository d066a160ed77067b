//! Signature algorithms by their Java names.

use std::fmt;
use std::str::FromStr;

use der::asn1::{AnyRef, ObjectIdentifier};
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::error::KeyError;
use crate::key::{KeyAlgorithm, PrivateKey};
use crate::sign::material::{EcKey, ec_key, rsa_key};

/// A certificate signature algorithm, named as Java names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// `SHA256withRSA` (1.2.840.113549.1.1.11).
    Sha256WithRsa,
    /// `SHA384withRSA`.
    Sha384WithRsa,
    /// `SHA512withRSA`.
    Sha512WithRsa,
    /// `SHA256withECDSA`.
    Sha256WithEcdsa,
    /// `SHA384withECDSA`.
    Sha384WithEcdsa,
    /// `SHA512withECDSA`.
    Sha512WithEcdsa,
}

const ALL: [SignatureAlgorithm; 6] = [
    SignatureAlgorithm::Sha256WithRsa,
    SignatureAlgorithm::Sha384WithRsa,
    SignatureAlgorithm::Sha512WithRsa,
    SignatureAlgorithm::Sha256WithEcdsa,
    SignatureAlgorithm::Sha384WithEcdsa,
    SignatureAlgorithm::Sha512WithEcdsa,
];

impl SignatureAlgorithm {
    /// The Java name (`-sigalg`).
    pub fn java_name(self) -> &'static str {
        match self {
            Self::Sha256WithRsa => "SHA256withRSA",
            Self::Sha384WithRsa => "SHA384withRSA",
            Self::Sha512WithRsa => "SHA512withRSA",
            Self::Sha256WithEcdsa => "SHA256withECDSA",
            Self::Sha384WithEcdsa => "SHA384withECDSA",
            Self::Sha512WithEcdsa => "SHA512withECDSA",
        }
    }

    /// The algorithm's OID.
    pub fn oid(self) -> crate::oid::Oid {
        crate::oid::Oid::from_der_oid(self.der_oid())
    }

    pub(crate) fn der_oid(self) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(match self {
            Self::Sha256WithRsa => "1.2.840.113549.1.1.11",
            Self::Sha384WithRsa => "1.2.840.113549.1.1.12",
            Self::Sha512WithRsa => "1.2.840.113549.1.1.13",
            Self::Sha256WithEcdsa => "1.2.840.10045.4.3.2",
            Self::Sha384WithEcdsa => "1.2.840.10045.4.3.3",
            Self::Sha512WithEcdsa => "1.2.840.10045.4.3.4",
        })
    }

    fn is_rsa(self) -> bool {
        matches!(
            self,
            Self::Sha256WithRsa | Self::Sha384WithRsa | Self::Sha512WithRsa
        )
    }

    /// The `AlgorithmIdentifier` as Java writes it: NULL parameters for RSA, none for ECDSA.
    pub(crate) fn identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.der_oid(),
            parameters: self.is_rsa().then(|| AnyRef::NULL.into()),
        }
    }

    /// keytool 17's default for a key: SHA-256 up to RSA-3072 and P-256, SHA-384 up to
    /// RSA-7680 and P-384, SHA-512 above.
    pub fn default_for(key: &PrivateKey) -> Result<Self, KeyError> {
        match key.algorithm() {
            KeyAlgorithm::Rsa => Ok(
                match rsa::traits::PublicKeyParts::size(&rsa_key(key)?) * 8 {
                    0..=3072 => Self::Sha256WithRsa,
                    3073..=7680 => Self::Sha384WithRsa,
                    _ => Self::Sha512WithRsa,
                },
            ),
            KeyAlgorithm::Ec => Ok(match ec_key(key)? {
                EcKey::P256(_) => Self::Sha256WithEcdsa,
                EcKey::P384(_) => Self::Sha384WithEcdsa,
            }),
            other => Err(KeyError::UnsupportedAlgorithm {
                algorithm: other.java_name().to_owned(),
                what: "choosing a signature algorithm",
            }),
        }
    }

    /// True when this algorithm can sign with `key`.
    pub fn fits(self, key: &PrivateKey) -> bool {
        match key.algorithm() {
            KeyAlgorithm::Rsa => self.is_rsa(),
            KeyAlgorithm::Ec => !self.is_rsa(),
            _ => false,
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.java_name())
    }
}

impl FromStr for SignatureAlgorithm {
    type Err = KeyError;

    /// Parses a Java name, case-insensitively (`sha256withrsa` works, as in keytool).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ALL.into_iter()
            .find(|a| a.java_name().eq_ignore_ascii_case(s))
            .ok_or_else(|| KeyError::UnknownSignatureAlgorithm(s.to_owned()))
    }
}
