//! Public keys as keytool describes them: algorithm, size and curve.

use der::asn1::{ObjectIdentifier, UintRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::error::CertError;
use crate::inspect::names::curve;
use crate::oid::Oid;

/// A subject public key: its algorithm, size and curve, and its DER `SubjectPublicKeyInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PublicKeyInfo {
    /// The key algorithm's OID (`1.2.840.113549.1.1.1` for RSA).
    pub algorithm: Oid,
    /// The key's own name: `RSA`, `RSASSA-PSS`, `EC`, `DSA`, `Ed25519`, `Ed448`, `X25519`,
    /// `X448`, `ML-DSA-44`/`-65`/`-87`, `ML-KEM-512`/`-768`/`-1024`; the dotted OID for a key
    /// this crate does not know.
    pub name: String,
    /// Java's `Key.getAlgorithm()` (JDK 25): `RSA`, `RSASSA-PSS`, `EC`, `DSA`, `EdDSA`,
    /// `XDH`, `ML-DSA`, `ML-KEM`, or the dotted OID.
    pub java_algorithm: String,
    /// The size in bits, when Java gives one (not for ML-DSA and ML-KEM).
    pub bits: Option<u32>,
    /// The named curve (`secp256r1`, ...) of an EC key.
    pub curve: Option<&'static str>,
    der: Vec<u8>,
}

/// PKCS#1 `RSAPublicKey` (the BIT STRING of an RSA `SubjectPublicKeyInfo`).
#[derive(Sequence)]
pub(crate) struct RsaPublicKey<'a> {
    pub(crate) modulus: UintRef<'a>,
    pub(crate) exponent: UintRef<'a>,
}

/// `Dss-Parms` (the parameters of a DSA `SubjectPublicKeyInfo`).
#[derive(Sequence)]
pub(crate) struct DssParms<'a> {
    pub(crate) p: UintRef<'a>,
    pub(crate) q: UintRef<'a>,
    pub(crate) g: UintRef<'a>,
}

/// The bit length of an unsigned big-endian integer.
fn uint_bits(u: &UintRef<'_>) -> u32 {
    let b = u.as_bytes();
    match b.first() {
        None => 0,
        Some(&first) => {
            let whole = u32::try_from(b.len() - 1).unwrap_or(u32::MAX / 8);
            whole.saturating_mul(8) + (8 - first.leading_zeros())
        }
    }
}

impl PublicKeyInfo {
    /// Describes a DER `SubjectPublicKeyInfo`.
    pub fn from_der(spki: &[u8]) -> Result<Self, CertError> {
        let parsed = SubjectPublicKeyInfoOwned::from_der(spki)
            .map_err(|e| CertError::der("public key", &e))?;
        Ok(Self::from_spki(&parsed, spki.to_vec()))
    }

    pub(crate) fn from_parsed(spki: &SubjectPublicKeyInfoOwned) -> Self {
        Self::from_spki(spki, spki.to_der().unwrap_or_default())
    }

    fn from_spki(spki: &SubjectPublicKeyInfoOwned, der: Vec<u8>) -> Self {
        let oid = spki.algorithm.oid;
        let key_bytes = spki.subject_public_key.raw_bytes();
        let params = spki.algorithm.parameters.as_ref();
        let info = |bits: Option<u32>, name: &str, java: &str, curve| Self {
            algorithm: Oid::from_der_oid(oid),
            name: name.to_owned(),
            java_algorithm: java.to_owned(),
            bits,
            curve,
            der: der.clone(),
        };
        let dotted = oid.to_string();
        match dotted.as_str() {
            alg @ ("1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10") => {
                let bits = RsaPublicKey::from_der(key_bytes)
                    .ok()
                    .map(|k| uint_bits(&k.modulus));
                let name = if alg.ends_with(".1") {
                    "RSA"
                } else {
                    "RSASSA-PSS"
                };
                info(bits, name, name, None)
            }
            "1.2.840.10040.4.1" => {
                let bits = params
                    .and_then(|p| p.decode_as::<DssParms<'_>>().ok())
                    .map(|p| uint_bits(&p.p));
                info(bits, "DSA", "DSA", None)
            }
            "1.2.840.10045.2.1" => {
                let named = params.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                match named.as_ref().and_then(curve) {
                    Some((name, bits)) => info(Some(bits), "EC", "EC", Some(name)),
                    None => info(None, "EC", "EC", None),
                }
            }
            other => match named_key(other) {
                Some((name, java, bits)) => info(bits, name, java, None),
                None => info(None, other, other, None),
            },
        }
    }

    /// The DER `SubjectPublicKeyInfo`.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

/// The keys known by OID alone: name, Java family, size.
fn named_key(dotted: &str) -> Option<(&'static str, &'static str, Option<u32>)> {
    Some(match dotted {
        "1.3.101.112" => ("Ed25519", "EdDSA", Some(255)),
        "1.3.101.113" => ("Ed448", "EdDSA", Some(448)),
        "1.3.101.110" => ("X25519", "XDH", Some(255)),
        "1.3.101.111" => ("X448", "XDH", Some(448)),
        "2.16.840.1.101.3.4.3.17" => ("ML-DSA-44", "ML-DSA", None),
        "2.16.840.1.101.3.4.3.18" => ("ML-DSA-65", "ML-DSA", None),
        "2.16.840.1.101.3.4.3.19" => ("ML-DSA-87", "ML-DSA", None),
        "2.16.840.1.101.3.4.4.1" => ("ML-KEM-512", "ML-KEM", None),
        "2.16.840.1.101.3.4.4.2" => ("ML-KEM-768", "ML-KEM", None),
        "2.16.840.1.101.3.4.4.3" => ("ML-KEM-1024", "ML-KEM", None),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keytool_keys_are_described() {
        let store = crate::KeyStore::from_bytes(
            &std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/data/corpus/generated/ec-p384.jks"
            ))
            .unwrap(),
            "changeit",
        )
        .unwrap();
        let cert = store.get("ec").unwrap().certificate().unwrap();
        let key = PublicKeyInfo::from_der(cert.public_key_info_der().unwrap()).unwrap();
        assert_eq!(key.java_algorithm, "EC");
        assert_eq!(key.name, "EC");
        assert_eq!((key.bits, key.curve), (Some(384), Some("secp384r1")));
        assert!(PublicKeyInfo::from_der(&[0x30, 0x00]).is_err());
    }
}
