//! Reading and making certificate revocation lists.

/// Why a CRL could not be read or made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CrlError {
    /// Neither DER nor a PEM `X509 CRL` block.
    #[error("no CRL found: the input is neither DER nor a PEM \"X509 CRL\" block")]
    NoData,
    /// A PEM block whose base64 is broken.
    #[error("the CRL's PEM block is not valid base64 (character {character:?}); export it again")]
    Base64 {
        /// The first character that is not base64.
        character: char,
    },
    /// The DER ends before the CRL does.
    #[error("the CRL is truncated: the file ends before the CRL does; download it again")]
    Truncated,
    /// DER that is not a CRL.
    #[error("not a CRL: {reason}")]
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// A revocation keytool's `-id` syntax cannot express.
    #[error("bad revocation {input:?}: {reason}; give serial[:reason[:date]]")]
    BadRevocation {
        /// What was given.
        input: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A reason code that Java does not encode (0, unspecified: leave the reason out).
    #[error("reason code {0} cannot be encoded: leave the reason out, or use 1 to 10")]
    UnencodableReason(i64),
    /// The CRL could not be encoded or signed.
    #[error("the CRL could not be made: {0}")]
    Unencodable(String),
}
