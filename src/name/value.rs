//! Attribute values as Java reads and writes them: which string type, how text decodes.

use der::Tag;
use der::asn1::{Any, ObjectIdentifier};
use x509_cert::attr::AttributeTypeAndValue;

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
pub(crate) fn printable(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

pub(crate) fn printable_str(v: &str) -> bool {
    v.chars().all(printable)
}

/// Java's choice of string type: IA5String for e-mail addresses and domain components,
/// PrintableString when every character allows it, UTF8String otherwise.
pub(crate) fn string_value(oid: &str, bytes: Vec<u8>, printable: bool) -> Any {
    let tag = if oid == "1.2.840.113549.1.9.1" || oid == "0.9.2342.19200300.100.1.25" {
        // Java encodes with `String.getBytes(US_ASCII)`: one '?' per non-ASCII character.
        if !bytes.is_ascii() {
            let text = String::from_utf8_lossy(&bytes);
            let ascii = text
                .chars()
                .map(|c| u8::try_from(c).ok().filter(u8::is_ascii).unwrap_or(b'?'));
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

pub(crate) fn make_ava(oid: &str, value: Any) -> AttributeTypeAndValue {
    AttributeTypeAndValue {
        oid: ObjectIdentifier::new(oid).expect("known OIDs are valid"),
        value,
    }
}

/// Java's `String.trim()`: strips every character up to U+0020 (controls included) from both
/// ends, and nothing else (Rust's `trim` would also strip U+3000 and friends).
pub(crate) fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}
