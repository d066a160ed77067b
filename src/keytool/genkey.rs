//! `-genkeypair`'s signature algorithm, its `Generating ...` line, and keytool's exception
//! texts for refused algorithms.

use crate::error::AlgorithmError;
use crate::key::{KeyAlgorithm, PrivateKey};
use crate::keytool::keyalg::KeyChoice;
use crate::keytool::text::grouped;
use crate::kind::Release;
use crate::name::DistinguishedName;
use crate::sign::{KeySpec, SignatureAlgorithm};

/// The signature algorithm keytool signs with using `key`: `-sigalg` if given (any case,
/// checked against the key), else the release's default for the key.
pub fn choose_signature(
    sigalg: Option<&str>,
    key: &PrivateKey,
    release: Release,
) -> Result<SignatureAlgorithm, AlgorithmError> {
    let Some(name) = sigalg else {
        return SignatureAlgorithm::default_for_release(key, release).map_err(|_| {
            AlgorithmError::CannotSign {
                algorithm: key.algorithm().java_name().to_owned(),
            }
        });
    };
    let unknown = || AlgorithmError::UnknownSignature {
        name: name.to_owned(),
    };
    let alg: SignatureAlgorithm = name.parse().map_err(|_| unknown())?;
    if release < Release::Jdk25 && alg.java_name().starts_with("ML-DSA") {
        return Err(unknown());
    }
    if !alg.fits(key) {
        return Err(AlgorithmError::Mismatch {
            signature: alg.java_name().to_owned(),
            key: key.algorithm().name().to_owned(),
        });
    }
    alg.resolve(key, release).map_err(|_| unknown())
}

/// What keytool announces before it makes a key pair.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Generating<'a> {
    /// The key asked for.
    pub key: &'a KeyChoice,
    /// The certificate's signature algorithm.
    pub signature: SignatureAlgorithm,
    /// `-validity`, in days.
    pub validity_days: i64,
    /// The certificate's subject.
    pub subject: &'a DistinguishedName,
    /// The signer's alias, for `-signer`.
    pub issuer: Option<&'a str>,
}

impl<'a> Generating<'a> {
    /// The announcement of a key pair of `key` signed with `signature`.
    pub fn new(
        key: &'a KeyChoice,
        signature: SignatureAlgorithm,
        validity_days: i64,
        subject: &'a DistinguishedName,
        issuer: Option<&'a str>,
    ) -> Self {
        Self {
            key,
            signature,
            validity_days,
            subject,
            issuer,
        }
    }
}

/// keytool's `Generating ... key pair and ...` line (two lines, for `for: <dname>`), as
/// `release` words it: keytool 17 `Generating 2,048 bit RSA`, keytool 25 `Generating
/// 2048-bit RSA` and `Generating Ed25519`.
pub fn generating_text(g: &Generating<'_>, release: Release) -> String {
    let days = grouped(u64::try_from(g.validity_days).unwrap_or(0));
    let (sig, dn) = (g.signature.java_name(), g.subject);
    let what = match release {
        Release::Jdk17 => {
            let size = g.key.shown_size;
            let size = if size < 0 {
                size.to_string()
            } else {
                grouped(size.unsigned_abs())
            };
            format!("{size} bit {}", name_17(g.key.spec))
        }
        _ => full_name_25(g.key.spec),
    };
    match g.issuer {
        Some(signer) => format!(
            "Generating {what} key pair and a certificate ({sig}) issued by <{signer}> with a validity of {days} days\n\tfor: {dn}"
        ),
        None => format!(
            "Generating {what} key pair and self-signed certificate ({sig}) with a validity of {days} days\n\tfor: {dn}"
        ),
    }
}

fn name_17(spec: KeySpec) -> String {
    match spec {
        KeySpec::Rsa { .. } => "RSA".into(),
        KeySpec::RsaPss { .. } => "RSASSA-PSS".into(),
        KeySpec::Ec(c) => format!("EC ({})", c.name()),
        KeySpec::Dsa { .. } => "DSA".into(),
        KeySpec::Ed25519 => "Ed25519".into(),
        KeySpec::Ed448 => "Ed448".into(),
        KeySpec::X25519 | KeySpec::X448 => "XDH".into(),
        other => full_name_25(other),
    }
}

fn full_name_25(spec: KeySpec) -> String {
    match spec {
        KeySpec::Rsa { bits } => format!("{bits}-bit RSA"),
        KeySpec::RsaPss { bits } => format!("{bits}-bit RSASSA-PSS"),
        KeySpec::Ec(c) => format!("{}-bit EC ({})", c.bits(), c.name()),
        KeySpec::Dsa { bits } => format!("{bits}-bit DSA"),
        KeySpec::Ed25519 => "Ed25519".into(),
        KeySpec::Ed448 => "Ed448".into(),
        KeySpec::X25519 => "X25519".into(),
        KeySpec::X448 => "X448".into(),
        KeySpec::MlDsa44 => "ML-DSA-44".into(),
        KeySpec::MlDsa65 => "ML-DSA-65".into(),
        KeySpec::MlDsa87 => "ML-DSA-87".into(),
        KeySpec::MlKem512 => "ML-KEM-512".into(),
        KeySpec::MlKem768 => "ML-KEM-768".into(),
        _ => "ML-KEM-1024".into(),
    }
}

/// The exception keytool prints (after `keytool error: `) for a refused algorithm.
pub fn algorithm_exception(e: &AlgorithmError, release: Release) -> String {
    const IAE: &str = "java.lang.IllegalArgumentException";
    match e {
        AlgorithmError::UnknownKeyAlgorithm { name, .. } => {
            format!("java.security.NoSuchAlgorithmException: {name} KeyPairGenerator not available")
        }
        AlgorithmError::UnknownSignature { name } => {
            format!("java.security.NoSuchAlgorithmException: {name} Signature not available")
        }
        AlgorithmError::UnknownCurve { name } => format!("{IAE}: Unknown curve name: {name}"),
        AlgorithmError::UnsupportedCurve { name, oid, by_size: false } => {
            format!("{IAE}: Curve not supported: {name} ({oid})")
        }
        AlgorithmError::UnsupportedCurve { name, oid, by_size: true } => {
            format!("java.security.ProviderException: Curve not supported:  {name} ({oid})")
        }
        AlgorithmError::NoCurveOfSize { .. } => {
            "java.security.spec.InvalidParameterSpecException: Not a supported curve: sun.security.util.ECKeySizeParameterSpec@1b6d3586".into()
        }
        AlgorithmError::KeySize { algorithm, size } => key_size_text(algorithm, *size, release),
        AlgorithmError::GroupName { algorithm, name } => group_text(algorithm, name),
        AlgorithmError::SizeAndGroup => {
            "java.lang.Exception: Cannot specify both -groupname and -keysize".into()
        }
        AlgorithmError::CannotSign { algorithm } => {
            format!("{IAE}: Cannot derive signature algorithm from {algorithm}")
        }
        AlgorithmError::Mismatch { signature, key } => mismatch_text(signature, key),
        other => format!("java.security.InvalidParameterException: {other}"),
    }
}

fn key_size_text(algorithm: &str, size: u32, release: Release) -> String {
    const IAE: &str = "java.lang.IllegalArgumentException";
    match algorithm {
        "RSA" | "RSASSA-PSS" | "PSS" if release >= Release::Jdk25 => {
            format!("{IAE}: java.security.InvalidAlgorithmParameterException: Invalid key sizes")
        }
        "RSA" | "RSASSA-PSS" | "PSS" => format!("{IAE}: Invalid key sizes"),
        "DSA" => format!("{IAE}: Invalid DSA Prime Size: {size}"),
        "EdDSA" | "XDH" => format!("{IAE}: Unsupported size: {size}"),
        a if a.starts_with("ML-") => format!("{IAE}: keysize not supported"),
        a => format!("{IAE}: Parameters must be {a}"),
    }
}

fn group_text(algorithm: &str, name: &str) -> String {
    const IAE: &str = "java.lang.IllegalArgumentException";
    match algorithm {
        "RSA" | "RSASSA-PSS" | "PSS" => {
            format!("{IAE}: Params must be instance of RSAKeyGenParameterSpec")
        }
        "DSA" => format!("{IAE}: Inappropriate parameter"),
        "EdDSA" | "XDH" => format!("{IAE}: Unsupported name: {name}"),
        a if a.starts_with("ML-") => format!("{IAE}: Unsupported parameter set name: {name}"),
        "X25519" | "X448" => format!("{IAE}: Parameters must be {algorithm}"),
        a => format!("{IAE}: java.security.InvalidParameterException: Parameters must be {a}"),
    }
}

/// Java's `Signature.initSign` refusals: the EdDSA and ML-DSA engines word theirs; the
/// others find no provider for the key's class.
fn mismatch_text(signature: &str, key: &str) -> String {
    const IKE: &str = "java.security.InvalidKeyException";
    let key_alg = KeyAlgorithm::from_name(key);
    let ed_key = matches!(key_alg, Some(KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448));
    let ml_key = key.starts_with("ML-DSA");
    if matches!(signature, "Ed25519" | "Ed448" | "EdDSA") {
        return if ed_key {
            format!("{IKE}: Parameters must be {signature}")
        } else {
            format!("{IKE}: Unsupported key type")
        };
    }
    if signature.starts_with("ML-DSA") {
        return if ml_key {
            format!("{IKE}: Unsupported parameter set name: {key}")
        } else {
            format!("{IKE}: Cannot parse input")
        };
    }
    let class = match key_alg {
        Some(KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss) => "sun.security.rsa.RSAPrivateCrtKeyImpl",
        Some(KeyAlgorithm::Ec) => "sun.security.ec.ECPrivateKeyImpl",
        Some(KeyAlgorithm::Dsa) => "sun.security.provider.DSAPrivateKey",
        Some(KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448) => {
            "sun.security.ec.ed.EdDSAPrivateKeyImpl"
        }
        Some(KeyAlgorithm::X25519 | KeyAlgorithm::X448) => "sun.security.ec.XDHPrivateKeyImpl",
        _ => "sun.security.pkcs.NamedPKCS8Key",
    };
    format!("{IKE}: No installed provider supports this key: {class}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keytool::keyalg::choose_key;

    #[test]
    fn announcements_match_each_release() {
        let dn: DistinguishedName = "CN=x".parse().unwrap();
        let rsa = choose_key("RSA", None, None, Release::Jdk17).unwrap();
        let g = Generating::new(&rsa, SignatureAlgorithm::Sha256WithRsa, 3650, &dn, None);
        assert_eq!(
            generating_text(&g, Release::Jdk17),
            "Generating 2,048 bit RSA key pair and self-signed certificate (SHA256withRSA) with a validity of 3,650 days\n\tfor: CN=x"
        );
        let ec = choose_key("EC", None, None, Release::Jdk25).unwrap();
        let g = Generating::new(
            &ec,
            SignatureAlgorithm::Sha384WithEcdsa,
            90,
            &dn,
            Some("ca"),
        );
        assert_eq!(
            generating_text(&g, Release::Jdk25),
            "Generating 384-bit EC (secp384r1) key pair and a certificate (SHA384withECDSA) issued by <ca> with a validity of 90 days\n\tfor: CN=x"
        );
        let x = choose_key("X448", None, None, Release::Jdk17).unwrap();
        let g = Generating::new(&x, SignatureAlgorithm::Sha256WithEcdsa, 90, &dn, Some("ca"));
        assert!(generating_text(&g, Release::Jdk17).starts_with("Generating 448 bit XDH key pair"));
        assert!(generating_text(&g, Release::Jdk25).starts_with("Generating X448 key pair"));
    }

    #[test]
    fn signatures_are_checked_against_the_key() {
        let ed = PrivateKey::generate(KeySpec::Ed25519).unwrap();
        let pick = |s: Option<&str>, r| choose_signature(s, &ed, r);
        assert_eq!(pick(None, Release::Jdk17), Ok(SignatureAlgorithm::Ed25519));
        assert_eq!(
            pick(Some("eddsa"), Release::Jdk17),
            Ok(SignatureAlgorithm::Ed25519)
        );
        let e = pick(Some("Ed448"), Release::Jdk17).unwrap_err();
        assert_eq!(
            algorithm_exception(&e, Release::Jdk17),
            "java.security.InvalidKeyException: Parameters must be Ed448"
        );
        let e = pick(Some("SHA256withRSA"), Release::Jdk17).unwrap_err();
        assert!(algorithm_exception(&e, Release::Jdk17).ends_with("EdDSAPrivateKeyImpl"));
        let e = pick(Some("ML-DSA-65"), Release::Jdk17).unwrap_err();
        assert_eq!(
            e,
            AlgorithmError::UnknownSignature {
                name: "ML-DSA-65".into()
            }
        );
        let x = PrivateKey::generate(KeySpec::X25519).unwrap();
        let e = choose_signature(None, &x, Release::Jdk17).unwrap_err();
        assert_eq!(
            algorithm_exception(&e, Release::Jdk17),
            "java.lang.IllegalArgumentException: Cannot derive signature algorithm from XDH"
        );
    }
}
