//! Reading PKCS#10 certificate requests (`-gencert`, `-printcertreq`).
//!
//! ```text
//! CertificationRequest ::= SEQUENCE { CertificationRequestInfo { version, subject,
//!     subjectPKInfo, [0] attributes }, signatureAlgorithm, signature BIT STRING }
//! ```

use der::asn1::{BitStringRef, ObjectIdentifier};
use der::{Decode, Encode};
use x509_cert::request::CertReq;

use crate::error::CertError;
use crate::extension::Extension;
use crate::name::DistinguishedName;
use crate::verify::{self, Verification};

pub(crate) const EXTENSION_REQUEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

/// A PKCS#10 certificate request, kept as its DER and parsed.
#[derive(Debug, Clone)]
pub struct CertificateRequest {
    der: Vec<u8>,
    req: CertReq,
}

fn malformed(e: &der::Error) -> CertError {
    CertError::der("certificate request", e)
}

impl CertificateRequest {
    /// Parses DER.
    pub fn from_der(der: &[u8]) -> Result<Self, CertError> {
        let req = CertReq::from_der(der).map_err(|e| malformed(&e))?;
        Ok(Self {
            der: der.to_vec(),
            req,
        })
    }

    /// Reads a request the way keytool does: the base64 between the first line starting
    /// with `-----BEGIN` and containing `REQUEST` and the matching `-----END` line (so both
    /// `NEW CERTIFICATE REQUEST` and OpenSSL's `CERTIFICATE REQUEST` work), or DER.
    pub fn from_pem_or_der(input: &[u8]) -> Result<Self, CertError> {
        if input.first() == Some(&0x30) {
            return Self::from_der(input);
        }
        let text = String::from_utf8_lossy(input);
        let mut body = String::new();
        let mut inside = false;
        for line in text.lines() {
            if line.starts_with("-----BEGIN") && line.contains("REQUEST") {
                inside = true;
            } else if line.starts_with("-----END") && line.contains("REQUEST") {
                break;
            } else if inside {
                body.push_str(line.trim());
            }
        }
        if body.is_empty() {
            return Err(CertError::Empty);
        }
        let der = pem::parse(format!("-----BEGIN X-----\n{body}\n-----END X-----\n"))
            .map_err(|_| CertError::Pem {
                reason: "the request's base64 is malformed",
            })?
            .into_contents();
        Self::from_der(&der)
    }

    /// The DER encoding.
    pub fn as_der(&self) -> &[u8] {
        &self.der
    }

    /// The requested subject.
    pub fn subject(&self) -> DistinguishedName {
        DistinguishedName::from_name(self.req.info.subject.clone())
    }

    /// The DER `SubjectPublicKeyInfo`.
    pub fn public_key_der(&self) -> Result<Vec<u8>, CertError> {
        self.req.info.public_key.to_der().map_err(|e| malformed(&e))
    }

    pub(crate) fn parsed(&self) -> &CertReq {
        &self.req
    }

    /// The extensions of the extensionRequest attribute (empty without one).
    pub fn extensions(&self) -> Vec<Extension> {
        self.req
            .info
            .attributes
            .iter()
            .filter(|a| a.oid == EXTENSION_REQUEST)
            .flat_map(|a| a.values.iter())
            .filter_map(|v| v.decode_as::<Vec<x509_cert::ext::Extension>>().ok())
            .flatten()
            .map(|e| Extension::from_x509(&e))
            .collect()
    }

    /// Checks the request's self-signature with its own public key.
    pub fn verify(&self) -> Verification {
        let Some(info) = crate::wire::tlv::read(&self.der)
            .and_then(|(outer, _)| crate::wire::tlv::read(outer.value))
            .map(|(info, _)| info.raw)
        else {
            return Verification::Invalid;
        };
        let sig: BitStringRef<'_> = (&self.req.signature).into();
        verify::verify(
            &self.req.info.public_key,
            &self.req.algorithm,
            info,
            sig.raw_bytes(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keytool_request_parses_and_verifies() {
        let pem = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/corpus/generated/rsa2048-selfsigned.csr"
        ))
        .unwrap();
        let req = CertificateRequest::from_pem_or_der(&pem).unwrap();
        assert_eq!(
            req.subject().to_string(),
            "CN=kstest, OU=survey, O=Example, L=Berlin, ST=BE, C=DE"
        );
        assert_eq!(req.verify(), Verification::Valid);
        let oids: Vec<String> = req
            .extensions()
            .iter()
            .map(|e| e.oid().to_string())
            .collect();
        assert_eq!(oids, ["2.5.29.14"]);
        let mut tampered = req.as_der().to_vec();
        let n = tampered.len();
        tampered[n - 5] ^= 1;
        assert_eq!(
            CertificateRequest::from_der(&tampered).unwrap().verify(),
            Verification::Invalid
        );
        assert!(CertificateRequest::from_pem_or_der(b"no request here").is_err());
    }
}
