//! Owned, typed views of certificates, requests and public keys: what keytool shows, without
//! the ASN.1 types underneath.

mod certificate;
pub(crate) mod curves;
pub(crate) mod names;
mod public_key;
mod request;
mod serial;

pub use crate::name::NameAttribute;
pub use crate::oid::InvalidOid;
pub use certificate::CertificateInfo;
pub use public_key::PublicKeyInfo;
pub(crate) use public_key::{DssParms, RsaPublicKey};
pub use request::{RequestAttribute, RequestInfo};
pub use serial::SerialNumber;
