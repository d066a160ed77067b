//! Keystore entries: a private key with its certificate chain, a trusted certificate, or a
//! secret key, each with its creation date.

use std::fmt;

use crate::cert::Certificate;
use crate::error::{KeyError, StoreError};
use crate::key::{PrivateKey, SecretKey};
use crate::protect::{ProtectedKey, ProtectedSecretKey, Protection};
use crate::timestamp::Timestamp;

/// The kind of an entry, named as keytool names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A private key and its certificate chain.
    PrivateKey,
    /// A certificate trusted as an anchor.
    TrustedCert,
    /// A secret (symmetric) key.
    SecretKey,
}

impl EntryKind {
    /// keytool's name: `PrivateKeyEntry`, `trustedCertEntry` or `SecretKeyEntry`.
    pub fn keytool_name(self) -> &'static str {
        match self {
            Self::PrivateKey => "PrivateKeyEntry",
            Self::TrustedCert => "trustedCertEntry",
            Self::SecretKey => "SecretKeyEntry",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keytool_name())
    }
}

/// One keystore entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Entry {
    /// A private key and its certificate chain.
    PrivateKey(PrivateKeyEntry),
    /// A trusted certificate.
    TrustedCert(TrustedCertEntry),
    /// A secret key.
    SecretKey(SecretKeyEntry),
}

impl Entry {
    /// The entry's kind.
    pub fn kind(&self) -> EntryKind {
        match self {
            Self::PrivateKey(_) => EntryKind::PrivateKey,
            Self::TrustedCert(_) => EntryKind::TrustedCert,
            Self::SecretKey(_) => EntryKind::SecretKey,
        }
    }

    /// When the entry was created (for PKCS#12 trusted certificates: when the store was
    /// loaded, as in Java).
    pub fn created(&self) -> Timestamp {
        match self {
            Self::PrivateKey(e) => e.created,
            Self::TrustedCert(e) => e.created,
            Self::SecretKey(e) => e.created,
        }
    }

    /// The same entry with another creation date.
    pub fn with_created(mut self, created: Timestamp) -> Self {
        match &mut self {
            Self::PrivateKey(e) => e.created = created,
            Self::TrustedCert(e) => e.created = created,
            Self::SecretKey(e) => e.created = created,
        }
        self
    }

    /// The entry's own certificate: the first of a key's chain, or the trusted certificate.
    pub fn certificate(&self) -> Option<&Certificate> {
        self.chain().first()
    }

    /// The certificate chain: a key's chain, the trusted certificate alone, or nothing.
    pub fn chain(&self) -> &[Certificate] {
        match self {
            Self::PrivateKey(e) => &e.chain,
            Self::TrustedCert(e) => std::slice::from_ref(&e.cert),
            Self::SecretKey(_) => &[],
        }
    }
}

/// A private key, still protected, with its certificate chain (end entity first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateKeyEntry {
    created: Timestamp,
    key: ProtectedKey,
    chain: Vec<Certificate>,
}

impl PrivateKeyEntry {
    /// An entry from an already protected key; the chain must hold at least one certificate.
    pub fn new(
        key: ProtectedKey,
        chain: Vec<Certificate>,
        created: Timestamp,
    ) -> Result<Self, StoreError> {
        if chain.is_empty() {
            return Err(StoreError::EmptyChain);
        }
        Ok(Self {
            created,
            key,
            chain,
        })
    }

    /// An entry read from a file: Java accepts (and we keep) an empty chain there.
    pub(crate) fn from_parts(
        key: ProtectedKey,
        chain: Vec<Certificate>,
        created: Timestamp,
    ) -> Self {
        Self {
            created,
            key,
            chain,
        }
    }

    /// Protects `key` with `password` and makes an entry dated now. The chain's first
    /// certificate must certify the key ([`KeyError::CertificateMismatch`] otherwise).
    pub fn seal(
        key: &PrivateKey,
        chain: Vec<Certificate>,
        password: &str,
        protection: Protection,
    ) -> Result<Self, crate::Error> {
        if let Some(first) = chain.first()
            && !key.matches_certificate(first)?
        {
            return Err(KeyError::CertificateMismatch.into());
        }
        let key = ProtectedKey::seal(key, password, protection)?;
        Ok(Self::new(key, chain, Timestamp::now())?)
    }

    /// The protected key.
    pub fn protected_key(&self) -> &ProtectedKey {
        &self.key
    }

    /// Decrypts the key.
    pub fn open(&self, password: &str) -> Result<PrivateKey, KeyError> {
        self.key.open(password)
    }

    /// The certificate chain, end entity first.
    pub fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    /// Replaces the certificate chain (for example with a CA reply).
    pub fn set_chain(&mut self, chain: Vec<Certificate>) -> Result<(), StoreError> {
        if chain.is_empty() {
            return Err(StoreError::EmptyChain);
        }
        self.chain = chain;
        Ok(())
    }

    /// The creation date.
    pub fn created(&self) -> Timestamp {
        self.created
    }
}

/// A trusted certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedCertEntry {
    created: Timestamp,
    cert: Certificate,
}

impl TrustedCertEntry {
    /// A trusted certificate entry.
    pub fn new(cert: Certificate, created: Timestamp) -> Self {
        Self { created, cert }
    }

    /// The certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.cert
    }

    /// The creation date.
    pub fn created(&self) -> Timestamp {
        self.created
    }
}

/// A secret key, still protected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretKeyEntry {
    created: Timestamp,
    key: ProtectedSecretKey,
}

impl SecretKeyEntry {
    /// An entry from an already protected secret key.
    pub fn new(key: ProtectedSecretKey, created: Timestamp) -> Self {
        Self { created, key }
    }

    /// Protects `key` with `password` (JCEKS style) and makes an entry dated now.
    pub fn seal(key: &SecretKey, password: &str) -> Result<Self, KeyError> {
        Ok(Self::new(
            ProtectedSecretKey::seal(key, password)?,
            Timestamp::now(),
        ))
    }

    /// The protected key.
    pub fn protected_key(&self) -> &ProtectedSecretKey {
        &self.key
    }

    /// Decrypts the key.
    pub fn open(&self, password: &str) -> Result<SecretKey, KeyError> {
        self.key.open(password)
    }

    /// The creation date.
    pub fn created(&self) -> Timestamp {
        self.created
    }
}

impl From<PrivateKeyEntry> for Entry {
    fn from(e: PrivateKeyEntry) -> Self {
        Self::PrivateKey(e)
    }
}

impl From<TrustedCertEntry> for Entry {
    fn from(e: TrustedCertEntry) -> Self {
        Self::TrustedCert(e)
    }
}

impl From<SecretKeyEntry> for Entry {
    fn from(e: SecretKeyEntry) -> Self {
        Self::SecretKey(e)
    }
}
