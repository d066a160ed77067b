//! Reading, building and checking certificates and requests.

use crate::error::ext::ExtError;
use crate::error::key::KeyError;

/// Why a certificate (or request, or the file holding them) could not be read or made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertError {
    /// The bytes are not the DER structure expected; `offset` is where decoding stopped,
    /// counted from the start of that structure, when known.
    #[error("not a valid {structure}{}", at(*.offset))]
    Malformed {
        /// What was being read: "certificate", "certificate request", "PKCS#7", ...
        structure: &'static str,
        /// Where the problem is, in bytes from the structure's start.
        offset: Option<u64>,
    },
    /// PEM text whose armour or base64 is broken.
    #[error("malformed PEM: {reason}")]
    Pem {
        /// What is wrong with the text.
        reason: &'static str,
    },
    /// The input holds no certificate (or request) at all.
    #[error("the input contains no certificate")]
    Empty,
    /// A value does not fit the field it goes in (a name that is not IA5, a validity past 9999).
    #[error("cannot encode {what}")]
    Unencodable {
        /// What could not be encoded.
        what: &'static str,
    },
    /// An extension could not be encoded (a name that is not IA5 text, ...).
    #[error(transparent)]
    Extension(#[from] ExtError),
    /// Signing the certificate or request failed.
    #[error(transparent)]
    Key(#[from] KeyError),
}

fn at(offset: Option<u64>) -> String {
    offset.map_or_else(String::new, |o| format!(" (at byte {o})"))
}

impl CertError {
    /// A `Malformed` error from a `der` decoding failure in `structure`.
    pub(crate) fn der(structure: &'static str, e: &der::Error) -> Self {
        Self::Malformed {
            structure,
            offset: e.position().map(|p| u64::from(u32::from(p))),
        }
    }
}
