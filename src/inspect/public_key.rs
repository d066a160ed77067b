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
    /// Java's `Key.getAlgorithm()`: `RSA`, `RSASSA-PSS`, `DSA`, `EC`, `EdDSA`, `XDH`, or the
    /// dotted OID for a key Java does not know.
    pub java_algorithm: String,
    /// The name keytool shows after the size: `RSA`, `EC (secp256r1)`, `Ed25519`, ...
    pub display_name: String,
    /// The size in bits, when it can be told.
    pub bits: Option<u32>,
    /// The named curve (`secp256r1`, `Ed25519`, `X448`, ...), for curve keys.
    pub curve: Option<&'static str>,
    der: Vec<u8>,
}

#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    exponent: UintRef<'a>,
}

#[derive(Sequence)]
struct DssParms<'a> {
    p: UintRef<'a>,
    q: UintRef<'a>,
    g: UintRef<'a>,
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
        let info = |bits: Option<u32>, java: &str, display: String, curve| Self {
            algorithm: Oid::from_der_oid(oid),
            java_algorithm: java.to_owned(),
            display_name: display,
            bits,
            curve,
            der: der.clone(),
        };
        match oid.to_string().as_str() {
            alg @ ("1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10") => {
                let bits = RsaPublicKey::from_der(key_bytes)
                    .ok()
                    .map(|k| uint_bits(&k.modulus));
                let name = if alg.ends_with(".1") {
                    "RSA"
                } else {
                    "RSASSA-PSS"
                };
                info(bits, name, name.to_owned(), None)
            }
            "1.2.840.10040.4.1" => {
                let bits = params
                    .and_then(|p| p.decode_as::<DssParms<'_>>().ok())
                    .map(|p| uint_bits(&p.p));
                info(bits, "DSA", "DSA".to_owned(), None)
            }
            "1.2.840.10045.2.1" => {
                let named = params.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                match named.as_ref().and_then(curve) {
                    Some((name, bits)) => {
                        info(Some(bits), "EC", format!("EC ({name})"), Some(name))
                    }
                    None => info(None, "EC", "EC".to_owned(), None),
                }
            }
            "1.3.101.112" => info(Some(255), "EdDSA", "Ed25519".into(), Some("Ed25519")),
            "1.3.101.113" => info(Some(448), "EdDSA", "Ed448".into(), Some("Ed448")),
            "1.3.101.110" => info(Some(255), "XDH", "X25519".into(), Some("X25519")),
            "1.3.101.111" => info(Some(448), "XDH", "X448".into(), Some("X448")),
            other => info(None, other, other.to_owned(), None),
        }
    }

    /// The DER `SubjectPublicKeyInfo`.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
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
        assert_eq!(key.display_name, "EC (secp384r1)");
        assert_eq!((key.bits, key.curve), (Some(384), Some("secp384r1")));
        assert!(PublicKeyInfo::from_der(&[0x30, 0x00]).is_err());
    }
}
