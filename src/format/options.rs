//! What the codec reports about a store it read ([`Stored`]) and what it takes to write one
//! ([`WriteOptions`]). The model ([`KeyStore`](crate::KeyStore)) holds entries only; how
//! they were or will be encoded travels beside it.

use crate::error::EncodeError;
use crate::kind::Format;
use crate::protect::Protection;
use crate::protect::pfxmac::{PendingMac, Scheme};
use crate::protect::pkcs12pbe;

/// How a PKCS#12 store's certificates are protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertProtection {
    /// PBES2: PBKDF2-HmacSHA256 and AES-256-CBC (Java 16+, OpenSSL 3).
    Pbes2Aes256,
    /// `pbeWithSHAAnd40BitRC2-CBC` (Java 8, OpenSSL 1.x).
    Rc2With40BitKey,
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC`.
    TripleDes,
    /// Not encrypted: the password-less form of Java 18+ `cacerts`.
    None,
}

/// The integrity MAC of a PKCS#12 store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MacAlgorithm {
    /// HMAC-SHA1 (Java 8, OpenSSL 1.x).
    HmacSha1,
    /// HMAC-SHA256 (Java 16+, OpenSSL 3).
    HmacSha256,
    /// HMAC-SHA384.
    HmacSha384,
    /// HMAC-SHA512.
    HmacSha512,
    /// RFC 9579 PBMAC1 with PBKDF2-HMAC-SHA256 and HMAC-SHA256 (JDK 26, HashiCorp Vault's
    /// and cert-manager's 2026 profiles). Java 25 and older, and OpenSSL before 3.4, cannot
    /// check it.
    Pbmac1Sha256,
    /// PBMAC1 with SHA-384 for both.
    Pbmac1Sha384,
    /// PBMAC1 with SHA-512 for both.
    Pbmac1Sha512,
    /// No MAC: the password-less form.
    None,
}

impl MacAlgorithm {
    /// A fresh MAC key of this kind for `password`, or `None` without a MAC.
    pub(crate) fn prepare(self, password: &str, iterations: u32) -> Option<PendingMac> {
        use crate::protect::pfxmac::Hash;
        Some(match self {
            Self::HmacSha1 => PendingMac::pkcs12(password, Hash::Sha1, iterations),
            Self::HmacSha256 => PendingMac::pkcs12(password, Hash::Sha256, iterations),
            Self::HmacSha384 => PendingMac::pkcs12(password, Hash::Sha384, iterations),
            Self::HmacSha512 => PendingMac::pkcs12(password, Hash::Sha512, iterations),
            Self::Pbmac1Sha256 => PendingMac::pbmac1(password, Hash::Sha256, iterations),
            Self::Pbmac1Sha384 => PendingMac::pbmac1(password, Hash::Sha384, iterations),
            Self::Pbmac1Sha512 => PendingMac::pbmac1(password, Hash::Sha512, iterations),
            Self::None => return None,
        })
    }

    /// The MAC a file has, so that a re-save keeps it: the PBMAC1 form by its HMAC (a
    /// different PRF is written back as the HMAC's hash), SHA-224 as SHA-256.
    pub(crate) fn of(scheme: &Scheme) -> Self {
        use crate::protect::pfxmac::Hash;
        match scheme {
            Scheme::Pkcs12 { hash, .. } => match hash {
                Hash::Sha1 => Self::HmacSha1,
                Hash::Sha384 => Self::HmacSha384,
                Hash::Sha512 => Self::HmacSha512,
                Hash::Sha224 | Hash::Sha256 => Self::HmacSha256,
            },
            Scheme::Pbmac1 { hmac, .. } => match hmac {
                Hash::Sha384 => Self::Pbmac1Sha384,
                Hash::Sha512 => Self::Pbmac1Sha512,
                _ => Self::Pbmac1Sha256,
            },
        }
    }
}

/// The form of a PKCS#12 file: its certificate protection, MAC, and the protection of keys
/// added to it.
///
/// Java writes a loaded store back in the form it had (a password-less `cacerts` stays
/// password-less, a Java 8 store keeps its algorithms): [`Stored::write_options`] gives that
/// form back. New stores use [`Pkcs12Options::modern`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Pkcs12Options {
    /// How the certificates are protected.
    pub cert_protection: CertProtection,
    /// PBE iterations for the certificates.
    pub cert_iterations: u32,
    /// The integrity MAC.
    pub mac: MacAlgorithm,
    /// PKCS#12 KDF iterations for the MAC key.
    pub mac_iterations: u32,
    /// How keys and secret keys added to the store are protected
    /// ([`Protection::Pbes2`] or [`Protection::Pkcs12Pbe`]).
    pub key_protection: Protection,
}

impl Pkcs12Options {
    /// Java 16+ defaults: PBES2 AES-256 with 10,000 PBKDF2-HmacSHA256 iterations for keys and
    /// certificates, HMAC-SHA256 MAC with 10,000 iterations.
    pub const fn modern() -> Self {
        Self {
            cert_protection: CertProtection::Pbes2Aes256,
            cert_iterations: pkcs12pbe::DEFAULT_ITERATIONS,
            mac: MacAlgorithm::HmacSha256,
            mac_iterations: pkcs12pbe::DEFAULT_ITERATIONS,
            key_protection: Protection::Pbes2,
        }
    }

    /// Java 8 (and `-J-Dkeystore.pkcs12.legacy`): 3DES keys, RC2-40 certificates, both with
    /// 50,000 iterations, HMAC-SHA1 MAC with 100,000. Readable by every Java version.
    pub const fn legacy() -> Self {
        Self {
            cert_protection: CertProtection::Rc2With40BitKey,
            cert_iterations: pkcs12pbe::LEGACY_ITERATIONS,
            mac: MacAlgorithm::HmacSha1,
            mac_iterations: pkcs12pbe::LEGACY_MAC_ITERATIONS,
            key_protection: Protection::Pkcs12Pbe,
        }
    }

    /// The password-less form of Java 18+ `cacerts`: certificates unencrypted, no MAC
    /// (keys, if any, are still encrypted with PBES2).
    pub const fn passwordless() -> Self {
        Self {
            cert_protection: CertProtection::None,
            mac: MacAlgorithm::None,
            ..Self::modern()
        }
    }

    /// JDK 26 and the 2026 profiles of HashiCorp Vault and cert-manager: [`modern`](Self::modern)
    /// with an RFC 9579 PBMAC1 integrity check (PBKDF2-HmacSHA256, 10,000 iterations). Java
    /// 25 and older and OpenSSL before 3.4 cannot check it: write it only for readers that can.
    pub const fn pbmac1() -> Self {
        Self {
            mac: MacAlgorithm::Pbmac1Sha256,
            ..Self::modern()
        }
    }

    /// True when neither certificates nor integrity need a password.
    pub fn is_passwordless(&self) -> bool {
        self.cert_protection == CertProtection::None && self.mac == MacAlgorithm::None
    }
}

impl Default for Pkcs12Options {
    fn default() -> Self {
        Self::modern()
    }
}

/// How a store is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct WriteOptions {
    /// The PKCS#12 form (ignored for JKS and JCEKS).
    pub pkcs12: Pkcs12Options,
}

impl WriteOptions {
    /// Options that write PKCS#12 in `form`.
    pub const fn pkcs12(form: Pkcs12Options) -> Self {
        Self { pkcs12: form }
    }

    /// The protection keys get when they are added to a store of `format` written with
    /// these options: the JKS key protector, JCEKS's `PBEWithMD5AndTripleDES`, or the
    /// PKCS#12 form's key protection.
    pub fn key_protection(&self, format: Format) -> Protection {
        match format {
            Format::Jks => Protection::JksKeyProtector,
            Format::Jceks => Protection::PbeWithMd5AndTripleDes,
            Format::Pkcs12 => self.pkcs12.key_protection,
            // Read-only formats: a key added there can only go on to a conversion.
            Format::Bks | Format::Uber => Protection::Pbes2,
        }
    }
}

/// How far the store's integrity was checked when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Integrity {
    /// The password verified the integrity digest or MAC.
    Verified,
    /// No password was given: JKS and JCEKS are read completely but not verified (keytool's
    /// warning banner); a PKCS#12 store's encrypted parts are skipped.
    Unverified,
    /// The store has no integrity protection at all (a password-less PKCS#12).
    NotProtected,
}

/// Something a read left out of the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Skipped {
    /// An encrypted PKCS#12 container, not read for want of the password.
    EncryptedContainer {
        /// Where the container starts in the file.
        offset: u64,
    },
    /// A PKCS#12 bag of a type this crate does not model (a CRL bag, a nested
    /// SafeContents, a vendor's bag), which Java skips too.
    Bag {
        /// The bag type's dotted OID.
        bag_type: String,
    },
    /// An entry of a BKS or UBER store that has no keytool equivalent or could not be
    /// opened.
    Entry {
        /// The entry's alias.
        alias: String,
        /// What it is.
        what: &'static str,
    },
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EncryptedContainer { offset } => {
                write!(
                    f,
                    "the encrypted container at byte {offset} (opened without the password)"
                )
            }
            Self::Bag { bag_type } => {
                let name = match bag_type.as_str() {
                    "1.2.840.113549.1.12.10.1.4" => "CRL bag",
                    "1.2.840.113549.1.12.10.1.6" => "nested SafeContents bag",
                    _ => "bag",
                };
                write!(f, "a {name} of type {bag_type}")
            }
            Self::Entry { alias, what } => write!(f, "the entry <{alias}>, a {what}"),
        }
    }
}

/// How a store was found when it was read: its format, how far it was verified, its PKCS#12
/// form, and what the model does not hold. Writing the store back the same way takes
/// [`Stored::write_options`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stored {
    /// The file's format.
    pub format: Format,
    /// How far the integrity was checked.
    pub integrity: Integrity,
    /// The PKCS#12 form, for PKCS#12 files.
    pub pkcs12: Option<Pkcs12Options>,
    /// What the read left out.
    pub skipped: Vec<Skipped>,
    /// PKCS#12 certificate bags Java does not show: without the trusted-usage attribute and
    /// in no key's chain (an `openssl pkcs12 -nokeys` trust store). Like Java, the model
    /// drops them and a save does not keep them.
    pub unseen_certificates: usize,
}

impl Stored {
    pub(crate) fn new(format: Format, integrity: Integrity) -> Self {
        Self {
            format,
            integrity,
            pkcs12: None,
            skipped: Vec::new(),
            unseen_certificates: 0,
        }
    }

    /// The options that write the store in the form it was read in; refused when writing
    /// would lose what the read skipped.
    pub fn write_options(&self) -> Result<WriteOptions, EncodeError> {
        if let Some(first) = self.skipped.first() {
            return Err(EncodeError::Incomplete {
                lost: first.to_string(),
                count: self.skipped.len(),
            });
        }
        Ok(WriteOptions {
            pkcs12: self.pkcs12.unwrap_or_default(),
        })
    }

    /// The protection keys added to this store get (see [`WriteOptions::key_protection`]).
    pub fn key_protection(&self) -> Protection {
        WriteOptions {
            pkcs12: self.pkcs12.unwrap_or_default(),
        }
        .key_protection(self.format)
    }

    /// True for a PKCS#12 file that needs no password at all.
    pub fn is_passwordless(&self) -> bool {
        self.pkcs12.is_some_and(|p| p.is_passwordless())
    }
}
