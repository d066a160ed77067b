//! Building and signing a PKCS#10 request, as keytool's `-certreq` writes it.

use der::Encode;
use der::asn1::SetOfVec;
use x509_cert::attr::Attribute;

use crate::certgen::params::CertificateParams;
use crate::certgen::tbs::{encode_extensions, key_identifier, parse_spki, signed};
use crate::csr::{CertificateRequest, EXTENSION_REQUEST};
use crate::error::CertError;
use crate::extension::Extension;
use crate::key::PrivateKey;
use crate::sign::SignatureAlgorithm;

fn unencodable(what: &'static str) -> impl Fn(der::Error) -> CertError {
    move |_| CertError::Unencodable { what }
}

impl CertificateParams {
    /// A PKCS#10 request for `key`, with the SubjectKeyIdentifier and the extensions, as
    /// keytool's `-certreq` writes it.
    pub fn request(&self, key: &PrivateKey) -> Result<CertificateRequest, CertError> {
        let algorithm = match self.signature_algorithm {
            Some(a) => a,
            None => SignatureAlgorithm::default_for(key)?,
        };
        let spki = parse_spki(&key.public_key_der()?)?;
        let mut exts = vec![Extension::SubjectKeyIdentifier {
            critical: false,
            key_id: key_identifier(spki.subject_public_key.raw_bytes()),
        }];
        exts.extend(self.requested_extensions());
        let list = encode_extensions(&exts)?;
        let value = der::Any::encode_from(&list).map_err(unencodable("the extensions"))?;
        let mut values = SetOfVec::new();
        values
            .insert(value)
            .map_err(unencodable("the extensions"))?;
        let mut attributes = SetOfVec::new();
        attributes
            .insert(Attribute {
                oid: EXTENSION_REQUEST,
                values,
            })
            .map_err(unencodable("the attributes"))?;
        let info = x509_cert::request::CertReqInfo {
            version: x509_cert::request::Version::V1,
            subject: self.subject.as_name().clone(),
            public_key: spki,
            attributes,
        };
        let info_der = info.to_der().map_err(unencodable("the request"))?;
        let signature = key.sign(algorithm, &info_der)?;
        CertificateRequest::from_der(&signed(&info_der, algorithm, &signature)?)
    }
}
