//! Java's names for algorithms and curves (`AlgorithmId.getName()`, `NamedCurve`).

use der::asn1::ObjectIdentifier;

/// `AlgorithmId.getName()` as JDK 25 answers for signature algorithms; the dotted OID when
/// Java has no name. JDK 17 shows ML-DSA by OID: `keytool::signature_display` applies that.
pub(crate) fn signature_name_25(oid: &ObjectIdentifier) -> String {
    SIGNATURE_NAMES
        .iter()
        .chain(JDK25_ONLY_SIGNATURES.iter())
        .find(|(o, _)| o == oid)
        .map_or_else(|| oid.to_string(), |(_, n)| (*n).to_owned())
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// Names both releases know.
const SIGNATURE_NAMES: [(ObjectIdentifier, &str); 34] = [
    (oid("1.2.840.113549.1.1.2"), "MD2withRSA"),
    (oid("1.2.840.113549.1.1.4"), "MD5withRSA"),
    (oid("1.2.840.113549.1.1.5"), "SHA1withRSA"),
    (oid("1.2.840.113549.1.1.14"), "SHA224withRSA"),
    (oid("1.2.840.113549.1.1.11"), "SHA256withRSA"),
    (oid("1.2.840.113549.1.1.12"), "SHA384withRSA"),
    (oid("1.2.840.113549.1.1.13"), "SHA512withRSA"),
    (oid("1.2.840.113549.1.1.15"), "SHA512/224withRSA"),
    (oid("1.2.840.113549.1.1.16"), "SHA512/256withRSA"),
    (oid("1.2.840.113549.1.1.10"), "RSASSA-PSS"),
    (oid("2.16.840.1.101.3.4.3.13"), "SHA3-224withRSA"),
    (oid("2.16.840.1.101.3.4.3.14"), "SHA3-256withRSA"),
    (oid("2.16.840.1.101.3.4.3.15"), "SHA3-384withRSA"),
    (oid("2.16.840.1.101.3.4.3.16"), "SHA3-512withRSA"),
    (oid("1.2.840.10045.4.1"), "SHA1withECDSA"),
    (oid("1.2.840.10045.4.3.1"), "SHA224withECDSA"),
    (oid("1.2.840.10045.4.3.2"), "SHA256withECDSA"),
    (oid("1.2.840.10045.4.3.3"), "SHA384withECDSA"),
    (oid("1.2.840.10045.4.3.4"), "SHA512withECDSA"),
    (oid("2.16.840.1.101.3.4.3.9"), "SHA3-224withECDSA"),
    (oid("2.16.840.1.101.3.4.3.10"), "SHA3-256withECDSA"),
    (oid("2.16.840.1.101.3.4.3.11"), "SHA3-384withECDSA"),
    (oid("2.16.840.1.101.3.4.3.12"), "SHA3-512withECDSA"),
    (oid("1.2.840.10040.4.3"), "SHA1withDSA"),
    (oid("2.16.840.1.101.3.4.3.1"), "SHA224withDSA"),
    (oid("2.16.840.1.101.3.4.3.2"), "SHA256withDSA"),
    (oid("2.16.840.1.101.3.4.3.3"), "SHA384withDSA"),
    (oid("2.16.840.1.101.3.4.3.4"), "SHA512withDSA"),
    (oid("2.16.840.1.101.3.4.3.5"), "SHA3-224withDSA"),
    (oid("2.16.840.1.101.3.4.3.6"), "SHA3-256withDSA"),
    (oid("2.16.840.1.101.3.4.3.7"), "SHA3-384withDSA"),
    (oid("2.16.840.1.101.3.4.3.8"), "SHA3-512withDSA"),
    (oid("1.3.101.112"), "Ed25519"),
    (oid("1.3.101.113"), "Ed448"),
];

/// Names only JDK 25 knows (FIPS 204 ML-DSA).
pub(crate) const JDK25_ONLY_SIGNATURES: [(ObjectIdentifier, &str); 3] = [
    (oid("2.16.840.1.101.3.4.3.17"), "ML-DSA-44"),
    (oid("2.16.840.1.101.3.4.3.18"), "ML-DSA-65"),
    (oid("2.16.840.1.101.3.4.3.19"), "ML-DSA-87"),
];

/// A named curve keytool shows, with its field size.
pub(crate) fn curve(oid: &ObjectIdentifier) -> Option<(&'static str, u32)> {
    crate::inspect::curves::by_oid(&oid.to_string()).map(|c| (c.name, c.bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_fallbacks() {
        let sha256 = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
        assert_eq!(signature_name_25(&sha256), "SHA256withRSA");
        let other = ObjectIdentifier::new_unwrap("1.2.3.4");
        assert_eq!(signature_name_25(&other), "1.2.3.4");
        assert_eq!(
            curve(&ObjectIdentifier::new_unwrap("1.3.132.0.34")),
            Some(("secp384r1", 384))
        );
    }
}
