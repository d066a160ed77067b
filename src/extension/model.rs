//! Certificate extensions as typed, owned values: what inspection reads and what new
//! certificates are built from.

use crate::extension::general_name::GeneralName;
use crate::oid::Oid;
use crate::timestamp::Timestamp;

/// The nine key usages of RFC 5280, as a set of bits (bit 0 = digitalSignature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyUsage(u16);

impl KeyUsage {
    /// `digitalSignature` (bit 0).
    pub const DIGITAL_SIGNATURE: Self = Self(1);
    /// `nonRepudiation`, also called `contentCommitment` (bit 1).
    pub const NON_REPUDIATION: Self = Self(1 << 1);
    /// `keyEncipherment` (bit 2).
    pub const KEY_ENCIPHERMENT: Self = Self(1 << 2);
    /// `dataEncipherment` (bit 3).
    pub const DATA_ENCIPHERMENT: Self = Self(1 << 3);
    /// `keyAgreement` (bit 4).
    pub const KEY_AGREEMENT: Self = Self(1 << 4);
    /// `keyCertSign` (bit 5).
    pub const KEY_CERT_SIGN: Self = Self(1 << 5);
    /// `cRLSign` (bit 6).
    pub const CRL_SIGN: Self = Self(1 << 6);
    /// `encipherOnly` (bit 7).
    pub const ENCIPHER_ONLY: Self = Self(1 << 7);
    /// `decipherOnly` (bit 8).
    pub const DECIPHER_ONLY: Self = Self(1 << 8);
    /// The names of the bits, in bit order, as RFC 5280 (and keytool's `-ext ku=`) spell them.
    pub const NAMES: [&'static str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];

    /// The set with bit `n` (0 to 8) added; other numbers are ignored.
    pub fn with_bit(self, n: u8) -> Self {
        if n < 9 { Self(self.0 | 1 << n) } else { self }
    }

    /// True when every usage of `other` is in this set.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when bit `n` is set.
    pub fn has_bit(self, n: u8) -> bool {
        n < 16 && self.0 & (1 << n) != 0
    }

    /// The set bits, lowest first.
    pub fn bits(self) -> impl Iterator<Item = u8> {
        (0..9u8).filter(move |&n| self.has_bit(n))
    }

    /// True when no usage is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for KeyUsage {
    type Output = Self;
    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl Oid {
    /// `anyExtendedKeyUsage`.
    pub const ANY_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37.0");
    /// `serverAuth`: TLS server.
    pub const SERVER_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.1");
    /// `clientAuth`: TLS client.
    pub const CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
    /// `codeSigning`.
    pub const CODE_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.3");
    /// `emailProtection`.
    pub const EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
    /// `timeStamping`.
    pub const TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
    /// `OCSPSigning`.
    pub const OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");
    /// The `ocsp` access method.
    pub const OCSP: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1");
    /// The `caIssuers` access method.
    pub const CA_ISSUERS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.2");
}

/// Where a CRL distribution point's CRL is found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DistributionPointName {
    /// `fullName`: general names (usually one URI).
    FullName(Vec<GeneralName>),
    /// `nameRelativeToCRLIssuer`: the DER of a relative distinguished name (a `SET`).
    RelativeToIssuer(Vec<u8>),
}

/// One CRL distribution point.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DistributionPoint {
    /// Where the CRL is.
    pub name: Option<DistributionPointName>,
    /// The reason flags (bit 0 = unused, 1 = keyCompromise, ...), if present.
    pub reasons: Option<u16>,
    /// Who issues the CRL, when not the certificate's issuer.
    pub crl_issuer: Option<Vec<GeneralName>>,
}

impl DistributionPoint {
    /// A point with just a full name (what keytool's `-ext crl=uri:…` makes).
    pub fn full_name(names: Vec<GeneralName>) -> Self {
        Self {
            name: Some(DistributionPointName::FullName(names)),
            reasons: None,
            crl_issuer: None,
        }
    }
}

/// An access description of AuthorityInfoAccess or SubjectInfoAccess.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AccessDescription {
    /// The method (`ocsp`, `caIssuers`, ...).
    pub method: Oid,
    /// Where.
    pub location: GeneralName,
}

impl AccessDescription {
    /// A description of `method` at `location`.
    pub fn new(method: Oid, location: GeneralName) -> Self {
        Self { method, location }
    }
}

/// A policy of CertificatePolicies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PolicyInformation {
    /// The policy.
    pub policy: Oid,
    /// Its qualifiers: each qualifier's id and the DER of its value, if any.
    pub qualifiers: Option<Vec<(Oid, Option<Vec<u8>>)>>,
}

/// A subtree of NameConstraints.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct GeneralSubtree {
    /// The name the subtree is rooted at.
    pub base: GeneralName,
    /// The minimum distance (0 unless given).
    pub minimum: u32,
    /// The maximum distance, if given.
    pub maximum: Option<u32>,
}

/// A certificate extension: every kind keytool shows, typed, and any other by OID.
///
/// Read from certificates and requests by inspection, and given to
/// [`CertificateParams`](crate::CertificateParams) to build new certificates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Extension {
    /// SubjectKeyIdentifier (2.5.29.14).
    SubjectKeyIdentifier {
        /// Whether the extension is critical.
        critical: bool,
        /// The key identifier.
        key_id: Vec<u8>,
    },
    /// AuthorityKeyIdentifier (2.5.29.35).
    AuthorityKeyIdentifier {
        /// Whether the extension is critical.
        critical: bool,
        /// The issuer's key identifier.
        key_id: Option<Vec<u8>>,
        /// The issuer's issuer names.
        issuer: Option<Vec<GeneralName>>,
        /// The issuer certificate's serial number (two's complement bytes).
        serial: Option<Vec<u8>>,
    },
    /// KeyUsage (2.5.29.15).
    KeyUsage {
        /// Whether the extension is critical.
        critical: bool,
        /// The usages.
        usage: KeyUsage,
    },
    /// PrivateKeyUsagePeriod (2.5.29.16).
    PrivateKeyUsagePeriod {
        /// Whether the extension is critical.
        critical: bool,
        /// Start of the period.
        not_before: Option<Timestamp>,
        /// End of the period.
        not_after: Option<Timestamp>,
    },
    /// SubjectAlternativeName (2.5.29.17).
    SubjectAltName {
        /// Whether the extension is critical.
        critical: bool,
        /// The names.
        names: Vec<GeneralName>,
    },
    /// IssuerAlternativeName (2.5.29.18).
    IssuerAltName {
        /// Whether the extension is critical.
        critical: bool,
        /// The names.
        names: Vec<GeneralName>,
    },
    /// BasicConstraints (2.5.29.19).
    BasicConstraints {
        /// Whether the extension is critical.
        critical: bool,
        /// The `cA` field: `None` when it is absent (which means not a CA).
        ca: Option<bool>,
        /// The path length constraint, if any.
        path_len: Option<u32>,
    },
    /// NameConstraints (2.5.29.30).
    NameConstraints {
        /// Whether the extension is critical.
        critical: bool,
        /// The permitted subtrees, if the field is present.
        permitted: Option<Vec<GeneralSubtree>>,
        /// The excluded subtrees, if the field is present.
        excluded: Option<Vec<GeneralSubtree>>,
    },
    /// CRLDistributionPoints (2.5.29.31).
    CrlDistributionPoints {
        /// Whether the extension is critical.
        critical: bool,
        /// The points.
        points: Vec<DistributionPoint>,
    },
    /// CertificatePolicies (2.5.29.32).
    CertificatePolicies {
        /// Whether the extension is critical.
        critical: bool,
        /// The policies.
        policies: Vec<PolicyInformation>,
    },
    /// PolicyMappings (2.5.29.33): issuer-domain and subject-domain policy pairs.
    PolicyMappings {
        /// Whether the extension is critical.
        critical: bool,
        /// The pairs.
        mappings: Vec<(Oid, Oid)>,
    },
    /// PolicyConstraints (2.5.29.36).
    PolicyConstraints {
        /// Whether the extension is critical.
        critical: bool,
        /// `requireExplicitPolicy`.
        require_explicit_policy: Option<u32>,
        /// `inhibitPolicyMapping`.
        inhibit_policy_mapping: Option<u32>,
    },
    /// ExtendedKeyUsage (2.5.29.37).
    ExtendedKeyUsage {
        /// Whether the extension is critical.
        critical: bool,
        /// The key purposes ([`Oid::SERVER_AUTH`], [`Oid::CLIENT_AUTH`], ...).
        purposes: Vec<Oid>,
    },
    /// FreshestCRL (2.5.29.46).
    FreshestCrl {
        /// Whether the extension is critical.
        critical: bool,
        /// The points.
        points: Vec<DistributionPoint>,
    },
    /// InhibitAnyPolicy (2.5.29.54).
    InhibitAnyPolicy {
        /// Whether the extension is critical.
        critical: bool,
        /// `SkipCerts`.
        skip_certs: u32,
    },
    /// AuthorityInfoAccess (1.3.6.1.5.5.7.1.1).
    AuthorityInfoAccess {
        /// Whether the extension is critical.
        critical: bool,
        /// The access descriptions.
        descriptions: Vec<AccessDescription>,
    },
    /// SubjectInfoAccess (1.3.6.1.5.5.7.1.11).
    SubjectInfoAccess {
        /// Whether the extension is critical.
        critical: bool,
        /// The access descriptions.
        descriptions: Vec<AccessDescription>,
    },
    /// Netscape's certificate type (2.16.840.1.113730.1.1): eight flag bits, bit 0 first.
    NetscapeCertType {
        /// Whether the extension is critical.
        critical: bool,
        /// The flags, bit 0 (SSL client) in the top bit.
        flags: u8,
    },
    /// OCSPNoCheck (1.3.6.1.5.5.7.48.1.5).
    OcspNoCheck {
        /// Whether the extension is critical.
        critical: bool,
    },
    /// Any extension this crate does not type, with its DER value (the `extnValue`
    /// contents). New certificates get it as it is.
    Unknown {
        /// The extension's OID.
        oid: Oid,
        /// Whether it is critical.
        critical: bool,
        /// The DER the `extnValue` OCTET STRING holds.
        value: Vec<u8>,
    },
    /// A known extension whose value does not parse (Java lists such extensions apart).
    Malformed {
        /// The extension's OID.
        oid: Oid,
        /// Whether it is critical.
        critical: bool,
        /// The value as found.
        value: Vec<u8>,
    },
}

/// The OIDs of the typed extensions.
pub(crate) mod oids {
    use crate::oid::Oid;
    pub(crate) const SUBJECT_KEY_ID: Oid = Oid::new_unwrap("2.5.29.14");
    pub(crate) const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
    pub(crate) const PRIVATE_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.16");
    pub(crate) const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
    pub(crate) const ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
    pub(crate) const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
    pub(crate) const NAME_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.30");
    pub(crate) const CRL_DISTRIBUTION_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
    pub(crate) const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
    pub(crate) const POLICY_MAPPINGS: Oid = Oid::new_unwrap("2.5.29.33");
    pub(crate) const AUTHORITY_KEY_ID: Oid = Oid::new_unwrap("2.5.29.35");
    pub(crate) const POLICY_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.36");
    pub(crate) const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
    pub(crate) const FRESHEST_CRL: Oid = Oid::new_unwrap("2.5.29.46");
    pub(crate) const INHIBIT_ANY_POLICY: Oid = Oid::new_unwrap("2.5.29.54");
    pub(crate) const AUTHORITY_INFO_ACCESS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");
    pub(crate) const SUBJECT_INFO_ACCESS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.11");
    pub(crate) const NETSCAPE_CERT_TYPE: Oid = Oid::new_unwrap("2.16.840.1.113730.1.1");
    pub(crate) const OCSP_NO_CHECK: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.5");
}

impl Extension {
    /// The extension's OID.
    pub fn oid(&self) -> Oid {
        use oids::*;
        match self {
            Self::SubjectKeyIdentifier { .. } => SUBJECT_KEY_ID,
            Self::AuthorityKeyIdentifier { .. } => AUTHORITY_KEY_ID,
            Self::KeyUsage { .. } => KEY_USAGE,
            Self::PrivateKeyUsagePeriod { .. } => PRIVATE_KEY_USAGE,
            Self::SubjectAltName { .. } => SUBJECT_ALT_NAME,
            Self::IssuerAltName { .. } => ISSUER_ALT_NAME,
            Self::BasicConstraints { .. } => BASIC_CONSTRAINTS,
            Self::NameConstraints { .. } => NAME_CONSTRAINTS,
            Self::CrlDistributionPoints { .. } => CRL_DISTRIBUTION_POINTS,
            Self::CertificatePolicies { .. } => CERTIFICATE_POLICIES,
            Self::PolicyMappings { .. } => POLICY_MAPPINGS,
            Self::PolicyConstraints { .. } => POLICY_CONSTRAINTS,
            Self::ExtendedKeyUsage { .. } => EXTENDED_KEY_USAGE,
            Self::FreshestCrl { .. } => FRESHEST_CRL,
            Self::InhibitAnyPolicy { .. } => INHIBIT_ANY_POLICY,
            Self::AuthorityInfoAccess { .. } => AUTHORITY_INFO_ACCESS,
            Self::SubjectInfoAccess { .. } => SUBJECT_INFO_ACCESS,
            Self::NetscapeCertType { .. } => NETSCAPE_CERT_TYPE,
            Self::OcspNoCheck { .. } => OCSP_NO_CHECK,
            Self::Unknown { oid, .. } | Self::Malformed { oid, .. } => *oid,
        }
    }

    /// Whether the extension is marked critical.
    pub fn is_critical(&self) -> bool {
        match self {
            Self::SubjectKeyIdentifier { critical, .. }
            | Self::AuthorityKeyIdentifier { critical, .. }
            | Self::KeyUsage { critical, .. }
            | Self::PrivateKeyUsagePeriod { critical, .. }
            | Self::SubjectAltName { critical, .. }
            | Self::IssuerAltName { critical, .. }
            | Self::BasicConstraints { critical, .. }
            | Self::NameConstraints { critical, .. }
            | Self::CrlDistributionPoints { critical, .. }
            | Self::CertificatePolicies { critical, .. }
            | Self::PolicyMappings { critical, .. }
            | Self::PolicyConstraints { critical, .. }
            | Self::ExtendedKeyUsage { critical, .. }
            | Self::FreshestCrl { critical, .. }
            | Self::InhibitAnyPolicy { critical, .. }
            | Self::AuthorityInfoAccess { critical, .. }
            | Self::SubjectInfoAccess { critical, .. }
            | Self::NetscapeCertType { critical, .. }
            | Self::OcspNoCheck { critical }
            | Self::Unknown { critical, .. }
            | Self::Malformed { critical, .. } => *critical,
        }
    }
}
