//! Java's names for algorithms and curves (`AlgorithmId.getName()`, `NamedCurve`).

use der::asn1::ObjectIdentifier;

/// `AlgorithmId.getName()` for signature algorithms; the dotted OID when Java has no name.
pub(crate) fn signature_name(oid: &ObjectIdentifier) -> String {
    SIGNATURE_NAMES
        .iter()
        .find(|(o, _)| o == oid)
        .map_or_else(|| oid.to_string(), |(_, n)| (*n).to_owned())
}

const SIGNATURE_NAMES: [(ObjectIdentifier, &str); 18] = [
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.2"),
        "MD2withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.4"),
        "MD5withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5"),
        "SHA1withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.14"),
        "SHA224withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11"),
        "SHA256withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12"),
        "SHA384withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13"),
        "SHA512withRSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10"),
        "RSASSA-PSS",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.1"),
        "SHA1withECDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.1"),
        "SHA224withECDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2"),
        "SHA256withECDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3"),
        "SHA384withECDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4"),
        "SHA512withECDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("1.2.840.10040.4.3"),
        "SHA1withDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.1"),
        "SHA224withDSA",
    ),
    (
        ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.2"),
        "SHA256withDSA",
    ),
    (ObjectIdentifier::new_unwrap("1.3.101.112"), "Ed25519"),
    (ObjectIdentifier::new_unwrap("1.3.101.113"), "Ed448"),
];

/// Named curves keytool shows, with their field sizes.
pub(crate) fn curve(oid: &ObjectIdentifier) -> Option<(&'static str, u32)> {
    const CURVES: [(ObjectIdentifier, &str, u32); 9] = [
        (
            ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
            "secp256r1",
            256,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.132.0.34"),
            "secp384r1",
            384,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.132.0.35"),
            "secp521r1",
            521,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.132.0.10"),
            "secp256k1",
            256,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.132.0.33"),
            "secp224r1",
            224,
        ),
        (
            ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.1"),
            "secp192r1",
            192,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.7"),
            "brainpoolP256r1",
            256,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.11"),
            "brainpoolP384r1",
            384,
        ),
        (
            ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.13"),
            "brainpoolP512r1",
            512,
        ),
    ];
    CURVES
        .iter()
        .find(|(o, _, _)| o == oid)
        .map(|(_, n, b)| (*n, *b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_fallbacks() {
        let sha256 = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
        assert_eq!(signature_name(&sha256), "SHA256withRSA");
        let other = ObjectIdentifier::new_unwrap("1.2.3.4");
        assert_eq!(signature_name(&other), "1.2.3.4");
        assert_eq!(
            curve(&ObjectIdentifier::new_unwrap("1.3.132.0.34")),
            Some(("secp384r1", 384))
        );
    }
}
