//! Errors, one enum per concern, all converting into [`Error`] for the calls that span
//! several.
//!
//! Every message says what went wrong and, where the user can do something about it, what to
//! do. No variant carries a dependency's error type, so upgrading a dependency never changes
//! this API. Offsets are machine-readable fields, not text.

mod algorithm;
mod cert;
mod crl;
mod date;
mod decode;
mod encode;
mod exchange;
mod ext;
mod fetch;
mod fleet;
mod key;
mod name;
mod reply;
mod store;
mod usage;

use std::path::PathBuf;

pub use crate::kind::UnknownFormat;
pub use algorithm::AlgorithmError;
pub use cert::CertError;
pub use crl::CrlError;
pub use date::DateError;
pub use decode::DecodeError;
pub use encode::EncodeError;
pub use exchange::InventoryError;
pub use ext::ExtError;
pub use fetch::FetchError;
pub use fleet::{BundleError, PemKeyError};
pub use key::KeyError;
pub use name::{DnError, DnReason};
pub use reply::ReplyError;
pub use store::StoreError;
pub use usage::UsageError;

/// Any error this crate returns: the union of the concern-specific enums, plus file access.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a readable keystore.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The keystore could not be written.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// A key could not be protected, recovered, made or used.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A key or signature algorithm, size or group was refused.
    #[error(transparent)]
    Algorithm(#[from] AlgorithmError),
    /// An entry operation was refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A certificate or request could not be read or made.
    #[error(transparent)]
    Cert(#[from] CertError),
    /// A CRL could not be read or made.
    #[error(transparent)]
    Crl(#[from] CrlError),
    /// A distinguished name could not be parsed.
    #[error(transparent)]
    Name(#[from] DnError),
    /// A `-ext` value could not be parsed.
    #[error(transparent)]
    Ext(#[from] ExtError),
    /// A CA reply could not be installed.
    #[error(transparent)]
    Reply(#[from] ReplyError),
    /// A `-startdate` value could not be parsed.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A keytool command line was refused.
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// A certificate bundle or alias template could not be used.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// A PEM private key and its chain could not be read.
    #[error(transparent)]
    PemKey(#[from] PemKeyError),
    /// An exchange inventory cannot be used.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// A server's certificates could not be fetched over TLS.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// A store type name is not known.
    #[error(transparent)]
    UnknownFormat(#[from] UnknownFormat),
    /// The store password did not verify the keystore's integrity digest or MAC.
    #[error(
        "keystore was tampered with, or password was incorrect: check the store password, \
         and if it is right restore the file from a backup"
    )]
    Integrity,
    /// The store password could not decrypt the keystore's certificates (PKCS#12).
    #[error("keystore password was incorrect: the certificates could not be decrypted")]
    WrongStorePassword,
    /// The keystore file does not exist.
    #[error("keystore file does not exist: {}", path.display())]
    NotFound {
        /// The path asked for.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done: "read", "write", "lock", "replace".
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Another process held the keystore's lock for longer than the timeout.
    #[error(
        "keystore {} is locked by another process; try again when it has finished",
        path.display()
    )]
    Locked {
        /// The keystore path.
        path: PathBuf,
    },
}
