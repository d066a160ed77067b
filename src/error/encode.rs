//! Writing keystore bytes.

use crate::error::key::KeyError;
use crate::kind::Format;

/// Why a keystore could not be turned into bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// JKS and JCEKS store aliases with a 16-bit length.
    #[error("alias {alias:?} is longer than the 65,535 bytes JKS and JCEKS can store")]
    AliasTooLong {
        /// The alias (possibly shortened for display).
        alias: String,
    },
    /// The target format cannot hold this kind of entry.
    #[error("{format} cannot store the secret key {alias:?}; use JCEKS or PKCS#12")]
    SecretKeyNotSupported {
        /// The entry's alias.
        alias: String,
        /// The target format.
        format: Format,
    },
    /// The key is protected with an algorithm the target format cannot read.
    #[error(
        "the key {alias:?} is protected for another keystore type; \
         re-protect it with its password before saving as {format}"
    )]
    IncompatibleProtection {
        /// The entry's alias.
        alias: String,
        /// The target format.
        format: Format,
    },
    /// The read left out parts of the file (a PKCS#12's encrypted certificates when opened
    /// without the password, bags of types this crate does not model): writing it would
    /// lose them, so it is refused.
    #[error(
        "saving would lose {lost}{}, so nothing was written; to keep what can be read, \
         convert the keystore with -importkeystore into a new file",
        if *count > 1 { format!(" and {} more part(s)", count - 1) } else { String::new() }
    )]
    Incomplete {
        /// The first part that would be lost.
        lost: String,
        /// How many parts would be lost.
        count: usize,
    },
    /// BKS and UBER stores are read to be converted, not written.
    #[error(
        "{format} keystores are read here but not written: convert it with -importkeystore \
         -srcstoretype {format} -deststoretype PKCS12 (or JKS, JCEKS) into a new file"
    )]
    ReadOnlyFormat {
        /// The store's format.
        format: crate::kind::Format,
    },
    /// Encrypting the certificates or computing the MAC failed.
    #[error("cannot protect the keystore: {0}")]
    Protection(KeyError),
    /// A count, certificate or key is too large for the format's length fields.
    #[error("{what} of {len} is too large for the keystore format")]
    TooLarge {
        /// What is too large.
        what: &'static str,
        /// Its size.
        len: u64,
    },
}
