//! Parsing distinguished names (keytool's `-dname`).

/// Why a `-dname` string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid distinguished name {input:?}: {reason}")]
#[non_exhaustive]
pub struct DnError {
    /// The text given.
    pub input: String,
    /// What is wrong with it, in Java's words.
    pub reason: DnReason,
}

/// What is wrong with a distinguished name's text; the messages are Java's (`X500Name`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DnReason {
    /// An attribute without `=`.
    #[error("Incorrect AVA format")]
    IncorrectAva,
    /// A keyword that is neither known nor an OID.
    #[error("Invalid keyword \"{0}\"")]
    InvalidKeyword(String),
    /// `#` followed by something that is not an even number of hex digits.
    #[error("AVA parse, invalid hex value")]
    InvalidHex,
    /// `#hex` that is not one DER value.
    #[error("AVA parse, hex value is not DER")]
    HexNotDer,
    /// An opening quote without a closing one.
    #[error("Quoted string did not end in quote")]
    UnterminatedQuote,
    /// Text after the closing quote.
    #[error("AVA had characters other than whitespace after terminating quote")]
    TextAfterQuote,
    /// A `\` at the very end.
    #[error("Invalid trailing backslash")]
    TrailingBackslash,
    /// `\X` with only one hex digit.
    #[error("escaped hex value must include two valid digits")]
    BadHexEscape,
    /// `\` before a character that needs no escape.
    #[error("Invalid escaped character in AVA: '{0}'")]
    InvalidEscape(char),
    /// A special character that must be escaped or quoted.
    #[error("Character '{0}' in AVA appears without escape")]
    Unescaped(char),
    /// `\XX` escapes that do not form UTF-8.
    #[error("escaped bytes are not UTF-8")]
    NotUtf8,
    /// Two equal attributes in one multi-valued RDN.
    #[error("duplicate attribute in a multi-valued RDN")]
    DuplicateAttribute,
}
