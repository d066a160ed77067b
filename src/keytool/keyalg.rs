//! keytool's `-keyalg`, `-keysize` and `-groupname`: which key they ask for, with each
//! release's defaults (keytool 17: RSA 2048, EC P-256; keytool 25: RSA 3072, EC P-384) and
//! keytool's refusals.

use crate::error::AlgorithmError;
use crate::inspect::curves;
use crate::kind::Release;
use crate::sign::{Curve, KeySpec};

/// The key `-genkeypair` is to make.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyChoice {
    /// What to generate.
    pub spec: KeySpec,
    /// keytool's deprecation warning for an EC curve chosen by `-keysize`.
    pub warning: Option<String>,
    /// The size keytool 17 prints in `Generating N bit ...`: it prints -1 for algorithms
    /// whose default size it leaves to the generator (RSASSA-PSS, names given as OIDs).
    pub shown_size: i64,
}

/// The key families `-keyalg` names; `None` sets leave the choice to the size or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Rsa { pss: bool },
    Ec,
    Dsa,
    EdDsa(Option<KeySpec>),
    Xdh(Option<KeySpec>),
    MlDsa(Option<KeySpec>),
    MlKem(Option<KeySpec>),
}

const NAMES: &[(&str, &str, Family)] = &[
    ("RSA", "1.2.840.113549.1.1.1", Family::Rsa { pss: false }),
    (
        "RSASSA-PSS",
        "1.2.840.113549.1.1.10",
        Family::Rsa { pss: true },
    ),
    ("PSS", "", Family::Rsa { pss: true }),
    ("EC", "1.2.840.10045.2.1", Family::Ec),
    ("DSA", "1.2.840.10040.4.1", Family::Dsa),
    ("EdDSA", "", Family::EdDsa(None)),
    (
        "Ed25519",
        "1.3.101.112",
        Family::EdDsa(Some(KeySpec::Ed25519)),
    ),
    ("Ed448", "1.3.101.113", Family::EdDsa(Some(KeySpec::Ed448))),
    ("XDH", "", Family::Xdh(None)),
    ("X25519", "1.3.101.110", Family::Xdh(Some(KeySpec::X25519))),
    ("X448", "1.3.101.111", Family::Xdh(Some(KeySpec::X448))),
    ("ML-DSA", "", Family::MlDsa(None)),
    (
        "ML-DSA-44",
        "2.16.840.1.101.3.4.3.17",
        Family::MlDsa(Some(KeySpec::MlDsa44)),
    ),
    (
        "ML-DSA-65",
        "2.16.840.1.101.3.4.3.18",
        Family::MlDsa(Some(KeySpec::MlDsa65)),
    ),
    (
        "ML-DSA-87",
        "2.16.840.1.101.3.4.3.19",
        Family::MlDsa(Some(KeySpec::MlDsa87)),
    ),
    ("ML-KEM", "", Family::MlKem(None)),
    (
        "ML-KEM-512",
        "2.16.840.1.101.3.4.4.1",
        Family::MlKem(Some(KeySpec::MlKem512)),
    ),
    (
        "ML-KEM-768",
        "2.16.840.1.101.3.4.4.2",
        Family::MlKem(Some(KeySpec::MlKem768)),
    ),
    (
        "ML-KEM-1024",
        "2.16.840.1.101.3.4.4.3",
        Family::MlKem(Some(KeySpec::MlKem1024)),
    ),
];

/// The parameter sets of the named families: by name, and by `-keysize` where Java has one.
const SETS: &[(&str, Option<u32>, KeySpec)] = &[
    ("Ed25519", Some(255), KeySpec::Ed25519),
    ("Ed448", Some(448), KeySpec::Ed448),
    ("X25519", Some(255), KeySpec::X25519),
    ("X448", Some(448), KeySpec::X448),
    ("ML-DSA-44", None, KeySpec::MlDsa44),
    ("ML-DSA-65", None, KeySpec::MlDsa65),
    ("ML-DSA-87", None, KeySpec::MlDsa87),
    ("ML-KEM-512", None, KeySpec::MlKem512),
    ("ML-KEM-768", None, KeySpec::MlKem768),
    ("ML-KEM-1024", None, KeySpec::MlKem1024),
];

/// The key `-keyalg keyalg -keysize keysize -groupname groupname` asks `release`'s keytool
/// for.
pub fn choose_key(
    keyalg: &str,
    keysize: Option<u32>,
    groupname: Option<&str>,
    release: Release,
) -> Result<KeyChoice, AlgorithmError> {
    if keysize.is_some() && groupname.is_some() {
        return Err(AlgorithmError::SizeAndGroup);
    }
    let (name, by_oid, family) = lookup(keyalg, release)?;
    let modern = release >= Release::Jdk25;
    let spec = match family {
        Family::Rsa { pss } => rsa(name, keysize, groupname, pss, modern)?,
        Family::Ec => return ec(keysize, groupname, modern),
        Family::Dsa => dsa(keysize, groupname)?,
        Family::EdDsa(set) | Family::Xdh(set) | Family::MlDsa(set) | Family::MlKem(set) => {
            named_set(name, family, set, keysize, groupname)?
        }
    };
    let shown_size = match (keysize, family) {
        (Some(size), _) => i64::from(size),
        (None, Family::Rsa { pss: true }) if !modern => -1,
        (None, _) if by_oid && !modern => -1,
        _ => i64::from(spec_bits(spec)),
    };
    Ok(KeyChoice {
        spec,
        warning: None,
        shown_size,
    })
}

/// The family and canonical name for `-keyalg`, by name (any case) or OID.
fn lookup(keyalg: &str, release: Release) -> Result<(&'static str, bool, Family), AlgorithmError> {
    let found = NAMES.iter().find_map(|&(name, oid, family)| {
        if name.eq_ignore_ascii_case(keyalg) {
            Some((name, false, family))
        } else {
            (!oid.is_empty() && oid == keyalg).then_some((name, true, family))
        }
    });
    match found {
        Some((_, _, Family::MlDsa(_) | Family::MlKem(_))) if release < Release::Jdk25 => {
            Err(AlgorithmError::UnknownKeyAlgorithm {
                name: keyalg.to_owned(),
                newer: true,
            })
        }
        Some(f) => Ok(f),
        None => Err(AlgorithmError::UnknownKeyAlgorithm {
            name: keyalg.to_owned(),
            newer: false,
        }),
    }
}

fn rsa(
    name: &str,
    keysize: Option<u32>,
    groupname: Option<&str>,
    pss: bool,
    modern: bool,
) -> Result<KeySpec, AlgorithmError> {
    if let Some(g) = groupname {
        return Err(group_error(name, g));
    }
    let bits = keysize.unwrap_or(if modern { 3072 } else { 2048 });
    if !(512..=16384).contains(&bits) {
        return Err(AlgorithmError::KeySize {
            algorithm: name.to_owned(),
            size: bits,
        });
    }
    Ok(if pss {
        KeySpec::RsaPss { bits }
    } else {
        KeySpec::Rsa { bits }
    })
}

fn dsa(keysize: Option<u32>, groupname: Option<&str>) -> Result<KeySpec, AlgorithmError> {
    if let Some(g) = groupname {
        return Err(group_error("DSA", g));
    }
    let bits = keysize.unwrap_or(2048);
    match bits {
        1024 | 2048 | 3072 => Ok(KeySpec::Dsa { bits }),
        512 | 768 => Err(AlgorithmError::SizeNotMade {
            algorithm: "DSA".into(),
            size: bits,
        }),
        _ => Err(AlgorithmError::KeySize {
            algorithm: "DSA".into(),
            size: bits,
        }),
    }
}

fn ec(
    keysize: Option<u32>,
    groupname: Option<&str>,
    modern: bool,
) -> Result<KeyChoice, AlgorithmError> {
    let (curve, warning) = match (groupname, keysize) {
        (Some(name), _) => {
            let found = curves::by_name(name).ok_or_else(|| AlgorithmError::UnknownCurve {
                name: name.to_owned(),
            })?;
            (made_curve(found, false)?, None)
        }
        (None, Some(bits)) => {
            let found = curves::by_size(bits).ok_or(AlgorithmError::NoCurveOfSize { bits })?;
            let warning = keysize_warning(found.name);
            (made_curve(found, true)?, Some(warning))
        }
        (None, None) if modern => (Curve::P384, None),
        (None, None) => (Curve::P256, None),
    };
    Ok(KeyChoice {
        spec: KeySpec::Ec(curve),
        warning,
        shown_size: i64::from(curve.bits()),
    })
}

/// The deprecation warning keytool 25 still gives when `-keysize` picked a curve it cannot
/// use (keytool 17 gives none).
pub fn failed_choice_warning(e: &AlgorithmError, release: Release) -> Option<String> {
    match e {
        AlgorithmError::UnsupportedCurve {
            name,
            by_size: true,
            ..
        } if release >= Release::Jdk25 => {
            // Java cuts the name at its first space (`X9.62 prime239v1` gives `X9.62`).
            let name = name.split(' ').next().unwrap_or(name);
            Some(keysize_warning(name))
        }
        _ => None,
    }
}

fn keysize_warning(curve: &str) -> String {
    format!(
        "Specifying -keysize for generating EC keys is deprecated, please use \"-groupname {curve}\" instead."
    )
}

fn made_curve(found: &curves::NamedCurve, by_size: bool) -> Result<Curve, AlgorithmError> {
    match found.name {
        "secp256r1" => Ok(Curve::P256),
        "secp384r1" => Ok(Curve::P384),
        "secp521r1" => Ok(Curve::P521),
        _ => Err(AlgorithmError::UnsupportedCurve {
            name: found.described(),
            oid: found.oid.to_owned(),
            by_size,
        }),
    }
}

/// EdDSA, XDH, ML-DSA and ML-KEM: a fixed set (`Ed25519`) or the family's choice by
/// `-groupname` or `-keysize`, defaulting to its first (the ML families: their middle) set.
fn named_set(
    name: &str,
    family: Family,
    fixed: Option<KeySpec>,
    keysize: Option<u32>,
    groupname: Option<&str>,
) -> Result<KeySpec, AlgorithmError> {
    let in_family = |spec: KeySpec| match family {
        Family::EdDsa(_) => matches!(spec, KeySpec::Ed25519 | KeySpec::Ed448),
        Family::Xdh(_) => matches!(spec, KeySpec::X25519 | KeySpec::X448),
        Family::MlDsa(_) => matches!(spec, KeySpec::MlDsa44 | KeySpec::MlDsa65 | KeySpec::MlDsa87),
        _ => matches!(
            spec,
            KeySpec::MlKem512 | KeySpec::MlKem768 | KeySpec::MlKem1024
        ),
    };
    let chosen = match (groupname, keysize) {
        (Some(g), _) => SETS
            .iter()
            .find(|s| s.0.eq_ignore_ascii_case(g) && in_family(s.2))
            .map(|s| s.2)
            .ok_or_else(|| group_error(name, g))?,
        (None, Some(size)) => SETS
            .iter()
            .find(|s| s.1 == Some(size) && in_family(s.2))
            .map(|s| s.2)
            .ok_or_else(|| AlgorithmError::KeySize {
                algorithm: name.to_owned(),
                size,
            })?,
        (None, None) => fixed.unwrap_or(match family {
            Family::EdDsa(_) => KeySpec::Ed25519,
            Family::Xdh(_) => KeySpec::X25519,
            Family::MlDsa(_) => KeySpec::MlDsa65,
            _ => KeySpec::MlKem768,
        }),
    };
    match fixed {
        Some(f) if f != chosen => Err(match (groupname, keysize) {
            (Some(g), _) => group_error(name, g),
            (None, size) => AlgorithmError::KeySize {
                algorithm: name.to_owned(),
                size: size.unwrap_or_default(),
            },
        }),
        _ => Ok(chosen),
    }
}

fn group_error(algorithm: &str, name: &str) -> AlgorithmError {
    AlgorithmError::GroupName {
        algorithm: algorithm.to_owned(),
        name: name.to_owned(),
    }
}

/// The size keytool prints for a key it made (0 for the lattice keys, which have none).
fn spec_bits(spec: KeySpec) -> u32 {
    match spec {
        KeySpec::Rsa { bits } | KeySpec::RsaPss { bits } | KeySpec::Dsa { bits } => bits,
        KeySpec::Ec(c) => c.bits(),
        KeySpec::Ed25519 | KeySpec::X25519 => 255,
        KeySpec::Ed448 | KeySpec::X448 => 448,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R17: Release = Release::Jdk17;
    const R25: Release = Release::Jdk25;

    fn spec(alg: &str, size: Option<u32>, group: Option<&str>, r: Release) -> KeySpec {
        choose_key(alg, size, group, r).unwrap().spec
    }

    #[test]
    fn defaults_follow_the_release() {
        assert_eq!(spec("rsa", None, None, R17), KeySpec::Rsa { bits: 2048 });
        assert_eq!(spec("RSA", None, None, R25), KeySpec::Rsa { bits: 3072 });
        assert_eq!(spec("EC", None, None, R17), KeySpec::Ec(Curve::P256));
        assert_eq!(spec("EC", None, None, R25), KeySpec::Ec(Curve::P384));
        assert_eq!(spec("EdDSA", None, None, R17), KeySpec::Ed25519);
        assert_eq!(spec("XDH", Some(448), None, R17), KeySpec::X448);
        assert_eq!(spec("ML-DSA", None, None, R25), KeySpec::MlDsa65);
        assert_eq!(
            spec("ml-kem", None, Some("ML-KEM-1024"), R25),
            KeySpec::MlKem1024
        );
        assert_eq!(
            spec("1.2.840.113549.1.1.1", None, None, R17),
            KeySpec::Rsa { bits: 2048 }
        );
        let pss = choose_key("RSASSA-PSS", None, None, R17).unwrap();
        assert_eq!(
            (pss.spec, pss.shown_size),
            (KeySpec::RsaPss { bits: 2048 }, -1)
        );
        let ec = choose_key("EC", Some(384), None, R17).unwrap();
        assert_eq!(ec.spec, KeySpec::Ec(Curve::P384));
        assert!(ec.warning.unwrap().contains("-groupname secp384r1"));
    }

    #[test]
    fn refusals_are_typed() {
        let err = |a: &str, s: Option<u32>, g: Option<&str>, r| choose_key(a, s, g, r).unwrap_err();
        assert!(matches!(
            err("ML-DSA", None, None, R17),
            AlgorithmError::UnknownKeyAlgorithm { newer: true, .. }
        ));
        assert!(matches!(
            err("Foo", None, None, R25),
            AlgorithmError::UnknownKeyAlgorithm { newer: false, .. }
        ));
        assert_eq!(
            err("EC", Some(256), Some("secp256r1"), R17),
            AlgorithmError::SizeAndGroup
        );
        assert!(matches!(
            err("EC", None, Some("foo"), R17),
            AlgorithmError::UnknownCurve { .. }
        ));
        assert!(matches!(
            err("EC", None, Some("secp256k1"), R17),
            AlgorithmError::UnsupportedCurve { by_size: false, .. }
        ));
        assert!(matches!(
            err("EC", Some(224), None, R17),
            AlgorithmError::UnsupportedCurve { by_size: true, .. }
        ));
        assert_eq!(
            err("EC", Some(255), None, R17),
            AlgorithmError::NoCurveOfSize { bits: 255 }
        );
        assert!(matches!(
            err("RSA", Some(511), None, R17),
            AlgorithmError::KeySize { size: 511, .. }
        ));
        assert!(matches!(
            err("Ed25519", Some(448), None, R17),
            AlgorithmError::KeySize { .. }
        ));
        assert!(matches!(
            err("EdDSA", None, Some("X25519"), R17),
            AlgorithmError::GroupName { .. }
        ));
        assert!(matches!(
            err("ML-DSA-65", None, Some("ML-DSA-44"), R25),
            AlgorithmError::GroupName { .. }
        ));
        assert!(matches!(
            err("DSA", Some(512), None, R17),
            AlgorithmError::SizeNotMade { .. }
        ));
        assert!(matches!(
            err("DSA", Some(4096), None, R17),
            AlgorithmError::KeySize { .. }
        ));
    }
}
