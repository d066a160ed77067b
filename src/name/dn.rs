//! The distinguished name type: an X.501 `Name`, kept as its parsed form, shown and compared
//! the way Java does.

use der::{Decode, Encode};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use crate::error::CertError;
use crate::name::keyword::keyword;
use crate::name::value::{make_ava, printable_str, string_value, value_string};
use crate::oid::Oid;

/// A distinguished name (an X.501 `Name`).
///
/// `Display` gives keytool's text (`CN=a, OU=b, O=c`, most specific first); `FromStr` reads
/// keytool's `-dname` syntax; [`to_rfc2253`](Self::to_rfc2253) gives Java's `getName()`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DistinguishedName {
    name: Name,
}

/// One attribute of a name: its type and, for string types, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NameAttribute {
    /// The attribute type (`2.5.4.3` for CN).
    pub oid: Oid,
    /// Java's keyword for it (`CN`, `OU`, `EMAILADDRESS`, ...), if it has one.
    pub keyword: Option<&'static str>,
    /// The value as text, or `None` when it is not a string type.
    pub value: Option<String>,
}

impl DistinguishedName {
    /// The name keytool builds from its six questions: `CN=…, OU=…, O=…, L=…, ST=…, C=…`,
    /// taking each answer as it is (no escape processing). Empty answers are left out, as
    /// keytool 25 leaves out the fields answered with `.`.
    pub fn from_components(cn: &str, ou: &str, o: &str, l: &str, st: &str, c: &str) -> Self {
        let mut seq = RdnSequence::default();
        for (oid, v) in [
            ("2.5.4.6", c),
            ("2.5.4.8", st),
            ("2.5.4.7", l),
            ("2.5.4.10", o),
            ("2.5.4.11", ou),
            ("2.5.4.3", cn),
        ] {
            if v.is_empty() {
                continue;
            }
            let ava = make_ava(
                oid,
                string_value(oid, v.as_bytes().to_vec(), printable_str(v)),
            );
            let mut rdn = RelativeDistinguishedName::default();
            let _ = rdn.insert(ava);
            seq.push(rdn);
        }
        Self::from_name(Name::hazmat_from_rdn_sequence(seq))
    }

    pub(crate) fn from_name(name: Name) -> Self {
        Self { name }
    }

    /// Parses a DER `Name`.
    pub fn from_der(der: &[u8]) -> Result<Self, CertError> {
        Name::from_der(der)
            .map(Self::from_name)
            .map_err(|e| CertError::der("distinguished name", &e))
    }

    /// The DER encoding.
    pub fn to_der(&self) -> Vec<u8> {
        // A name that was parsed or built here always encodes; an empty SEQUENCE otherwise.
        self.name.to_der().unwrap_or_else(|_| vec![0x30, 0x00])
    }

    pub(crate) fn as_name(&self) -> &Name {
        &self.name
    }

    /// True when the name has no RDN at all.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty()
    }

    /// The attributes, most specific RDN first (the order of the text form); the attributes
    /// of a multi-valued RDN in their encoded order.
    pub fn attributes(&self) -> Vec<NameAttribute> {
        let rdns: Vec<_> = self.name.iter_rdn().collect();
        rdns.iter()
            .rev()
            .flat_map(|rdn| rdn.iter())
            .map(|ava| NameAttribute {
                oid: Oid::from_der_oid(ava.oid),
                keyword: keyword(&ava.oid),
                value: value_string(der::Tagged::tag(&ava.value), ava.value.value()),
            })
            .collect()
    }

    /// The most specific common name (CN), as text.
    pub fn common_name(&self) -> Option<String> {
        self.attributes()
            .into_iter()
            .find(|a| a.keyword == Some("CN"))
            .and_then(|a| a.value)
    }

    /// A form in which names Java considers equal (`X500Principal.equals`: case and spacing
    /// of values ignored) are equal.
    pub(crate) fn canonical(&self) -> String {
        let mut out = String::new();
        for word in self.to_rfc2253().to_lowercase().split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_read_most_specific_first() {
        let dn: DistinguishedName = "CN=a, OU=b + O=c, C=DE".parse().unwrap();
        let shown: Vec<(Option<&str>, Option<String>)> = dn
            .attributes()
            .into_iter()
            .map(|a| (a.keyword, a.value))
            .collect();
        assert_eq!(shown[0], (Some("CN"), Some("a".into())));
        assert_eq!(shown.last(), Some(&(Some("C"), Some("DE".into()))));
        assert_eq!(dn.common_name().as_deref(), Some("a"));
        let none: DistinguishedName = "O=x".parse().unwrap();
        assert_eq!(none.common_name(), None);
    }

    #[test]
    fn der_round_trips_and_garbage_is_refused() {
        let dn: DistinguishedName = "CN=kstest, O=Example".parse().unwrap();
        assert_eq!(DistinguishedName::from_der(&dn.to_der()).unwrap(), dn);
        assert!(DistinguishedName::from_der(&[0x30, 0x05, 1]).is_err());
    }
}
