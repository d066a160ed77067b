//! Signing with a [`PrivateKey`], by every algorithm keytool signs with.

use crate::error::KeyError;
use crate::key::PrivateKey;
use crate::kind::Release;
use crate::sign::algorithm::SignatureAlgorithm;
use crate::sign::family::Family;
use crate::sign::hash::{digest, pkcs1v15, pss_sign};
use crate::sign::material::{Material, material};

fn failed(reason: &'static str) -> KeyError {
    KeyError::InvalidKey { reason }
}

impl PrivateKey {
    /// Signs `message` (which is hashed here, as the algorithm says) with `algorithm`; the
    /// generic `RSASSA-PSS`, `EdDSA` and `ML-DSA` take the key's parameters as keytool 17
    /// would choose them.
    pub fn sign(&self, algorithm: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        if !algorithm.fits(self) {
            return Err(KeyError::SignatureMismatch {
                name: algorithm.java_name().to_owned(),
                key: self.algorithm().java_name().to_owned(),
            });
        }
        let algorithm = algorithm.resolve(self, Release::Jdk17)?;
        let hashed = digest(algorithm.hash(), message);
        match (algorithm.family(), material(self)?) {
            (Family::Rsa, Material::Rsa(k)) => {
                let scheme = pkcs1v15(algorithm.hash()).ok_or_else(|| failed("no PKCS#1 hash"))?;
                k.sign_with_rng(&mut rand::rng(), scheme, &hashed)
                    .map_err(|_| failed("RSA signing failed"))
            }
            (Family::RsaPss, Material::Rsa(k)) => pss_sign(&k, algorithm.hash(), &hashed)
                .ok_or_else(|| failed("no PSS hash"))?
                .map_err(|_| failed("RSASSA-PSS signing failed")),
            (_, key) => sign_other(key, &hashed),
        }
    }
}

/// ECDSA and DSA over the prehash; EdDSA and ML-DSA over the message (which `digest` passed
/// through unchanged).
fn sign_other(key: Material, input: &[u8]) -> Result<Vec<u8>, KeyError> {
    use ed25519_dalek::Signer as _;
    use p256::ecdsa::signature::SignatureEncoding as _;
    use p256::ecdsa::signature::hazmat::{PrehashSigner, RandomizedPrehashSigner};
    let ecdsa = |e| failed(e);
    match key {
        Material::P256(k) => p256::ecdsa::SigningKey::from(k)
            .sign_prehash(input)
            .map(|s: p256::ecdsa::Signature| s.to_der().as_bytes().to_vec())
            .map_err(|_| ecdsa("ECDSA signing failed (digest too short for the curve?)")),
        Material::P384(k) => p384::ecdsa::SigningKey::from(k)
            .sign_prehash(input)
            .map(|s: p384::ecdsa::Signature| s.to_der().as_bytes().to_vec())
            .map_err(|_| ecdsa("ECDSA signing failed (digest too short for the curve?)")),
        Material::P521(k) => p521::ecdsa::SigningKey::from_bytes(&k.to_bytes())
            .and_then(|s| s.sign_prehash(input))
            .map(|s: p521::ecdsa::Signature| s.to_der().as_bytes().to_vec())
            .map_err(|_| ecdsa("ECDSA signing failed (digest too short for the curve?)")),
        Material::Dsa(k) => k
            .sign_prehash_with_rng(&mut rand::rng(), input)
            .map(|s: dsa::Signature| s.to_bytes().to_vec())
            .map_err(|_| failed("DSA signing failed")),
        Material::Ed25519(k) => Ok(k.sign(input).to_bytes().to_vec()),
        Material::Ed448(k) => {
            let s: ed448_goldilocks::Signature = p256::ecdsa::signature::Signer::sign(&*k, input);
            Ok(s.to_bytes().to_vec())
        }
        Material::MlDsa44(k) => ml_dsa_sign(&k, input),
        Material::MlDsa65(k) => ml_dsa_sign(&k, input),
        Material::MlDsa87(k) => ml_dsa_sign(&k, input),
        _ => Err(KeyError::UnsupportedAlgorithm {
            algorithm: "X25519, X448 or ML-KEM".into(),
            what: "signing (these keys do not sign)",
        }),
    }
}

/// ML-DSA's hedged signing (fresh randomness, empty context), as Java signs by default.
fn ml_dsa_sign<P: ml_dsa::MlDsaParams>(
    key: &ml_dsa::ExpandedSigningKey<P>,
    message: &[u8],
) -> Result<Vec<u8>, KeyError> {
    key.sign_randomized(message, &[], &mut rand::rng())
        .map(|s| s.encode().to_vec())
        .map_err(|_| failed("ML-DSA signing failed"))
}
