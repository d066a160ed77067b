//! keytool's `-ext name[:critical][=value]` syntax, parsed into [`CertExtension`]s.
//!
//! Names may be abbreviated as keytool allows (`oneOf`): an exact name, a unique prefix, or
//! camel-case initials (`san`, `eku`, `bc`, `kCS`), in that order, then the same ignoring case.

use std::net::IpAddr;

use der::asn1::ObjectIdentifier;

use crate::extension::{CertExtension, ExtError, KEY_USAGES, NameSpec};

/// keytool's `oneOf`: the index of the single match of `s` in `list`, `Ok(None)` if none.
/// Entries after `experimental` (an index) match but are never reported as ambiguous.
fn one_of(s: &str, list: &[&str], experimental: usize) -> Result<Option<usize>, ExtError> {
    let camel = |b: &str| -> String {
        b.char_indices()
            .filter(|&(i, c)| i == 0 || !c.is_ascii_lowercase())
            .map(|(_, c)| c)
            .collect()
    };
    type Matcher = fn(&str, &str, &dyn Fn(&str) -> String) -> bool;
    let passes: [Matcher; 3] = [
        |a, b, _| a == b,
        |a, b, camel| a == camel(b) || b.starts_with(a),
        |a, b, camel| {
            a.eq_ignore_ascii_case(&camel(b)) || b.to_uppercase().starts_with(&a.to_uppercase())
        },
    ];
    for pass in passes {
        let hits: Vec<usize> = (0..list.len())
            .filter(|&i| pass(s, list[i], &camel))
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(Some(*one)),
            [first, second, ..] if *second > experimental => return Ok(Some(*first)),
            many => {
                let names: Vec<&str> = many
                    .iter()
                    .filter(|&&i| i <= experimental)
                    .map(|&i| list[i])
                    .collect();
                return Err(ExtError(format!(
                    "command {s} is ambiguous:\n     {}",
                    names.join(" ")
                )));
            }
        }
    }
    Ok(None)
}

const EXT_NAMES: [&str; 8] = [
    "BasicConstraints",
    "KeyUsage",
    "ExtendedKeyUsage",
    "SubjectAlternativeName",
    "IssuerAlternativeName",
    "SubjectInfoAccess",
    "AuthorityInfoAccess",
    "CRLDistributionPoints",
];

/// The OID of an extension name as `-ext` and `honored=` accept it.
pub fn extension_oid(name: &str) -> Result<ObjectIdentifier, ExtError> {
    let oids = [
        "2.5.29.19",
        "2.5.29.15",
        "2.5.29.37",
        "2.5.29.17",
        "2.5.29.18",
        "1.3.6.1.5.5.7.1.11",
        "1.3.6.1.5.5.7.1.1",
        "2.5.29.31",
    ];
    match one_of(name, &EXT_NAMES, 6)? {
        Some(i) => Ok(ObjectIdentifier::new_unwrap(oids[i])),
        None => parse_oid(name).ok_or_else(|| ExtError(format!("Unknown extension type: {name}"))),
    }
}

fn parse_oid(s: &str) -> Option<ObjectIdentifier> {
    ObjectIdentifier::new(s).ok()
}

/// keytool's `createGeneralName`; `san` allows a wildcard first DNS label.
fn name_spec(kind: &str, value: &str, san: bool) -> Result<NameSpec, ExtError> {
    let Some(i) = one_of(kind, &["EMAIL", "URI", "DNS", "IP", "OID"], usize::MAX)? else {
        return Err(ExtError(format!("Unrecognized GeneralName type: {kind}")));
    };
    Ok(match i {
        0 => {
            if value.is_empty() || value.starts_with('@') || value.ends_with('@') {
                return Err(ExtError(format!("Invalid RFC822Name: {value}")));
            }
            NameSpec::Email(value.to_owned())
        }
        1 => {
            let scheme_ok = value.split_once(':').is_some_and(|(s, _)| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            if !scheme_ok {
                return Err(ExtError(format!("URI name must include scheme:{value}")));
            }
            NameSpec::Uri(value.to_owned())
        }
        2 => NameSpec::Dns(dns_name(value, san)?),
        3 => NameSpec::Ip(
            value
                .parse::<IpAddr>()
                .map_err(|_| ExtError(format!("IPAddress cannot be parsed: {value}")))?,
        ),
        _ => NameSpec::Oid(
            parse_oid(value).ok_or_else(|| ExtError(format!("Invalid OID: {value}")))?,
        ),
    })
}

/// Java's `DNSName` rules: labels of letters, digits and hyphens, a wildcard only first
/// and only where allowed.
fn dns_name(value: &str, allow_wildcard: bool) -> Result<String, ExtError> {
    if value.is_empty() {
        return Err(ExtError("DNSName must not be null or empty".into()));
    }
    for (i, label) in value.split('.').enumerate() {
        if i == 0 && label == "*" && allow_wildcard {
            continue;
        }
        if label.is_empty() {
            return Err(ExtError(
                "DNSName SubjectAltNames with empty components are not permitted".into(),
            ));
        }
        if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(ExtError(
                "DNSName components must consist of letters, digits, and hyphens".into(),
            ));
        }
    }
    Ok(value.to_owned())
}

fn illegal(ext: &str) -> ExtError {
    ExtError(format!("Illegal value: {ext}"))
}

fn names(value: &str, ext: &str, san: bool) -> Result<Vec<NameSpec>, ExtError> {
    value
        .split(',')
        .map(|item| {
            let (t, v) = item
                .split_once(':')
                .ok_or_else(|| ExtError(format!("Illegal item {item} in {ext}")))?;
            name_spec(t, v, san)
        })
        .collect()
}

/// Parses one `-ext` value. `honored=…` (meaningful only to `-gencert`) gives `Ok(None)`.
pub fn parse(ext: &str) -> Result<Option<CertExtension>, ExtError> {
    let (mut name, value) = match ext.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (ext, None),
    };
    let mut critical = false;
    if let Some((n, flag)) = name.split_once(':') {
        critical = one_of(flag, &["critical"], usize::MAX)? == Some(0);
        name = n;
    }
    if name.eq_ignore_ascii_case("honored") {
        return Ok(None);
    }
    let need = || value.ok_or_else(|| illegal(ext));
    let kind = one_of(name, &EXT_NAMES, 6)?;
    Ok(Some(match kind {
        Some(0) => basic_constraints(value, critical, ext)?,
        Some(1) => {
            let mut bits = Vec::new();
            for s in need()?.split(',') {
                let mut list = KEY_USAGES.to_vec();
                list.push("contentCommitment");
                let p = one_of(s, &list, usize::MAX)?
                    .ok_or_else(|| ExtError(format!("Unknown keyUsage type: {s}")))?;
                bits.push(if p == 9 { 1 } else { p as u8 });
            }
            bits.sort_unstable();
            bits.dedup();
            CertExtension::KeyUsage { critical, bits }
        }
        Some(2) => {
            let names = [
                "anyExtendedKeyUsage",
                "serverAuth",
                "clientAuth",
                "codeSigning",
                "emailProtection",
                "timeStamping",
                "OCSPSigning",
            ];
            let oids = [
                "2.5.29.37.0",
                "1.3.6.1.5.5.7.3.1",
                "1.3.6.1.5.5.7.3.2",
                "1.3.6.1.5.5.7.3.3",
                "1.3.6.1.5.5.7.3.4",
                "1.3.6.1.5.5.7.3.8",
                "1.3.6.1.5.5.7.3.9",
            ];
            let purposes = need()?
                .split(',')
                .map(|s| match one_of(s, &names, usize::MAX)? {
                    Some(i) => Ok(ObjectIdentifier::new_unwrap(oids[i])),
                    None => parse_oid(s)
                        .ok_or_else(|| ExtError(format!("Unknown extendedkeyUsage type: {s}"))),
                })
                .collect::<Result<_, _>>()?;
            CertExtension::ExtendedKeyUsage { critical, purposes }
        }
        Some(i @ (3 | 4)) => {
            let list = names(need()?, ext, i == 3)?;
            if i == 3 {
                CertExtension::SubjectAltName {
                    critical,
                    names: list,
                }
            } else {
                CertExtension::IssuerAltName {
                    critical,
                    names: list,
                }
            }
        }
        Some(i @ (5 | 6)) => {
            if critical {
                return Err(ExtError(format!(
                    "This extension cannot be marked as critical. {ext}"
                )));
            }
            let methods = ["ocsp", "caIssuers", "timeStamping", "caRepository"];
            let method_oids = [
                "1.3.6.1.5.5.7.48.1",
                "1.3.6.1.5.5.7.48.2",
                "1.3.6.1.5.5.7.48.3",
                "1.3.6.1.5.5.7.48.5",
            ];
            let mut descriptions = Vec::new();
            for item in need()?.split(',') {
                let mut parts = item.splitn(3, ':');
                let (Some(m), Some(t), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
                    return Err(illegal(ext));
                };
                let method = match one_of(m, &methods, usize::MAX)? {
                    Some(k) => ObjectIdentifier::new_unwrap(method_oids[k]),
                    None => parse_oid(m)
                        .ok_or_else(|| ExtError(format!("Unknown AccessDescription type: {m}")))?,
                };
                descriptions.push((method, name_spec(t, v, false)?));
            }
            CertExtension::InfoAccess {
                subject: i == 5,
                descriptions,
            }
        }
        Some(_) => CertExtension::CrlDistributionPoints {
            critical,
            names: names(need()?, ext, false)?,
        },
        None => {
            let oid = parse_oid(name)
                .ok_or_else(|| ExtError(format!("Unknown extension type: {ext}")))?;
            CertExtension::Raw {
                oid,
                critical,
                value: raw_value(value, ext)?,
            }
        }
    }))
}

/// `-gencert`'s `honored=all|name[:critical|:non-critical]|-name,...`: the extensions of the
/// request to copy into the certificate. Only the first `honored=` argument counts, as in
/// keytool; later `-ext` values for the same extension replace what it copies.
pub fn honored(
    args: &[String],
    requested: &[x509_cert::ext::Extension],
) -> Result<Vec<CertExtension>, ExtError> {
    let Some(spec) = args
        .iter()
        .find_map(|a| a.to_lowercase().strip_prefix("honored=").map(str::to_owned))
    else {
        return Ok(Vec::new());
    };
    let copy = |e: &x509_cert::ext::Extension, critical: bool| CertExtension::Raw {
        oid: e.extn_id,
        critical,
        value: e.extn_value.as_bytes().to_vec(),
    };
    let mut out: Vec<CertExtension> = Vec::new();
    let items: Vec<&str> = spec.split(',').collect();
    if items.contains(&"all") {
        out.extend(requested.iter().map(|e| copy(e, e.critical)));
    }
    for item in items.into_iter().filter(|i| *i != "all") {
        if let Some(name) = item.strip_prefix('-') {
            let oid = extension_oid(name)?;
            out.retain(|e| e.oid() != oid);
            continue;
        }
        let (name, toggle) = match item.split_once(':') {
            Some((n, t)) => {
                let which = one_of(t, &["critical", "non-critical"], usize::MAX)?
                    .ok_or_else(|| ExtError(format!("Illegal value: {item}")))?;
                (n, Some(which == 0))
            }
            None => (item, None),
        };
        let oid = extension_oid(name)?;
        let e = requested
            .iter()
            .find(|e| e.extn_id == oid)
            .ok_or_else(|| ExtError(format!("The request has no {name} extension to honor")))?;
        out.retain(|x| x.oid() != oid);
        out.push(copy(e, toggle.unwrap_or(e.critical)));
    }
    Ok(out)
}

fn basic_constraints(
    value: Option<&str>,
    critical: bool,
    ext: &str,
) -> Result<CertExtension, ExtError> {
    let (mut ca, mut path_len) = (value.is_none(), None);
    if let Some(v) = value {
        if let Ok(n) = v.parse::<u32>() {
            (ca, path_len) = (true, Some(n));
        } else {
            for part in v.split(',') {
                let (k, val) = part.split_once(':').ok_or_else(|| illegal(ext))?;
                if k.eq_ignore_ascii_case("ca") {
                    ca = val.eq_ignore_ascii_case("true");
                } else if k.eq_ignore_ascii_case("pathlen") {
                    path_len = Some(val.parse().map_err(|_| illegal(ext))?);
                } else {
                    return Err(illegal(ext));
                }
            }
        }
    }
    Ok(CertExtension::BasicConstraints {
        critical,
        ca,
        path_len,
    })
}

/// A raw value: hex digits (anything else skipped), wrapped as an OCTET STRING as keytool does.
fn raw_value(value: Option<&str>, ext: &str) -> Result<Vec<u8>, ExtError> {
    let digits: Vec<u8> = value
        .unwrap_or("")
        .chars()
        .filter_map(|c| c.to_digit(16))
        .map(|d| d as u8)
        .collect();
    if digits.len() % 2 == 1 {
        return Err(ExtError(format!("Odd number of hex digits found: {ext}")));
    }
    let data: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    let mut out = vec![0x04];
    if data.len() < 0x80 {
        out.push(data.len() as u8);
    } else {
        let len = data.len().to_be_bytes();
        let skip = len.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (len.len() - skip) as u8);
        out.extend_from_slice(&len[skip..]);
    }
    out.extend(data);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(s: &str) -> CertExtension {
        parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .expect("an extension")
    }

    #[test]
    fn abbreviations_follow_keytool() {
        assert_eq!(ext("san=dns:a.example").oid().to_string(), "2.5.29.17");
        assert_eq!(ext("SAN=DNS:a.example").oid().to_string(), "2.5.29.17");
        assert_eq!(
            ext("SubjectAlternativeName:critical=dns:x")
                .oid()
                .to_string(),
            "2.5.29.17"
        );
        assert_eq!(
            ext("eku=sA,cA"),
            CertExtension::ExtendedKeyUsage {
                critical: false,
                purposes: vec![
                    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1"),
                    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2")
                ],
            }
        );
        assert_eq!(
            ext("ku:c=kCS,cRLSign"),
            CertExtension::KeyUsage {
                critical: true,
                bits: vec![5, 6]
            }
        );
        assert_eq!(
            ext("ku=contentCommitment"),
            CertExtension::KeyUsage {
                critical: false,
                bits: vec![1]
            }
        );
        assert_eq!(
            ext("bc"),
            CertExtension::BasicConstraints {
                critical: false,
                ca: true,
                path_len: None
            }
        );
        assert_eq!(
            ext("bc=0"),
            CertExtension::BasicConstraints {
                critical: false,
                ca: true,
                path_len: Some(0)
            }
        );
        assert_eq!(
            ext("bc:c=ca:false"),
            CertExtension::BasicConstraints {
                critical: true,
                ca: false,
                path_len: None
            }
        );
        assert_eq!(
            ext("crl=uri:http://c.example/x.crl").oid().to_string(),
            "2.5.29.31"
        );
        assert!(parse("honored=all").unwrap().is_none());
    }

    #[test]
    fn raw_and_bad_values() {
        assert_eq!(
            ext("1.2.3.4=01:02:ab"),
            CertExtension::Raw {
                oid: ObjectIdentifier::new_unwrap("1.2.3.4"),
                critical: false,
                value: vec![0x04, 0x03, 0x01, 0x02, 0xab],
            }
        );
        assert_eq!(
            ext("1.2.3.5:critical"),
            CertExtension::Raw {
                oid: ObjectIdentifier::new_unwrap("1.2.3.5"),
                critical: true,
                value: vec![0x04, 0x00],
            }
        );
        for bad in [
            "1.2.3.4=abc",
            "bogus=1",
            "san=dns:bad_name",
            "san=nocolon",
            "ku=whatever",
            "aia:critical=ocsp:uri:http://x",
            "san=ip:999.1.1.1",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        // The wildcard is for SAN only.
        assert!(parse("san=dns:*.example.com").is_ok());
        assert!(parse("ian=dns:*.example.com").is_err());
    }
}
