#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod bridge;
pub mod cacerts;
mod cert;
mod certgen;
mod certio;
mod chain;
mod convert;
mod csr;
mod dname;
mod entry;
mod error;
mod extension;
mod file;
mod format;
#[doc(hidden)]
pub mod fuzzing;
mod key;
pub mod keytool_ext;
pub mod limits;
mod password;
mod protect;
mod sign;
mod store;
mod timestamp;
#[cfg(feature = "rustls")]
mod tls;
mod tlv;
mod verify;

pub use cert::{Certificate, ParsedCertificate};
pub use certgen::CertificateParams;
pub use certio::parse_certificates;
pub use chain::{build_chain, order_reply};
pub use csr::CertificateRequest;
pub use dname::{DistinguishedName, DnParseError};
pub use entry::{Entry, EntryKind, PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
pub use error::{CertError, DecodeError, EncodeError, Error, KeyError, StoreError};
pub use extension::{CertExtension, ExtError, KEY_USAGES, NameSpec, key_identifier};
pub use file::{FileLock, read_file, write_atomic};
pub use format::{
    CertProtection, Format, MacAlgorithm, Pkcs12Options, UnknownFormat, is_passwordless,
};
pub use key::{KeyAlgorithm, PrivateKey, SecretKey};
pub use protect::{ProtectedKey, ProtectedSecretKey, Protection};
pub use sign::SignatureAlgorithm;
pub use store::KeyStore;
pub use timestamp::Timestamp;
#[cfg(feature = "rustls")]
pub use tls::Identity;
pub use verify::Verification;
