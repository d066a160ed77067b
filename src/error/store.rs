//! Operations on a keystore's entries.

use crate::error::key::KeyError;
use crate::kind::Format;

/// Why an operation on a [`crate::KeyStore`]'s entries was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No entry has this alias.
    #[error("alias <{alias}> does not exist")]
    AliasNotFound {
        /// The alias asked for.
        alias: String,
    },
    /// The alias is taken.
    #[error("alias <{alias}> already exists")]
    AliasExists {
        /// The alias asked for.
        alias: String,
    },
    /// The operation needs another kind of entry.
    #[error("alias <{alias}> is a {found}, not a {expected}")]
    WrongEntryKind {
        /// The alias.
        alias: String,
        /// The kind the operation needs.
        expected: &'static str,
        /// The kind the entry has.
        found: &'static str,
    },
    /// A private key entry needs at least its own certificate.
    #[error("a private key entry needs a certificate chain of at least one certificate")]
    EmptyChain,
    /// The format cannot hold this kind of entry.
    #[error("{format} keystores cannot hold {kind} entries; use JCEKS or PKCS#12")]
    EntryKindNotSupported {
        /// The store format.
        format: Format,
        /// The kind of entry.
        kind: &'static str,
    },
    /// Aliases may not be empty.
    #[error("the alias must not be empty")]
    EmptyAlias,
    /// A key could not be moved or re-protected.
    #[error("cannot re-protect the key <{alias}>: {reason}")]
    KeyNotConverted {
        /// The entry's alias.
        alias: String,
        /// Why its key could not be opened or sealed.
        reason: KeyError,
    },
}
