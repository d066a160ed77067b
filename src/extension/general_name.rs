//! General names (RFC 5280 `GeneralName`), as owned values.

use std::net::IpAddr;

use der::asn1::{Ia5String, OctetString};
use der::{Decode, Encode};
use x509_cert::ext::pkix::name::GeneralName as X509Name;

use crate::error::ExtError;
use crate::name::DistinguishedName;
use crate::oid::Oid;

/// A general name in an alternative-name, access or constraint extension.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GeneralName {
    /// `rfc822Name`: an e-mail address.
    Email(String),
    /// `dNSName`: a host name (`*.example.com` is allowed in subject alternative names).
    Dns(String),
    /// `uniformResourceIdentifier`.
    Uri(String),
    /// `iPAddress` holding one IPv4 or IPv6 address.
    Ip(IpAddr),
    /// `iPAddress` of another length: an address and mask in name constraints.
    IpBytes(Vec<u8>),
    /// `directoryName`.
    Directory(DistinguishedName),
    /// `registeredID`.
    Oid(Oid),
    /// `otherName`: its type and the DER of its value.
    Other {
        /// The `type-id`.
        type_id: Oid,
        /// The DER of the `[0] EXPLICIT` value.
        value: Vec<u8>,
    },
    /// `ediPartyName`, kept as its DER.
    EdiParty(Vec<u8>),
}

impl GeneralName {
    /// The DNS name, if this is one.
    pub fn as_dns(&self) -> Option<&str> {
        match self {
            Self::Dns(d) => Some(d),
            _ => None,
        }
    }

    pub(crate) fn from_x509(g: &X509Name) -> Self {
        match g {
            X509Name::Rfc822Name(s) => Self::Email(s.as_str().to_owned()),
            X509Name::DnsName(s) => Self::Dns(s.as_str().to_owned()),
            X509Name::UniformResourceIdentifier(s) => Self::Uri(s.as_str().to_owned()),
            X509Name::DirectoryName(n) => Self::Directory(DistinguishedName::from_name(n.clone())),
            X509Name::IpAddress(o) => ip(o.as_bytes()),
            X509Name::RegisteredId(oid) => Self::Oid(Oid::from_der_oid(*oid)),
            X509Name::OtherName(o) => Self::Other {
                type_id: Oid::from_der_oid(o.type_id),
                value: o.value.to_der().unwrap_or_default(),
            },
            X509Name::EdiPartyName(e) => Self::EdiParty(e.to_der().unwrap_or_default()),
        }
    }

    pub(crate) fn to_x509(&self) -> Result<X509Name, ExtError> {
        let ia5 = |s: &str| Ia5String::new(s).map_err(|_| ExtError::NotIa5(s.to_owned()));
        let octets = |b: &[u8]| OctetString::new(b).map_err(|_| ExtError::NotIa5(hex(b)));
        Ok(match self {
            Self::Email(s) => X509Name::Rfc822Name(ia5(s)?),
            Self::Dns(s) => X509Name::DnsName(ia5(s)?),
            Self::Uri(s) => X509Name::UniformResourceIdentifier(ia5(s)?),
            Self::Oid(o) => X509Name::RegisteredId(o.der_oid()),
            Self::Ip(IpAddr::V4(v)) => X509Name::IpAddress(octets(&v.octets())?),
            Self::Ip(IpAddr::V6(v)) => X509Name::IpAddress(octets(&v.octets())?),
            Self::IpBytes(b) => X509Name::IpAddress(octets(b)?),
            Self::Directory(n) => X509Name::DirectoryName(n.as_name().clone()),
            Self::Other { type_id, value } => {
                X509Name::OtherName(x509_cert::ext::pkix::name::OtherName {
                    type_id: type_id.der_oid(),
                    value: der::Any::from_der(value).map_err(|_| ExtError::NotIa5(hex(value)))?,
                })
            }
            Self::EdiParty(der) => X509Name::EdiPartyName(
                Decode::from_der(der).map_err(|_| ExtError::NotIa5(hex(der)))?,
            ),
        })
    }
}

fn ip(b: &[u8]) -> GeneralName {
    match <[u8; 4]>::try_from(b) {
        Ok(v4) => GeneralName::Ip(IpAddr::from(v4)),
        Err(_) => match <[u8; 16]>::try_from(b) {
            Ok(v6) => GeneralName::Ip(IpAddr::from(v6)),
            Err(_) => GeneralName::IpBytes(b.to_vec()),
        },
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_der() {
        for n in [
            GeneralName::Dns("*.example.com".into()),
            GeneralName::Email("a@example.com".into()),
            GeneralName::Uri("https://example.com/x".into()),
            GeneralName::Ip("10.0.0.1".parse().unwrap()),
            GeneralName::Ip("::1".parse().unwrap()),
            GeneralName::IpBytes(vec![10, 0, 0, 0, 255, 0, 0, 0]),
            GeneralName::Oid(Oid::new_unwrap("1.2.3.4")),
            GeneralName::Directory("CN=x, O=y".parse().unwrap()),
        ] {
            let back = GeneralName::from_x509(&n.to_x509().unwrap());
            assert_eq!(back, n);
        }
        assert!(GeneralName::Dns("bücher.de".into()).to_x509().is_err());
    }
}
