//! Errors, one enum per concern, gathered by [`Error`] for the calls that span several.
//!
//! Every message says what went wrong and, where the user can do something about it, what to
//! do. No variant carries a dependency's error type, so upgrading a dependency never changes
//! this API.

use std::path::PathBuf;

use crate::format::Format;

/// Why bytes could not be read as a keystore (or a part of one).
///
/// Offsets count bytes from the start of the keystore file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input has no bytes at all.
    #[error("the keystore file is empty")]
    Empty,
    /// The input ends before a field it announces.
    #[error(
        "the keystore is truncated: {needed} more bytes were expected at byte {offset}; \
         restore it from a backup"
    )]
    Truncated {
        /// Where the missing field starts.
        offset: u64,
        /// How many bytes were still expected.
        needed: u64,
    },
    /// The first bytes match no keystore format.
    #[error(
        "unrecognized keystore format (it starts with {magic}): it is not JKS, JCEKS or PKCS#12"
    )]
    UnrecognizedFormat {
        /// The first bytes, in hex.
        magic: String,
    },
    /// The bytes are a keystore format this crate does not read.
    #[error("{kind} keystores are not supported: {hint}")]
    UnsupportedFormat {
        /// What the bytes look like, e.g. `"BKS or UBER (Bouncy Castle)"`.
        kind: &'static str,
        /// What the user can do instead.
        hint: &'static str,
    },
    /// The caller asked for one format and the bytes are another.
    #[error("the keystore is {found}, not {expected}; open it as {found} (nothing was changed)")]
    FormatMismatch {
        /// The format the caller asked for.
        expected: Format,
        /// The format the bytes really have.
        found: Format,
    },
    /// A version number this crate does not know.
    #[error("{format} keystore version {version} is not supported (only 1 and 2 exist)")]
    UnsupportedVersion {
        /// The store format.
        format: Format,
        /// The version found in the header.
        version: u32,
    },
    /// An entry tag other than private key (1), trusted certificate (2) or secret key (3).
    #[error("unrecognized keystore entry tag {tag} at byte {offset}")]
    UnknownEntryTag {
        /// Where the tag is.
        offset: u64,
        /// The tag found.
        tag: u32,
    },
    /// A field is present but malformed.
    #[error("invalid {what} at byte {offset}: {reason}")]
    Invalid {
        /// Where the field starts.
        offset: u64,
        /// Which field.
        what: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A count or length is larger than this crate accepts (see [`crate::limits`]).
    #[error("{what} at byte {offset} is {value}, over the limit of {limit}")]
    LimitExceeded {
        /// Where the field is.
        offset: u64,
        /// Which count or length.
        what: &'static str,
        /// The value found.
        value: u64,
        /// The largest value accepted.
        limit: u64,
    },
}

impl DecodeError {
    /// Moves an error found in a sub-slice to the position of that slice in the whole file.
    pub(crate) fn shifted(self, base: u64) -> Self {
        match self {
            Self::Truncated { offset, needed } => Self::Truncated {
                offset: offset + base,
                needed,
            },
            Self::UnknownEntryTag { offset, tag } => Self::UnknownEntryTag {
                offset: offset + base,
                tag,
            },
            Self::Invalid {
                offset,
                what,
                reason,
            } => Self::Invalid {
                offset: offset + base,
                what,
                reason,
            },
            Self::LimitExceeded {
                offset,
                what,
                value,
                limit,
            } => Self::LimitExceeded {
                offset: offset + base,
                what,
                value,
                limit,
            },
            other => other,
        }
    }
}

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
    #[error("cannot protect the keystore: {reason}")]
    Protection {
        /// What failed.
        reason: String,
    },
    /// A certificate or key is too large for a 32-bit length field.
    #[error("an item of {len} bytes is too large for the keystore format")]
    TooLarge {
        /// Its length.
        len: usize,
    },
}

/// Why a key could not be protected (sealed) or recovered (opened).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The key's integrity check failed: almost always a wrong key password.
    #[error("cannot recover the key: the key password is incorrect")]
    WrongPassword,
    /// The key is protected with an algorithm this crate does not implement.
    #[error("the key is protected with an unsupported algorithm ({algorithm})")]
    UnsupportedProtection {
        /// The algorithm's OID or name.
        algorithm: String,
    },
    /// The protected key is structurally broken.
    #[error("the protected key is malformed: {reason}")]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// JCEKS key passwords must be printable ASCII for JDK 8 to 21 to read them.
    #[error(
        "the password is not printable ASCII: Java 8 to 21 cannot use it for a JCEKS key; \
         choose an ASCII password"
    )]
    PasswordNotAscii,
    /// A key-derivation iteration count outside the accepted range.
    #[error("iteration count {count} is outside the accepted range 1..={limit}")]
    IterationCount {
        /// The count found.
        count: u64,
        /// The largest count accepted.
        limit: u64,
    },
    /// The key material itself is not valid for its algorithm.
    #[error("invalid key: {reason}")]
    InvalidKey {
        /// What is wrong.
        reason: String,
    },
}

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

/// Why a certificate could not be read or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertError {
    /// The bytes are not a DER X.509 certificate.
    #[error("not an X.509 certificate: {reason}")]
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// The input holds no certificate at all.
    #[error("the input contains no certificate")]
    Empty,
    /// Signing the certificate or request failed.
    #[error(transparent)]
    Key(KeyError),
}

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
    /// A key could not be protected or recovered.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// An entry operation was refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A certificate could not be read.
    #[error(transparent)]
    Cert(#[from] CertError),
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
