//! What `-check` reports: findings with stable codes and severities, and the thresholds
//! they are judged by.

use crate::timestamp::Timestamp;

/// How bad a finding is; the order is Nagios's precedence (critical over warning over
/// unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Something could not be checked (a file that cannot be read or opened).
    Unknown,
    /// To be dealt with.
    Warning,
    /// Breaks now or within the critical days.
    Critical,
}

impl Severity {
    /// `UNKNOWN`, `WARNING` or `CRITICAL`, as Nagios prints them.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Unknown => "UNKNOWN",
            Severity::Warning => "WARNING",
            Severity::Critical => "CRITICAL",
        }
    }
}

/// What a finding is about; [`FindingCode::as_str`] is the stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingCode {
    /// A certificate whose validity has ended.
    Expired,
    /// A certificate that ends within the critical days.
    ExpiresCritical,
    /// A certificate that ends within the warning days.
    ExpiresSoon,
    /// A certificate whose validity has not begun.
    NotYetValid,
    /// RSA or DSA below 2048 bits, EC below 256 bits.
    WeakKey,
    /// A SHA-1 or MD5 signature (on a certificate that is not a self-issued root).
    WeakSignature,
    /// A DES, DESede, RC2 or RC4 secret key.
    WeakSecretKey,
    /// A JKS or JCEKS store (Java's default has been PKCS#12 since Java 9).
    LegacyFormat,
    /// PKCS#12 protected with RC2-40, 3DES, a SHA-1 MAC or fewer than 10,000 iterations.
    WeakPkcs12Protection,
    /// A PKCS#12 store with a PBMAC1 integrity check, which Java 25 and older cannot read.
    Pbmac1,
    /// PKCS#12 certificates without the trusted-usage attribute and in no key's chain:
    /// Java does not see them as trusted.
    UnseenCertificates,
    /// A key entry whose certificate does not hold its key's public half.
    KeyMismatch,
    /// A key entry whose chain stops before a self-issued root the store knows.
    IncompleteChain,
    /// A server certificate that is not RSA of at least 2048 bits.
    ServerKey,
    /// A server certificate not signed with SHA-256 (or stronger) and RSA.
    ServerSignature,
    /// A server certificate whose CN is not an FQDN and whose SAN holds none.
    ServerName,
    /// A server certificate whose EKU lacks serverAuth or clientAuth.
    ServerEku,
    /// Parts of the store could not be checked without its password.
    NotChecked,
    /// The file cannot be read or opened.
    Unreadable,
}

impl FindingCode {
    /// Every code, for documentation and tests.
    pub const ALL: [FindingCode; 19] = [
        Self::Expired,
        Self::ExpiresCritical,
        Self::ExpiresSoon,
        Self::NotYetValid,
        Self::WeakKey,
        Self::WeakSignature,
        Self::WeakSecretKey,
        Self::LegacyFormat,
        Self::WeakPkcs12Protection,
        Self::Pbmac1,
        Self::UnseenCertificates,
        Self::KeyMismatch,
        Self::IncompleteChain,
        Self::ServerKey,
        Self::ServerSignature,
        Self::ServerName,
        Self::ServerEku,
        Self::NotChecked,
        Self::Unreadable,
    ];

    /// The stable code, as text, JSON and Nagios output print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::ExpiresCritical => "expires_critical",
            Self::ExpiresSoon => "expires_soon",
            Self::NotYetValid => "not_yet_valid",
            Self::WeakKey => "weak_key",
            Self::WeakSignature => "weak_signature",
            Self::WeakSecretKey => "weak_secret_key",
            Self::LegacyFormat => "legacy_store_format",
            Self::WeakPkcs12Protection => "weak_pkcs12_protection",
            Self::Pbmac1 => "pbmac1_store",
            Self::UnseenCertificates => "untrusted_pkcs12_certificate",
            Self::KeyMismatch => "key_certificate_mismatch",
            Self::IncompleteChain => "incomplete_chain",
            Self::ServerKey => "server_key_not_rsa2048",
            Self::ServerSignature => "server_signature_not_sha256",
            Self::ServerName => "server_cn_not_fqdn",
            Self::ServerEku => "server_eku_missing_usage",
            Self::NotChecked => "not_checked",
            Self::Unreadable => "unreadable",
        }
    }

    /// How bad it is: expiry now or within the critical days is critical, what could not be
    /// checked unknown, anything else a warning.
    pub fn severity(self) -> Severity {
        match self {
            Self::Expired | Self::ExpiresCritical => Severity::Critical,
            Self::NotChecked | Self::Unreadable => Severity::Unknown,
            _ => Severity::Warning,
        }
    }
}

/// One thing `-check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// What it is.
    pub code: FindingCode,
    /// The entry it is about, if any.
    pub alias: Option<String>,
    /// The certificate's subject, if it is about one.
    pub subject: Option<String>,
    /// What was found, for people.
    pub message: String,
}

impl Finding {
    /// A finding about the file or store as a whole.
    pub fn new(code: FindingCode, message: impl Into<String>) -> Self {
        Finding {
            code,
            alias: None,
            subject: None,
            message: message.into(),
        }
    }

    /// How bad it is.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// The thresholds of a check and the moment it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckPolicy {
    /// A certificate ending within this many days is a warning (`-warndays`, default 30).
    pub warn_days: u32,
    /// ... and within this many a critical finding (`-critdays`, default 7).
    pub crit_days: u32,
    /// The moment validity is judged at.
    pub now: Timestamp,
}

impl CheckPolicy {
    /// The defaults (30 and 7 days) at `now`.
    pub fn new(now: Timestamp) -> Self {
        CheckPolicy {
            warn_days: 30,
            crit_days: 7,
            now,
        }
    }
}

/// One certificate as monitoring exports it (the x509-certificate-exporter's labels).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertRecord {
    /// The entry holding it (none for a certificate file).
    pub alias: Option<String>,
    /// The subject's CN (empty when it has none).
    pub subject_cn: String,
    /// The issuer's CN (empty when it has none).
    pub issuer_cn: String,
    /// The serial number in decimal.
    pub serial: String,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
}
