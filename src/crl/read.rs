//! Reading CRLs: DER (one or several, or inside PKCS#7) and PEM `X509 CRL` blocks.

use der::asn1::{BitString, ObjectIdentifier};
use der::{Decode, Sequence};
use x509_cert::crl::RevokedCert;
use x509_cert::ext::Extensions;
use x509_cert::name::Name;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;

use crate::crl::model::{Crl, RevokedCertificate};
use crate::error::CrlError;
use crate::extension::Extension;
use crate::inspect::SerialNumber;
use crate::name::DistinguishedName;
use crate::timestamp::Timestamp;
use crate::wire::tlv;

/// `TBSCertList` with the version optional, as v1 CRLs (which Java writes) omit it.
#[derive(Sequence)]
pub(super) struct TbsCertList {
    pub(super) version: Option<u8>,
    pub(super) signature: AlgorithmIdentifierOwned,
    pub(super) issuer: Name,
    pub(super) this_update: Time,
    pub(super) next_update: Option<Time>,
    pub(super) revoked_certificates: Option<Vec<RevokedCert>>,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) crl_extensions: Option<Extensions>,
}

#[derive(Sequence)]
pub(super) struct CertificateList {
    pub(super) tbs_cert_list: TbsCertList,
    pub(super) signature_algorithm: AlgorithmIdentifierOwned,
    pub(super) signature: BitString,
}

/// The OID of PKCS#7 signedData.
const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");

fn malformed(reason: impl Into<String>) -> CrlError {
    CrlError::Malformed {
        reason: reason.into(),
    }
}

/// Every CRL in `input`, in file order: DER (several may follow each other, or sit in a
/// PKCS#7 `SignedData`) or text with PEM `X509 CRL` blocks. Empty input holds none.
pub fn parse_crls(input: &[u8]) -> Result<Vec<Crl>, CrlError> {
    let trimmed = input.trim_ascii_start();
    if trimmed.is_empty() {
        return Ok(Vec::new());
    }
    if trimmed[0] == 0x30 {
        return from_der(trimmed);
    }
    from_pem(trimmed)
}

fn from_der(mut der: &[u8]) -> Result<Vec<Crl>, CrlError> {
    let mut out = Vec::new();
    while !der.trim_ascii().is_empty() {
        let Some((t, rest)) = tlv::read(der) else {
            return Err(if der.len() < 2 {
                malformed("BER/DER length info absent")
            } else if tlv::is_truncated(der) {
                CrlError::Truncated
            } else {
                malformed("the DER is not well formed")
            });
        };
        let first = tlv::read(t.value).map(|(c, _)| c);
        if first.is_some_and(|c| c.tag == 0x06) {
            out.extend(from_pkcs7(t.value)?);
        } else {
            out.push(Crl::from_der(t.raw.to_vec())?);
        }
        der = rest;
    }
    Ok(out)
}

/// The CRLs of a PKCS#7 `SignedData` (`[1] IMPLICIT crls`).
fn from_pkcs7(content_info: &[u8]) -> Result<Vec<Crl>, CrlError> {
    let bad = || malformed("a PKCS#7 structure that is not signedData");
    let parts = tlv::children(content_info).ok_or_else(bad)?;
    let [oid, explicit] = parts.as_slice() else {
        return Err(bad());
    };
    let signed = ObjectIdentifier::from_bytes(oid.value).is_ok_and(|o| o == SIGNED_DATA);
    if !signed || explicit.tag != 0xA0 {
        return Err(bad());
    }
    let (signed_data, _) = tlv::read(explicit.value).ok_or_else(bad)?;
    let fields = tlv::children(signed_data.value).ok_or_else(bad)?;
    let Some(crls) = fields.iter().find(|f| f.tag == 0xA1) else {
        return Ok(Vec::new());
    };
    let list = tlv::children(crls.value).ok_or_else(bad)?;
    list.iter().map(|c| Crl::from_der(c.raw.to_vec())).collect()
}

fn from_pem(text: &[u8]) -> Result<Vec<Crl>, CrlError> {
    let text = String::from_utf8_lossy(text);
    let mut out = Vec::new();
    let mut rest = text.as_ref();
    const BEGIN: &str = "-----BEGIN X509 CRL-----";
    const END: &str = "-----END X509 CRL-----";
    while let Some(start) = rest.find(BEGIN) {
        let body = &rest[start + BEGIN.len()..];
        let Some(stop) = body.find(END) else {
            return Err(CrlError::Truncated);
        };
        out.push(Crl::from_der(base64(&body[..stop])?)?);
        rest = &body[stop + END.len()..];
    }
    if out.is_empty() {
        return Err(CrlError::NoData);
    }
    Ok(out)
}

/// Decodes MIME base64 (line breaks allowed), naming the first character that is not.
fn base64(body: &str) -> Result<Vec<u8>, CrlError> {
    let text: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if let Some(character) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
    {
        return Err(CrlError::Base64 { character });
    }
    let block = format!("-----BEGIN X509 CRL-----\n{text}\n-----END X509 CRL-----\n");
    pem::parse(block)
        .map(pem::Pem::into_contents)
        .map_err(|_| CrlError::Base64 { character: '=' })
}

fn timestamp(t: &Time) -> Timestamp {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    Timestamp::from_unix_millis(secs.saturating_mul(1000))
}

fn extensions(exts: Option<&Extensions>) -> Vec<Extension> {
    exts.into_iter()
        .flatten()
        .map(Extension::from_x509)
        .collect()
}

impl Crl {
    /// Reads one DER CRL.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self, CrlError> {
        let der = der.into();
        let list = CertificateList::from_der(&der).map_err(|e| match e.kind() {
            der::ErrorKind::Incomplete { .. } => CrlError::Truncated,
            _ => malformed(java_reason(&der, &e)),
        })?;
        let tbs = crate::verify::first_inner_tlv(&der)
            .map(|t| {
                let start = t.as_ptr() as usize - der.as_ptr() as usize;
                start..start + t.len()
            })
            .ok_or_else(|| malformed("no tbsCertList"))?;
        let t = list.tbs_cert_list;
        let revoked = t
            .revoked_certificates
            .unwrap_or_default()
            .iter()
            .map(|r| RevokedCertificate {
                serial: SerialNumber::new(r.serial_number.as_bytes()),
                revoked: timestamp(&r.revocation_date),
                extensions: extensions(r.crl_entry_extensions.as_ref()),
            })
            .collect();
        Ok(Crl {
            tbs,
            version: t.version.map_or(1, |v| v.saturating_add(1)),
            algorithm: list.signature_algorithm,
            issuer: DistinguishedName::from_name(t.issuer),
            this_update: timestamp(&t.this_update),
            next_update: t.next_update.as_ref().map(timestamp),
            revoked,
            extensions: extensions(t.crl_extensions.as_ref()),
            signature: list.signature.raw_bytes().to_vec(),
            der,
        })
    }
}

/// Why Java's `X509CRLImpl` refuses DER that is not a CRL, in its words (the checks it makes,
/// in its order).
fn java_reason(der: &[u8], e: &der::Error) -> String {
    let Some((outer, _)) = tlv::read(der).filter(|(t, _)| t.tag == 0x30) else {
        return "Invalid DER-encoded CRL data".into();
    };
    let parts = tlv::children(outer.value).unwrap_or_default();
    match parts.as_slice() {
        [] | [_] | [_, _] => "Parsing error: Too short".into(),
        [tbs, ..] if tbs.tag != 0x30 => "signed CRL fields invalid".into(),
        [_, alg, ..] if alg.tag != 0x30 => {
            "Parsing error: algid parse error, not a sequence".into()
        }
        [_, _, _, rest @ ..] if !rest.is_empty() => format!(
            "signed overrun, bytes = {}",
            rest.iter().map(|t| t.raw.len()).sum::<usize>()
        ),
        [tbs, ..] => {
            let fields = tlv::children(tbs.value).unwrap_or_default();
            let after_version = fields.iter().find(|f| f.tag != 0x02);
            if after_version.is_some_and(|f| f.tag != 0x30) {
                "Parsing error: algid parse error, not a sequence".into()
            } else {
                format!("Parsing error: {e}")
            }
        }
    }
}
