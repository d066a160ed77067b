//! Attribute keywords: Java's `AVAKeyword` tables, for showing names and for `-dname`.

use der::asn1::ObjectIdentifier;

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
pub(crate) fn oid_for_keyword(keyword: &str) -> Option<&'static str> {
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

/// The keywords RFC 2253 defines; Java's `getName()` writes every other type as an OID.
pub(crate) fn rfc2253_keyword(oid: &ObjectIdentifier) -> Option<&'static str> {
    keyword(oid).filter(|k| ["CN", "C", "L", "ST", "O", "OU", "STREET", "DC", "UID"].contains(k))
}
