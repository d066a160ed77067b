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
    /// The store was read without its password, so parts of it (a PKCS#12's encrypted
    /// certificates) are missing: writing it would lose them.
    #[error(
        "the keystore was opened without its password and is incomplete; \
         open it with the password before saving it"
    )]
    Incomplete,
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
