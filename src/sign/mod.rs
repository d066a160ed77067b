//! Signature algorithms, key generation, and signing with a [`PrivateKey`]: what
//! certificates, requests and CRLs need, for every key type keytool 25 makes — RSA,
//! RSASSA-PSS, EC (P-256, P-384, P-521), DSA, Ed25519, Ed448, ML-DSA — and the keys that do
//! not sign (X25519, X448, ML-KEM), which are made, stored and certified by another key.
//!
//! [`PrivateKey`]: crate::PrivateKey

pub(crate) mod algorithm;
pub(crate) mod family;
mod forms;
pub(crate) mod hash;
mod keygen;
mod lattice;
pub(crate) mod material;
pub(crate) mod oids;
mod pss;
mod public;
mod signer;

pub use algorithm::SignatureAlgorithm;
pub use keygen::{Curve, KeySpec};

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
        assert!("SHA1withFOO".parse::<SignatureAlgorithm>().is_err());
        assert_eq!(
            "SHA-256withRSA".parse(),
            Ok(SignatureAlgorithm::Sha256WithRsa)
        );
        assert_eq!("rsassa-pss".parse(), Ok(SignatureAlgorithm::RsassaPss));
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
            crate::verify::verify(
                spki,
                &SignatureAlgorithm::Sha384WithEcdsa.identifier(),
                b"hello",
                &sig
            ),
            crate::Verification::Valid
        );
        assert!(key.sign(SignatureAlgorithm::Sha256WithRsa, b"x").is_err());
    }
}
