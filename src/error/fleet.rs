//! Errors of the fleet operations: bundles, alias templates, hygiene checks.

use std::path::PathBuf;

use crate::error::cert::CertError;

/// A certificate bundle or its alias template could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The file (or every file of the folder) holds no certificate.
    #[error(
        "{}: no certificate found; a bundle is PEM (CERTIFICATE blocks), DER, PKCS#7 (.p7b) \
         or a folder of such files",
        path.display()
    )]
    Empty {
        /// The file or folder.
        path: PathBuf,
    },
    /// A certificate in the file is damaged.
    #[error("{}: {source}; fix or remove that certificate and retry", path.display())]
    Certificate {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: CertError,
    },
    /// The file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The bundle has more certificates than a store may hold.
    #[error("{}: more than {limit} certificates; split the bundle", path.display())]
    TooMany {
        /// The file or folder.
        path: PathBuf,
        /// The limit ([`crate::limits::MAX_ENTRIES`]).
        limit: u64,
    },
    /// An alias template names a placeholder that does not exist, or is empty.
    #[error(
        "alias template {template:?}: {problem}; use text with {{cn}}, {{fqdn}}, {{n}} or \
         {{sha256}}"
    )]
    Template {
        /// The template given.
        template: String,
        /// What is wrong (an unknown placeholder, an unclosed brace, nothing at all).
        problem: String,
    },
}
