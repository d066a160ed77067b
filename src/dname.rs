//! Distinguished names, displayed the way Java (`X500Principal.toString()`) and keytool show
//! them: most specific RDN first, `, ` between RDNs, ` + ` inside a multi-valued RDN, keyword
//! names (CN, OU, O, L, ST, C, …, else `OID.n.n.n`), values quoted when they hold special
//! characters.

use std::fmt;

use std::str::FromStr;

use der::asn1::{Any, ObjectIdentifier};
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use crate::error::CertError;

/// A distinguished name (an X.501 `Name`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DistinguishedName {
    name: Name,
}

/// Keyword for an attribute type, as `AVAKeyword`'s default table (the later entry of a pair
/// wins in Java's map, hence ST, DNQ and EMAILADDRESS).
pub(crate) fn keyword(oid: &ObjectIdentifier) -> Option<&'static str> {
    // Compared as encoded OIDs: formatting each OID as text made this a hot spot of -list -v.
    KEYWORDS.iter().find(|(o, _)| o == oid).map(|(_, k)| *k)
}

const KEYWORDS: [(ObjectIdentifier, &str); 18] = [
    (ObjectIdentifier::new_unwrap("2.5.4.3"), "CN"),
    (ObjectIdentifier::new_unwrap("2.5.4.6"), "C"),
    (ObjectIdentifier::new_unwrap("2.5.4.7"), "L"),
    (ObjectIdentifier::new_unwrap("2.5.4.8"), "ST"),
    (ObjectIdentifier::new_unwrap("2.5.4.10"), "O"),
    (ObjectIdentifier::new_unwrap("2.5.4.11"), "OU"),
    (ObjectIdentifier::new_unwrap("2.5.4.12"), "T"),
    (
        ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.11.2.1"),
        "IP",
    ),
    (ObjectIdentifier::new_unwrap("2.5.4.9"), "STREET"),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.25"),
        "DC",
    ),
    (ObjectIdentifier::new_unwrap("2.5.4.46"), "DNQ"),
    (ObjectIdentifier::new_unwrap("2.5.4.4"), "SURNAME"),
    (ObjectIdentifier::new_unwrap("2.5.4.42"), "GIVENNAME"),
    (ObjectIdentifier::new_unwrap("2.5.4.43"), "INITIALS"),
    (ObjectIdentifier::new_unwrap("2.5.4.44"), "GENERATION"),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.1"),
        "EMAILADDRESS",
    ),
    (
        ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.1"),
        "UID",
    ),
    (ObjectIdentifier::new_unwrap("2.5.4.5"), "SERIALNUMBER"),
];

/// The attribute types keytool's `-dname` accepts, by keyword.
fn oid_for_keyword(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "CN" => "2.5.4.3",
        "C" => "2.5.4.6",
        "L" => "2.5.4.7",
        "S" | "ST" => "2.5.4.8",
        "O" => "2.5.4.10",
        "OU" => "2.5.4.11",
        "T" => "2.5.4.12",
        "IP" => "1.3.6.1.4.1.42.2.11.2.1",
        "STREET" => "2.5.4.9",
        "DC" => "0.9.2342.19200300.100.1.25",
        "DNQ" | "DNQUALIFIER" => "2.5.4.46",
        "SURNAME" => "2.5.4.4",
        "GIVENNAME" => "2.5.4.42",
        "INITIALS" => "2.5.4.43",
        "GENERATION" => "2.5.4.44",
        "EMAIL" | "EMAILADDRESS" => "1.2.840.113549.1.9.1",
        "UID" => "0.9.2342.19200300.100.1.1",
        "SERIALNUMBER" => "2.5.4.5",
        _ => return None,
    })
}

/// Why a `-dname` string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid distinguished name {input:?}: {reason}")]
pub struct DnParseError {
    input: String,
    reason: String,
}

impl DistinguishedName {
    /// The name keytool builds from its six questions: `CN=…, OU=…, O=…, L=…, ST=…, C=…`,
    /// taking each answer as it is (no escape processing).
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

    /// Wraps an `x509-cert` name.
    pub fn from_name(name: Name) -> Self {
        Self { name }
    }

    /// Parses a DER `Name`.
    pub fn from_der(der: &[u8]) -> Result<Self, CertError> {
        Name::from_der(der)
            .map(Self::from_name)
            .map_err(|e| CertError::Malformed {
                reason: format!("distinguished name: {e}"),
            })
    }

    /// The DER encoding.
    pub fn to_der(&self) -> Vec<u8> {
        self.name
            .to_der()
            .expect("a parsed or built name always encodes")
    }

    /// The `x509-cert` name.
    pub fn as_name(&self) -> &Name {
        &self.name
    }

    /// True when the name has no RDN at all.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty()
    }
}

impl From<Name> for DistinguishedName {
    fn from(name: Name) -> Self {
        Self::from_name(name)
    }
}

/// The value of an attribute as Java's `DerValue.getAsString()` reads it, or `None` for
/// non-string types.
pub(crate) fn value_string(tag: Tag, bytes: &[u8]) -> Option<String> {
    let ascii = |b: &[u8]| {
        b.iter()
            .map(|&c| if c < 0x80 { c as char } else { '\u{FFFD}' })
            .collect()
    };
    // Universal tag numbers: der's `Tag` has no variant for UniversalString.
    if !tag.is_universal() || tag.is_constructed() {
        return None;
    }
    Some(match tag.number().value() {
        0x0C => String::from_utf8_lossy(bytes).into_owned(),
        0x13 | 0x16 | 0x1B => ascii(bytes),
        0x14 => bytes.iter().map(|&c| c as char).collect(),
        0x1E => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        0x1C => bytes
            .chunks(4)
            .map(|c| {
                let mut w = [0u8; 4];
                w[..c.len()].copy_from_slice(c);
                char::from_u32(u32::from_be_bytes(w)).unwrap_or('\u{FFFD}')
            })
            .collect(),
        _ => return None,
    })
}

/// `DerValue.isPrintableStringChar`.
fn printable(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

/// Java's `AVA.toKeywordValueString`: quote when the value holds special characters, leading
/// or trailing white space, or runs of white space; escape `"` and `\`.
fn write_value(out: &mut String, value: &str) {
    const ESCAPEES: &str = ",+=\n<>#;\\\"";
    let chars: Vec<char> = value.chars().collect();
    let already_quoted = chars.len() > 1 && chars[0] == '"' && chars[chars.len() - 1] == '"';
    let mut quote = false;
    let mut previous_white = false;
    let mut body = String::with_capacity(value.len());
    for (i, &c) in chars.iter().enumerate() {
        if already_quoted && (i == 0 || i == chars.len() - 1) {
            body.push(c);
            continue;
        }
        if printable(c) || ESCAPEES.contains(c) {
            if !quote && ((i == 0 && (c == ' ' || c == '\n')) || ESCAPEES.contains(c)) {
                quote = true;
            }
            if c == ' ' || c == '\n' {
                if !quote && previous_white {
                    quote = true;
                }
                previous_white = true;
            } else {
                if c == '"' || c == '\\' {
                    body.push('\\');
                }
                previous_white = false;
            }
        } else {
            previous_white = false;
        }
        body.push(c);
    }
    if body.ends_with([' ', '\n']) {
        quote = true;
    }
    if quote && !already_quoted {
        out.push('"');
        out.push_str(&body);
        out.push('"');
    } else {
        out.push_str(&body);
    }
}

fn write_ava(out: &mut String, ava: &AttributeTypeAndValue) {
    match keyword(&ava.oid) {
        Some(k) => out.push_str(k),
        None => {
            out.push_str("OID.");
            out.push_str(&ava.oid.to_string());
        }
    }
    out.push('=');
    match value_string(ava.value.tag(), ava.value.value()) {
        Some(s) => write_value(out, &s),
        None => {
            out.push('#');
            for b in ava.value.to_der().unwrap_or_default() {
                out.push_str(&format!("{b:02x}"));
            }
        }
    }
}

impl fmt::Display for DistinguishedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let rdns: Vec<_> = self.name.iter_rdn().collect();
        for (i, rdn) in rdns.iter().rev().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            for (j, ava) in rdn.iter().enumerate() {
                if j > 0 {
                    out.push_str(" + ");
                }
                write_ava(&mut out, ava);
            }
        }
        f.write_str(&out)
    }
}

/// The keywords RFC 2253 defines; Java's `getName()` writes every other type as an OID.
fn rfc2253_keyword(oid: &ObjectIdentifier) -> Option<&'static str> {
    keyword(oid).filter(|k| ["CN", "C", "L", "ST", "O", "OU", "STREET", "DC", "UID"].contains(k))
}

impl DistinguishedName {
    /// The RFC 2253 form Java's `X500Principal.getName()` gives (`CN=a,O=b`): what Java
    /// writes as the friendlyName of CA certificates in PKCS#12 chains.
    pub fn to_rfc2253(&self) -> String {
        let mut out = String::new();
        let rdns: Vec<_> = self.name.iter_rdn().collect();
        for (i, rdn) in rdns.iter().rev().enumerate() {
            if i > 0 {
                out.push(',');
            }
            for (j, ava) in rdn.iter().enumerate() {
                if j > 0 {
                    out.push('+');
                }
                let value = value_string(ava.value.tag(), ava.value.value());
                match (rfc2253_keyword(&ava.oid), value) {
                    (Some(k), Some(v)) => {
                        out.push_str(k);
                        out.push('=');
                        escape_rfc2253(&mut out, &v);
                    }
                    (k, _) => {
                        out.push_str(&k.map_or_else(|| ava.oid.to_string(), str::to_owned));
                        out.push_str("=#");
                        for b in ava.value.to_der().unwrap_or_default() {
                            out.push_str(&format!("{b:02x}"));
                        }
                    }
                }
            }
        }
        out
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

fn escape_rfc2253(out: &mut String, value: &str) {
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let special = ",+\"<>;\\".contains(c)
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
}

fn printable_str(v: &str) -> bool {
    v.chars().all(printable)
}

/// Java's choice of string type: IA5String for e-mail addresses and domain components,
/// PrintableString when every character allows it, UTF8String otherwise.
fn string_value(oid: &str, bytes: Vec<u8>, printable: bool) -> Any {
    let tag = if oid == "1.2.840.113549.1.9.1" || oid == "0.9.2342.19200300.100.1.25" {
        // Java encodes with `String.getBytes(US_ASCII)`: one '?' per non-ASCII character.
        if !bytes.is_ascii() {
            let text = String::from_utf8_lossy(&bytes);
            let ascii = text
                .chars()
                .map(|c| if c.is_ascii() { c as u8 } else { b'?' });
            return Any::new(Tag::Ia5String, ascii.collect::<Vec<u8>>())
                .expect("attribute values are far below DER's length limit");
        }
        Tag::Ia5String
    } else if printable {
        Tag::PrintableString
    } else {
        Tag::Utf8String
    };
    Any::new(tag, bytes).expect("attribute values are far below DER's length limit")
}

fn make_ava(oid: &str, value: Any) -> AttributeTypeAndValue {
    AttributeTypeAndValue {
        oid: ObjectIdentifier::new(oid).expect("known OIDs are valid"),
        value,
    }
}

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
fn parse_ava(text: &str) -> Result<AttributeTypeAndValue, String> {
    let (keyword, raw) = text.split_once('=').ok_or("Incorrect AVA format")?;
    let keyword = keyword.trim().to_uppercase();
    let oid = match oid_for_keyword(&keyword) {
        Some(o) => o.to_owned(),
        None => {
            let dotted = keyword.strip_prefix("OID.").unwrap_or(&keyword);
            if !dotted.starts_with(|c: char| c.is_ascii_digit())
                || ObjectIdentifier::new(dotted).is_err()
            {
                return Err(format!("Invalid keyword \"{keyword}\""));
            }
            dotted.to_owned()
        }
    };
    let value = raw.trim_start_matches([' ', '\n']);
    if let Some(hex) = value.strip_prefix('#') {
        let hex = hex.trim_end();
        if hex.is_empty() || hex.len() % 2 == 1 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("AVA parse, invalid hex value".into());
        }
        let der: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0))
            .collect();
        let any = Any::from_der(&der).map_err(|_| "AVA parse, hex value is not DER".to_owned())?;
        return Ok(make_ava(&oid, any));
    }
    let (text, printable) = if let Some(q) = value.strip_prefix('"') {
        let end = q.rfind('"').ok_or("Quoted string did not end in quote")?;
        if !q[end + 1..].trim_matches([' ', '\n']).is_empty() {
            return Err("AVA had characters other than whitespace after terminating quote".into());
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

/// Java's `String.trim()`: strips every character up to U+0020 (controls included) from both
/// ends, and nothing else (Rust's `trim` would also strip U+3000 and friends).
pub(crate) fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// Processes `\x` escapes and `\XX` hex pairs; drops unescaped trailing spaces of an unquoted
/// value. Returns the text and whether it may still be a PrintableString (hex pairs force
/// UTF8String, as in Java).
fn unescape(s: &str, quoted: bool) -> Result<(String, bool), String> {
    const SPECIAL: &str = ",=\n+<>#;\\\" ";
    const MUST_ESCAPE: &str = ",+<>;\"";
    let mut out = Vec::with_capacity(s.len());
    let mut printable = true;
    let mut pending_spaces = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let next = chars.next().ok_or("Invalid trailing backslash")?;
            if next.is_ascii_hexdigit() {
                let lo = chars
                    .next()
                    .filter(char::is_ascii_hexdigit)
                    .ok_or("escaped hex value must include two valid digits")?;
                out.extend(std::iter::repeat_n(b' ', pending_spaces));
                pending_spaces = 0;
                out.push(
                    (next.to_digit(16).unwrap_or(0) * 16 + lo.to_digit(16).unwrap_or(0)) as u8,
                );
                printable = false;
                continue;
            }
            if !SPECIAL.contains(next) {
                return Err(format!("Invalid escaped character in AVA: '{next}'"));
            }
            out.extend(std::iter::repeat_n(b' ', pending_spaces));
            pending_spaces = 0;
            let mut buf = [0u8; 4];
            out.extend_from_slice(next.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        if !quoted && MUST_ESCAPE.contains(c) {
            return Err(format!("Character '{c}' in AVA appears without escape"));
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
    let text = String::from_utf8(out).map_err(|_| "escaped bytes are not UTF-8".to_owned())?;
    Ok((text, printable))
}

impl FromStr for DistinguishedName {
    type Err = DnParseError;

    /// Parses keytool's `-dname` syntax (Java's `X500Name` string form): RDNs separated by
    /// `,` or `;`, most specific first; `+` joins the attributes of a multi-valued RDN;
    /// values may be quoted or use `\` escapes and `\XX` hex pairs; `#hex` gives raw DER.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason: String| DnParseError {
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
                    .map_err(|_| err("duplicate attribute in a multi-valued RDN".into()))?;
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
