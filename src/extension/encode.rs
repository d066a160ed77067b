//! Writing [`Extension`] values as DER, in the order Java writes them.

use der::asn1::{BitString, GeneralizedTime, OctetString};
use der::{Decode, Encode, Sequence};
use x509_cert::ext::pkix::certpolicy::{PolicyInformation as X509Policy, PolicyQualifierInfo};
use x509_cert::ext::pkix::constraints::name::{GeneralSubtree as X509Subtree, GeneralSubtrees};
use x509_cert::ext::pkix::crl::dp::DistributionPoint as X509Point;
use x509_cert::ext::pkix::name::{DistributionPointName as X509PointName, GeneralNames};
use x509_cert::ext::pkix::{
    AccessDescription as X509Access, AuthorityKeyIdentifier, CertificatePolicies, PolicyMapping,
};

use crate::error::ExtError;
use crate::extension::general_name::GeneralName;
use crate::extension::model::{
    AccessDescription, DistributionPoint, DistributionPointName, Extension, GeneralSubtree,
    KeyUsage, PolicyInformation,
};
use crate::oid::Oid;
use crate::timestamp::Timestamp;

fn der_err(_: der::Error) -> ExtError {
    ExtError::IllegalValue("a value too large to encode".into())
}

fn names(list: &[GeneralName]) -> Result<GeneralNames, ExtError> {
    list.iter().map(GeneralName::to_x509).collect()
}

#[derive(Sequence)]
struct BasicConstraintsDer {
    #[asn1(optional = "true")]
    ca: Option<bool>,
    #[asn1(optional = "true")]
    path_len: Option<u32>,
}

impl Extension {
    /// The DER of the extension's value (what the `extnValue` OCTET STRING holds).
    pub fn value_der(&self) -> Result<Vec<u8>, ExtError> {
        match self {
            Self::OcspNoCheck { .. } => Ok(vec![0x05, 0x00]),
            Self::Unknown { value, .. } | Self::Malformed { value, .. } => Ok(value.clone()),
            Self::InhibitAnyPolicy { skip_certs, .. } => skip_certs.to_der().map_err(der_err),
            Self::NetscapeCertType { flags, .. } => {
                let set: Vec<u8> = (0..8u8).filter(|i| flags & (0x80 >> i) != 0).collect();
                named_bits(&set)
            }
            Self::CertificatePolicies { policies: p, .. } => policies(p),
            Self::PolicyMappings { mappings, .. } => policy_mappings(mappings),
            Self::AuthorityInfoAccess { descriptions, .. }
            | Self::SubjectInfoAccess { descriptions, .. } => access(descriptions),
            Self::CrlDistributionPoints { points, .. } | Self::FreshestCrl { points, .. } => {
                let list: Vec<X509Point> = points.iter().map(point).collect::<Result<_, _>>()?;
                list.to_der().map_err(der_err)
            }
            _ => self.identity_value(),
        }
    }

    /// The values of the key, name and constraint extensions.
    fn identity_value(&self) -> Result<Vec<u8>, ExtError> {
        match self {
            Self::SubjectKeyIdentifier { key_id, .. } => OctetString::new(key_id.as_slice())
                .and_then(|o| o.to_der())
                .map_err(der_err),
            Self::AuthorityKeyIdentifier {
                key_id,
                issuer,
                serial,
                ..
            } => authority_key_id(key_id.as_deref(), issuer.as_deref(), serial.as_deref()),
            Self::KeyUsage { usage, .. } => key_usage(*usage),
            Self::PrivateKeyUsagePeriod {
                not_before,
                not_after,
                ..
            } => private_key_usage(*not_before, *not_after),
            Self::SubjectAltName { names: n, .. } | Self::IssuerAltName { names: n, .. } => {
                names(n)?.to_der().map_err(der_err)
            }
            Self::ExtendedKeyUsage { purposes, .. } => {
                let list: Vec<_> = purposes.iter().map(Oid::der_oid).collect();
                list.to_der().map_err(der_err)
            }
            _ => self.constraints_value(),
        }
    }

    /// The values of the constraint extensions.
    fn constraints_value(&self) -> Result<Vec<u8>, ExtError> {
        match self {
            Self::BasicConstraints { ca, path_len, .. } => BasicConstraintsDer {
                // DER leaves out the DEFAULT FALSE, and a path length only goes with a CA.
                ca: ca.filter(|c| *c),
                path_len: if *ca == Some(true) { *path_len } else { None },
            }
            .to_der()
            .map_err(der_err),
            Self::NameConstraints {
                permitted,
                excluded,
                ..
            } => x509_cert::ext::pkix::NameConstraints {
                permitted_subtrees: permitted.as_deref().map(subtrees).transpose()?,
                excluded_subtrees: excluded.as_deref().map(subtrees).transpose()?,
            }
            .to_der()
            .map_err(der_err),
            Self::PolicyConstraints {
                require_explicit_policy,
                inhibit_policy_mapping,
                ..
            } => x509_cert::ext::pkix::PolicyConstraints {
                require_explicit_policy: *require_explicit_policy,
                inhibit_policy_mapping: *inhibit_policy_mapping,
            }
            .to_der()
            .map_err(der_err),
            // Every other variant is encoded by `value_der` or `identity_value`.
            other => Err(ExtError::IllegalValue(format!("{other:?}"))),
        }
    }

    pub(crate) fn to_x509(&self) -> Result<x509_cert::ext::Extension, ExtError> {
        Ok(x509_cert::ext::Extension {
            extn_id: self.oid().der_oid(),
            critical: self.is_critical(),
            extn_value: OctetString::new(self.value_der()?).map_err(der_err)?,
        })
    }
}

/// A DER named-bit string: trailing zero bits are dropped, as Java does.
fn named_bits(set: &[u8]) -> Result<Vec<u8>, ExtError> {
    let top = set.iter().copied().max().map_or(0, |m| usize::from(m) + 1);
    let mut bytes = vec![0u8; top.div_ceil(8)];
    for &b in set {
        bytes[usize::from(b) / 8] |= 0x80 >> (b % 8);
    }
    let unused = u8::try_from(bytes.len() * 8 - top).unwrap_or(0);
    BitString::new(unused, bytes)
        .and_then(|b| b.to_der())
        .map_err(der_err)
}

fn key_usage(usage: KeyUsage) -> Result<Vec<u8>, ExtError> {
    named_bits(&usage.bits().collect::<Vec<_>>())
}

fn policy_mappings(mappings: &[(Oid, Oid)]) -> Result<Vec<u8>, ExtError> {
    let list: Vec<PolicyMapping> = mappings
        .iter()
        .map(|(i, s)| PolicyMapping {
            issuer_domain_policy: i.der_oid(),
            subject_domain_policy: s.der_oid(),
        })
        .collect();
    list.to_der().map_err(der_err)
}

fn authority_key_id(
    key_id: Option<&[u8]>,
    issuer: Option<&[GeneralName]>,
    serial: Option<&[u8]>,
) -> Result<Vec<u8>, ExtError> {
    AuthorityKeyIdentifier {
        key_identifier: key_id.map(OctetString::new).transpose().map_err(der_err)?,
        authority_cert_issuer: issuer.map(names).transpose()?,
        authority_cert_serial_number: serial
            .map(x509_cert::serial_number::SerialNumber::new)
            .transpose()
            .map_err(der_err)?,
    }
    .to_der()
    .map_err(der_err)
}

fn private_key_usage(
    not_before: Option<Timestamp>,
    not_after: Option<Timestamp>,
) -> Result<Vec<u8>, ExtError> {
    let time = |t: Timestamp| {
        let secs = u64::try_from(t.unix_millis().div_euclid(1000))
            .map_err(|_| ExtError::IllegalValue("a private key usage period before 1970".into()))?;
        GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(secs)).map_err(der_err)
    };
    x509_cert::ext::pkix::PrivateKeyUsagePeriod {
        not_before: not_before.map(time).transpose()?,
        not_after: not_after.map(time).transpose()?,
    }
    .to_der()
    .map_err(der_err)
}

fn subtrees(list: &[GeneralSubtree]) -> Result<GeneralSubtrees, ExtError> {
    list.iter()
        .map(|s| {
            Ok(X509Subtree {
                base: s.base.to_x509()?,
                minimum: s.minimum,
                maximum: s.maximum,
            })
        })
        .collect()
}

fn point(p: &DistributionPoint) -> Result<X509Point, ExtError> {
    let name = match &p.name {
        None => None,
        Some(DistributionPointName::FullName(n)) => Some(X509PointName::FullName(names(n)?)),
        Some(DistributionPointName::RelativeToIssuer(der)) => Some(
            X509PointName::NameRelativeToCRLIssuer(Decode::from_der(der).map_err(der_err)?),
        ),
    };
    Ok(X509Point {
        distribution_point: name,
        reasons: p
            .reasons
            .map(|bits| {
                x509_cert::ext::pkix::crl::dp::ReasonFlags::new(bits)
                    .map_err(|_| ExtError::IllegalValue(format!("reason flags {bits:#x}")))
            })
            .transpose()?,
        crl_issuer: p.crl_issuer.as_deref().map(names).transpose()?,
    })
}

fn access(list: &[AccessDescription]) -> Result<Vec<u8>, ExtError> {
    let items: Vec<X509Access> = list
        .iter()
        .map(|d| {
            Ok(X509Access {
                access_method: d.method.der_oid(),
                access_location: d.location.to_x509()?,
            })
        })
        .collect::<Result<_, ExtError>>()?;
    items.to_der().map_err(der_err)
}

fn policies(list: &[PolicyInformation]) -> Result<Vec<u8>, ExtError> {
    let items: Vec<X509Policy> = list
        .iter()
        .map(|p| {
            let qualifiers = p
                .qualifiers
                .as_ref()
                .map(|qs| {
                    qs.iter()
                        .map(|(id, value)| {
                            Ok(PolicyQualifierInfo {
                                policy_qualifier_id: id.der_oid(),
                                qualifier: value
                                    .as_deref()
                                    .map(der::Any::from_der)
                                    .transpose()
                                    .map_err(der_err)?,
                            })
                        })
                        .collect::<Result<Vec<_>, ExtError>>()
                })
                .transpose()?;
            Ok(X509Policy {
                policy_identifier: p.policy.der_oid(),
                policy_qualifiers: qualifiers,
            })
        })
        .collect::<Result<_, ExtError>>()?;
    CertificatePolicies(items).to_der().map_err(der_err)
}

/// The extensions in the order Java encodes them: by OID string, later ones for the same
/// OID replacing earlier ones.
pub(crate) fn ordered(exts: &[Extension]) -> Vec<&Extension> {
    let mut map: std::collections::BTreeMap<String, &Extension> = std::collections::BTreeMap::new();
    for e in exts {
        map.insert(e.oid().to_string(), e);
    }
    map.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extension::general_name::GeneralName;

    fn round_trip(e: Extension) {
        let der = e.value_der().unwrap();
        assert_eq!(Extension::from_parts(e.oid(), e.is_critical(), &der), e);
    }

    #[test]
    fn typed_extensions_round_trip() {
        round_trip(Extension::KeyUsage {
            critical: true,
            usage: KeyUsage::DIGITAL_SIGNATURE | KeyUsage::KEY_CERT_SIGN,
        });
        round_trip(Extension::BasicConstraints {
            critical: true,
            ca: Some(true),
            path_len: Some(3),
        });
        round_trip(Extension::SubjectAltName {
            critical: false,
            names: vec![GeneralName::Dns("a.example".into())],
        });
        round_trip(Extension::ExtendedKeyUsage {
            critical: false,
            purposes: vec![Oid::SERVER_AUTH, Oid::CLIENT_AUTH],
        });
        round_trip(Extension::CrlDistributionPoints {
            critical: false,
            points: vec![DistributionPoint::full_name(vec![GeneralName::Uri(
                "http://crl.example/x.crl".into(),
            )])],
        });
        round_trip(Extension::AuthorityInfoAccess {
            critical: false,
            descriptions: vec![AccessDescription::new(
                Oid::OCSP,
                GeneralName::Uri("http://ocsp.example".into()),
            )],
        });
        round_trip(Extension::SubjectKeyIdentifier {
            critical: false,
            key_id: vec![1, 2, 3],
        });
        round_trip(Extension::InhibitAnyPolicy {
            critical: true,
            skip_certs: 2,
        });
    }

    #[test]
    fn key_usage_drops_trailing_zero_bits() {
        // digitalSignature + keyEncipherment: bits 0 and 2, so five unused bits.
        let der = key_usage(KeyUsage::DIGITAL_SIGNATURE | KeyUsage::KEY_ENCIPHERMENT).unwrap();
        assert_eq!(der, [0x03, 0x02, 0x05, 0xA0]);
    }
}
