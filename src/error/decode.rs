//! Reading keystore bytes.

use crate::kind::Format;

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
        let at = |offset: u64| offset.saturating_add(base);
        match self {
            Self::Truncated { offset, needed } => Self::Truncated {
                offset: at(offset),
                needed,
            },
            Self::UnknownEntryTag { offset, tag } => Self::UnknownEntryTag {
                offset: at(offset),
                tag,
            },
            Self::Invalid {
                offset,
                what,
                reason,
            } => Self::Invalid {
                offset: at(offset),
                what,
                reason,
            },
            Self::LimitExceeded {
                offset,
                what,
                value,
                limit,
            } => Self::LimitExceeded {
                offset: at(offset),
                what,
                value,
                limit,
            },
            other => other,
        }
    }

    /// Where in the file the problem is, when the error has a position.
    pub fn offset(&self) -> Option<u64> {
        match self {
            Self::Truncated { offset, .. }
            | Self::UnknownEntryTag { offset, .. }
            | Self::Invalid { offset, .. }
            | Self::LimitExceeded { offset, .. } => Some(*offset),
            _ => None,
        }
    }
}
