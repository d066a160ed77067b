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

/// A PEM private key and chain (`-srcstoretype PEM`) could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PemKeyError {
    /// The text is not PEM.
    #[error(
        "not PEM: {reason}; give a file with -----BEGIN ... PRIVATE KEY----- and CERTIFICATE blocks"
    )]
    NotPem {
        /// What the PEM parser found.
        reason: String,
    },
    /// No private key block.
    #[error("no private key in the file; add the PRIVATE KEY block (cat key.pem fullchain.pem)")]
    NoKey,
    /// More than one private key block.
    #[error("{count} private keys in the file; give one key with its chain")]
    SeveralKeys {
        /// How many.
        count: usize,
    },
    /// No certificate for the key.
    #[error(
        "no certificate in the file; add the key's certificate chain (cat key.pem fullchain.pem)"
    )]
    NoCertificate,
    /// None of the certificates holds the key's public half.
    #[error(
        "no certificate in the file matches the private key; check that the key and the certificate belong together"
    )]
    NoMatchingCertificate,
    /// An encrypted key was given without a password.
    #[error("the private key is encrypted: give its password with -srcstorepass")]
    PasswordNeeded,
    /// OpenSSL's traditional encrypted form (`Proc-Type: 4,ENCRYPTED`).
    #[error(
        "the key is in OpenSSL's traditional encrypted form; convert it with `openssl pkcs8 -topk8 -in key.pem -out key8.pem`"
    )]
    TraditionalEncryption,
    /// A SEC1 EC key that does not name its curve.
    #[error(
        "the EC PRIVATE KEY does not name its curve; convert it with `openssl pkcs8 -topk8 -nocrypt`"
    )]
    NoCurve,
}
