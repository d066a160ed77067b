//! The PKCS#8 and SubjectPublicKeyInfo forms Java writes, for the keys whose crates do not
//! write them the same way: RFC 8410 curve keys, RSASSA-PSS keys, and JDK 25's ML-DSA and
//! ML-KEM "expandedKey" form.
//!
//! ```text
//! PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, privateKey OCTET STRING }
//!   X25519/X448/Ed25519/Ed448: privateKey holds OCTET STRING (the raw key)
//!   ML-DSA/ML-KEM (JDK 25):    privateKey holds OCTET STRING (the expanded key)
//!   RSASSA-PSS:                privateKey holds the PKCS#1 RSAPrivateKey, no parameters
//! SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier (no parameters), BIT STRING }
//! ```

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use crate::error::KeyError;

#[derive(Sequence)]
struct PrivateKeyInfo<'a> {
    version: u8,
    algorithm: AlgorithmIdentifierRef<'a>,
    private_key: &'a OctetStringRef,
}

#[derive(Sequence)]
struct PublicKeyInfo<'a> {
    algorithm: AlgorithmIdentifierRef<'a>,
    public_key: BitStringRef<'a>,
}

fn unencodable(_: der::Error) -> KeyError {
    KeyError::InvalidKey {
        reason: "the key does not encode",
    }
}

/// A v1 `PrivateKeyInfo` for `oid` (no parameters) around `private_key`.
pub(crate) fn private_key_info(
    oid: ObjectIdentifier,
    private_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let info = PrivateKeyInfo {
        version: 0,
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None::<AnyRef<'_>>,
        },
        private_key: OctetStringRef::new(private_key).map_err(unencodable)?,
    };
    info.to_der().map(Zeroizing::new).map_err(unencodable)
}

/// `bytes` as a DER OCTET STRING (the inner value of RFC 8410 and JDK 25 private keys).
pub(crate) fn octet_string(bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    OctetStringRef::new(bytes)
        .and_then(|o| o.to_der())
        .map(Zeroizing::new)
        .map_err(unencodable)
}

/// A `SubjectPublicKeyInfo` for `oid` (no parameters) around the raw public key.
pub(crate) fn public_key_info(oid: ObjectIdentifier, key: &[u8]) -> Result<Vec<u8>, KeyError> {
    PublicKeyInfo {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None::<AnyRef<'_>>,
        },
        public_key: BitStringRef::from_bytes(key).map_err(unencodable)?,
    }
    .to_der()
    .map_err(unencodable)
}

/// The `privateKey` contents of a PKCS#8 key: the OCTET STRING's value.
pub(crate) fn private_key_of(pkcs8: &[u8]) -> Result<&[u8], KeyError> {
    pkcs8::PrivateKeyInfoRef::try_from(pkcs8)
        .map(|i| i.private_key.as_bytes())
        .map_err(|_| KeyError::InvalidKey {
            reason: "not a DER PKCS#8 PrivateKeyInfo",
        })
}

#[derive(Sequence)]
struct EcPrivateKey<'a> {
    version: u8,
    private_key: &'a OctetStringRef,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    parameters: Option<ObjectIdentifier>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    public_key: Option<BitStringRef<'a>>,
}

/// The named curve and private scalar of an EC PKCS#8 key (RFC 5915 inside RFC 5208), read
/// without checking an embedded public key: that check is a scalar multiplication, and the
/// key's certificate is what it is checked against (`matches_certificate`).
pub(crate) fn ec_private_scalar(pkcs8: &[u8]) -> Option<(ObjectIdentifier, &[u8])> {
    let info = PrivateKeyInfo::from_der(pkcs8).ok()?;
    let inner = EcPrivateKey::from_der(info.private_key.as_bytes()).ok()?;
    let named = info
        .algorithm
        .parameters
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let curve = named.or(inner.parameters)?;
    (inner.version == 1).then_some((curve, inner.private_key.as_bytes()))
}

/// The raw key inside an RFC 8410 `CurvePrivateKey` (an OCTET STRING), checked for length.
pub(crate) fn curve_private_key<const N: usize>(pkcs8: &[u8]) -> Result<[u8; N], KeyError> {
    let inner = private_key_of(pkcs8)?;
    let octets = <&OctetStringRef>::from_der(inner).map_err(|_| KeyError::InvalidKey {
        reason: "the curve private key is not an OCTET STRING",
    })?;
    <[u8; N]>::try_from(octets.as_bytes()).map_err(|_| KeyError::InvalidKey {
        reason: "the curve private key has the wrong length",
    })
}

/// How a post-quantum private key is held (RFC 9881/9935's `CHOICE`).
pub(crate) enum LatticeKey<'a> {
    /// `seed [0] IMPLICIT OCTET STRING`.
    Seed(&'a [u8]),
    /// `expandedKey OCTET STRING` (what JDK 25 writes).
    Expanded(&'a [u8]),
    /// `both SEQUENCE { seed, expandedKey }`: the seed is used.
    Both(&'a [u8]),
}

/// Reads the `privateKey` contents of an ML-DSA or ML-KEM PKCS#8 key.
pub(crate) fn lattice_key(pkcs8: &[u8]) -> Result<LatticeKey<'_>, KeyError> {
    let malformed = || KeyError::InvalidKey {
        reason: "the ML-DSA or ML-KEM private key is malformed",
    };
    let inner = private_key_of(pkcs8)?;
    let (tlv, rest) = crate::wire::tlv::read(inner).ok_or_else(malformed)?;
    if !rest.is_empty() {
        return Err(malformed());
    }
    match tlv.tag {
        0x80 => Ok(LatticeKey::Seed(tlv.value)),
        0x04 => Ok(LatticeKey::Expanded(tlv.value)),
        0x30 => {
            let (seed, _) = crate::wire::tlv::read(tlv.value).ok_or_else(malformed)?;
            if seed.tag != 0x04 {
                return Err(malformed());
            }
            Ok(LatticeKey::Both(seed.value))
        }
        _ => Err(malformed()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_forms_round_trip() {
        let oid = ObjectIdentifier::new_unwrap("1.3.101.110");
        let key = [7u8; 32];
        let der = private_key_info(oid, &octet_string(&key).unwrap()).unwrap();
        // keytool 25's X25519 key starts the same way.
        assert_eq!(
            der[..16],
            [
                0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22,
                0x04, 0x20
            ]
        );
        assert_eq!(curve_private_key::<32>(&der).unwrap(), key);
        assert!(curve_private_key::<56>(&der).is_err());
        let ml = private_key_info(
            ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17"),
            &octet_string(&[1u8; 2560]).unwrap(),
        )
        .unwrap();
        assert!(matches!(lattice_key(&ml), Ok(LatticeKey::Expanded(k)) if k.len() == 2560));
        let seed = private_key_info(
            ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17"),
            &[0x80, 0x02, 1, 2],
        )
        .unwrap();
        assert!(matches!(lattice_key(&seed), Ok(LatticeKey::Seed([1, 2]))));
        assert!(lattice_key(&der[..10]).is_err());
    }
}
