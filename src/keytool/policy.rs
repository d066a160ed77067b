//! The JDK's algorithm policy as keytool 17 applies it: the defaults of
//! `jdk.certpath.disabledAlgorithms` (MD2, MD5, RSA/DSA < 1024, EC < 224, SHA-1 under a JDK
//! CA for TLS servers) and `jdk.security.legacyAlgorithms` (SHA-1, RSA/DSA < 2048).

use crate::inspect::PublicKeyInfo;
use crate::inspect::names::JDK25_ONLY_SIGNATURES;
use crate::kind::Release;

/// How strong an algorithm or key is, by the JDK's default policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Strength {
    /// Nothing to say.
    Fine,
    /// Legacy: keytool warns that it "will be disabled in a future update".
    Weak,
    /// Disabled: keytool says it "is disabled".
    Disabled,
}

impl Strength {
    /// keytool's suffix for the strength: ``, ` (weak)` or ` (disabled)`.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Fine => "",
            Self::Weak => " (weak)",
            Self::Disabled => " (disabled)",
        }
    }
}

/// The strength of a signature algorithm (by Java name), given whether the certificate
/// chains to a JDK CA and is used for a TLS server (the only case in which SHA-1 is disabled
/// outright).
pub fn signature_strength(name: &str, jdk_ca_tls_server: bool) -> Strength {
    let upper = name.to_ascii_uppercase();
    if upper.starts_with("MD2") || upper.starts_with("MD5") {
        Strength::Disabled
    } else if upper.starts_with("SHA1") {
        if jdk_ca_tls_server {
            Strength::Disabled
        } else {
            Strength::Weak
        }
    } else {
        Strength::Fine
    }
}

/// The strength of a public key.
pub fn key_strength(key: &PublicKeyInfo) -> Strength {
    let Some(bits) = key.bits else {
        return Strength::Fine;
    };
    match key.java_algorithm.as_str() {
        "RSA" | "RSASSA-PSS" | "DSA" if bits < 1024 => Strength::Disabled,
        "RSA" | "RSASSA-PSS" | "DSA" if bits < 2048 => Strength::Weak,
        "EC" if bits < 224 => Strength::Disabled,
        _ => Strength::Fine,
    }
}

/// How keytool names a key: `2048-bit RSA key`, `256-bit EC (secp256r1) key`.
///
/// keytool 17 gives every key it knows a size (`255-bit Ed25519 key`, `255-bit XDH key`) and
/// the others none (`2.16.840.1.101.3.4.3.18 key of unknown size`); keytool 25 names the
/// curve and lattice keys without one (`Ed25519 key`, `X25519 key`, `ML-DSA-65 key`).
pub fn key_description(key: &PublicKeyInfo, release: Release) -> String {
    let name = match key.curve {
        Some(curve) => format!("{} ({curve})", key.name),
        None => key.name.clone(),
    };
    let sized = matches!(
        key.java_algorithm.as_str(),
        "RSA" | "RSASSA-PSS" | "DSA" | "EC"
    );
    match (release, key.bits) {
        (Release::Jdk17, Some(b)) if key.java_algorithm == "XDH" => format!("{b}-bit XDH key"),
        (Release::Jdk17, Some(b)) => format!("{b}-bit {name} key"),
        (Release::Jdk17, None) => format!("{} key of unknown size", java17_name(key)),
        (_, Some(b)) if sized => format!("{b}-bit {name} key"),
        _ => format!("{name} key"),
    }
}

/// The name JDK 17 gives a key it does not know: its OID.
fn java17_name(key: &PublicKeyInfo) -> String {
    if key.name.starts_with("ML-") {
        key.algorithm.to_string()
    } else {
        key.name.clone()
    }
}

/// `1024-bit RSA key (weak)`: the description with the policy's label, as `-list -v` shows it.
pub fn key_text(key: &PublicKeyInfo, release: Release) -> String {
    format!(
        "{}{}",
        key_description(key, release),
        key_strength(key).suffix()
    )
}

/// A signature algorithm's name as the release shows it: JDK 17 does not know ML-DSA and
/// shows its OID.
pub fn signature_display(name: &str, release: Release) -> String {
    match JDK25_ONLY_SIGNATURES.iter().find(|(_, n)| *n == name) {
        Some((oid, _)) if release == Release::Jdk17 => oid.to_string(),
        _ => name.to_owned(),
    }
}

/// `SHA1withRSA (weak)` and the like.
pub fn labelled(name: &str, strength: Strength) -> String {
    format!("{name}{}", strength.suffix())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jdk17_defaults() {
        assert_eq!(signature_strength("MD5withRSA", false), Strength::Disabled);
        assert_eq!(signature_strength("SHA1withRSA", false), Strength::Weak);
        assert_eq!(signature_strength("SHA1withRSA", true), Strength::Disabled);
        assert_eq!(signature_strength("SHA256withRSA", true), Strength::Fine);
        assert_eq!(
            labelled("SHA1withRSA", Strength::Weak),
            "SHA1withRSA (weak)"
        );
    }
}
