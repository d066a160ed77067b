//! Reading extensions from their DER into [`Extension`] values.

use der::asn1::{AnyRef, BitStringRef, GeneralizedTime};
use der::{Decode, Encode, SliceReader, Tag, Tagged};
use x509_cert::ext::pkix::constraints::name::GeneralSubtrees;
use x509_cert::ext::pkix::crl::dp::DistributionPoint as X509Point;
use x509_cert::ext::pkix::name::DistributionPointName as X509PointName;
use x509_cert::ext::pkix::{
    AccessDescription as X509Access, AuthorityKeyIdentifier, CertificatePolicies, ExtendedKeyUsage,
    InhibitAnyPolicy, NameConstraints, PolicyConstraints, PolicyMappings, PrivateKeyUsagePeriod,
    SubjectKeyIdentifier,
};

use crate::extension::general_name::GeneralName;
use crate::extension::model::oids;
use crate::extension::model::{
    AccessDescription, DistributionPoint, DistributionPointName, Extension, GeneralSubtree,
    KeyUsage, PolicyInformation,
};
use crate::oid::Oid;
use crate::timestamp::Timestamp;

impl Extension {
    /// Reads an extension from its parts: the OID, the critical flag, and the DER that the
    /// `extnValue` OCTET STRING holds. A known extension whose value does not parse becomes
    /// [`Extension::Malformed`]; an unknown one [`Extension::Unknown`].
    pub fn from_parts(oid: Oid, critical: bool, value: &[u8]) -> Self {
        match typed(oid, critical, value) {
            Some(Some(e)) => e,
            Some(None) => Self::Malformed {
                oid,
                critical,
                value: value.to_vec(),
            },
            None => Self::Unknown {
                oid,
                critical,
                value: value.to_vec(),
            },
        }
    }

    pub(crate) fn from_x509(e: &x509_cert::ext::Extension) -> Self {
        Self::from_parts(
            Oid::from_der_oid(e.extn_id),
            e.critical,
            e.extn_value.as_bytes(),
        )
    }
}

fn names(list: &[x509_cert::ext::pkix::name::GeneralName]) -> Vec<GeneralName> {
    list.iter().map(GeneralName::from_x509).collect()
}

fn oid(o: &der::asn1::ObjectIdentifier) -> Oid {
    Oid::from_der_oid(*o)
}

/// A decoder of one extension's value: `None` when the value does not parse.
type Decoder = fn(bool, &[u8]) -> Option<Extension>;

/// The typed extensions and their decoders.
const DECODERS: [(Oid, Decoder); 19] = [
    (oids::SUBJECT_KEY_ID, subject_key_id),
    (oids::AUTHORITY_KEY_ID, authority_key_id),
    (oids::KEY_USAGE, key_usage),
    (oids::PRIVATE_KEY_USAGE, private_key_usage),
    (oids::SUBJECT_ALT_NAME, subject_alt_name),
    (oids::ISSUER_ALT_NAME, issuer_alt_name),
    (oids::BASIC_CONSTRAINTS, basic_constraints),
    (oids::NAME_CONSTRAINTS, name_constraints),
    (oids::CRL_DISTRIBUTION_POINTS, crl_distribution_points),
    (oids::FRESHEST_CRL, freshest_crl),
    (oids::CERTIFICATE_POLICIES, policies),
    (oids::POLICY_MAPPINGS, policy_mappings),
    (oids::POLICY_CONSTRAINTS, policy_constraints),
    (oids::EXTENDED_KEY_USAGE, extended_key_usage),
    (oids::INHIBIT_ANY_POLICY, inhibit_any_policy),
    (oids::AUTHORITY_INFO_ACCESS, authority_info_access),
    (oids::SUBJECT_INFO_ACCESS, subject_info_access),
    (oids::NETSCAPE_CERT_TYPE, netscape_cert_type),
    (oids::OCSP_NO_CHECK, |critical, _| {
        Some(Extension::OcspNoCheck { critical })
    }),
];

/// `None`: not a typed OID; `Some(None)`: typed but unparseable.
fn typed(id: Oid, critical: bool, v: &[u8]) -> Option<Option<Extension>> {
    DECODERS
        .iter()
        .find(|(o, _)| *o == id)
        .map(|(_, decode)| decode(critical, v))
}

fn subject_key_id(critical: bool, v: &[u8]) -> Option<Extension> {
    let s = SubjectKeyIdentifier::from_der(v).ok()?;
    Some(Extension::SubjectKeyIdentifier {
        critical,
        key_id: s.0.as_bytes().to_vec(),
    })
}

fn key_usage(critical: bool, v: &[u8]) -> Option<Extension> {
    let b = BitStringRef::from_der(v).ok()?;
    let usage = bits(&b)
        .iter()
        .enumerate()
        .filter(|(i, set)| **set && *i < 9)
        .fold(KeyUsage::default(), |u, (i, _)| {
            u.with_bit(u8::try_from(i).unwrap_or(u8::MAX))
        });
    Some(Extension::KeyUsage { critical, usage })
}

fn subject_alt_name(critical: bool, v: &[u8]) -> Option<Extension> {
    let s = x509_cert::ext::pkix::SubjectAltName::from_der(v).ok()?;
    Some(Extension::SubjectAltName {
        critical,
        names: names(&s.0),
    })
}

fn issuer_alt_name(critical: bool, v: &[u8]) -> Option<Extension> {
    let s = x509_cert::ext::pkix::IssuerAltName::from_der(v).ok()?;
    Some(Extension::IssuerAltName {
        critical,
        names: names(&s.0),
    })
}

fn name_constraints(critical: bool, v: &[u8]) -> Option<Extension> {
    let n = NameConstraints::from_der(v).ok()?;
    Some(Extension::NameConstraints {
        critical,
        permitted: n.permitted_subtrees.as_ref().map(subtrees),
        excluded: n.excluded_subtrees.as_ref().map(subtrees),
    })
}

fn crl_distribution_points(critical: bool, v: &[u8]) -> Option<Extension> {
    let p = x509_cert::ext::pkix::CrlDistributionPoints::from_der(v).ok()?;
    Some(Extension::CrlDistributionPoints {
        critical,
        points: p.0.iter().map(point).collect(),
    })
}

fn freshest_crl(critical: bool, v: &[u8]) -> Option<Extension> {
    let p = x509_cert::ext::pkix::FreshestCrl::from_der(v).ok()?;
    Some(Extension::FreshestCrl {
        critical,
        points: p.0.iter().map(point).collect(),
    })
}

fn policy_mappings(critical: bool, v: &[u8]) -> Option<Extension> {
    let m = PolicyMappings::from_der(v).ok()?;
    Some(Extension::PolicyMappings {
        critical,
        mappings: m
            .0
            .iter()
            .map(|p| (oid(&p.issuer_domain_policy), oid(&p.subject_domain_policy)))
            .collect(),
    })
}

fn policy_constraints(critical: bool, v: &[u8]) -> Option<Extension> {
    let p = PolicyConstraints::from_der(v).ok()?;
    Some(Extension::PolicyConstraints {
        critical,
        require_explicit_policy: p.require_explicit_policy,
        inhibit_policy_mapping: p.inhibit_policy_mapping,
    })
}

fn extended_key_usage(critical: bool, v: &[u8]) -> Option<Extension> {
    let e = ExtendedKeyUsage::from_der(v).ok()?;
    Some(Extension::ExtendedKeyUsage {
        critical,
        purposes: e.0.iter().map(oid).collect(),
    })
}

fn inhibit_any_policy(critical: bool, v: &[u8]) -> Option<Extension> {
    let i = InhibitAnyPolicy::from_der(v).ok()?;
    Some(Extension::InhibitAnyPolicy {
        critical,
        skip_certs: i.0,
    })
}

fn authority_info_access(critical: bool, v: &[u8]) -> Option<Extension> {
    let a = x509_cert::ext::pkix::AuthorityInfoAccessSyntax::from_der(v).ok()?;
    Some(Extension::AuthorityInfoAccess {
        critical,
        descriptions: access(&a.0),
    })
}

fn subject_info_access(critical: bool, v: &[u8]) -> Option<Extension> {
    let a = x509_cert::ext::pkix::SubjectInfoAccessSyntax::from_der(v).ok()?;
    Some(Extension::SubjectInfoAccess {
        critical,
        descriptions: access(&a.0),
    })
}

fn netscape_cert_type(critical: bool, v: &[u8]) -> Option<Extension> {
    let b = BitStringRef::from_der(v).ok()?;
    let flags = bits(&b)
        .iter()
        .take(8)
        .enumerate()
        .fold(0u8, |f, (i, set)| if *set { f | 0x80 >> i } else { f });
    Some(Extension::NetscapeCertType { critical, flags })
}

/// The bits of a BIT STRING, first bit first.
fn bits(b: &BitStringRef<'_>) -> Vec<bool> {
    let raw = b.raw_bytes();
    let total = (raw.len() * 8).saturating_sub(usize::from(b.unused_bits()));
    (0..total)
        .map(|i| raw[i / 8] & (0x80 >> (i % 8)) != 0)
        .collect()
}

fn authority_key_id(critical: bool, v: &[u8]) -> Option<Extension> {
    let a = AuthorityKeyIdentifier::from_der(v).ok()?;
    Some(Extension::AuthorityKeyIdentifier {
        critical,
        key_id: a.key_identifier.map(|k| k.as_bytes().to_vec()),
        issuer: a.authority_cert_issuer.as_deref().map(names),
        serial: a
            .authority_cert_serial_number
            .map(|s| s.as_bytes().to_vec()),
    })
}

fn private_key_usage(critical: bool, v: &[u8]) -> Option<Extension> {
    let p = PrivateKeyUsagePeriod::from_der(v).ok()?;
    let at = |t: &GeneralizedTime| {
        let secs = t.to_unix_duration().as_secs();
        Timestamp::from_unix_millis(i64::try_from(secs).unwrap_or(i64::MAX).saturating_mul(1000))
    };
    Some(Extension::PrivateKeyUsagePeriod {
        critical,
        not_before: p.not_before.as_ref().map(at),
        not_after: p.not_after.as_ref().map(at),
    })
}

/// Read by hand to keep Java's reading: no `cA` boolean first means "not a CA, no length";
/// `cA` without `pathLen` means "no limit".
fn basic_constraints(critical: bool, v: &[u8]) -> Option<Extension> {
    let any = AnyRef::from_der(v).ok()?;
    let mut r = SliceReader::new(any.value()).ok()?;
    let ca = match AnyRef::decode(&mut r) {
        Ok(a) if a.tag() == Tag::Boolean => a.value() == [0xFF],
        _ => {
            return Some(Extension::BasicConstraints {
                critical,
                ca: None,
                path_len: None,
            });
        }
    };
    let path_len = match AnyRef::decode(&mut r) {
        Ok(a) if a.tag() == Tag::Integer => Some(a.decode_as::<u32>().ok()?),
        Ok(_) => return None,
        Err(_) => None,
    };
    Some(Extension::BasicConstraints {
        critical,
        ca: Some(ca),
        path_len,
    })
}

fn subtrees(t: &GeneralSubtrees) -> Vec<GeneralSubtree> {
    t.iter()
        .map(|s| GeneralSubtree {
            base: GeneralName::from_x509(&s.base),
            minimum: s.minimum,
            maximum: s.maximum,
        })
        .collect()
}

fn point(p: &X509Point) -> DistributionPoint {
    DistributionPoint {
        name: p.distribution_point.as_ref().map(|n| match n {
            X509PointName::FullName(list) => DistributionPointName::FullName(names(list)),
            X509PointName::NameRelativeToCRLIssuer(rdn) => {
                DistributionPointName::RelativeToIssuer(rdn.to_der().unwrap_or_default())
            }
        }),
        reasons: p.reasons.map(|r| r.bits()),
        crl_issuer: p.crl_issuer.as_deref().map(names),
    }
}

fn access(list: &[X509Access]) -> Vec<AccessDescription> {
    list.iter()
        .map(|d| AccessDescription {
            method: oid(&d.access_method),
            location: GeneralName::from_x509(&d.access_location),
        })
        .collect()
}

fn policies(critical: bool, v: &[u8]) -> Option<Extension> {
    let p = CertificatePolicies::from_der(v).ok()?;
    Some(Extension::CertificatePolicies {
        critical,
        policies: p
            .0
            .iter()
            .map(|info| PolicyInformation {
                policy: oid(&info.policy_identifier),
                qualifiers: info.policy_qualifiers.as_ref().map(|qs| {
                    qs.iter()
                        .map(|q| {
                            let data = q.qualifier.as_ref().and_then(|a| a.to_der().ok());
                            (oid(&q.policy_qualifier_id), data)
                        })
                        .collect()
                }),
            })
            .collect(),
    })
}
