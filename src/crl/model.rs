//! The CRL model: what a CRL says, read-only.

use der::asn1::ObjectIdentifier;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::cert::Certificate;
use crate::extension::Extension;
use crate::inspect::SerialNumber;
use crate::name::DistinguishedName;
use crate::oid::Oid;
use crate::timestamp::Timestamp;
use crate::verify::{Verification, verify_with_certificate};

/// A revoked certificate, as a CRL lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RevokedCertificate {
    /// The certificate's serial number.
    pub serial: SerialNumber,
    /// When it was revoked.
    pub revoked: Timestamp,
    /// The entry's extensions (reason code, invalidity date...), in file order.
    pub extensions: Vec<Extension>,
}

/// The reason code extension's OID (2.5.29.21).
const REASON_CODE: &str = "2.5.29.21";
/// The CRL number extension's OID (2.5.29.20).
const CRL_NUMBER: &str = "2.5.29.20";
/// The delta CRL indicator's OID (2.5.29.27).
const DELTA_CRL: &str = "2.5.29.27";

impl RevokedCertificate {
    /// The reason code, if the entry has one: its value as the file has it (Java shows
    /// values it does not know as `UNSPECIFIED`).
    pub fn reason_code(&self) -> Option<i64> {
        let value = extension_value(&self.extensions, REASON_CODE)?;
        small_integer(&value, 0x0A)
    }
}

/// A CRL, kept byte for byte, with its fields read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl {
    pub(super) der: Vec<u8>,
    pub(super) tbs: std::ops::Range<usize>,
    pub(super) version: u8,
    pub(super) algorithm: AlgorithmIdentifierOwned,
    pub(super) issuer: DistinguishedName,
    pub(super) this_update: Timestamp,
    pub(super) next_update: Option<Timestamp>,
    pub(super) revoked: Vec<RevokedCertificate>,
    pub(super) extensions: Vec<Extension>,
    pub(super) signature: Vec<u8>,
}

impl Crl {
    /// The DER encoding.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The version: 1, or 2 when the CRL or an entry has extensions.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// The signature algorithm's OID.
    pub fn signature_algorithm(&self) -> Oid {
        Oid::from_der_oid(self.algorithm.oid)
    }

    /// Java's name of the signature algorithm (`SHA256withECDSA`), the OID when it has none.
    pub fn signature_algorithm_name(&self) -> String {
        crate::inspect::names::signature_name_25(&self.algorithm.oid)
    }

    /// The signature algorithm, where this crate knows it (for RSASSA-PSS, its parameters
    /// decide which variant).
    pub fn signature_algorithm_known(&self) -> Option<crate::sign::SignatureAlgorithm> {
        let params = self
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| der::Encode::to_der(p).ok());
        crate::sign::SignatureAlgorithm::from_identifier(&self.algorithm.oid, params.as_deref())
    }

    /// The issuer.
    pub fn issuer(&self) -> &DistinguishedName {
        &self.issuer
    }

    /// When this CRL was issued.
    pub fn this_update(&self) -> Timestamp {
        self.this_update
    }

    /// When the next CRL is due, if the CRL says.
    pub fn next_update(&self) -> Option<Timestamp> {
        self.next_update
    }

    /// The revoked certificates, in file order.
    pub fn revoked(&self) -> &[RevokedCertificate] {
        &self.revoked
    }

    /// The CRL's own extensions, in file order.
    pub fn extensions(&self) -> &[Extension] {
        &self.extensions
    }

    /// The CRL number (2.5.29.20) as unsigned big-endian bytes, if present.
    pub fn number(&self) -> Option<Vec<u8>> {
        integer_bytes(&extension_value(&self.extensions, CRL_NUMBER)?)
    }

    /// The base CRL number of a delta CRL (2.5.29.27), if present.
    pub fn delta_base(&self) -> Option<Vec<u8>> {
        integer_bytes(&extension_value(&self.extensions, DELTA_CRL)?)
    }

    /// The signature bits.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// Whether `issuer`'s key verifies the signature.
    pub fn verify_signature(&self, issuer: &Certificate) -> Verification {
        verify_with_certificate(
            issuer,
            &self.algorithm,
            &self.der[self.tbs.clone()],
            &self.signature,
        )
    }

    /// keytool's `verifyCRL` test for one certificate: its subject is the CRL's issuer and
    /// its key verifies the signature.
    pub fn is_signed_by(&self, issuer: &Certificate) -> bool {
        issuer.subject().is_ok_and(|s| &s == self.issuer())
            && self.verify_signature(issuer) == Verification::Valid
    }
}

/// The DER value (inside the OCTET STRING) of the extension with `oid`.
fn extension_value(exts: &[Extension], oid: &str) -> Option<Vec<u8>> {
    let wanted: ObjectIdentifier = oid.parse().ok()?;
    exts.iter()
        .find(|e| e.oid() == Oid::from_der_oid(wanted))
        .and_then(|e| e.value_der().ok())
}

/// A small INTEGER (tag 0x02) or ENUMERATED (0x0A) value.
pub(super) fn small_integer(der: &[u8], tag: u8) -> Option<i64> {
    let (t, _) = crate::wire::tlv::read(der)?;
    if t.tag != tag || t.value.is_empty() || t.value.len() > 8 {
        return None;
    }
    let negative = t.value[0] & 0x80 != 0;
    let init: i64 = if negative { -1 } else { 0 };
    Some(
        t.value
            .iter()
            .fold(init, |acc, b| (acc << 8) | i64::from(*b)),
    )
}

/// The content bytes of an INTEGER.
pub(super) fn integer_bytes(der: &[u8]) -> Option<Vec<u8>> {
    let (t, _) = crate::wire::tlv::read(der)?;
    (t.tag == 0x02).then(|| t.value.to_vec())
}
