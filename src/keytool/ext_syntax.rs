//! keytool's `-ext name[:critical][=value]` syntax, parsed into [`Extension`]s.
//!
//! Names may be abbreviated as keytool allows (`oneOf`): an exact name, a unique prefix, or
//! camel-case initials (`san`, `eku`, `bc`, `kCS`), in that order, then the same ignoring case.

use std::net::IpAddr;

use crate::error::ExtError;
use crate::extension::{AccessDescription, DistributionPoint, Extension, GeneralName, KeyUsage};
use crate::oid::Oid;

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
                return Err(ExtError::Ambiguous {
                    name: s.to_owned(),
                    candidates: many
                        .iter()
                        .filter(|&&i| i <= experimental)
                        .map(|&i| list[i].to_owned())
                        .collect(),
                });
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

const EXT_OIDS: [&str; 8] = [
    "2.5.29.19",
    "2.5.29.15",
    "2.5.29.37",
    "2.5.29.17",
    "2.5.29.18",
    "1.3.6.1.5.5.7.1.11",
    "1.3.6.1.5.5.7.1.1",
    "2.5.29.31",
];

/// The OID of an extension name as `-ext` and `honored=` accept it.
pub fn extension_oid(name: &str) -> Result<Oid, ExtError> {
    match one_of(name, &EXT_NAMES, 6)? {
        Some(i) => Ok(Oid::new_unwrap(EXT_OIDS[i])),
        None => name
            .parse()
            .map_err(|_| ExtError::UnknownExtension(name.to_owned())),
    }
}

/// keytool's `createGeneralName`; `san` allows a wildcard first DNS label.
fn general_name(kind: &str, value: &str, san: bool) -> Result<GeneralName, ExtError> {
    let Some(i) = one_of(kind, &["EMAIL", "URI", "DNS", "IP", "OID"], usize::MAX)? else {
        return Err(ExtError::UnknownNameType(kind.to_owned()));
    };
    Ok(match i {
        0 => {
            if value.is_empty() || value.starts_with('@') || value.ends_with('@') {
                return Err(ExtError::InvalidEmail(value.to_owned()));
            }
            GeneralName::Email(value.to_owned())
        }
        1 => {
            let scheme_ok = value.split_once(':').is_some_and(|(s, _)| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            if !scheme_ok {
                return Err(ExtError::UriWithoutScheme(value.to_owned()));
            }
            GeneralName::Uri(value.to_owned())
        }
        2 => GeneralName::Dns(dns_name(value, san)?),
        3 => GeneralName::Ip(
            value
                .parse::<IpAddr>()
                .map_err(|_| ExtError::InvalidIp(value.to_owned()))?,
        ),
        _ => GeneralName::Oid(
            value
                .parse()
                .map_err(|_| ExtError::InvalidOid(value.to_owned()))?,
        ),
    })
}

/// Java's `DNSName` rules: labels of letters, digits and hyphens, a wildcard only first
/// and only where allowed.
fn dns_name(value: &str, allow_wildcard: bool) -> Result<String, ExtError> {
    if value.is_empty() {
        return Err(ExtError::EmptyDnsName);
    }
    for (i, label) in value.split('.').enumerate() {
        if i == 0 && label == "*" && allow_wildcard {
            continue;
        }
        if label.is_empty() {
            return Err(ExtError::EmptyDnsLabel);
        }
        if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(ExtError::DnsCharacters);
        }
    }
    Ok(value.to_owned())
}

fn names(value: &str, ext: &str, san: bool) -> Result<Vec<GeneralName>, ExtError> {
    value
        .split(',')
        .map(|item| {
            let (t, v) = item.split_once(':').ok_or_else(|| ExtError::IllegalItem {
                item: item.to_owned(),
                ext: ext.to_owned(),
            })?;
            general_name(t, v, san)
        })
        .collect()
}

/// One parsed `-ext` argument: name, critical flag, value.
struct Arg<'a> {
    ext: &'a str,
    critical: bool,
    value: Option<&'a str>,
}

impl Arg<'_> {
    fn need(&self) -> Result<&str, ExtError> {
        self.value
            .ok_or_else(|| ExtError::IllegalValue(self.ext.to_owned()))
    }
}

/// Parses one `-ext` value. `honored=…` (meaningful only to `-gencert`) gives `Ok(None)`.
pub fn parse_ext(ext: &str) -> Result<Option<Extension>, ExtError> {
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
    let arg = Arg {
        ext,
        critical,
        value,
    };
    let made = match one_of(name, &EXT_NAMES, 6)? {
        Some(0) => basic_constraints(&arg)?,
        Some(1) => key_usage(&arg)?,
        Some(2) => extended_key_usage(&arg)?,
        Some(3) => Extension::SubjectAltName {
            critical,
            names: names(arg.need()?, ext, true)?,
        },
        Some(4) => Extension::IssuerAltName {
            critical,
            names: names(arg.need()?, ext, false)?,
        },
        Some(i @ (5 | 6)) => info_access(&arg, i == 5)?,
        Some(_) => Extension::CrlDistributionPoints {
            critical,
            points: vec![DistributionPoint::full_name(names(
                arg.need()?,
                ext,
                false,
            )?)],
        },
        None => Extension::Unknown {
            oid: name
                .parse()
                .map_err(|_| ExtError::UnknownExtension(ext.to_owned()))?,
            critical,
            value: raw_value(value, ext)?,
        },
    };
    Ok(Some(made))
}

fn key_usage(arg: &Arg<'_>) -> Result<Extension, ExtError> {
    let mut list = KeyUsage::NAMES.to_vec();
    list.push("contentCommitment");
    let mut usage = KeyUsage::default();
    for s in arg.need()?.split(',') {
        let p =
            one_of(s, &list, usize::MAX)?.ok_or_else(|| ExtError::UnknownKeyUsage(s.to_owned()))?;
        // contentCommitment is the newer name of nonRepudiation.
        usage = usage.with_bit(if p == 9 {
            1
        } else {
            u8::try_from(p).unwrap_or(0)
        });
    }
    Ok(Extension::KeyUsage {
        critical: arg.critical,
        usage,
    })
}

fn extended_key_usage(arg: &Arg<'_>) -> Result<Extension, ExtError> {
    const NAMES: [&str; 7] = [
        "anyExtendedKeyUsage",
        "serverAuth",
        "clientAuth",
        "codeSigning",
        "emailProtection",
        "timeStamping",
        "OCSPSigning",
    ];
    const OIDS: [Oid; 7] = [
        Oid::ANY_EXTENDED_KEY_USAGE,
        Oid::SERVER_AUTH,
        Oid::CLIENT_AUTH,
        Oid::CODE_SIGNING,
        Oid::EMAIL_PROTECTION,
        Oid::TIME_STAMPING,
        Oid::OCSP_SIGNING,
    ];
    let purposes = arg
        .need()?
        .split(',')
        .map(|s| match one_of(s, &NAMES, usize::MAX)? {
            Some(i) => Ok(OIDS[i]),
            None => s
                .parse()
                .map_err(|_| ExtError::UnknownExtendedKeyUsage(s.to_owned())),
        })
        .collect::<Result<_, _>>()?;
    Ok(Extension::ExtendedKeyUsage {
        critical: arg.critical,
        purposes,
    })
}

fn info_access(arg: &Arg<'_>, subject: bool) -> Result<Extension, ExtError> {
    if arg.critical {
        return Err(ExtError::CannotBeCritical(arg.ext.to_owned()));
    }
    const METHODS: [&str; 4] = ["ocsp", "caIssuers", "timeStamping", "caRepository"];
    const METHOD_OIDS: [&str; 4] = [
        "1.3.6.1.5.5.7.48.1",
        "1.3.6.1.5.5.7.48.2",
        "1.3.6.1.5.5.7.48.3",
        "1.3.6.1.5.5.7.48.5",
    ];
    let mut descriptions = Vec::new();
    for item in arg.need()?.split(',') {
        let mut parts = item.splitn(3, ':');
        let (Some(m), Some(t), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(ExtError::IllegalValue(arg.ext.to_owned()));
        };
        let method = match one_of(m, &METHODS, usize::MAX)? {
            Some(k) => Oid::new_unwrap(METHOD_OIDS[k]),
            None => m
                .parse()
                .map_err(|_| ExtError::UnknownAccessMethod(m.to_owned()))?,
        };
        descriptions.push(AccessDescription::new(method, general_name(t, v, false)?));
    }
    Ok(if subject {
        Extension::SubjectInfoAccess {
            critical: false,
            descriptions,
        }
    } else {
        Extension::AuthorityInfoAccess {
            critical: false,
            descriptions,
        }
    })
}

fn basic_constraints(arg: &Arg<'_>) -> Result<Extension, ExtError> {
    let illegal = || ExtError::IllegalValue(arg.ext.to_owned());
    let (mut ca, mut path_len) = (arg.value.is_none(), None);
    if let Some(v) = arg.value {
        if let Ok(n) = v.parse::<u32>() {
            (ca, path_len) = (true, Some(n));
        } else {
            for part in v.split(',') {
                let (k, val) = part.split_once(':').ok_or_else(illegal)?;
                if k.eq_ignore_ascii_case("ca") {
                    ca = val.eq_ignore_ascii_case("true");
                } else if k.eq_ignore_ascii_case("pathlen") {
                    path_len = Some(val.parse().map_err(|_| illegal())?);
                } else {
                    return Err(illegal());
                }
            }
        }
    }
    Ok(Extension::BasicConstraints {
        critical: arg.critical,
        ca: Some(ca),
        path_len,
    })
}

/// A raw value: hex digits (anything else skipped), wrapped as an OCTET STRING as keytool
/// does.
fn raw_value(value: Option<&str>, ext: &str) -> Result<Vec<u8>, ExtError> {
    let digits: Vec<u8> = value
        .unwrap_or("")
        .chars()
        .filter_map(|c| c.to_digit(16))
        .filter_map(|d| u8::try_from(d).ok())
        .collect();
    if digits.len() % 2 == 1 {
        return Err(ExtError::OddHexDigits(ext.to_owned()));
    }
    let data: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    let mut out = vec![0x04];
    match u8::try_from(data.len()) {
        Ok(n) if n < 0x80 => out.push(n),
        _ => {
            let len = data.len().to_be_bytes();
            let skip = len.iter().take_while(|&&b| b == 0).count();
            out.push(0x80 | u8::try_from(len.len() - skip).unwrap_or(0));
            out.extend_from_slice(&len[skip..]);
        }
    }
    out.extend(data);
    Ok(out)
}

/// `-gencert`'s `honored=all|name[:critical|:non-critical]|-name,...`: the extensions of the
/// request to copy into the certificate. Only the first `honored=` argument counts, as in
/// keytool; later `-ext` values for the same extension replace what it copies.
pub fn honored(args: &[String], requested: &[Extension]) -> Result<Vec<Extension>, ExtError> {
    let Some(spec) = args
        .iter()
        .find_map(|a| a.to_lowercase().strip_prefix("honored=").map(str::to_owned))
    else {
        return Ok(Vec::new());
    };
    let copy = |e: &Extension, critical: bool| Extension::Unknown {
        oid: e.oid(),
        critical,
        value: e.value_der().unwrap_or_default(),
    };
    let mut out: Vec<Extension> = Vec::new();
    let items: Vec<&str> = spec.split(',').collect();
    if items.contains(&"all") {
        out.extend(requested.iter().map(|e| copy(e, e.is_critical())));
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
                    .ok_or_else(|| ExtError::IllegalValue(item.to_owned()))?;
                (n, Some(which == 0))
            }
            None => (item, None),
        };
        let oid = extension_oid(name)?;
        let e = requested
            .iter()
            .find(|e| e.oid() == oid)
            .ok_or_else(|| ExtError::NotInRequest(name.to_owned()))?;
        out.retain(|x| x.oid() != oid);
        out.push(copy(e, toggle.unwrap_or(e.is_critical())));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(s: &str) -> Extension {
        parse_ext(s)
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
            Extension::ExtendedKeyUsage {
                critical: false,
                purposes: vec![Oid::SERVER_AUTH, Oid::CLIENT_AUTH],
            }
        );
        assert_eq!(
            ext("ku:c=kCS,cRLSign"),
            Extension::KeyUsage {
                critical: true,
                usage: KeyUsage::KEY_CERT_SIGN | KeyUsage::CRL_SIGN,
            }
        );
        assert_eq!(
            ext("ku=contentCommitment"),
            Extension::KeyUsage {
                critical: false,
                usage: KeyUsage::NON_REPUDIATION,
            }
        );
        let bc = |critical, ca, path_len| Extension::BasicConstraints {
            critical,
            ca: Some(ca),
            path_len,
        };
        assert_eq!(ext("bc"), bc(false, true, None));
        assert_eq!(ext("bc=0"), bc(false, true, Some(0)));
        assert_eq!(ext("bc:c=ca:false"), bc(true, false, None));
        assert_eq!(
            ext("crl=uri:http://c.example/x.crl").oid().to_string(),
            "2.5.29.31"
        );
        assert!(parse_ext("honored=all").unwrap().is_none());
        assert!(matches!(
            parse_ext("s=dns:x"),
            Err(ExtError::Ambiguous { .. })
        ));
    }

    #[test]
    fn raw_and_bad_values() {
        assert_eq!(
            ext("1.2.3.4=01:02:ab"),
            Extension::Unknown {
                oid: Oid::new_unwrap("1.2.3.4"),
                critical: false,
                value: vec![0x04, 0x03, 0x01, 0x02, 0xab],
            }
        );
        assert_eq!(
            ext("1.2.3.5:critical"),
            Extension::Unknown {
                oid: Oid::new_unwrap("1.2.3.5"),
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
            assert!(parse_ext(bad).is_err(), "{bad}");
        }
        // The wildcard is for SAN only.
        assert!(parse_ext("san=dns:*.example.com").is_ok());
        assert!(parse_ext("ian=dns:*.example.com").is_err());
    }

    #[test]
    fn honored_copies_from_the_request() {
        let requested = vec![ext("san=dns:a.example"), ext("ku:c=digitalSignature")];
        let all = honored(&["honored=all,-ku".into()], &requested).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].oid(), requested[0].oid());
        let toggled = honored(&["honored=ku:non-critical".into()], &requested).unwrap();
        assert!(!toggled[0].is_critical());
        assert!(honored(&["honored=eku".into()], &requested).is_err());
        assert!(honored(&[], &requested).unwrap().is_empty());
    }
}
