//! keytool's `-ext` syntax.

/// Why a `-ext` value was refused. The messages are keytool's own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExtError {
    /// An abbreviation that matches several names.
    #[error("command {name} is ambiguous:\n     {}", candidates.join(" "))]
    Ambiguous {
        /// What was typed.
        name: String,
        /// The names it matches.
        candidates: Vec<String>,
    },
    /// Neither a known extension name nor an OID.
    #[error("Unknown extension type: {0}")]
    UnknownExtension(String),
    /// A value that does not fit the extension.
    #[error("Illegal value: {0}")]
    IllegalValue(String),
    /// A list item without `type:value`.
    #[error("Illegal item {item} in {ext}")]
    IllegalItem {
        /// The item.
        item: String,
        /// The whole `-ext` value.
        ext: String,
    },
    /// A general name type other than EMAIL, URI, DNS, IP and OID.
    #[error("Unrecognized GeneralName type: {0}")]
    UnknownNameType(String),
    /// An e-mail address keytool refuses.
    #[error("Invalid RFC822Name: {0}")]
    InvalidEmail(String),
    /// A URI without a scheme.
    #[error("URI name must include scheme:{0}")]
    UriWithoutScheme(String),
    /// Not an IPv4 or IPv6 address.
    #[error("IPAddress cannot be parsed: {0}")]
    InvalidIp(String),
    /// Not a dotted OID.
    #[error("Invalid OID: {0}")]
    InvalidOid(String),
    /// An empty DNS name.
    #[error("DNSName must not be null or empty")]
    EmptyDnsName,
    /// A DNS name with an empty label.
    #[error("DNSName SubjectAltNames with empty components are not permitted")]
    EmptyDnsLabel,
    /// A DNS label with other characters than letters, digits and hyphens.
    #[error("DNSName components must consist of letters, digits, and hyphens")]
    DnsCharacters,
    /// `:critical` on an extension that may not be critical.
    #[error("This extension cannot be marked as critical. {0}")]
    CannotBeCritical(String),
    /// A key usage keytool does not know.
    #[error("Unknown keyUsage type: {0}")]
    UnknownKeyUsage(String),
    /// An extended key usage keytool does not know (and not an OID).
    #[error("Unknown extendedkeyUsage type: {0}")]
    UnknownExtendedKeyUsage(String),
    /// An access method keytool does not know (and not an OID).
    #[error("Unknown AccessDescription type: {0}")]
    UnknownAccessMethod(String),
    /// A raw value with an odd number of hex digits.
    #[error("Odd number of hex digits found: {0}")]
    OddHexDigits(String),
    /// `honored=` names an extension the request does not have.
    #[error("The request has no {0} extension to honor")]
    NotInRequest(String),
    /// A name that a certificate cannot carry (not IA5 text).
    #[error("not an IA5 string: {0}")]
    NotIa5(String),
}
