//! Protecting, recovering, generating and using keys.

/// Why a key could not be protected (sealed), recovered (opened), made or used.
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
        reason: &'static str,
    },
    /// The key algorithm (or this use of it) is not implemented here.
    #[error("{algorithm} keys are not supported for this: {what}")]
    UnsupportedAlgorithm {
        /// The key algorithm, by Java name or OID.
        algorithm: String,
        /// What was asked of the key.
        what: &'static str,
    },
    /// A key size or curve the algorithm does not have.
    #[error("invalid key size {size} for {algorithm}: {allowed}")]
    KeySize {
        /// The key algorithm.
        algorithm: String,
        /// The size asked for.
        size: u32,
        /// What is accepted.
        allowed: &'static str,
    },
    /// A signature algorithm name this crate does not know, or one that does not fit the key.
    #[error("{name} cannot sign with a {key} key")]
    SignatureMismatch {
        /// The signature algorithm asked for.
        name: String,
        /// The key's algorithm.
        key: String,
    },
    /// The key is not the one its certificate certifies.
    #[error(
        "the private key does not match the public key of its certificate: the chain must \
         start with the key's own certificate"
    )]
    CertificateMismatch,
    /// A signature algorithm name that is not known at all.
    #[error("unknown signature algorithm {0}")]
    UnknownSignatureAlgorithm(String),
}
