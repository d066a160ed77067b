//! Keystore formats: detection, the JKS/JCEKS and PKCS#12 codecs, and the options that say
//! how a store was or will be written. Nothing else turns bytes into a [`KeyStore`] or back.
//!
//! [`KeyStore`]: crate::KeyStore

mod bks;
mod codec;
mod detect;
mod jks;
mod options;
mod pkcs12;

pub use options::{
    CertProtection, Integrity, MacAlgorithm, Pkcs12Options, Skipped, Stored, WriteOptions,
};
pub use pkcs12::is_passwordless;
