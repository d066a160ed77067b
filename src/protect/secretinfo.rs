//! How PKCS#12 holds a secret key: Java puts it in a `secretBag` as an
//! `EncryptedPrivateKeyInfo` whose plaintext looks like PKCS#8.
//!
//! ```text
//! SEQUENCE { INTEGER 0, AlgorithmIdentifier { keyAlgorithm, NULL }, OCTET STRING rawKey }
//! ```
//!
//! The algorithm is an OID, so a Java name such as `HmacSHA256` has to be mapped both ways
//! with Java's own table (`AlgorithmId` / `KnownOIDs`). A name Java has no OID for cannot be
//! stored in PKCS#12 at all; an OID this table does not know comes back as its dotted form,
//! which Java also accepts as an algorithm name.

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::key::SecretKey;

/// Java's names and OIDs for the secret key algorithms keytool can make or import.
const TABLE: &[(&str, &str)] = &[
    ("AES", "2.16.840.1.101.3.4.1"),
    ("DES", "1.3.14.3.2.7"),
    ("DESede", "1.3.14.3.2.17"),
    ("HmacMD5", "1.3.6.1.5.5.8.1.1"),
    ("HmacSHA1", "1.2.840.113549.2.7"),
    ("HmacSHA224", "1.2.840.113549.2.8"),
    ("HmacSHA256", "1.2.840.113549.2.9"),
    ("HmacSHA384", "1.2.840.113549.2.10"),
    ("HmacSHA512", "1.2.840.113549.2.11"),
    ("HmacSHA512/224", "1.2.840.113549.2.12"),
    ("HmacSHA512/256", "1.2.840.113549.2.13"),
    ("HmacSHA3-224", "2.16.840.1.101.3.4.2.13"),
    ("HmacSHA3-256", "2.16.840.1.101.3.4.2.14"),
    ("HmacSHA3-384", "2.16.840.1.101.3.4.2.15"),
    ("HmacSHA3-512", "2.16.840.1.101.3.4.2.16"),
    ("RC2", "1.2.840.113549.3.2"),
    ("ARCFOUR", "1.2.840.113549.3.4"),
    ("PBEWithMD5AndDES", "1.2.840.113549.1.5.3"),
    ("PBEWithSHA1AndDESede", "1.2.840.113549.1.12.1.3"),
    ("PBEWithSHA1AndRC2_40", "1.2.840.113549.1.12.1.6"),
    ("PBKDF2WithHmacSHA1", "1.2.840.113549.1.5.12"),
];

/// Names Java treats as aliases of a table entry.
const ALIASES: &[(&str, &str)] = &[
    ("TripleDES", "DESede"),
    ("RC4", "ARCFOUR"),
    ("PBE", "PBEWithMD5AndDES"),
];

/// Java's OID for a secret key algorithm name.
pub(crate) fn oid_for(name: &str) -> Result<ObjectIdentifier, KeyError> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        .map_or(name, |(_, canonical)| canonical);
    let dotted = TABLE
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or(name, |(_, oid)| oid);
    ObjectIdentifier::new(dotted).map_err(|_| KeyError::UnsupportedAlgorithm {
        algorithm: name.to_owned(),
        what: "a PKCS#12 secret key (PKCS#12 names the algorithm by an OID, and Java has none \
               for it; keep this key in a JCEKS store)",
    })
}

/// Java's name for a secret key algorithm OID, or the dotted OID.
pub(crate) fn name_for(oid: &ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    TABLE
        .iter()
        .find(|(_, o)| *o == dotted)
        .map_or(dotted, |(n, _)| (*n).to_owned())
}

#[derive(Sequence)]
struct SecretKeyInfo<'a> {
    version: u8,
    algorithm: AlgorithmIdentifierRef<'a>,
    key: &'a OctetStringRef,
}

/// The plaintext Java encrypts for a secret key.
pub(crate) fn encode(key: &SecretKey) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let too_large = |_| KeyError::InvalidKey {
        reason: "secret key too large",
    };
    let info = SecretKeyInfo {
        version: 0,
        algorithm: AlgorithmIdentifierRef {
            oid: oid_for(key.algorithm())?,
            parameters: Some(AnyRef::NULL),
        },
        key: OctetStringRef::new(key.as_bytes()).map_err(too_large)?,
    };
    info.to_der().map(Zeroizing::new).map_err(too_large)
}

/// The secret key in a decrypted plaintext. Garbage (from a wrong password whose padding
/// happened to check) reads as a wrong password.
pub(crate) fn decode(plain: &[u8]) -> Result<SecretKey, KeyError> {
    let info = SecretKeyInfo::from_der(plain).map_err(|_| KeyError::WrongPassword)?;
    Ok(SecretKey::new(
        name_for(&info.algorithm.oid),
        info.key.as_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_names_round_trip() {
        for (name, oid) in TABLE {
            let key = SecretKey::new(*name, vec![7u8; 16]);
            let plain = encode(&key).unwrap();
            assert_eq!(decode(&plain).unwrap(), key, "{name} {oid}");
        }
        let aliased =
            decode(&encode(&SecretKey::new("tripledes", vec![1u8; 24])).unwrap()).unwrap();
        assert_eq!(aliased.algorithm(), "DESede");
        let dotted = decode(&encode(&SecretKey::new("1.2.3.4", vec![1u8])).unwrap()).unwrap();
        assert_eq!(dotted.algorithm(), "1.2.3.4");
        assert!(matches!(
            encode(&SecretKey::new("ChaCha20", vec![0u8; 32])),
            Err(KeyError::UnsupportedAlgorithm { .. })
        ));
    }

    #[test]
    fn the_layout_java_writes() {
        // HmacSHA256 with 2 key bytes, as Java lays it out.
        let plain = encode(&SecretKey::new("HmacSHA256", vec![0xAB, 0xCD])).unwrap();
        assert_eq!(
            plain.as_slice(),
            [
                0x30, 0x15, 0x02, 0x01, 0x00, 0x30, 0x0C, 0x06, 0x08, 0x2A, 0x86, 0x48, 0x86, 0xF7,
                0x0D, 0x02, 0x09, 0x05, 0x00, 0x04, 0x02, 0xAB, 0xCD
            ]
        );
        assert_eq!(decode(&[0x30, 0x00]), Err(KeyError::WrongPassword));
    }
}
