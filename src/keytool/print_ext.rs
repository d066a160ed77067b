//! Certificate extensions as keytool prints them: the `toString()` of each
//! `sun.security.x509` extension class, listed in the order of Java's internal map (known
//! extensions by name, unknown ones by OID, so OIDs first; extensions Java cannot parse last).

use std::fmt::Write as _;

use crate::extension::{
    AccessDescription, DistributionPoint, DistributionPointName, Extension, GeneralName,
    GeneralSubtree, KeyUsage, PolicyInformation,
};
use crate::keytool::style::Style;
use crate::keytool::text::{der_length, hex_dump, java_date};
use crate::keytool::zone::Zone;
use crate::oid::Oid;

/// Java's map key for a known extension (`OIDMap`), or `None` for an unknown one.
fn java_name(e: &Extension) -> Option<&'static str> {
    Some(match e {
        Extension::SubjectKeyIdentifier { .. } => "SubjectKeyIdentifier",
        Extension::KeyUsage { .. } => "KeyUsage",
        Extension::PrivateKeyUsagePeriod { .. } => "PrivateKeyUsage",
        Extension::SubjectAltName { .. } => "SubjectAlternativeName",
        Extension::IssuerAltName { .. } => "IssuerAlternativeName",
        Extension::BasicConstraints { .. } => "BasicConstraints",
        Extension::NameConstraints { .. } => "NameConstraints",
        Extension::CrlDistributionPoints { .. } => "CRLDistributionPoints",
        Extension::CertificatePolicies { .. } => "CertificatePolicies",
        Extension::PolicyMappings { .. } => "PolicyMappings",
        Extension::AuthorityKeyIdentifier { .. } => "AuthorityKeyIdentifier",
        Extension::PolicyConstraints { .. } => "PolicyConstraints",
        Extension::ExtendedKeyUsage { .. } => "ExtendedKeyUsage",
        Extension::FreshestCrl { .. } => "FreshestCRL",
        Extension::InhibitAnyPolicy { .. } => "InhibitAnyPolicy",
        Extension::NetscapeCertType { .. } => "NetscapeCertType",
        Extension::AuthorityInfoAccess { .. } => "AuthorityInfoAccess",
        Extension::SubjectInfoAccess { .. } => "SubjectInfoAccess",
        Extension::OcspNoCheck { .. } => "OCSPNoCheck",
        _ => return None,
    })
}

/// Names of well-known OIDs (`KnownOIDs.stdName()`), for EKU listings.
pub(crate) fn known_oid(oid: &Oid) -> Option<&'static str> {
    Some(match oid.to_string().as_str() {
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

/// `GeneralName.toString()`.
pub fn general_name(g: &GeneralName) -> String {
    match g {
        GeneralName::Email(s) => format!("RFC822Name: {s}"),
        GeneralName::Dns(s) => format!("DNSName: {s}"),
        GeneralName::Uri(s) => format!("URIName: {s}"),
        GeneralName::Directory(n) => n.to_string(),
        GeneralName::Ip(ip) => match ip {
            std::net::IpAddr::V4(v) => format!("IPAddress: {}", ip_text(&v.octets())),
            std::net::IpAddr::V6(v) => format!("IPAddress: {}", ip_text(&v.octets())),
        },
        GeneralName::IpBytes(b) => format!("IPAddress: {}", ip_text(b)),
        GeneralName::Oid(oid) => format!("OIDName: {oid}"),
        GeneralName::Other { type_id, .. } => {
            format!("Other-Name: Unrecognized ObjectIdentifier: {type_id}")
        }
        GeneralName::EdiParty(_) => "EDIPartyName: ".into(),
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
    let items: Vec<String> = names.iter().map(general_name).collect();
    format!("[{}]", items.join(", "))
}

fn key_identifier(id: &[u8]) -> String {
    format!("KeyIdentifier [\n{}]\n", hex_dump(id))
}

fn flag_lines(set: impl Fn(usize) -> bool, names: &[&str], indent: &str) -> String {
    names
        .iter()
        .enumerate()
        .filter(|(i, n)| !n.is_empty() && set(*i))
        .map(|(_, n)| format!("{indent}{n}\n"))
        .collect()
}

fn key_usage(usage: KeyUsage) -> String {
    const NAMES: [&str; 9] = [
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
    let set = |i: usize| u8::try_from(i).is_ok_and(|b| usage.has_bit(b));
    format!("KeyUsage [\n{}]\n", flag_lines(set, &NAMES, "  "))
}

fn netscape(flags: u8) -> String {
    let names = [
        "SSL client",
        "SSL server",
        "S/MIME",
        "Object Signing",
        "",
        "SSL CA",
        "S/MIME CA",
    ];
    let set = |i: usize| i < 8 && flags & (0x80 >> i) != 0;
    let mut s = format!("NetscapeCertType [\n{}", flag_lines(set, &names, "   "));
    if set(7) {
        s.push_str("   Object Signing CA");
    }
    s.push_str("]\n");
    s
}

fn basic_constraints(ca: Option<bool>, path_len: Option<u32>) -> String {
    match ca {
        None => "BasicConstraints:[\n  CA:false\n  PathLen: undefined\n]\n".into(),
        Some(ca) => {
            let len = path_len.map_or_else(|| " no limit".to_owned(), |n| n.to_string());
            format!("BasicConstraints:[\n  CA:{ca}\n  PathLen:{len}\n]\n")
        }
    }
}

fn distribution_points(name: &str, points: &[DistributionPoint]) -> String {
    let items: Vec<String> = points
        .iter()
        .map(|p| {
            let mut s = String::from("DistributionPoint:\n     ");
            match &p.name {
                Some(DistributionPointName::FullName(n)) => s.push_str(&general_names(n)),
                Some(DistributionPointName::RelativeToIssuer(der)) => {
                    s.push_str(&relative_name(der));
                }
                _ => {}
            }
            s.push('\n');
            if let Some(issuer) = &p.crl_issuer {
                let _ = writeln!(s, "   CRLIssuer:{}", general_names(issuer));
            }
            s
        })
        .collect();
    format!("{name} [\n  [{}]]\n", items.join(", "))
}

/// A relative distinguished name (the DER of its `SET`) as `x509-cert` shows one.
fn relative_name(der: &[u8]) -> String {
    use der::Decode;
    x509_cert::name::RelativeDistinguishedName::from_der(der)
        .map(|r| r.to_string())
        .unwrap_or_default()
}

fn access(name: &str, descs: &[AccessDescription]) -> String {
    let items: Vec<String> = descs
        .iter()
        .map(|d| {
            let method = match d.method.to_string().as_str() {
                "1.3.6.1.5.5.7.48.2" => "caIssuers".to_owned(),
                "1.3.6.1.5.5.7.48.5" => "caRepository".to_owned(),
                "1.3.6.1.5.5.7.48.3" => "timeStamping".to_owned(),
                "1.3.6.1.5.5.7.48.1" => "ocsp".to_owned(),
                other => other.to_owned(),
            };
            format!(
                "\n   accessMethod: {method}\n   accessLocation: {}\n",
                general_name(&d.location)
            )
        })
        .collect();
    format!("{name} [\n  [{}]\n]\n", items.join(", "))
}

fn policies(list: &[PolicyInformation]) -> String {
    let mut s = String::from("CertificatePolicies [\n");
    for info in list {
        let qualifiers: Vec<String> = info
            .qualifiers
            .iter()
            .flatten()
            .map(|(id, data)| {
                let shown = data.as_deref().map_or_else(|| "null".to_owned(), hex_dump);
                format!("PolicyQualifierInfo: [\n  qualifierID: {id}\n  qualifier: {shown}\n]")
            })
            .collect();
        let _ = writeln!(
            s,
            "  [CertificatePolicyId: [{}]\n[{}]  ]",
            info.policy,
            qualifiers.join(", ")
        );
    }
    s.push_str("]\n");
    s
}

fn subtrees(t: &[GeneralSubtree]) -> String {
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
}

fn name_constraints(
    permitted: Option<&[GeneralSubtree]>,
    excluded: Option<&[GeneralSubtree]>,
) -> String {
    let mut s = String::from("NameConstraints: [");
    if let Some(p) = permitted {
        let _ = write!(s, "\n    Permitted:{}", subtrees(p));
    }
    if let Some(e) = excluded {
        let _ = write!(s, "\n    Excluded:{}", subtrees(e));
    }
    s.push_str("   ]\n");
    s
}

fn authority_key_id(
    key_id: Option<&[u8]>,
    issuer: Option<&[GeneralName]>,
    serial: Option<&[u8]>,
) -> String {
    let mut s = String::from("AuthorityKeyIdentifier [\n");
    if let Some(id) = key_id {
        s.push_str(&key_identifier(id));
    }
    if let Some(n) = issuer {
        let _ = writeln!(s, "{}", general_names(n));
    }
    if let Some(sn) = serial {
        let hex: Vec<String> = sn.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(s, "SerialNumber: {}", hex.join(":"));
    }
    s.push_str("]\n");
    s
}

/// The text of a typed extension (after its header line).
fn typed_text(e: &Extension, zone: &Zone) -> Option<String> {
    Some(match e {
        Extension::SubjectKeyIdentifier { key_id, .. } => {
            format!("SubjectKeyIdentifier [\n{}]\n", key_identifier(key_id))
        }
        Extension::AuthorityKeyIdentifier {
            key_id,
            issuer,
            serial,
            ..
        } => authority_key_id(key_id.as_deref(), issuer.as_deref(), serial.as_deref()),
        Extension::BasicConstraints { ca, path_len, .. } => basic_constraints(*ca, *path_len),
        Extension::KeyUsage { usage, .. } => key_usage(*usage),
        Extension::NetscapeCertType { flags, .. } => netscape(*flags),
        Extension::ExtendedKeyUsage { purposes, .. } => {
            let lines: Vec<String> = purposes
                .iter()
                .map(|o| known_oid(o).map_or_else(|| o.to_string(), str::to_owned))
                .collect();
            format!("ExtendedKeyUsages [\n  {}\n]\n", lines.join("\n  "))
        }
        Extension::SubjectAltName { names, .. } | Extension::IssuerAltName { names, .. } => {
            let title = java_name(e)?;
            let lines: String = names
                .iter()
                .map(|n| format!("  {}\n", general_name(n)))
                .collect();
            format!("{title} [\n{lines}]\n")
        }
        Extension::CrlDistributionPoints { points, .. } | Extension::FreshestCrl { points, .. } => {
            distribution_points(java_name(e)?, points)
        }
        Extension::AuthorityInfoAccess { descriptions, .. }
        | Extension::SubjectInfoAccess { descriptions, .. } => access(java_name(e)?, descriptions),
        _ => return policy_text(e, zone),
    })
}

/// The text of the policy, constraint and period extensions.
fn policy_text(e: &Extension, zone: &Zone) -> Option<String> {
    Some(match e {
        Extension::CertificatePolicies { policies: p, .. } => policies(p),
        Extension::PrivateKeyUsagePeriod {
            not_before,
            not_after,
            ..
        } => {
            let mut parts = Vec::new();
            if let Some(t) = not_before {
                parts.push(format!("From: {}", java_date(*t, zone)));
            }
            if let Some(t) = not_after {
                parts.push(format!("To: {}", java_date(*t, zone)));
            }
            format!("PrivateKeyUsage: [\n{}]\n", parts.join(", "))
        }
        Extension::InhibitAnyPolicy { skip_certs, .. } => {
            format!("InhibitAnyPolicy: {skip_certs}\n")
        }
        Extension::PolicyConstraints {
            require_explicit_policy,
            inhibit_policy_mapping,
            ..
        } => {
            let req =
                require_explicit_policy.map_or("unspecified;".to_owned(), |n| format!("{n};"));
            let inh = inhibit_policy_mapping.map_or("unspecified".to_owned(), |n| n.to_string());
            format!("PolicyConstraints: [  Require: {req}\tInhibit: {inh} ]\n")
        }
        Extension::PolicyMappings { mappings, .. } => {
            let items: Vec<String> = mappings
                .iter()
                .map(|(i, s)| {
                    format!(
                        "CertificatePolicyMap: [\nIssuerDomain:CertificatePolicyId: [{i}]\nSubjectDomain:CertificatePolicyId: [{s}]\n]\n"
                    )
                })
                .collect();
            format!("PolicyMappings [\n[{}]]\n", items.join(", "))
        }
        Extension::NameConstraints {
            permitted,
            excluded,
            ..
        } => name_constraints(permitted.as_deref(), excluded.as_deref()),
        Extension::OcspNoCheck { .. } => "OCSPNoCheck\n".into(),
        _ => return None,
    })
}

/// Java's map key and `toString()` body (after the `ObjectId:` line) of an extension Java
/// knows, or `None` for one it shows as unknown.
pub(crate) fn known_text(e: &Extension, zone: &Zone) -> Option<(&'static str, String)> {
    Some((java_name(e)?, typed_text(e, zone)?))
}

fn header(e: &Extension) -> String {
    format!("ObjectId: {} Criticality={}\n", e.oid(), e.is_critical())
}

/// An extension Java does not know (or cannot parse): its value as a hex dump, or
/// "(Empty value)".
fn generic(e: &Extension) -> String {
    let v = e.value_der().unwrap_or_default();
    if v.is_empty() {
        format!("{}(Empty value)\n", header(e))
    } else {
        format!("{}{}\n", header(e), hex_dump(&v))
    }
}

/// Renders extensions as keytool's `printExtensions` does, under `title` (`Extensions: `
/// for certificates, `Extension Request:` for requests). Nothing without extensions.
pub fn extensions_text(title: &str, exts: &[Extension], style: &Style) -> String {
    let zone = &style.zone;
    // (unparseable?, sort key, text)
    let mut items: Vec<(bool, String, String)> = exts
        .iter()
        .map(|e| match (java_name(e), typed_text(e, zone)) {
            (Some(name), Some(text)) => (false, name.to_owned(), format!("{}{text}", header(e))),
            _ => {
                let malformed = matches!(e, Extension::Malformed { .. });
                (malformed, e.oid().to_string(), generic(e))
            }
        })
        .collect();
    items.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut out = String::new();
    for (n, (_, _, text)) in items.iter().enumerate() {
        if n == 0 {
            let _ = write!(out, "\n{title}\n\n");
        }
        let _ = writeln!(out, "#{}: {text}", n + 1);
    }
    out
}

/// An extension Java has no class for, as `-printcrl` and `X509CertImpl.toString()` show it:
/// the header, then the value wrapped in an OCTET STRING as a hex dump.
pub(crate) fn unknown_text(e: &Extension) -> String {
    let value = e.value_der().unwrap_or_default();
    let mut wrapped = vec![0x04];
    wrapped.extend(der_length(value.len()));
    wrapped.extend_from_slice(&value);
    format!(
        "{}Extension unknown: DER encoded OCTET string =\n{}\n",
        header(e),
        hex_dump(&wrapped)
    )
}
