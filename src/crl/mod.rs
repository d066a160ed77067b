//! Certificate revocation lists (X.509 v1 and v2 CRLs, RFC 5280 §5): read from DER or PEM,
//! shown, verified against an issuer, and made and signed with a key entry.
//!
//! ```text
//! CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signature BIT STRING }
//! TBSCertList     ::= SEQUENCE { version INTEGER OPTIONAL, signature, issuer Name,
//!                                thisUpdate, nextUpdate OPTIONAL,
//!                                revokedCertificates SEQUENCE OF SEQUENCE {
//!                                    userCertificate INTEGER, revocationDate,
//!                                    crlEntryExtensions OPTIONAL } OPTIONAL,
//!                                [0] EXPLICIT crlExtensions OPTIONAL }
//! ```

mod build;
mod model;
mod read;
mod reason;

pub use build::{CrlParams, Revocation};
pub use model::{Crl, RevokedCertificate};
pub use read::parse_crls;
pub use reason::RevocationReason;
