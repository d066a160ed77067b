//! Keys as keystores hold them: encrypted, and decrypted only when asked.
//!
//! A private key travels as the DER `EncryptedPrivateKeyInfo` the file holds; a JCEKS secret key
//! as the serialized sealed object, a PKCS#12 one as its `EncryptedPrivateKeyInfo`. Loading and
//! saving never touch them, so a store saved with the same password keeps its keys byte for
//! byte.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier,   -- JKS: 1.3.6.1.4.1.42.2.17.1.1 (NULL or absent)
//!                                                -- JCEKS: 1.3.6.1.4.1.42.2.19.1 + PBEParameter
//!                                                -- PKCS#12: PBES2 (Java 16+) or PBE v1 (Java 8)
//!     encryptedData        OCTET STRING }
//! ```
//!
//! Passwords: JKS uses UTF-16, JCEKS printable ASCII, PKCS#12 PBES2 UTF-8 (what Java 25 and
//! OpenSSL do; Java 8 to 21 refuse non-ASCII passwords there, so a PKCS#12 key sealed with
//! one opens in Java 25 and OpenSSL but not in Java 17), PKCS#12 PBE v1 a BMPString.

pub(crate) mod bks;
mod epki;
mod keyprotector;
pub(crate) mod pbe;
pub(crate) mod pfxmac;
pub(crate) mod pkcs12pbe;
mod private;
mod protection;
pub(crate) mod sealed;
mod secret;
mod secretinfo;

pub use private::ProtectedKey;
pub use protection::Protection;
pub use secret::ProtectedSecretKey;
pub(crate) use secretinfo::{name_for as secret_algorithm_name, oid_for as secret_algorithm_oid};
