//! Errors of the certificate exchange: an inventory that cannot be used.

/// An inventory that cannot be used; nothing is touched when one is found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InventoryError {
    /// The file is not valid TOML (or not the inventory's shape).
    #[error("inventory: {message}")]
    Syntax {
        /// What the parser said, with the line.
        message: String,
    },
    /// A server entry that cannot be used.
    #[error("inventory: server {server}: {field}: {problem}")]
    Invalid {
        /// The server's FQDN, or its position (`#3`) when it has none.
        server: String,
        /// The field at fault (`role`, `root`, `keystore`, `endpoints.iis`, ...).
        field: String,
        /// What is wrong and what to write instead.
        problem: String,
    },
}
