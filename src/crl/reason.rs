//! CRL reason codes (RFC 5280 `CRLReason`), with the names Java shows.

/// Why a certificate was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RevocationReason {
    /// 0.
    Unspecified,
    /// 1.
    KeyCompromise,
    /// 2.
    CaCompromise,
    /// 3.
    AffiliationChanged,
    /// 4.
    Superseded,
    /// 5.
    CessationOfOperation,
    /// 6.
    CertificateHold,
    /// 7, which RFC 5280 leaves unused.
    Unused,
    /// 8.
    RemoveFromCrl,
    /// 9.
    PrivilegeWithdrawn,
    /// 10.
    AaCompromise,
}

const REASONS: [(RevocationReason, i64, &str, &str); 11] = [
    (
        RevocationReason::Unspecified,
        0,
        "UNSPECIFIED",
        "unspecified",
    ),
    (
        RevocationReason::KeyCompromise,
        1,
        "KEY_COMPROMISE",
        "keyCompromise",
    ),
    (
        RevocationReason::CaCompromise,
        2,
        "CA_COMPROMISE",
        "cACompromise",
    ),
    (
        RevocationReason::AffiliationChanged,
        3,
        "AFFILIATION_CHANGED",
        "affiliationChanged",
    ),
    (RevocationReason::Superseded, 4, "SUPERSEDED", "superseded"),
    (
        RevocationReason::CessationOfOperation,
        5,
        "CESSATION_OF_OPERATION",
        "cessationOfOperation",
    ),
    (
        RevocationReason::CertificateHold,
        6,
        "CERTIFICATE_HOLD",
        "certificateHold",
    ),
    (RevocationReason::Unused, 7, "UNUSED", "unused"),
    (
        RevocationReason::RemoveFromCrl,
        8,
        "REMOVE_FROM_CRL",
        "removeFromCRL",
    ),
    (
        RevocationReason::PrivilegeWithdrawn,
        9,
        "PRIVILEGE_WITHDRAWN",
        "privilegeWithdrawn",
    ),
    (
        RevocationReason::AaCompromise,
        10,
        "AA_COMPROMISE",
        "aACompromise",
    ),
];

impl RevocationReason {
    /// The reason a code names; Java reads codes it does not know as `Unspecified`.
    pub fn from_code(code: i64) -> Self {
        REASONS
            .iter()
            .find(|r| r.1 == code)
            .map_or(Self::Unspecified, |r| r.0)
    }

    /// The reason a name gives: RFC 5280's (`keyCompromise`) or Java's (`KEY_COMPROMISE`),
    /// in any case.
    pub fn from_name(name: &str) -> Option<Self> {
        let folded = name.replace('_', "");
        REASONS
            .iter()
            .find(|r| r.3.eq_ignore_ascii_case(&folded) || r.2.eq_ignore_ascii_case(name))
            .map(|r| r.0)
    }

    /// The code.
    pub fn code(self) -> i64 {
        REASONS.iter().find(|r| r.0 == self).map_or(0, |r| r.1)
    }

    /// Java's `CRLReason` name (`KEY_COMPROMISE`).
    pub fn java_name(self) -> &'static str {
        REASONS
            .iter()
            .find(|r| r.0 == self)
            .map_or("UNSPECIFIED", |r| r.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_round_trip() {
        for (r, code, java, rfc) in REASONS {
            assert_eq!(RevocationReason::from_code(code), r);
            assert_eq!(r.code(), code);
            assert_eq!(r.java_name(), java);
            assert_eq!(RevocationReason::from_name(rfc), Some(r));
            assert_eq!(RevocationReason::from_name(java), Some(r));
        }
        assert_eq!(
            RevocationReason::from_code(11),
            RevocationReason::Unspecified
        );
        assert_eq!(
            RevocationReason::from_code(-1),
            RevocationReason::Unspecified
        );
        assert_eq!(RevocationReason::from_name("bogus"), None);
    }
}
