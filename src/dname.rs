//! Distinguished names, displayed the way Java (`X500Principal.toString()`) and keytool show
//! them: most specific RDN first, `, ` between RDNs, ` + ` inside a multi-valued RDN, keyword
//! names (CN, OU, O, L, ST, C, …, else `OID.n.n.n`), values quoted when they hold special
//! characters.

use std::fmt;

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

use crate::error::CertError;

/// A distinguished name (an X.501 `Name`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DistinguishedName {
    name: Name,
}

/// Keyword for an attribute type, as `AVAKeyword`'s default table (the later entry of a pair
/// wins in Java's map, hence ST, DNQ and EMAILADDRESS).
pub(crate) fn keyword(oid: &ObjectIdentifier) -> Option<&'static str> {
    Some(match oid.to_string().as_str() {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "1.3.6.1.4.1.42.2.11.2.1" => "IP",
        "2.5.4.9" => "STREET",
        "0.9.2342.19200300.100.1.25" => "DC",
        "2.5.4.46" => "DNQ",
        "2.5.4.4" => "SURNAME",
        "2.5.4.42" => "GIVENNAME",
        "2.5.4.43" => "INITIALS",
        "2.5.4.44" => "GENERATION",
        "1.2.840.113549.1.9.1" => "EMAILADDRESS",
        "0.9.2342.19200300.100.1.1" => "UID",
        "2.5.4.5" => "SERIALNUMBER",
        _ => return None,
    })
}

impl DistinguishedName {
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

    #[test]
    fn names_print_most_specific_first() {
        // DER of "C=DE, O=Example, CN=kstest" (C first in the encoding).
        let name: Name = "CN=kstest,O=Example,C=DE".parse().unwrap();
        let dn = DistinguishedName::from_name(name);
        assert_eq!(dn.to_string(), "CN=kstest, O=Example, C=DE");
    }
}
