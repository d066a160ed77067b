//! Certificate extensions to put into new certificates and requests, as plain data, and
//! keytool's `-ext` syntax for them (`san=dns:a,ip:1.2.3.4`, `eku=serverAuth,clientAuth`,
//! `ku:c=digitalSignature,keyEncipherment`, `bc=ca:true,pathlen:0`, `1.2.3.4=0102ab`).

use std::net::IpAddr;

use der::asn1::{BitString, Ia5String, ObjectIdentifier, OctetString};
use der::{Encode, Sequence};
use sha1::{Digest, Sha1};
use x509_cert::ext::pkix::name::GeneralName;

/// A general name in an alternative-name or access extension.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameSpec {
    /// `dns:` a host name (a leading `*.` is allowed in subject alternative names).
    Dns(String),
    /// `ip:` an IPv4 or IPv6 address.
    Ip(IpAddr),
    /// `email:` an e-mail address.
    Email(String),
    /// `uri:` a URI.
    Uri(String),
    /// `oid:` a registered identifier.
    Oid(ObjectIdentifier),
}

/// The nine key usages, in bit order.
pub const KEY_USAGES: [&str; 9] = [
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

/// An extension for a new certificate or request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertExtension {
    /// SubjectAlternativeName (2.5.29.17).
    SubjectAltName {
        /// Whether the extension is critical.
        critical: bool,
        /// The names.
        names: Vec<NameSpec>,
    },
    /// IssuerAlternativeName (2.5.29.18).
    IssuerAltName {
        /// Whether the extension is critical.
        critical: bool,
        /// The names.
        names: Vec<NameSpec>,
    },
    /// KeyUsage (2.5.29.15): bit numbers into [`KEY_USAGES`].
    KeyUsage {
        /// Whether the extension is critical.
        critical: bool,
        /// Set bits, 0 = digitalSignature … 8 = decipherOnly.
        bits: Vec<u8>,
    },
    /// ExtendedKeyUsage (2.5.29.37).
    ExtendedKeyUsage {
        /// Whether the extension is critical.
        critical: bool,
        /// Key purpose OIDs.
        purposes: Vec<ObjectIdentifier>,
    },
    /// BasicConstraints (2.5.29.19).
    BasicConstraints {
        /// Whether the extension is critical.
        critical: bool,
        /// Whether the subject is a CA.
        ca: bool,
        /// The path length constraint, if any.
        path_len: Option<u32>,
    },
    /// AuthorityInfoAccess (1.3.6.1.5.5.7.1.1) or SubjectInfoAccess (…1.11).
    InfoAccess {
        /// True for SubjectInfoAccess.
        subject: bool,
        /// Access method OID and location.
        descriptions: Vec<(ObjectIdentifier, NameSpec)>,
    },
    /// CRLDistributionPoints (2.5.29.31) with one distribution point.
    CrlDistributionPoints {
        /// Whether the extension is critical.
        critical: bool,
        /// The point's full name.
        names: Vec<NameSpec>,
    },
    /// AuthorityKeyIdentifier (2.5.29.35) with a key identifier.
    AuthorityKeyId(Vec<u8>),
    /// SubjectKeyIdentifier (2.5.29.14).
    SubjectKeyId(Vec<u8>),
    /// Any extension, by OID, with its DER `extnValue` contents.
    Raw {
        /// The extension OID.
        oid: ObjectIdentifier,
        /// Whether the extension is critical.
        critical: bool,
        /// The DER the `extnValue` OCTET STRING holds.
        value: Vec<u8>,
    },
}

/// Why a `-ext` value was refused; the text is keytool's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ExtError(pub String);

fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

fn general_name(n: &NameSpec) -> Result<GeneralName, ExtError> {
    let ia5 = |s: &str| Ia5String::new(s).map_err(|_| ExtError(format!("not an IA5 string: {s}")));
    Ok(match n {
        NameSpec::Dns(s) => GeneralName::DnsName(ia5(s)?),
        NameSpec::Email(s) => GeneralName::Rfc822Name(ia5(s)?),
        NameSpec::Uri(s) => GeneralName::UniformResourceIdentifier(ia5(s)?),
        NameSpec::Oid(o) => GeneralName::RegisteredId(*o),
        NameSpec::Ip(ip) => {
            let bytes = match ip {
                IpAddr::V4(v) => v.octets().to_vec(),
                IpAddr::V6(v) => v.octets().to_vec(),
            };
            GeneralName::IpAddress(OctetString::new(bytes).map_err(|e| ExtError(e.to_string()))?)
        }
    })
}

fn names_der(names: &[NameSpec]) -> Result<Vec<u8>, ExtError> {
    let list: Vec<GeneralName> = names.iter().map(general_name).collect::<Result<_, _>>()?;
    list.to_der().map_err(|e| ExtError(e.to_string()))
}

#[derive(Sequence)]
struct AccessDescription {
    method: ObjectIdentifier,
    location: GeneralName,
}

/// SHA-1 of a public key's BIT STRING contents: RFC 5280's key identifier (method 1), which
/// is what Java computes.
pub fn key_identifier(subject_public_key: &[u8]) -> Vec<u8> {
    Sha1::digest(subject_public_key).to_vec()
}

impl CertExtension {
    /// The extension's OID.
    pub fn oid(&self) -> ObjectIdentifier {
        match self {
            Self::SubjectAltName { .. } => oid("2.5.29.17"),
            Self::IssuerAltName { .. } => oid("2.5.29.18"),
            Self::KeyUsage { .. } => oid("2.5.29.15"),
            Self::ExtendedKeyUsage { .. } => oid("2.5.29.37"),
            Self::BasicConstraints { .. } => oid("2.5.29.19"),
            Self::InfoAccess { subject: false, .. } => oid("1.3.6.1.5.5.7.1.1"),
            Self::InfoAccess { subject: true, .. } => oid("1.3.6.1.5.5.7.1.11"),
            Self::CrlDistributionPoints { .. } => oid("2.5.29.31"),
            Self::AuthorityKeyId(_) => oid("2.5.29.35"),
            Self::SubjectKeyId(_) => oid("2.5.29.14"),
            Self::Raw { oid, .. } => *oid,
        }
    }

    fn critical(&self) -> bool {
        match self {
            Self::SubjectAltName { critical, .. }
            | Self::IssuerAltName { critical, .. }
            | Self::KeyUsage { critical, .. }
            | Self::ExtendedKeyUsage { critical, .. }
            | Self::BasicConstraints { critical, .. }
            | Self::CrlDistributionPoints { critical, .. }
            | Self::Raw { critical, .. } => *critical,
            Self::InfoAccess { .. } | Self::AuthorityKeyId(_) | Self::SubjectKeyId(_) => false,
        }
    }

    fn value(&self) -> Result<Vec<u8>, ExtError> {
        let err = |e: der::Error| ExtError(e.to_string());
        match self {
            Self::SubjectAltName { names, .. } | Self::IssuerAltName { names, .. } => {
                names_der(names)
            }
            Self::KeyUsage { bits, .. } => {
                // A DER named-bit string: trailing zero bits are dropped, as Java does.
                let top = bits.iter().copied().max().map_or(0, |m| usize::from(m) + 1);
                let mut bytes = vec![0u8; top.div_ceil(8)];
                for &b in bits {
                    bytes[usize::from(b) / 8] |= 0x80 >> (b % 8);
                }
                let unused = (bytes.len() * 8 - top) as u8;
                BitString::new(unused, bytes)
                    .and_then(|b| b.to_der())
                    .map_err(err)
            }
            Self::ExtendedKeyUsage { purposes, .. } => purposes.to_der().map_err(err),
            Self::BasicConstraints { ca, path_len, .. } => {
                #[derive(Sequence)]
                struct Bc {
                    #[asn1(optional = "true")]
                    ca: Option<bool>,
                    #[asn1(optional = "true")]
                    path_len: Option<u32>,
                }
                let bc = Bc {
                    ca: ca.then_some(true),
                    path_len: if *ca { *path_len } else { None },
                };
                bc.to_der().map_err(err)
            }
            Self::InfoAccess { descriptions, .. } => {
                let list: Vec<AccessDescription> = descriptions
                    .iter()
                    .map(|(m, n)| {
                        general_name(n).map(|location| AccessDescription {
                            method: *m,
                            location,
                        })
                    })
                    .collect::<Result<_, _>>()?;
                list.to_der().map_err(err)
            }
            Self::CrlDistributionPoints { names, .. } => {
                // SEQUENCE { SEQUENCE { [0] { [0] GeneralNames } } }
                let inner = names_der(names)?;
                let full_name = wrap(0xA0, &inner[inner_offset(&inner)..]);
                let dp_name = wrap(0xA0, &full_name);
                Ok(wrap(0x30, &wrap(0x30, &dp_name)))
            }
            Self::AuthorityKeyId(id) => Ok(wrap(0x30, &wrap(0x80, id))),
            Self::SubjectKeyId(id) => OctetString::new(id.clone())
                .and_then(|o| o.to_der())
                .map_err(err),
            Self::Raw { value, .. } => Ok(value.clone()),
        }
    }

    /// The `x509-cert` form, ready to encode.
    pub fn to_x509(&self) -> Result<x509_cert::ext::Extension, ExtError> {
        Ok(x509_cert::ext::Extension {
            extn_id: self.oid(),
            critical: self.critical(),
            extn_value: OctetString::new(self.value()?).map_err(|e| ExtError(e.to_string()))?,
        })
    }
}

/// DER header length of the element at the start of `der`.
fn inner_offset(der: &[u8]) -> usize {
    crate::tlv::read(der).map_or(0, |(t, _)| t.raw.len() - t.value.len())
}

/// DER `tag length contents`.
fn wrap(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = contents.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// The extensions in the order Java encodes them: by OID string, later ones for the same
/// OID replacing earlier ones.
pub(crate) fn ordered(exts: &[CertExtension]) -> Vec<&CertExtension> {
    let mut map: std::collections::BTreeMap<String, &CertExtension> =
        std::collections::BTreeMap::new();
    for e in exts {
        map.insert(e.oid().to_string(), e);
    }
    map.into_values().collect()
}
