//! The owned view of a PKCS#10 certificate request.

use der::Encode;

use crate::csr::{CertificateRequest, EXTENSION_REQUEST};
use crate::extension::Extension;
use crate::inspect::names::signature_name_25;
use crate::inspect::public_key::PublicKeyInfo;
use crate::name::DistinguishedName;
use crate::oid::Oid;

/// An attribute of a request other than the extension request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestAttribute {
    /// The attribute type.
    pub oid: Oid,
    /// The DER of each value.
    pub values: Vec<Vec<u8>>,
}

/// A certificate request, inspected. Made by [`CertificateRequest::inspect`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestInfo {
    /// The requested subject.
    pub subject: DistinguishedName,
    /// The key to certify.
    pub public_key: PublicKeyInfo,
    /// The signature algorithm's OID.
    pub signature_algorithm: Oid,
    /// Java's name for it.
    pub signature_algorithm_name: String,
    /// The requested extensions (the extensionRequest attribute).
    pub extensions: Vec<Extension>,
    /// The other attributes.
    pub attributes: Vec<RequestAttribute>,
}

impl CertificateRequest {
    /// The request as an owned, typed view.
    pub fn inspect(&self) -> RequestInfo {
        let req = self.parsed();
        RequestInfo {
            subject: self.subject(),
            public_key: PublicKeyInfo::from_parsed(&req.info.public_key),
            signature_algorithm: Oid::from_der_oid(req.algorithm.oid),
            signature_algorithm_name: signature_name_25(&req.algorithm.oid),
            extensions: self.extensions(),
            attributes: self.other_attributes(),
        }
    }

    /// The attributes other than the extension request, each value as DER.
    fn other_attributes(&self) -> Vec<RequestAttribute> {
        self.parsed()
            .info
            .attributes
            .iter()
            .filter(|a| a.oid != EXTENSION_REQUEST)
            .map(|a| RequestAttribute {
                oid: Oid::from_der_oid(a.oid),
                values: a.values.iter().filter_map(|v| v.to_der().ok()).collect(),
            })
            .collect()
    }
}
