//! The public half of a private key, as the `SubjectPublicKeyInfo` Java writes.

use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::EncodePublicKey;

use der::Decode;
use x509_cert::spki::SubjectPublicKeyInfoRef;

use crate::cert::Certificate;
use crate::error::KeyError;
use crate::key::{KeyAlgorithm, PrivateKey};
use crate::sign::forms::public_key_info;
use crate::sign::material::{Material, material};
use crate::sign::oids;

fn unencodable(_: impl std::fmt::Display) -> KeyError {
    KeyError::InvalidKey {
        reason: "the public key does not encode",
    }
}

impl PrivateKey {
    /// True when `cert` holds this key's public half. The key material (the
    /// `subjectPublicKey` bits) is compared, not the encoding of the algorithm parameters,
    /// which producers write differently (explicit or absent NULL, PSS parameters).
    pub fn matches_certificate(&self, cert: &Certificate) -> Result<bool, KeyError> {
        let ours = self.public_key_der()?;
        let theirs = cert.public_key_info_der().ok_or(KeyError::InvalidKey {
            reason: "the certificate has no readable public key",
        })?;
        let bits = |der: &[u8]| {
            SubjectPublicKeyInfoRef::from_der(der)
                .map(|spki| spki.subject_public_key.raw_bytes().to_vec())
                .ok()
        };
        Ok(bits(&ours).is_some() && bits(&ours) == bits(theirs))
    }

    /// The DER `SubjectPublicKeyInfo` of the key's public half.
    pub fn public_key_der(&self) -> Result<Vec<u8>, KeyError> {
        let doc = match material(self)? {
            Material::Rsa(k) if *self.algorithm() == KeyAlgorithm::RsaPss => {
                let pkcs1 = k.to_public_key().to_pkcs1_der().map_err(unencodable)?;
                return public_key_info(oids::RSASSA_PSS, pkcs1.as_bytes());
            }
            Material::Rsa(k) => k.to_public_key().to_public_key_der(),
            Material::P256(k) => k.public_key().to_public_key_der(),
            Material::P384(k) => k.public_key().to_public_key_der(),
            Material::P521(k) => k.public_key().to_public_key_der(),
            Material::Dsa(k) => k.verifying_key().to_public_key_der(),
            other => return raw_public_key(other),
        };
        Ok(doc.map_err(unencodable)?.into_vec())
    }
}

/// The keys whose public half is a raw string inside the BIT STRING.
fn raw_public_key(key: Material) -> Result<Vec<u8>, KeyError> {
    use ml_kem::KeyExport as _;
    match key {
        Material::Ed25519(k) => public_key_info(oids::ED25519, k.verifying_key().as_bytes()),
        Material::Ed448(k) => public_key_info(oids::ED448, k.verifying_key().as_bytes()),
        Material::X25519(k) => {
            public_key_info(oids::X25519, x25519_dalek::PublicKey::from(&*k).as_bytes())
        }
        Material::X448(k) => public_key_info(oids::X448, x448::PublicKey::from(&*k).as_bytes()),
        Material::MlDsa44(k) => public_key_info(oids::ML_DSA_44, &k.verifying_key().encode()),
        Material::MlDsa65(k) => public_key_info(oids::ML_DSA_65, &k.verifying_key().encode()),
        Material::MlDsa87(k) => public_key_info(oids::ML_DSA_87, &k.verifying_key().encode()),
        Material::MlKem512(k) => {
            public_key_info(oids::ML_KEM_512, &k.encapsulation_key().to_bytes())
        }
        Material::MlKem768(k) => {
            public_key_info(oids::ML_KEM_768, &k.encapsulation_key().to_bytes())
        }
        Material::MlKem1024(k) => {
            public_key_info(oids::ML_KEM_1024, &k.encapsulation_key().to_bytes())
        }
        _ => Err(KeyError::InvalidKey {
            reason: "no public key for this key",
        }),
    }
}
