//! keytool's `-dname` syntax (Java's `X500Name` string form).

use std::str::FromStr;

use der::Decode;
use der::asn1::{Any, ObjectIdentifier};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use crate::error::{DnError, DnReason};
use crate::name::dn::DistinguishedName;
use crate::name::keyword::oid_for_keyword;
use crate::name::value::{java_trim, make_ava, printable_str, string_value};

/// Splits at unescaped, unquoted separators.
fn split_unquoted<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            c if !quoted && seps.contains(&c) => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// One `keyword=value`, following `AVA(Reader)` in Java's DEFAULT format.
fn parse_ava(text: &str) -> Result<AttributeTypeAndValue, DnReason> {
    let (keyword, raw) = text.split_once('=').ok_or(DnReason::IncorrectAva)?;
    let keyword = keyword.trim().to_uppercase();
    let oid = match oid_for_keyword(&keyword) {
        Some(o) => o.to_owned(),
        None => {
            let dotted = keyword.strip_prefix("OID.").unwrap_or(&keyword);
            if !dotted.starts_with(|c: char| c.is_ascii_digit())
                || ObjectIdentifier::new(dotted).is_err()
            {
                return Err(DnReason::InvalidKeyword(keyword));
            }
            dotted.to_owned()
        }
    };
    let value = raw.trim_start_matches([' ', '\n']);
    if let Some(hex) = value.strip_prefix('#') {
        let hex = hex.trim_end();
        if hex.is_empty() || hex.len() % 2 == 1 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(DnReason::InvalidHex);
        }
        let der: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0))
            .collect();
        let any = Any::from_der(&der).map_err(|_| DnReason::HexNotDer)?;
        return Ok(make_ava(&oid, any));
    }
    let (text, printable) = if let Some(q) = value.strip_prefix('"') {
        let end = q.rfind('"').ok_or(DnReason::UnterminatedQuote)?;
        if !q[end + 1..].trim_matches([' ', '\n']).is_empty() {
            return Err(DnReason::TextAfterQuote);
        }
        let (t, p) = unescape(&q[..end], true)?;
        (java_trim(&t).to_owned(), p)
    } else {
        unescape(value, false)?
    };
    let printable = printable && printable_str(&text);
    Ok(make_ava(
        &oid,
        string_value(&oid, text.into_bytes(), printable),
    ))
}

/// Processes `\x` escapes and `\XX` hex pairs; drops unescaped trailing spaces of an unquoted
/// value. Returns the text and whether it may still be a PrintableString (hex pairs force
/// UTF8String, as in Java).
fn unescape(s: &str, quoted: bool) -> Result<(String, bool), DnReason> {
    const SPECIAL: &str = ",=\n+<>#;\\\" ";
    const MUST_ESCAPE: &str = ",+<>;\"";
    let mut out = Vec::with_capacity(s.len());
    let mut printable = true;
    let mut pending_spaces = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars.next().ok_or(DnReason::TrailingBackslash)?;
            if next.is_ascii_hexdigit() {
                let lo = chars
                    .next()
                    .filter(char::is_ascii_hexdigit)
                    .ok_or(DnReason::BadHexEscape)?;
                out.extend(std::iter::repeat_n(b' ', pending_spaces));
                pending_spaces = 0;
                let byte = next.to_digit(16).unwrap_or(0) * 16 + lo.to_digit(16).unwrap_or(0);
                out.push(u8::try_from(byte).unwrap_or(b'?'));
                printable = false;
                continue;
            }
            if !SPECIAL.contains(next) {
                return Err(DnReason::InvalidEscape(next));
            }
            out.extend(std::iter::repeat_n(b' ', pending_spaces));
            pending_spaces = 0;
            let mut buf = [0u8; 4];
            out.extend_from_slice(next.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        if !quoted && MUST_ESCAPE.contains(c) {
            return Err(DnReason::Unescaped(c));
        }
        if c == ' ' && !quoted {
            pending_spaces += 1;
            continue;
        }
        out.extend(std::iter::repeat_n(b' ', pending_spaces));
        pending_spaces = 0;
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    if quoted {
        out.extend(std::iter::repeat_n(b' ', pending_spaces));
    }
    let text = String::from_utf8(out).map_err(|_| DnReason::NotUtf8)?;
    Ok((text, printable))
}

impl FromStr for DistinguishedName {
    type Err = DnError;

    /// Parses keytool's `-dname` syntax (Java's `X500Name` string form): RDNs separated by
    /// `,` or `;`, most specific first; `+` joins the attributes of a multi-valued RDN;
    /// values may be quoted or use `\` escapes and `\XX` hex pairs; `#hex` gives raw DER.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason: DnReason| DnError {
            input: s.to_owned(),
            reason,
        };
        if s.is_empty() {
            return Ok(Self::from_name(Name::default()));
        }
        let mut rdns = Vec::new();
        for rdn_text in split_unquoted(s, &[',', ';']) {
            let mut rdn = RelativeDistinguishedName::default();
            for ava_text in split_unquoted(rdn_text, &['+']) {
                let ava = parse_ava(ava_text).map_err(err)?;
                rdn.insert(ava)
                    .map_err(|_| err(DnReason::DuplicateAttribute))?;
            }
            rdns.push(rdn);
        }
        let mut seq = RdnSequence::default();
        for rdn in rdns.into_iter().rev() {
            seq.push(rdn);
        }
        Ok(Self::from_name(Name::hazmat_from_rdn_sequence(seq)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::display::write_value;
    use der::{Tag, Tagged};

    fn shown(value: &str) -> String {
        let mut s = String::new();
        write_value(&mut s, value);
        s
    }

    #[test]
    fn quoting_follows_java() {
        assert_eq!(shown("plain value"), "plain value");
        assert_eq!(
            shown("The Go Daddy Group, Inc."),
            "\"The Go Daddy Group, Inc.\""
        );
        assert_eq!(shown(" lead"), "\" lead\"");
        assert_eq!(shown("trail "), "\"trail \"");
        assert_eq!(shown("two  spaces"), "\"two  spaces\"");
        assert_eq!(shown("a\"b"), "\"a\\\"b\"");
        assert_eq!(shown("Ünïcode"), "Ünïcode");
        assert_eq!(shown("Leaf🔑"), "Leaf🔑");
    }

    fn parsed(s: &str) -> DistinguishedName {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn dname_syntax_round_trips_through_display() {
        for (input, shown) in [
            (
                "CN=kstest, OU=survey, O=Example, L=Berlin, ST=BE, C=DE",
                "CN=kstest, OU=survey, O=Example, L=Berlin, ST=BE, C=DE",
            ),
            ("cn=a;o=b", "CN=a, O=b"),
            ("CN=\"Smith, John\", O=X", "CN=\"Smith, John\", O=X"),
            ("CN=Smith\\, John", "CN=\"Smith, John\""),
            ("CN=a+OU=b, O=c", "CN=a + OU=b, O=c"),
            ("OU=b+CN=a, O=c", "CN=a + OU=b, O=c"),
            (
                "EMAIL=a@example.com, DC=example, DC=com",
                "EMAILADDRESS=a@example.com, DC=example, DC=com",
            ),
            ("OID.2.5.4.97=VATDE-1, CN=x", "OID.2.5.4.97=VATDE-1, CN=x"),
            ("CN=ünïcødé", "CN=ünïcødé"),
            ("CN=", "CN="),
            ("CN=trailing   ", "CN=trailing"),
            ("S=Bavaria", "ST=Bavaria"),
        ] {
            assert_eq!(parsed(input).to_string(), shown, "{input}");
        }
    }

    #[test]
    fn ia5_values_replace_non_ascii_as_java_does() {
        // keytool 17: -dname 'EMAILADDRESS=a日b😀c, DC=x日' gives IA5Strings "a?b?c" and "x?".
        let dn: DistinguishedName = "EMAILADDRESS=a日b😀c, DC=x日".parse().unwrap();
        assert_eq!(dn.to_string(), "EMAILADDRESS=a?b?c, DC=x?");
    }

    #[test]
    fn quoted_values_are_trimmed_as_java_trims() {
        // `String.trim()` strips controls and spaces, not U+3000 (Rust's `trim` would).
        let dn: DistinguishedName = "CN=\" \u{3000}x\t\"".parse().unwrap();
        let dn2: DistinguishedName = "CN=\u{3000}x".parse().unwrap();
        assert_eq!(dn.to_der(), dn2.to_der());
        // An escaped leading space is kept unquoted; shown quoted, Java trims it away.
        let spaced: DistinguishedName = "CN=\\ x".parse().unwrap();
        assert_eq!(spaced.to_string(), "CN=\" x\"");
        let reparsed: DistinguishedName = spaced.to_string().parse().unwrap();
        assert_eq!(reparsed.to_string(), "CN=x");
    }

    #[test]
    fn value_types_follow_java() {
        let dn = parsed("CN=plain, O=Ünï, EMAILADDRESS=a@b.c");
        let tags: Vec<Tag> = dn
            .as_name()
            .iter_rdn()
            .flat_map(|r| r.iter().map(|a| a.value.tag()))
            .collect();
        assert_eq!(
            tags,
            [Tag::Ia5String, Tag::Utf8String, Tag::PrintableString]
        );
        // '#' is not a PrintableString character.
        let dn = parsed("CN=a\\#1");
        let tag = dn
            .as_name()
            .iter_rdn()
            .flat_map(|r| r.iter().map(|a| a.value.tag()))
            .next();
        assert_eq!(tag, Some(Tag::Utf8String));
    }

    #[test]
    fn bad_names_are_refused() {
        for bad in ["CN", "BOGUS=x", "CN=a,b", "CN=\"open", "CN=x\\q", "CN=#1"] {
            assert!(bad.parse::<DistinguishedName>().is_err(), "{bad}");
        }
    }

    #[test]
    fn components_match_the_prompted_name() {
        let dn = DistinguishedName::from_components(
            "cvp1.example.com",
            "CC",
            "Example",
            "Tokyo",
            "Tokyo",
            "JP",
        );
        assert_eq!(
            dn,
            parsed("CN=cvp1.example.com, OU=CC, O=Example, L=Tokyo, ST=Tokyo, C=JP")
        );
    }

    #[test]
    fn names_print_most_specific_first() {
        // DER of "C=DE, O=Example, CN=kstest" (C first in the encoding).
        let name: Name = "CN=kstest,O=Example,C=DE".parse().unwrap();
        let dn = DistinguishedName::from_name(name);
        assert_eq!(dn.to_string(), "CN=kstest, O=Example, C=DE");
    }
}
