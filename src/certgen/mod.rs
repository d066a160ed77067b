//! New certificates and certificate requests, in the shape keytool gives them.
//!
//! ```text
//! Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature BIT STRING }
//! TBSCertificate ::= SEQUENCE { [0] version v3, serialNumber (64 random bits), signature,
//!     issuer, validity (UTCTime before 2050), subject, subjectPublicKeyInfo, [3] extensions }
//! extensions: SubjectKeyIdentifier always, then the requested ones, ordered by OID string
//! CertificationRequest ::= SEQUENCE { info { version 0, subject, spki,
//!     [0] { extensionRequest { extensions } } }, signatureAlgorithm, signature }
//! ```

mod params;
mod request;
pub(crate) mod tbs;

pub use params::CertificateParams;
