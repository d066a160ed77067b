//! The owned view of a certificate: everything keytool shows, as typed values.

use crate::cert::Certificate;
use crate::error::CertError;
use crate::extension::{Extension, GeneralName};
use crate::inspect::names::signature_name_25;
use crate::inspect::public_key::PublicKeyInfo;
use crate::inspect::serial::SerialNumber;
use crate::name::DistinguishedName;
use crate::oid::Oid;
use crate::timestamp::Timestamp;

/// A certificate, inspected: subject, issuer, serial, validity, fingerprints, algorithms,
/// key and extensions. Made by [`Certificate::inspect`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertificateInfo {
    /// The X.509 version: 1, 2 or 3.
    pub version: u8,
    /// The serial number.
    pub serial: SerialNumber,
    /// The signature algorithm's OID.
    pub signature_algorithm: Oid,
    /// Java's name for it (`SHA256withRSA`), or the dotted OID.
    pub signature_algorithm_name: String,
    /// The issuer.
    pub issuer: DistinguishedName,
    /// The subject.
    pub subject: DistinguishedName,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
    /// The subject's public key.
    pub public_key: PublicKeyInfo,
    /// The extensions, in certificate order.
    pub extensions: Vec<Extension>,
    /// SHA-1 of the DER.
    pub sha1: [u8; 20],
    /// SHA-256 of the DER.
    pub sha256: [u8; 32],
}

fn timestamp(t: &x509_cert::time::Time) -> Timestamp {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    Timestamp::from_unix_millis(secs.saturating_mul(1000))
}

impl Certificate {
    /// The certificate as an owned, typed view.
    pub fn inspect(&self) -> Result<CertificateInfo, CertError> {
        let p = self.parsed()?;
        let tbs = p.tbs_certificate();
        let validity = tbs.validity();
        Ok(CertificateInfo {
            version: tbs.version() as u8 + 1,
            serial: SerialNumber::new(tbs.serial_number().as_bytes()),
            signature_algorithm: Oid::from_der_oid(p.signature_algorithm().oid),
            signature_algorithm_name: signature_name_25(&p.signature_algorithm().oid),
            issuer: DistinguishedName::from_name(tbs.issuer().clone()),
            subject: DistinguishedName::from_name(tbs.subject().clone()),
            not_before: timestamp(&validity.not_before),
            not_after: timestamp(&validity.not_after),
            public_key: PublicKeyInfo::from_parsed(tbs.subject_public_key_info()),
            extensions: self.extensions()?,
            sha1: self.sha1_fingerprint(),
            sha256: self.sha256_fingerprint(),
        })
    }

    /// The subject's public key, read without parsing the rest of the certificate.
    pub fn public_key(&self) -> Result<PublicKeyInfo, CertError> {
        let der = self.public_key_info_der().ok_or(CertError::Malformed {
            structure: "certificate",
            offset: None,
        })?;
        PublicKeyInfo::from_der(der)
    }

    /// The extensions, in certificate order.
    pub fn extensions(&self) -> Result<Vec<Extension>, CertError> {
        Ok(self
            .parsed()?
            .tbs_certificate()
            .extensions()
            .into_iter()
            .flatten()
            .map(Extension::from_x509)
            .collect())
    }

    /// Java's name of the signature algorithm (`SHA256withRSA`), read without a full parse.
    pub fn signature_algorithm_name(&self) -> Option<String> {
        self.signature_algorithm_oid()
            .map(|o| signature_name_25(&o))
    }

    /// The validity period, start and end.
    pub fn validity(&self) -> Result<(Timestamp, Timestamp), CertError> {
        let v = self.parsed()?.tbs_certificate().validity();
        Ok((timestamp(&v.not_before), timestamp(&v.not_after)))
    }

    /// The extended key usages, or `None` without the extension.
    pub fn extended_key_usage(&self) -> Option<Vec<Oid>> {
        let v = self.extension_value(crate::extension::oids::EXTENDED_KEY_USAGE.der_oid())?;
        match Extension::from_parts(crate::extension::oids::EXTENDED_KEY_USAGE, false, v) {
            Extension::ExtendedKeyUsage { purposes, .. } => Some(purposes),
            _ => None,
        }
    }
}

impl CertificateInfo {
    /// The subject alternative names (empty without the extension).
    pub fn subject_alt_names(&self) -> Vec<GeneralName> {
        self.extensions
            .iter()
            .find_map(|e| match e {
                Extension::SubjectAltName { names, .. } => Some(names.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The extended key usages, or `None` without the extension.
    pub fn extended_key_usage(&self) -> Option<&[Oid]> {
        self.extensions.iter().find_map(|e| match e {
            Extension::ExtendedKeyUsage { purposes, .. } => Some(purposes.as_slice()),
            _ => None,
        })
    }

    /// True when the subject and issuer names are the same (a root or a self-issued
    /// certificate; [`Certificate::is_self_signed`] also checks the signature).
    pub fn is_self_issued(&self) -> bool {
        self.subject == self.issuer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keytool_certificate_is_inspected() {
        let der = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/corpus/generated/rsa2048-selfsigned.cert.der"
        ))
        .unwrap();
        let cert = Certificate::from_der(der).unwrap();
        let info = cert.inspect().unwrap();
        assert_eq!(info.version, 3);
        assert_eq!(info.signature_algorithm_name, "SHA256withRSA");
        assert_eq!(info.public_key.bits, Some(2048));
        assert!(info.is_self_issued());
        assert!(info.not_before < info.not_after);
        assert!(
            info.extensions
                .iter()
                .any(|e| matches!(e, Extension::SubjectKeyIdentifier { .. }))
        );
        assert_eq!(cert.public_key().unwrap(), info.public_key);
        assert_eq!(
            cert.signature_algorithm_name().as_deref(),
            Some("SHA256withRSA")
        );
    }
}
