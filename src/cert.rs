//! X.509 certificates: the DER bytes as stored, parsed only when someone looks inside.
//!
//! Loading a trust store must cost little more than hashing it, so a certificate read from a
//! keystore is only checked to be one complete DER `SEQUENCE`; the full parse (with
//! `x509-cert`) happens on first use and is cached.

use std::fmt;
use std::sync::OnceLock;

use bytes::Bytes;
use der::Decode;
use der::asn1::ObjectIdentifier;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::certificate::{CertificateInner, Raw};

use crate::error::CertError;
use crate::name::DistinguishedName;
use crate::oid::Oid;
use crate::wire::tlv;

/// The parsed form of a certificate. The `Raw` profile accepts what Java accepts, such as
/// negative or over-long serial numbers in old CA certificates.
pub(crate) type ParsedCertificate = CertificateInner<Raw>;

/// An X.509 certificate.
///
/// Certificates read from a keystore share the file's buffer: cloning and loading copy no
/// certificate bytes.
#[derive(Clone)]
pub struct Certificate {
    der: Bytes,
    parsed: OnceLock<Result<Box<ParsedCertificate>, CertError>>,
}

impl Certificate {
    /// Wraps DER bytes after parsing them completely.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self, CertError> {
        let cert = Self::from_der_lazy(Bytes::from(der.into()))?;
        cert.parsed()?;
        Ok(cert)
    }

    /// Wraps DER bytes after checking that they parse, without keeping the parsed form: for
    /// many certificates read at once (bundles), whose parsed forms would take several times
    /// the bytes' memory. Each is parsed again on first use.
    pub(crate) fn from_der_checked(der: Vec<u8>) -> Result<Self, CertError> {
        let cert = Self::from_der_lazy(Bytes::from(der))?;
        ParsedCertificate::from_der(&cert.der).map_err(|e| CertError::der("certificate", &e))?;
        Ok(cert)
    }

    /// The same certificate without its parsed form (the bytes are shared).
    pub(crate) fn shed(&self) -> Self {
        Self {
            der: self.der.clone(),
            parsed: OnceLock::new(),
        }
    }

    /// Wraps DER bytes that form one complete DER `SEQUENCE`; the contents are parsed later.
    pub(crate) fn from_der_lazy(der: Bytes) -> Result<Self, CertError> {
        if !is_one_der_sequence(&der) {
            return Err(CertError::Malformed {
                structure: "certificate (one DER SEQUENCE)",
                offset: Some(0),
            });
        }
        Ok(Self {
            der,
            parsed: OnceLock::new(),
        })
    }

    /// The DER encoding.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The parsed certificate, parsed on first use.
    pub(crate) fn parsed(&self) -> Result<&ParsedCertificate, CertError> {
        self.parsed
            .get_or_init(|| {
                ParsedCertificate::from_der(&self.der)
                    .map(Box::new)
                    .map_err(|e| CertError::der("certificate", &e))
            })
            .as_ref()
            .map(|b| &**b)
            .map_err(Clone::clone)
    }

    /// The subject name.
    pub fn subject(&self) -> Result<DistinguishedName, CertError> {
        Ok(DistinguishedName::from_name(
            self.parsed()?.tbs_certificate().subject().clone(),
        ))
    }

    /// The issuer name.
    pub fn issuer(&self) -> Result<DistinguishedName, CertError> {
        Ok(DistinguishedName::from_name(
            self.parsed()?.tbs_certificate().issuer().clone(),
        ))
    }

    /// The OID of the certificate's signature algorithm, read straight from the DER without
    /// parsing the rest (listing a trust store needs only this and the public key).
    pub fn signature_algorithm(&self) -> Option<Oid> {
        self.signature_algorithm_oid().map(Oid::from_der_oid)
    }

    pub(crate) fn signature_algorithm_oid(&self) -> Option<ObjectIdentifier> {
        let (cert, _) = tlv::read(&self.der)?;
        let (_tbs, rest) = tlv::read(cert.value)?;
        let (alg, _) = tlv::read(rest)?;
        let (oid, _) = tlv::read(alg.value)?;
        if oid.tag != 0x06 {
            return None;
        }
        ObjectIdentifier::from_bytes(oid.value).ok()
    }

    /// The DER `SubjectPublicKeyInfo`, found without parsing the rest of the certificate.
    pub fn public_key_info_der(&self) -> Option<&[u8]> {
        let (cert, _) = tlv::read(&self.der)?;
        let (tbs, _) = tlv::read(cert.value)?;
        let (first, after_version) = tlv::read(tbs.value)?;
        let mut rest = if first.tag == 0xA0 {
            after_version
        } else {
            tbs.value
        };
        // serialNumber, signature, issuer, validity, subject; then the key.
        for _ in 0..5 {
            rest = tlv::read(rest)?.1;
        }
        let (spki, _) = tlv::read(rest)?;
        (spki.tag == 0x30).then_some(spki.raw)
    }

    /// SHA-256 of the DER encoding (keytool's "Certificate fingerprint (SHA-256)").
    pub fn sha256_fingerprint(&self) -> [u8; 32] {
        Sha256::digest(&self.der).into()
    }

    /// SHA-1 of the DER encoding.
    pub fn sha1_fingerprint(&self) -> [u8; 20] {
        Sha1::digest(&self.der).into()
    }

    /// The value of the extension `oid`, if the certificate parses and has it.
    pub(crate) fn extension_value(&self, oid: ObjectIdentifier) -> Option<&[u8]> {
        self.parsed()
            .ok()?
            .tbs_certificate()
            .extensions()
            .into_iter()
            .flatten()
            .find(|e| e.extn_id == oid)
            .map(|e| e.extn_value.as_bytes())
    }

    /// The SubjectKeyIdentifier extension's key identifier.
    pub fn subject_key_id(&self) -> Option<Vec<u8>> {
        let v = self.extension_value(crate::extension::oids::SUBJECT_KEY_ID.der_oid())?;
        x509_cert::ext::pkix::SubjectKeyIdentifier::from_der(v)
            .ok()
            .map(|s| s.0.as_bytes().to_vec())
    }

    /// The AuthorityKeyIdentifier extension's key identifier.
    pub fn authority_key_id(&self) -> Option<Vec<u8>> {
        let v = self.extension_value(crate::extension::oids::AUTHORITY_KEY_ID.der_oid())?;
        x509_cert::ext::pkix::AuthorityKeyIdentifier::from_der(v)
            .ok()?
            .key_identifier
            .map(|k| k.as_bytes().to_vec())
    }

    /// PEM with the `CERTIFICATE` label and LF line endings.
    pub fn to_pem(&self) -> String {
        pem::encode_config(
            &pem::Pem::new("CERTIFICATE", self.der.to_vec()),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        )
    }
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}

impl Eq for Certificate {}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fp = self.sha256_fingerprint();
        f.debug_struct("Certificate")
            .field(
                "sha256",
                &format_args!("{:02X}{:02X}{:02X}{:02X}…", fp[0], fp[1], fp[2], fp[3]),
            )
            .field("len", &self.der.len())
            .finish()
    }
}

fn is_one_der_sequence(der: &[u8]) -> bool {
    tlv::is_single(der, 0x30)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_check() {
        assert!(is_one_der_sequence(&[0x30, 0x00]));
        assert!(is_one_der_sequence(&[0x30, 0x02, 1, 2]));
        assert!(!is_one_der_sequence(&[0x30, 0x02, 1]));
        assert!(!is_one_der_sequence(&[0x30, 0x02, 1, 2, 3]));
        assert!(!is_one_der_sequence(&[0x31, 0x00]));
        assert!(!is_one_der_sequence(&[0x30, 0x80, 0, 0])); // indefinite length
        let mut long = vec![0x30, 0x82, 0x01, 0x00];
        long.resize(4 + 256, 0);
        assert!(is_one_der_sequence(&long));
    }

    #[test]
    fn cheap_fields_agree_with_the_full_parse() {
        use der::Encode;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/corpus/generated/cacerts-debian.jks"
        );
        let store = crate::KeyStore::from_bytes(&std::fs::read(path).unwrap(), "changeit").unwrap();
        let mut n = 0;
        for (_, e) in store.entries() {
            let c = e.certificate().unwrap();
            let p = c.parsed().unwrap();
            assert_eq!(
                c.signature_algorithm_oid(),
                Some(p.signature_algorithm().oid)
            );
            let spki = p.tbs_certificate().subject_public_key_info().to_der();
            assert_eq!(c.public_key_info_der(), Some(&spki.unwrap()[..]));
            n += 1;
        }
        assert!(n > 100);
        let garbage = Certificate::from_der_lazy(Bytes::from_static(&[0x30, 0x00])).unwrap();
        assert_eq!(garbage.signature_algorithm_oid(), None);
        assert_eq!(garbage.public_key_info_der(), None);
    }

    #[test]
    fn garbage_is_refused_and_lazy_parse_reports_errors() {
        assert!(Certificate::from_der(vec![1, 2, 3]).is_err());
        let lazy = Certificate::from_der_lazy(Bytes::from_static(&[0x30, 0x00])).unwrap();
        assert!(lazy.parsed().is_err());
        assert_eq!(lazy.sha256_fingerprint().len(), 32);
    }
}
