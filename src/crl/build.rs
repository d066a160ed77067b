//! Making and signing CRLs as keytool's `-gencrl` does: v1 unless an entry has a reason
//! code, every entry non-critical, no CRL extensions.

use std::time::SystemTime;

use der::asn1::OctetString;
use der::{Decode, Encode};
use x509_cert::crl::RevokedCert;
use x509_cert::ext::Extension as X509Extension;
use x509_cert::serial_number::SerialNumber as X509Serial;

use crate::cert::Certificate;
use crate::certgen::tbs::{signed, time};
use crate::crl::model::Crl;
use crate::crl::read::TbsCertList;
use crate::error::CrlError;
use crate::inspect::SerialNumber;
use crate::key::PrivateKey;
use crate::sign::SignatureAlgorithm;

/// One certificate to revoke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Revocation {
    /// The certificate's serial number.
    pub serial: SerialNumber,
    /// When it was revoked.
    pub date: SystemTime,
    /// The reason code, if any (written as given; Java reads unknown codes as unspecified).
    pub reason: Option<i64>,
}

impl Revocation {
    /// A revocation of `serial` at `date`, with an optional reason code.
    pub fn new(serial: SerialNumber, date: SystemTime, reason: Option<i64>) -> Self {
        Self {
            serial,
            date,
            reason,
        }
    }
}

/// What a new CRL says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrlParams {
    /// When it is issued.
    pub this_update: SystemTime,
    /// When the next is due.
    pub next_update: Option<SystemTime>,
    /// The revoked certificates, in order.
    pub revoked: Vec<Revocation>,
}

impl CrlParams {
    /// A CRL issued at `this_update`, due again at `next_update`, revoking nothing yet.
    pub fn new(this_update: SystemTime, next_update: Option<SystemTime>) -> Self {
        Self {
            this_update,
            next_update,
            revoked: Vec::new(),
        }
    }

    /// Signs the CRL with `key` under `algorithm`, as issued by the subject of `issuer`
    /// (the key's certificate).
    pub fn sign(
        &self,
        issuer: &Certificate,
        key: &PrivateKey,
        algorithm: SignatureAlgorithm,
    ) -> Result<Crl, CrlError> {
        let failed = |e: &dyn std::fmt::Display| CrlError::Unencodable(e.to_string());
        let name = issuer
            .parsed()
            .map_err(|e| failed(&e))?
            .tbs_certificate()
            .subject()
            .clone();
        let revoked = self
            .revoked
            .iter()
            .map(entry)
            .collect::<Result<Vec<_>, _>>()?;
        let v2 = revoked.iter().any(|r| r.crl_entry_extensions.is_some());
        let tbs = TbsCertList {
            version: v2.then_some(1),
            signature: algorithm.identifier(),
            issuer: name,
            this_update: time(self.this_update).map_err(|e| failed(&e))?,
            next_update: self
                .next_update
                .map(time)
                .transpose()
                .map_err(|e| failed(&e))?,
            revoked_certificates: (!revoked.is_empty()).then_some(revoked),
            crl_extensions: None,
        };
        let body = tbs.to_der().map_err(|e| failed(&e))?;
        let signature = key.sign(algorithm, &body).map_err(|e| failed(&e))?;
        let der = signed(&body, algorithm, &signature).map_err(|e| failed(&e))?;
        Crl::from_der(der)
    }
}

fn entry(r: &Revocation) -> Result<RevokedCert, CrlError> {
    let failed = |e: der::Error| CrlError::Unencodable(e.to_string());
    let extensions = match r.reason {
        None => None,
        // Java cannot encode 0 (its reason-code extension writes nothing for it).
        Some(0) => return Err(CrlError::UnencodableReason(0)),
        Some(code) => Some(vec![X509Extension {
            extn_id: der::asn1::ObjectIdentifier::new_unwrap("2.5.29.21"),
            critical: false,
            extn_value: OctetString::new(enumerated(code)).map_err(failed)?,
        }]),
    };
    Ok(RevokedCert {
        serial_number: X509Serial::from_der(&integer(r.serial.as_bytes()).map_err(failed)?)
            .map_err(failed)?,
        revocation_date: time(r.date).map_err(|e| CrlError::Unencodable(e.to_string()))?,
        crl_entry_extensions: extensions,
    })
}

/// DER INTEGER of two's-complement bytes.
fn integer(bytes: &[u8]) -> Result<Vec<u8>, der::Error> {
    der::asn1::Int::new(bytes)?.to_der()
}

/// DER ENUMERATED of a small value, in the fewest bytes.
fn enumerated(code: i64) -> Vec<u8> {
    let bytes = code.to_be_bytes();
    let mut start = 0;
    while start < 7 {
        let (b, next) = (bytes[start], bytes[start + 1]);
        let redundant = (b == 0 && next & 0x80 == 0) || (b == 0xFF && next & 0x80 != 0);
        if !redundant {
            break;
        }
        start += 1;
    }
    let mut out = vec![0x0A, u8::try_from(8 - start).unwrap_or(1)];
    out.extend_from_slice(&bytes[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_take_the_fewest_bytes() {
        assert_eq!(enumerated(1), [0x0A, 1, 1]);
        assert_eq!(enumerated(255), [0x0A, 2, 0, 0xFF]);
        assert_eq!(enumerated(-1), [0x0A, 1, 0xFF]);
        assert_eq!(integer(&[0x04, 0xD2]).unwrap(), [0x02, 2, 0x04, 0xD2]);
    }
}
