//! Certificate signature checks, for telling self-signed certificates apart and for building
//! chains as keytool does (issuer name, then the issuer's key verifies the signature).
//!
//! RSA PKCS#1 v1.5 (MD5, SHA-1, SHA-2, SHA-3), RSASSA-PSS, ECDSA on P-256, P-384 and P-521,
//! DSA, Ed25519, Ed448 and ML-DSA are verified; other algorithms are reported as
//! [`Verification::Unsupported`] so callers can fall back to names and key identifiers.

mod outcome;
mod schemes;

pub use outcome::Verification;
pub(crate) use schemes::verify;

use der::asn1::BitStringRef;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::cert::Certificate;

/// Verifies `signature` over `message` with the key of `issuer`'s certificate.
pub(crate) fn verify_with_certificate(
    issuer: &Certificate,
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Verification {
    let Ok(ca) = issuer.parsed() else {
        return Verification::Invalid;
    };
    verify(
        ca.tbs_certificate().subject_public_key_info(),
        algorithm,
        message,
        signature,
    )
}

/// The raw bytes of the first element inside a DER `SEQUENCE` (the `tbsCertificate`), exactly
/// as signed, even when a re-encoding would differ.
pub(crate) fn first_inner_tlv(der: &[u8]) -> Option<&[u8]> {
    let (outer, _) = crate::wire::tlv::read(der)?;
    crate::wire::tlv::read(outer.value).map(|(t, _)| t.raw)
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
        verify(
            ca.tbs_certificate().subject_public_key_info(),
            me.signature_algorithm(),
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
