//! Signature algorithms, key generation, and signing with a [`PrivateKey`]: what
//! certificates and certificate requests need.
//!
//! RSA (PKCS#1 v1.5 with SHA-2) is the algorithm this crate generates keys for; ECDSA on P-256
//! and P-384 signs with existing EC keys (for example keytool-made ones).
//!
//! [`PrivateKey`]: crate::PrivateKey

mod algorithm;
mod keys;
mod material;

pub use algorithm::SignatureAlgorithm;

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
