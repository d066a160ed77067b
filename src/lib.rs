#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

// Layers, each using only those above it in this list (checked by `.ci/structure`):
// vocabulary and bytes; names, extensions and keys; protection and signing; certificates;
// the model; the codecs; then keytool's semantics, files and bridges.
mod kind;
pub mod limits;
mod oid;
mod timestamp;
mod wire;

pub mod error;
pub mod extension;
mod key;
mod name;
mod password;
mod protect;
mod sign;

mod cert;
mod certgen;
mod certio;
mod chain;
pub mod crl;
mod csr;
pub mod inspect;
mod verify;

mod entry;
pub mod format;
mod store;

pub mod bridge;
pub mod cacerts;
mod convert;
#[cfg(feature = "tls-fetch")]
mod fetch;
mod file;
pub mod keytool;
// Above keytool: what fleets need beyond it, built on its knowledge.
pub mod fleet;
// Above fleet: the field procedures' whole exchange, built on fleet's calls.
#[cfg(feature = "tls-fetch")]
pub mod exchange;
// The fuzz harnesses reach every layer, so they sit on top.
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "rustls")]
mod tls;

pub use cert::Certificate;
pub use certgen::CertificateParams;
pub use certio::parse_certificates;
pub use chain::build_chain;
pub use crl::Crl;
pub use csr::CertificateRequest;
pub use entry::{Entry, EntryKind, PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
pub use error::Error;
#[cfg(feature = "tls-fetch")]
pub use fetch::{FetchOptions, fetch_chain, parse_server};
pub use file::{FileLock, KeyStoreFile, Peeked, read_file, write_atomic};
pub use key::{KeyAlgorithm, PrivateKey, SecretKey};
pub use kind::Format;
pub use name::DistinguishedName;
pub use oid::Oid;
pub use protect::{ProtectedKey, ProtectedSecretKey, Protection};
pub use sign::{Curve, KeySpec, SignatureAlgorithm};
pub use store::KeyStore;
pub use timestamp::Timestamp;
#[cfg(feature = "rustls")]
pub use tls::Identity;
pub use verify::Verification;
