//! The named curves Java knows (its `CurveDB`): names, aliases, OIDs and field sizes, for
//! naming keys and for refusing `-groupname` and `-keysize` the way keytool does. Keys are
//! made on three of them (P-256, P-384, P-521).

/// A named curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NamedCurve {
    /// The standard name (`secp256r1`).
    pub(crate) name: &'static str,
    /// Java's aliases (`NIST P-256`, `X9.62 prime256v1`).
    pub(crate) aliases: &'static [&'static str],
    /// The dotted OID.
    pub(crate) oid: &'static str,
    /// The field size in bits.
    pub(crate) bits: u32,
}

impl NamedCurve {
    /// `secp192r1 [NIST P-192,X9.62 prime192v1] (1.2.840.10045.3.1.1)`, as Java shows it in
    /// "Curve not supported" errors.
    pub(crate) fn described(&self) -> String {
        if self.aliases.is_empty() {
            self.name.to_owned()
        } else {
            format!("{} [{}]", self.name, self.aliases.join(","))
        }
    }
}

const fn c(
    name: &'static str,
    aliases: &'static [&'static str],
    oid: &'static str,
    bits: u32,
) -> NamedCurve {
    NamedCurve {
        name,
        aliases,
        oid,
        bits,
    }
}

/// In Java's order: the first curve of a size is the one `-keysize` picks.
const CURVES: &[NamedCurve] = &[
    c("secp112r1", &[], "1.3.132.0.6", 112),
    c("secp112r2", &[], "1.3.132.0.7", 112),
    c("secp128r1", &[], "1.3.132.0.28", 128),
    c("secp128r2", &[], "1.3.132.0.29", 128),
    c("secp160k1", &[], "1.3.132.0.9", 160),
    c("secp160r1", &[], "1.3.132.0.8", 160),
    c("secp160r2", &[], "1.3.132.0.30", 160),
    c("secp192k1", &[], "1.3.132.0.31", 192),
    c(
        "secp192r1",
        &["NIST P-192", "X9.62 prime192v1"],
        "1.2.840.10045.3.1.1",
        192,
    ),
    c("secp224k1", &[], "1.3.132.0.32", 224),
    c("secp224r1", &["NIST P-224"], "1.3.132.0.33", 224),
    c("secp256k1", &[], "1.3.132.0.10", 256),
    c(
        "secp256r1",
        &["NIST P-256", "X9.62 prime256v1"],
        "1.2.840.10045.3.1.7",
        256,
    ),
    c("secp384r1", &["NIST P-384"], "1.3.132.0.34", 384),
    c("secp521r1", &["NIST P-521"], "1.3.132.0.35", 521),
    c("X9.62 prime192v2", &[], "1.2.840.10045.3.1.2", 192),
    c("X9.62 prime192v3", &[], "1.2.840.10045.3.1.3", 192),
    c("X9.62 prime239v1", &[], "1.2.840.10045.3.1.4", 239),
    c("X9.62 prime239v2", &[], "1.2.840.10045.3.1.5", 239),
    c("X9.62 prime239v3", &[], "1.2.840.10045.3.1.6", 239),
    c("sect113r1", &[], "1.3.132.0.4", 113),
    c("sect113r2", &[], "1.3.132.0.5", 113),
    c("sect131r1", &[], "1.3.132.0.22", 131),
    c("sect131r2", &[], "1.3.132.0.23", 131),
    c("sect163k1", &["NIST K-163"], "1.3.132.0.1", 163),
    c("sect163r1", &[], "1.3.132.0.2", 163),
    c("sect163r2", &["NIST B-163"], "1.3.132.0.15", 163),
    c("sect193r1", &[], "1.3.132.0.24", 193),
    c("sect193r2", &[], "1.3.132.0.25", 193),
    c("sect233k1", &["NIST K-233"], "1.3.132.0.26", 233),
    c("sect233r1", &["NIST B-233"], "1.3.132.0.27", 233),
    c("sect239k1", &[], "1.3.132.0.3", 239),
    c("sect283k1", &["NIST K-283"], "1.3.132.0.16", 283),
    c("sect283r1", &["NIST B-283"], "1.3.132.0.17", 283),
    c("sect409k1", &["NIST K-409"], "1.3.132.0.36", 409),
    c("sect409r1", &["NIST B-409"], "1.3.132.0.37", 409),
    c("sect571k1", &["NIST K-571"], "1.3.132.0.38", 571),
    c("sect571r1", &["NIST B-571"], "1.3.132.0.39", 571),
    c("brainpoolP160r1", &[], "1.3.36.3.3.2.8.1.1.1", 160),
    c("brainpoolP192r1", &[], "1.3.36.3.3.2.8.1.1.3", 192),
    c("brainpoolP224r1", &[], "1.3.36.3.3.2.8.1.1.5", 224),
    c("brainpoolP256r1", &[], "1.3.36.3.3.2.8.1.1.7", 256),
    c("brainpoolP320r1", &[], "1.3.36.3.3.2.8.1.1.9", 320),
    c("brainpoolP384r1", &[], "1.3.36.3.3.2.8.1.1.11", 384),
    c("brainpoolP512r1", &[], "1.3.36.3.3.2.8.1.1.13", 512),
];

/// The curve of an OID.
pub(crate) fn by_oid(oid: &str) -> Option<&'static NamedCurve> {
    CURVES.iter().find(|c| c.oid == oid)
}

/// The curve a name or alias names, case-insensitively, as Java's `CurveDB` looks it up.
pub(crate) fn by_name(name: &str) -> Option<&'static NamedCurve> {
    CURVES.iter().find(|c| {
        c.name.eq_ignore_ascii_case(name) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The curve `-keysize` picks: Java's choice for each field size it has a curve for.
pub(crate) fn by_size(bits: u32) -> Option<&'static NamedCurve> {
    let name = match bits {
        112 => "secp112r1",
        128 => "secp128r1",
        160 => "secp160k1",
        163 => "sect163r2",
        192 => "secp192r1",
        224 => "secp224r1",
        233 => "sect233k1",
        239 => "X9.62 prime239v1",
        256 => "secp256r1",
        283 => "sect283k1",
        320 => "brainpoolP320r1",
        384 => "secp384r1",
        409 => "sect409k1",
        512 => "brainpoolP512r1",
        521 => "secp521r1",
        571 => "sect571k1",
        _ => return None,
    };
    by_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_java() {
        assert_eq!(by_name("NIST P-256").map(|c| c.name), Some("secp256r1"));
        assert_eq!(by_name("SECP521R1").map(|c| c.bits), Some(521));
        assert_eq!(by_name("prime256v1"), None);
        assert_eq!(by_size(163).map(|c| c.name), Some("sect163r2"));
        assert_eq!(by_size(300), None);
        assert_eq!(
            by_oid("1.2.840.10045.3.1.1")
                .map(|c| c.described())
                .as_deref(),
            Some("secp192r1 [NIST P-192,X9.62 prime192v1]")
        );
        // Every size keytool maps resolves to a curve of that size.
        for bits in [
            112, 128, 160, 163, 192, 224, 233, 239, 256, 283, 320, 384, 409, 512, 521, 571,
        ] {
            assert_eq!(by_size(bits).map(|c| c.bits), Some(bits));
        }
    }
}
