//! Certificate signature checks, for telling self-signed certificates apart and for building
//! chains as keytool does (issuer name, then the issuer's key verifies the signature).
//!
//! RSA PKCS#1 v1.5 (MD5, SHA-1, SHA-2) and ECDSA on P-256 and P-384 are verified; other
//! algorithms are reported as [`Verification::Unsupported`] so callers can fall back to names
//! and key identifiers.

use der::asn1::{BitStringRef, UintRef};
use der::{Decode, Sequence};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::cert::Certificate;

/// The outcome of a signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// The signature is valid for the key.
    Valid,
    /// The signature does not verify (or the key or signature is malformed).
    Invalid,
    /// The algorithm is not implemented here.
    Unsupported,
}

#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    exponent: UintRef<'a>,
}

/// The raw bytes of the first element inside a DER `SEQUENCE` (the `tbsCertificate`), exactly
/// as signed, even when a re-encoding would differ.
fn first_inner_tlv(der: &[u8]) -> Option<&[u8]> {
    let (outer, _) = crate::wire::tlv::read(der)?;
    crate::wire::tlv::read(outer.value).map(|(t, _)| t.raw)
}

fn rsa_verify(
    spki: &SubjectPublicKeyInfoOwned,
    digest: &[u8],
    scheme: rsa::Pkcs1v15Sign,
    sig: &[u8],
) -> Verification {
    let Ok(key) = RsaPublicKey::from_der(spki.subject_public_key.raw_bytes()) else {
        return Verification::Invalid;
    };
    let n = rsa::BoxedUint::from_be_slice_vartime(key.modulus.as_bytes());
    let e = rsa::BoxedUint::from_be_slice_vartime(key.exponent.as_bytes());
    let Ok(public) = rsa::RsaPublicKey::new_with_size_limits(n, e, 512..=16384) else {
        return Verification::Invalid;
    };
    match public.verify(scheme, digest, sig) {
        Ok(()) => Verification::Valid,
        Err(_) => Verification::Invalid,
    }
}

fn ecdsa_verify(spki: &SubjectPublicKeyInfoOwned, digest: &[u8], sig: &[u8]) -> Verification {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let point = spki.subject_public_key.raw_bytes();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
        .map(|o| o.to_string());
    let ok = match curve.as_deref() {
        Some("1.2.840.10045.3.1.7") => {
            let (Ok(k), Ok(s)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::DerSignature::from_bytes(sig),
            ) else {
                return Verification::Invalid;
            };
            k.verify_prehash(digest, &s).is_ok()
        }
        Some("1.3.132.0.34") => {
            let (Ok(k), Ok(s)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::DerSignature::from_bytes(sig),
            ) else {
                return Verification::Invalid;
            };
            k.verify_prehash(digest, &s).is_ok()
        }
        _ => return Verification::Unsupported,
    };
    if ok {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}

/// Verifies `signature` over `message` made with `algorithm` (a signature OID) by `key`.
pub(crate) fn verify(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: &str,
    message: &[u8],
    signature: &[u8],
) -> Verification {
    macro_rules! rsa {
        ($d:ty) => {
            rsa_verify(
                key,
                &<$d>::digest(message),
                rsa::Pkcs1v15Sign::new::<$d>(),
                signature,
            )
        };
    }
    macro_rules! ec {
        ($d:ty) => {
            ecdsa_verify(key, &<$d>::digest(message), signature)
        };
    }
    match algorithm {
        "1.2.840.113549.1.1.4" => rsa!(md5::Md5),
        "1.2.840.113549.1.1.5" => rsa!(Sha1),
        "1.2.840.113549.1.1.14" => rsa!(Sha224),
        "1.2.840.113549.1.1.11" => rsa!(Sha256),
        "1.2.840.113549.1.1.12" => rsa!(Sha384),
        "1.2.840.113549.1.1.13" => rsa!(Sha512),
        "1.2.840.10045.4.1" => ec!(Sha1),
        "1.2.840.10045.4.3.1" => ec!(Sha224),
        "1.2.840.10045.4.3.2" => ec!(Sha256),
        "1.2.840.10045.4.3.3" => ec!(Sha384),
        "1.2.840.10045.4.3.4" => ec!(Sha512),
        _ => Verification::Unsupported,
    }
}

impl Certificate {
    /// Checks this certificate's signature with `issuer`'s public key.
    pub fn verify_signature(&self, issuer: &Certificate) -> Verification {
        let (Ok(me), Ok(ca)) = (self.parsed(), issuer.parsed()) else {
            return Verification::Invalid;
        };
        let Some(tbs) = first_inner_tlv(self.as_der()) else {
            return Verification::Invalid;
        };
        let sig: BitStringRef<'_> = me.signature().into();
        let alg = me.signature_algorithm().oid.to_string();
        verify(
            ca.tbs_certificate().subject_public_key_info(),
            &alg,
            tbs,
            sig.raw_bytes(),
        )
    }

    /// keytool's `signedBy`: `issuer`'s subject is this certificate's issuer and its key
    /// verifies the signature. Where the algorithm is not implemented here, matching names
    /// are taken as enough.
    pub fn is_signed_by(&self, issuer: &Certificate) -> bool {
        let names_match = match (self.issuer(), issuer.subject()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        names_match && self.verify_signature(issuer) != Verification::Invalid
    }

    /// True for a certificate whose issuer is its own subject and whose own key verifies it.
    pub fn is_self_signed(&self) -> bool {
        self.is_signed_by(self)
    }

    /// True when both certificates carry the same public key.
    pub fn same_public_key(&self, other: &Certificate) -> bool {
        match (self.parsed(), other.parsed()) {
            (Ok(a), Ok(b)) => {
                a.tbs_certificate().subject_public_key_info()
                    == b.tbs_certificate().subject_public_key_info()
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tbs_slice_is_exact() {
        let der = [0x30, 0x07, 0x30, 0x03, 1, 2, 3, 0x05, 0x00];
        assert_eq!(first_inner_tlv(&der), Some(&der[2..7]));
        assert_eq!(first_inner_tlv(&[0x30, 0x02, 0x30, 0x05]), None);
        assert_eq!(first_inner_tlv(&[0x30, 0x00]), None);
    }
}
