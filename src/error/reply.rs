//! Installing a CA reply on a key entry.

/// Why a CA reply cannot be installed. The messages are keytool's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplyError {
    /// The reply holds no certificate.
    #[error("Reply has no certificates")]
    NoCertificates,
    /// A one-certificate reply for another key.
    #[error("Public keys in reply and keystore don't match")]
    KeyMismatch,
    /// The reply is the certificate the entry already has.
    #[error("Certificate reply and certificate in keystore are identical")]
    Identical,
    /// No chain from the reply to a self-signed certificate could be built.
    #[error("Failed to establish chain from reply")]
    NoChain,
    /// No certificate of a multi-certificate reply carries the entry's key.
    #[error("Certificate reply does not contain public key for <{alias}>")]
    NoPublicKey {
        /// The entry's alias.
        alias: String,
    },
    /// A certificate of the reply is signed by none of the others.
    #[error("Incomplete certificate chain in reply")]
    IncompleteChain,
    /// The alias is not a private-key entry with a certificate.
    #[error("Alias <{alias}> has no key")]
    NotAKeyEntry {
        /// The alias.
        alias: String,
    },
}
