//! Certificate extensions as keytool prints them: the `toString()` of each `sun.security.x509`
//! extension class, listed in the order of Java's internal map (known extensions by name,
//! unknown ones by OID, so OIDs first; extensions Java cannot parse last).

use der::asn1::{BitStringRef, ObjectIdentifier};
use der::{Decode, Encode, Tagged};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, CertificatePolicies, CrlDistributionPoints,
    ExtendedKeyUsage, InhibitAnyPolicy, IssuerAltName, NameConstraints, PolicyConstraints,
    PolicyMappings, PrivateKeyUsagePeriod, SubjectAltName, SubjectInfoAccessSyntax,
    SubjectKeyIdentifier,
};

use javakeystore::DistinguishedName;

use crate::show::{hex_dump, java_date};

/// Java's map key for a known extension (`OIDMap`), or `None` for an unknown one.
fn java_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.14" => "SubjectKeyIdentifier",
        "2.5.29.15" => "KeyUsage",
        "2.5.29.16" => "PrivateKeyUsage",
        "2.5.29.17" => "SubjectAlternativeName",
        "2.5.29.18" => "IssuerAlternativeName",
        "2.5.29.19" => "BasicConstraints",
        "2.5.29.30" => "NameConstraints",
        "2.5.29.31" => "CRLDistributionPoints",
        "2.5.29.32" => "CertificatePolicies",
        "2.5.29.33" => "PolicyMappings",
        "2.5.29.35" => "AuthorityKeyIdentifier",
        "2.5.29.36" => "PolicyConstraints",
        "2.5.29.37" => "ExtendedKeyUsage",
        "2.5.29.46" => "FreshestCRL",
        "2.5.29.54" => "InhibitAnyPolicy",
        "2.16.840.1.113730.1.1" => "NetscapeCertType",
        "1.3.6.1.5.5.7.1.1" => "AuthorityInfoAccess",
        "1.3.6.1.5.5.7.1.11" => "SubjectInfoAccess",
        "1.3.6.1.5.5.7.48.1.5" => "OCSPNoCheck",
        _ => return None,
    })
}

/// Names of well-known OIDs (`KnownOIDs.stdName()`), for EKU and policy listings.
fn known_oid(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.5" => "ipsecEndSystem",
        "1.3.6.1.5.5.7.3.6" => "ipsecTunnel",
        "1.3.6.1.5.5.7.3.7" => "ipsecUser",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "1.3.6.1.4.1.311.10.3.3" => "microsoftSGC",
        "2.16.840.1.113730.4.1" => "netscapeSGC",
        _ => return None,
    })
}

fn header(e: &Extension) -> String {
    format!("ObjectId: {} Criticality={}\n", e.extn_id, e.critical)
}

/// `GeneralName.toString()`.
pub fn general_name(g: &GeneralName) -> String {
    match g {
        GeneralName::Rfc822Name(s) => format!("RFC822Name: {}", s.as_str()),
        GeneralName::DnsName(s) => format!("DNSName: {}", s.as_str()),
        GeneralName::UniformResourceIdentifier(s) => format!("URIName: {}", s.as_str()),
        GeneralName::DirectoryName(n) => DistinguishedName::from_name(n.clone()).to_string(),
        GeneralName::IpAddress(o) => format!("IPAddress: {}", ip_text(o.as_bytes())),
        GeneralName::RegisteredId(oid) => format!("OIDName: {oid}"),
        GeneralName::OtherName(o) => {
            format!("Other-Name: Unrecognized ObjectIdentifier: {}", o.type_id)
        }
        GeneralName::EdiPartyName(_) => "EDIPartyName: ".into(),
    }
}

/// `IPAddressName.getName()`: dotted IPv4, IPv6 as eight unabbreviated hex groups, and a mask
/// or prefix length for name-constraint subtrees.
fn ip_text(b: &[u8]) -> String {
    let v4 = |b: &[u8]| b.iter().map(u8::to_string).collect::<Vec<_>>().join(".");
    let v6 = |b: &[u8]| {
        b.chunks(2)
            .map(|c| format!("{:x}", u16::from_be_bytes([c[0], c[1]])))
            .collect::<Vec<_>>()
            .join(":")
    };
    match b.len() {
        4 => v4(b),
        8 => format!("{}/{}", v4(&b[..4]), v4(&b[4..])),
        16 => v6(b),
        32 => {
            let prefix: u32 = b[16..].iter().map(|x| x.count_ones()).sum();
            format!("{}/{prefix}", v6(&b[..16]))
        }
        _ => hex_dump(b),
    }
}

/// `GeneralNames.toString()`: Java's `List.toString()`.
fn general_names(names: &[GeneralName]) -> String {
    format!(
        "[{}]",
        names
            .iter()
            .map(general_name)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn key_identifier(id: &[u8]) -> String {
    format!("KeyIdentifier [\n{}]\n", hex_dump(id))
}

fn bits(b: &BitStringRef<'_>) -> Vec<bool> {
    let raw = b.raw_bytes();
    let total = raw.len() * 8 - usize::from(b.unused_bits());
    (0..total)
        .map(|i| raw[i / 8] & (0x80 >> (i % 8)) != 0)
        .collect()
}

fn flag_lines(set: &[bool], names: &[&str], indent: &str) -> String {
    names
        .iter()
        .enumerate()
        .filter(|(i, n)| !n.is_empty() && set.get(*i).copied().unwrap_or(false))
        .map(|(_, n)| format!("{indent}{n}\n"))
        .collect()
}

fn basic_constraints(v: &[u8]) -> Option<String> {
    // Parsed by hand to keep Java's reading: no cA boolean first means "not a CA, no
    // length"; cA without pathLen means "no limit".
    let any = der::asn1::AnyRef::from_der(v).ok()?;
    let mut r = der::SliceReader::new(any.value()).ok()?;
    let ca = match der::asn1::AnyRef::decode(&mut r) {
        Ok(a) if a.tag() == der::Tag::Boolean => a.value() == [0xFF],
        _ => return Some("BasicConstraints:[\n  CA:false\n  PathLen: undefined\n]\n".into()),
    };
    let path_len = match der::asn1::AnyRef::decode(&mut r) {
        Ok(a) if a.tag() == der::Tag::Integer => a.decode_as::<u32>().ok()?.to_string(),
        Ok(_) => return None,
        Err(_) => " no limit".into(),
    };
    Some(format!(
        "BasicConstraints:[\n  CA:{ca}\n  PathLen:{path_len}\n]\n"
    ))
}

fn distribution_points(
    name: &str,
    points: &[x509_cert::ext::pkix::crl::dp::DistributionPoint],
) -> String {
    let items: Vec<String> = points
        .iter()
        .map(|p| {
            let mut s = String::from("DistributionPoint:\n     ");
            match &p.distribution_point {
                Some(DistributionPointName::FullName(n)) => s.push_str(&general_names(n)),
                Some(DistributionPointName::NameRelativeToCRLIssuer(r)) => {
                    s.push_str(&r.to_string())
                }
                None => {}
            }
            s.push('\n');
            if let Some(issuer) = &p.crl_issuer {
                s.push_str(&format!("   CRLIssuer:{}\n", general_names(issuer)));
            }
            s
        })
        .collect();
    format!("{name} [\n  [{}]]\n", items.join(", "))
}

fn access(name: &str, descs: &[x509_cert::ext::pkix::AccessDescription]) -> String {
    let items: Vec<String> = descs
        .iter()
        .map(|d| {
            let method = match d.access_method.to_string().as_str() {
                "1.3.6.1.5.5.7.48.2" => "caIssuers".to_owned(),
                "1.3.6.1.5.5.7.48.5" => "caRepository".to_owned(),
                "1.3.6.1.5.5.7.48.3" => "timeStamping".to_owned(),
                "1.3.6.1.5.5.7.48.1" => "ocsp".to_owned(),
                other => other.to_owned(),
            };
            format!(
                "\n   accessMethod: {method}\n   accessLocation: {}\n",
                general_name(&d.access_location)
            )
        })
        .collect();
    format!("{name} [\n  [{}]\n]\n", items.join(", "))
}

fn policies(p: &CertificatePolicies) -> String {
    let mut s = String::from("CertificatePolicies [\n");
    for info in &p.0 {
        let qualifiers: Vec<String> = info
            .policy_qualifiers
            .iter()
            .flatten()
            .map(|q| {
                let data = q.qualifier.as_ref().and_then(|a| a.to_der().ok());
                let shown = data.map_or_else(|| "null".to_owned(), |d| hex_dump(&d));
                format!(
                    "PolicyQualifierInfo: [\n  qualifierID: {}\n  qualifier: {shown}\n]",
                    q.policy_qualifier_id
                )
            })
            .collect();
        s.push_str(&format!(
            "  [CertificatePolicyId: [{}]\n[{}]  ]\n",
            info.policy_identifier,
            qualifiers.join(", ")
        ));
    }
    s.push_str("]\n");
    s
}

fn generalized(t: &der::asn1::GeneralizedTime) -> String {
    java_date(t.to_unix_duration().as_secs() as i64)
}

/// The text of a known extension, or `None` when it cannot be parsed (Java then lists it
/// among the unparseable ones).
fn known_text(name: &str, v: &[u8]) -> Option<String> {
    Some(match name {
        "SubjectKeyIdentifier" => format!(
            "SubjectKeyIdentifier [\n{}]\n",
            key_identifier(SubjectKeyIdentifier::from_der(v).ok()?.0.as_bytes())
        ),
        "AuthorityKeyIdentifier" => {
            let a = AuthorityKeyIdentifier::from_der(v).ok()?;
            let mut s = String::from("AuthorityKeyIdentifier [\n");
            if let Some(id) = &a.key_identifier {
                s.push_str(&key_identifier(id.as_bytes()));
            }
            if let Some(n) = &a.authority_cert_issuer {
                s.push_str(&format!("{}\n", general_names(n)));
            }
            if let Some(sn) = &a.authority_cert_serial_number {
                let hex: Vec<String> = sn.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
                s.push_str(&format!("SerialNumber: {}\n", hex.join(":")));
            }
            s.push_str("]\n");
            s
        }
        "BasicConstraints" => basic_constraints(v)?,
        "KeyUsage" => {
            let b = BitStringRef::from_der(v).ok()?;
            let names = [
                "DigitalSignature",
                "Non_repudiation",
                "Key_Encipherment",
                "Data_Encipherment",
                "Key_Agreement",
                "Key_CertSign",
                "Crl_Sign",
                "Encipher_Only",
                "Decipher_Only",
            ];
            format!("KeyUsage [\n{}]\n", flag_lines(&bits(&b), &names, "  "))
        }
        "NetscapeCertType" => {
            let b = BitStringRef::from_der(v).ok()?;
            let set = bits(&b);
            let names = [
                "SSL client",
                "SSL server",
                "S/MIME",
                "Object Signing",
                "",
                "SSL CA",
                "S/MIME CA",
            ];
            let mut s = format!("NetscapeCertType [\n{}", flag_lines(&set, &names, "   "));
            if set.get(7).copied().unwrap_or(false) {
                s.push_str("   Object Signing CA");
            }
            s.push_str("]\n");
            s
        }
        "ExtendedKeyUsage" => {
            let e = ExtendedKeyUsage::from_der(v).ok()?;
            let lines: Vec<String> =
                e.0.iter()
                    .map(|o| known_oid(&o.to_string()).map_or_else(|| o.to_string(), str::to_owned))
                    .collect();
            format!("ExtendedKeyUsages [\n  {}\n]\n", lines.join("\n  "))
        }
        "SubjectAlternativeName" | "IssuerAlternativeName" => {
            let names = if name == "SubjectAlternativeName" {
                SubjectAltName::from_der(v).ok()?.0
            } else {
                IssuerAltName::from_der(v).ok()?.0
            };
            let lines: String = names
                .iter()
                .map(|n| format!("  {}\n", general_name(n)))
                .collect();
            format!("{name} [\n{lines}]\n")
        }
        "CRLDistributionPoints" => {
            distribution_points(name, &CrlDistributionPoints::from_der(v).ok()?.0)
        }
        "FreshestCRL" => distribution_points(
            name,
            &x509_cert::ext::pkix::FreshestCrl::from_der(v).ok()?.0,
        ),
        "AuthorityInfoAccess" => access(name, &AuthorityInfoAccessSyntax::from_der(v).ok()?.0),
        "SubjectInfoAccess" => access(name, &SubjectInfoAccessSyntax::from_der(v).ok()?.0),
        "CertificatePolicies" => policies(&CertificatePolicies::from_der(v).ok()?),
        "PrivateKeyUsage" => {
            let p = PrivateKeyUsagePeriod::from_der(v).ok()?;
            let mut parts = Vec::new();
            if let Some(t) = &p.not_before {
                parts.push(format!("From: {}", generalized(t)));
            }
            if let Some(t) = &p.not_after {
                parts.push(format!("To: {}", generalized(t)));
            }
            format!("PrivateKeyUsage: [\n{}]\n", parts.join(", "))
        }
        "InhibitAnyPolicy" => format!(
            "InhibitAnyPolicy: {}\n",
            InhibitAnyPolicy::from_der(v).ok()?.0
        ),
        "PolicyConstraints" => {
            let p = PolicyConstraints::from_der(v).ok()?;
            let req = p
                .require_explicit_policy
                .map_or("unspecified;".to_owned(), |n| format!("{n};"));
            let inh = p
                .inhibit_policy_mapping
                .map_or("unspecified".to_owned(), |n| n.to_string());
            format!("PolicyConstraints: [  Require: {req}\tInhibit: {inh} ]\n")
        }
        "PolicyMappings" => {
            let m = PolicyMappings::from_der(v).ok()?;
            let items: Vec<String> = m
                .0
                .iter()
                .map(|p| {
                    format!(
                        "CertificatePolicyMap: [\nIssuerDomain:CertificatePolicyId: [{}]\nSubjectDomain:CertificatePolicyId: [{}]\n]\n",
                        p.issuer_domain_policy, p.subject_domain_policy
                    )
                })
                .collect();
            format!("PolicyMappings [\n[{}]]\n", items.join(", "))
        }
        "NameConstraints" => name_constraints(&NameConstraints::from_der(v).ok()?),
        "OCSPNoCheck" => "OCSPNoCheck\n".into(),
        _ => return None,
    })
}

fn name_constraints(n: &NameConstraints) -> String {
    let trees = |t: &x509_cert::ext::pkix::constraints::name::GeneralSubtrees| {
        let items: Vec<String> = t
            .iter()
            .map(|s| {
                let max = s.maximum.map_or("undefined".to_owned(), |m| m.to_string());
                format!(
                    "\n   GeneralSubtree: [\n    GeneralName: {}\n    Minimum: {}\n    Maximum: {max}    ]\n",
                    general_name(&s.base),
                    s.minimum
                )
            })
            .collect();
        format!("   GeneralSubtrees:\n[{}]\n", items.join(", "))
    };
    let mut s = String::from("NameConstraints: [");
    if let Some(p) = &n.permitted_subtrees {
        s.push_str(&format!("\n    Permitted:{}", trees(p)));
    }
    if let Some(e) = &n.excluded_subtrees {
        s.push_str(&format!("\n    Excluded:{}", trees(e)));
    }
    s.push_str("   ]\n");
    s
}

/// Renders extensions as keytool's `printExtensions` does, under `title`.
pub fn render(title: &str, exts: &[Extension]) -> String {
    // (sort key, unparseable?, text)
    let mut items: Vec<(String, bool, String)> = exts
        .iter()
        .map(|e| {
            let oid = e.extn_id.to_string();
            let v = e.extn_value.as_bytes();
            match java_name(&oid) {
                Some(name) => match known_text(name, v) {
                    Some(text) => (name.to_owned(), false, format!("{}{text}", header(e))),
                    None => (oid, true, generic(e)),
                },
                None => (oid, false, generic(e)),
            }
        })
        .collect();
    items.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let mut out = String::new();
    for (n, (_, _, text)) in items.iter().enumerate() {
        if n == 0 {
            out.push_str(&format!("\n{title}\n\n"));
        }
        out.push_str(&format!("#{}: {text}\n", n + 1));
    }
    out
}

/// An extension Java does not know: its value as a hex dump, or "(Empty value)".
fn generic(e: &Extension) -> String {
    let v = e.extn_value.as_bytes();
    if v.is_empty() {
        format!("{}(Empty value)\n", header(e))
    } else {
        format!("{}{}\n", header(e), hex_dump(v))
    }
}

/// The OID of the extended key usages a certificate lists, for keytool's weak-check variants.
pub fn eku_oids(exts: &[Extension]) -> Option<Vec<ObjectIdentifier>> {
    exts.iter()
        .find(|e| e.extn_id.to_string() == "2.5.29.37")
        .and_then(|e| ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok())
        .map(|e| e.0)
}
