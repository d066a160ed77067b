//! Signature algorithms, RSA key generation, and signing with a [`PrivateKey`]: what
//! certificates and certificate requests need.
//!
//! RSA (PKCS#1 v1.5 with SHA-2) is the algorithm this crate generates keys for; ECDSA on P-256
//! and P-384 signs with existing EC keys (for example keytool-made ones).

use std::fmt;
use std::str::FromStr;

use der::asn1::{AnyRef, ObjectIdentifier};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::key::{KeyAlgorithm, PrivateKey};

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
    pub fn oid(self) -> ObjectIdentifier {
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
            oid: self.oid(),
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
            other => Err(unsupported(other.java_name())),
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
            .ok_or_else(|| unsupported(s))
    }
}

fn unsupported(what: &str) -> KeyError {
    KeyError::UnsupportedProtection {
        algorithm: format!(
            "{what} (only RSA keys, and signing with EC P-256/P-384 keys, are supported)"
        ),
    }
}

fn invalid(e: impl fmt::Display) -> KeyError {
    KeyError::InvalidKey {
        reason: e.to_string(),
    }
}

fn rsa_key(key: &PrivateKey) -> Result<rsa::RsaPrivateKey, KeyError> {
    rsa::RsaPrivateKey::from_pkcs8_der(key.pkcs8_der()).map_err(invalid)
}

enum EcKey {
    P256(p256::SecretKey),
    P384(p384::SecretKey),
}

fn ec_key(key: &PrivateKey) -> Result<EcKey, KeyError> {
    use p256::pkcs8::DecodePrivateKey as _;
    if let Ok(k) = p256::SecretKey::from_pkcs8_der(key.pkcs8_der()) {
        return Ok(EcKey::P256(k));
    }
    p384::SecretKey::from_pkcs8_der(key.pkcs8_der())
        .map(EcKey::P384)
        .map_err(|_| unsupported("EC on this curve"))
}

impl PrivateKey {
    /// Generates an RSA key of `bits` (2048 is keytool's default; 1024 to 8192 accepted).
    pub fn generate_rsa(bits: usize) -> Result<Self, KeyError> {
        if !(1024..=8192).contains(&bits) || !bits.is_multiple_of(8) {
            return Err(invalid(format!(
                "RSA key size {bits} is not supported (1024 to 8192, in bytes)"
            )));
        }
        let key = rsa::RsaPrivateKey::new(&mut rand::rng(), bits).map_err(invalid)?;
        let der = Zeroizing::new(key.to_pkcs8_der().map_err(invalid)?.as_bytes().to_vec());
        PrivateKey::from_pkcs8_der(der.to_vec())
    }

    /// Generates a key for keytool's `-keyalg`; only RSA is implemented.
    pub fn generate(algorithm: &str, bits: Option<usize>) -> Result<Self, KeyError> {
        if algorithm.eq_ignore_ascii_case("RSA") {
            Self::generate_rsa(bits.unwrap_or(2048))
        } else {
            Err(KeyError::UnsupportedProtection {
                algorithm: format!(
                    "generating {algorithm} keys is not supported yet (use -keyalg RSA)"
                ),
            })
        }
    }

    /// The DER `SubjectPublicKeyInfo` of the key's public half.
    pub fn public_key_der(&self) -> Result<Vec<u8>, KeyError> {
        match self.algorithm() {
            KeyAlgorithm::Rsa => Ok(rsa_key(self)?
                .to_public_key()
                .to_public_key_der()
                .map_err(invalid)?
                .into_vec()),
            KeyAlgorithm::Ec => {
                use p256::pkcs8::EncodePublicKey as _;
                let der = match ec_key(self)? {
                    EcKey::P256(k) => k.public_key().to_public_key_der(),
                    EcKey::P384(k) => k.public_key().to_public_key_der(),
                };
                Ok(der.map_err(invalid)?.into_vec())
            }
            other => Err(unsupported(other.java_name())),
        }
    }

    /// Signs `message` (which is hashed here) with `algorithm`.
    pub fn sign(&self, algorithm: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        if !algorithm.fits(self) {
            return Err(invalid(format!(
                "{algorithm} does not fit a {} key",
                self.algorithm().java_name()
            )));
        }
        let digest: Vec<u8> = match algorithm {
            SignatureAlgorithm::Sha256WithRsa | SignatureAlgorithm::Sha256WithEcdsa => {
                Sha256::digest(message).to_vec()
            }
            SignatureAlgorithm::Sha384WithRsa | SignatureAlgorithm::Sha384WithEcdsa => {
                Sha384::digest(message).to_vec()
            }
            SignatureAlgorithm::Sha512WithRsa | SignatureAlgorithm::Sha512WithEcdsa => {
                Sha512::digest(message).to_vec()
            }
        };
        let scheme = match algorithm {
            SignatureAlgorithm::Sha256WithRsa => Some(rsa::Pkcs1v15Sign::new::<Sha256>()),
            SignatureAlgorithm::Sha384WithRsa => Some(rsa::Pkcs1v15Sign::new::<Sha384>()),
            SignatureAlgorithm::Sha512WithRsa => Some(rsa::Pkcs1v15Sign::new::<Sha512>()),
            _ => None,
        };
        if let Some(scheme) = scheme {
            return rsa_key(self)?
                .sign_with_rng(&mut rand::rng(), scheme, &digest)
                .map_err(invalid);
        }
        use p256::ecdsa::signature::hazmat::PrehashSigner;
        match ec_key(self)? {
            EcKey::P256(k) => {
                let s: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(k)
                    .sign_prehash(&digest)
                    .map_err(invalid)?;
                Ok(s.to_der().as_bytes().to_vec())
            }
            EcKey::P384(k) => {
                let s: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from(k)
                    .sign_prehash(&digest)
                    .map_err(invalid)?;
                Ok(s.to_der().as_bytes().to_vec())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::Certificate;
    use der::Encode;

    #[test]
    fn names_parse_case_insensitively() {
        assert_eq!(
            "sha256withrsa".parse::<SignatureAlgorithm>(),
            Ok(SignatureAlgorithm::Sha256WithRsa)
        );
        assert!("SHA1withDSA".parse::<SignatureAlgorithm>().is_err());
    }

    #[test]
    fn keytool_ec_keys_sign_and_verify() {
        // A keytool-made P-384 key and its self-signed certificate from the corpus.
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/corpus/generated/ec-p384.jks"
        ))
        .unwrap();
        let store = crate::KeyStore::from_bytes(&bytes, "changeit").unwrap();
        let Some(crate::Entry::PrivateKey(e)) = store.get("ec") else {
            panic!()
        };
        let key = e.open("changeit").unwrap();
        assert_eq!(
            SignatureAlgorithm::default_for(&key),
            Ok(SignatureAlgorithm::Sha384WithEcdsa)
        );
        let cert: &Certificate = &e.chain()[0];
        let spki = cert
            .parsed()
            .unwrap()
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .unwrap();
        assert_eq!(key.public_key_der().unwrap(), spki);
        let sig = key
            .sign(SignatureAlgorithm::Sha384WithEcdsa, b"hello")
            .unwrap();
        let spki = cert
            .parsed()
            .unwrap()
            .tbs_certificate()
            .subject_public_key_info();
        assert_eq!(
            crate::verify::verify(spki, "1.2.840.10045.4.3.3", b"hello", &sig),
            crate::Verification::Valid
        );
        assert!(key.sign(SignatureAlgorithm::Sha256WithRsa, b"x").is_err());
    }
}
