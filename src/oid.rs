//! Object identifiers as the public API shows them: an owned value with a dotted-decimal
//! text form, independent of the ASN.1 crate that encodes them.

use std::fmt;
use std::str::FromStr;

use der::asn1::ObjectIdentifier;

/// An ASN.1 object identifier, such as `2.5.29.17` (SubjectAlternativeName).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Oid(ObjectIdentifier);

/// A text that is not a dotted OID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an object identifier (dotted decimal, like 2.5.29.17)")]
pub struct InvalidOid(pub String);

impl Oid {
    /// The OID of a dotted-decimal constant; panics on a malformed one, so use it for
    /// constants only (parse untrusted text with [`str::parse`]).
    pub const fn new_unwrap(dotted: &str) -> Self {
        Self(ObjectIdentifier::new_unwrap(dotted))
    }

    /// The DER contents octets (what follows the tag and length).
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The OID from its DER contents octets.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        ObjectIdentifier::from_bytes(bytes).ok().map(Self)
    }

    pub(crate) const fn from_der_oid(oid: ObjectIdentifier) -> Self {
        Self(oid)
    }

    pub(crate) const fn der_oid(&self) -> ObjectIdentifier {
        self.0
    }
}

impl FromStr for Oid {
    type Err = InvalidOid;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ObjectIdentifier::new(s)
            .map(Self)
            .map_err(|_| InvalidOid(s.to_owned()))
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Oid({})", self.0)
    }
}

impl From<ObjectIdentifier> for Oid {
    fn from(oid: ObjectIdentifier) -> Self {
        Self(oid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_bytes_round_trip() {
        let san: Oid = "2.5.29.17".parse().unwrap();
        assert_eq!(san.to_string(), "2.5.29.17");
        assert_eq!(san.as_bytes(), [0x55, 0x1D, 0x11]);
        assert_eq!(Oid::from_bytes(san.as_bytes()), Some(san));
        assert_eq!(san, Oid::new_unwrap("2.5.29.17"));
        assert!("2.5.x".parse::<Oid>().is_err());
        assert!("".parse::<Oid>().is_err());
    }
}
