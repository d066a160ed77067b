//! RSASSA-PSS parameters as Java writes them: the hash (with NULL parameters), MGF1 with the
//! same hash, a salt as long as the hash, the default trailer.
//!
//! ```text
//! RSASSA-PSS-params ::= SEQUENCE { [0] hashAlgorithm, [1] maskGenAlgorithm { mgf1, hash },
//!                                  [2] saltLength INTEGER, [3] trailerField DEFAULT 1 }
//! ```

use der::asn1::{Any, AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::sign::family::Hash;

const MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");

/// The digest OID and salt length of a PSS hash.
fn digest(hash: Hash) -> Option<(ObjectIdentifier, u8)> {
    Some(match hash {
        Hash::Sha256 => (ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"), 32),
        Hash::Sha384 => (ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2"), 48),
        Hash::Sha512 => (ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3"), 64),
        _ => return None,
    })
}

#[derive(Sequence)]
struct Params {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer: Option<u32>,
}

fn with_null(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: Some(AnyRef::NULL.into()),
    }
}

/// The DER parameters for PSS with `hash`.
pub(crate) fn parameters(hash: Hash) -> Option<Any> {
    let (oid, salt) = digest(hash)?;
    let hash_alg = with_null(oid);
    let mask = AlgorithmIdentifierOwned {
        oid: MGF1,
        parameters: Some(Any::encode_from(&hash_alg).ok()?),
    };
    let params = Params {
        hash: Some(hash_alg),
        mask: Some(mask),
        salt: Some(u32::from(salt)),
        trailer: None,
    };
    Any::encode_from(&params).ok()
}

/// The hash of the PSS variant DER parameters name: SHA-256/384/512 with MGF1 of the same
/// hash and the hash's length as salt. Anything else (other hashes, other salts, the SHA-1
/// defaults) is not one this crate makes or checks.
pub(crate) fn hash_of(params_der: &[u8]) -> Option<Hash> {
    let p = Params::from_der(params_der).ok()?;
    let hash = p.hash?;
    let mask = p.mask?;
    let inner = AlgorithmIdentifierOwned::from_der(&mask.parameters?.to_der().ok()?).ok()?;
    if mask.oid != MGF1 || inner.oid != hash.oid || p.trailer.is_some_and(|t| t != 1) {
        return None;
    }
    [Hash::Sha256, Hash::Sha384, Hash::Sha512]
        .into_iter()
        .find(|h| {
            digest(*h).is_some_and(|(oid, salt)| oid == hash.oid && p.salt == Some(u32::from(salt)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_read_back_as_their_variant() {
        for hash in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            let der = parameters(hash).unwrap().to_der().unwrap();
            assert_eq!(hash_of(&der), Some(hash));
        }
        assert_eq!(
            hash_of(&[0x30, 0x00]),
            None,
            "SHA-1 defaults are not made here"
        );
    }

    #[test]
    fn keytool_25_parameters_are_recognised() {
        // The signature AlgorithmIdentifier parameters of a keytool 25 RSASSA-PSS certificate.
        let der = [
            0x30, 0x34, 0xA0, 0x0F, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
            0x04, 0x02, 0x02, 0x05, 0x00, 0xA1, 0x1C, 0x30, 0x1A, 0x06, 0x09, 0x2A, 0x86, 0x48,
            0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
            0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0xA2, 0x03, 0x02, 0x01, 0x30,
        ];
        assert_eq!(hash_of(&der), Some(Hash::Sha384));
        assert_eq!(parameters(Hash::Sha384).unwrap().to_der().unwrap(), der);
    }
}
