//! Generating keys, deriving their public halves, and signing with them.

use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::key::{KeyAlgorithm, PrivateKey};
use crate::sign::algorithm::SignatureAlgorithm;
use crate::sign::material::{EcKey, ec_key, rsa_key};

fn invalid(reason: &'static str) -> KeyError {
    KeyError::InvalidKey { reason }
}

fn unsupported(algorithm: &str, what: &'static str) -> KeyError {
    KeyError::UnsupportedAlgorithm {
        algorithm: algorithm.to_owned(),
        what,
    }
}

impl PrivateKey {
    /// Generates an RSA key of `bits` (2048 is keytool's default; 1024 to 8192 accepted).
    pub fn generate_rsa(bits: usize) -> Result<Self, KeyError> {
        if !(1024..=8192).contains(&bits) || !bits.is_multiple_of(8) {
            return Err(KeyError::KeySize {
                algorithm: "RSA".into(),
                size: u32::try_from(bits).unwrap_or(u32::MAX),
                allowed: "1024 to 8192 bits, in whole bytes",
            });
        }
        let key = rsa::RsaPrivateKey::new(&mut rand::rng(), bits)
            .map_err(|_| invalid("RSA key generation failed"))?;
        let der = Zeroizing::new(
            key.to_pkcs8_der()
                .map_err(|_| invalid("the RSA key does not encode"))?
                .as_bytes()
                .to_vec(),
        );
        PrivateKey::from_pkcs8_der(der.to_vec())
    }

    /// Generates a key for keytool's `-keyalg`; only RSA is implemented.
    pub fn generate(algorithm: &str, bits: Option<usize>) -> Result<Self, KeyError> {
        if algorithm.eq_ignore_ascii_case("RSA") {
            Self::generate_rsa(bits.unwrap_or(2048))
        } else {
            Err(unsupported(algorithm, "key generation (use RSA)"))
        }
    }

    /// The DER `SubjectPublicKeyInfo` of the key's public half.
    pub fn public_key_der(&self) -> Result<Vec<u8>, KeyError> {
        match self.algorithm() {
            KeyAlgorithm::Rsa => Ok(rsa_key(self)?
                .to_public_key()
                .to_public_key_der()
                .map_err(|_| invalid("the RSA public key does not encode"))?
                .into_vec()),
            KeyAlgorithm::Ec => {
                use p256::pkcs8::EncodePublicKey as _;
                let der = match ec_key(self)? {
                    EcKey::P256(k) => k.public_key().to_public_key_der(),
                    EcKey::P384(k) => k.public_key().to_public_key_der(),
                };
                Ok(der
                    .map_err(|_| invalid("the EC public key does not encode"))?
                    .into_vec())
            }
            other => Err(unsupported(other.java_name(), "deriving the public key")),
        }
    }

    /// Signs `message` (which is hashed here) with `algorithm`.
    pub fn sign(&self, algorithm: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        if !algorithm.fits(self) {
            return Err(KeyError::SignatureMismatch {
                name: algorithm.java_name().to_owned(),
                key: self.algorithm().java_name().to_owned(),
            });
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
                .map_err(|_| invalid("RSA signing failed"));
        }
        use p256::ecdsa::signature::hazmat::PrehashSigner;
        match ec_key(self)? {
            EcKey::P256(k) => {
                let s: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(k)
                    .sign_prehash(&digest)
                    .map_err(|_| invalid("ECDSA signing failed"))?;
                Ok(s.to_der().as_bytes().to_vec())
            }
            EcKey::P384(k) => {
                let s: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from(k)
                    .sign_prehash(&digest)
                    .map_err(|_| invalid("ECDSA signing failed"))?;
                Ok(s.to_der().as_bytes().to_vec())
            }
        }
    }
}
