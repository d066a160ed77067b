//! What a signature check found.

/// The outcome of a signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// The signature is valid for the key.
    Valid,
    /// The signature does not verify (or the key or signature is malformed).
    Invalid,
    /// The algorithm is not implemented here.
    Unsupported,
}
