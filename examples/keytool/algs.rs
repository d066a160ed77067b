//! Algorithm names and strength labels as keytool 17 prints them, with the JDK 17 defaults of
//! `jdk.certpath.disabledAlgorithms` (MD2, MD5, RSA/DSA < 1024, EC < 224, SHA-1 under a JDK CA
//! for TLS servers) and `jdk.security.legacyAlgorithms` (SHA-1, RSA/DSA < 2048).

use der::asn1::{ObjectIdentifier, UintRef};
use der::{Decode, Sequence};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

/// How strong an algorithm or key is, by JDK 17's default policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Fine,
    Weak,
    Disabled,
}

/// `AlgorithmId.getName()` for signature algorithms.
pub fn signature_name(oid: &ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.2.840.113549.1.1.2" => "MD2withRSA",
        "1.2.840.113549.1.1.4" => "MD5withRSA",
        "1.2.840.113549.1.1.5" => "SHA1withRSA",
        "1.2.840.113549.1.1.14" => "SHA224withRSA",
        "1.2.840.113549.1.1.11" => "SHA256withRSA",
        "1.2.840.113549.1.1.12" => "SHA384withRSA",
        "1.2.840.113549.1.1.13" => "SHA512withRSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.4.1" => "SHA1withECDSA",
        "1.2.840.10045.4.3.1" => "SHA224withECDSA",
        "1.2.840.10045.4.3.2" => "SHA256withECDSA",
        "1.2.840.10045.4.3.3" => "SHA384withECDSA",
        "1.2.840.10045.4.3.4" => "SHA512withECDSA",
        "1.2.840.10040.4.3" => "SHA1withDSA",
        "2.16.840.1.101.3.4.3.1" => "SHA224withDSA",
        "2.16.840.1.101.3.4.3.2" => "SHA256withDSA",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        other => return other.to_owned(),
    };
    name.to_owned()
}

/// The JDK 17 strength of a signature algorithm, given whether the certificate chains to a JDK
/// CA and is used for a TLS server (the only case in which SHA-1 is disabled outright).
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

/// A public key as keytool describes it: its size in bits (if known) and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub bits: Option<u32>,
    pub name: String,
    pub algorithm: String,
}

#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    exponent: UintRef<'a>,
}

#[derive(Sequence)]
struct DssParms<'a> {
    p: UintRef<'a>,
    q: UintRef<'a>,
    g: UintRef<'a>,
}

fn uint_bits(u: &UintRef<'_>) -> u32 {
    let b = u.as_bytes();
    match b.first() {
        None => 0,
        Some(&first) => (b.len() as u32 - 1) * 8 + (8 - first.leading_zeros()),
    }
}

/// Named curves keytool shows, with their field sizes.
fn curve(oid: &str) -> Option<(&'static str, u32)> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => ("secp256r1", 256),
        "1.3.132.0.34" => ("secp384r1", 384),
        "1.3.132.0.35" => ("secp521r1", 521),
        "1.3.132.0.10" => ("secp256k1", 256),
        "1.3.132.0.33" => ("secp224r1", 224),
        "1.2.840.10045.3.1.1" => ("secp192r1", 192),
        "1.3.36.3.3.2.8.1.1.7" => ("brainpoolP256r1", 256),
        "1.3.36.3.3.2.8.1.1.11" => ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13" => ("brainpoolP512r1", 512),
        _ => return None,
    })
}

/// Describes a subject public key.
pub fn key_info(spki: &SubjectPublicKeyInfoOwned) -> KeyInfo {
    let oid = spki.algorithm.oid.to_string();
    let key_bytes = spki.subject_public_key.raw_bytes();
    let params = spki.algorithm.parameters.as_ref();
    let info = |bits: Option<u32>, name: &str, alg: &str| KeyInfo {
        bits,
        name: name.to_owned(),
        algorithm: alg.to_owned(),
    };
    match oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            let bits = RsaPublicKey::from_der(key_bytes)
                .ok()
                .map(|k| uint_bits(&k.modulus));
            let alg = if oid.ends_with(".1") {
                "RSA"
            } else {
                "RSASSA-PSS"
            };
            info(bits, alg, alg)
        }
        "1.2.840.10040.4.1" => {
            let bits = params
                .and_then(|p| p.decode_as::<DssParms<'_>>().ok())
                .map(|p| uint_bits(&p.p));
            info(bits, "DSA", "DSA")
        }
        "1.2.840.10045.2.1" => {
            let named = params.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            match named.as_ref().and_then(|o| curve(&o.to_string())) {
                Some((name, bits)) => info(Some(bits), &format!("EC ({name})"), "EC"),
                None => info(None, "EC", "EC"),
            }
        }
        "1.3.101.112" => info(Some(255), "Ed25519", "EdDSA"),
        "1.3.101.113" => info(Some(448), "Ed448", "EdDSA"),
        "1.3.101.110" => info(Some(255), "X25519", "XDH"),
        "1.3.101.111" => info(Some(448), "X448", "XDH"),
        other => info(None, other, other),
    }
}

/// The JDK 17 strength of a public key.
pub fn key_strength(k: &KeyInfo) -> Strength {
    let Some(bits) = k.bits else {
        return Strength::Fine;
    };
    match k.algorithm.as_str() {
        "RSA" | "RSASSA-PSS" | "DSA" if bits < 1024 => Strength::Disabled,
        "RSA" | "RSASSA-PSS" | "DSA" if bits < 2048 => Strength::Weak,
        "EC" if bits < 224 => Strength::Disabled,
        _ => Strength::Fine,
    }
}

/// `1024-bit RSA key`, with ` (weak)` or ` (disabled)` when the policy says so.
pub fn key_text(k: &KeyInfo) -> String {
    let base = match k.bits {
        Some(b) => format!("{b}-bit {} key", k.name),
        None => format!("{} key of unknown size", k.name),
    };
    match key_strength(k) {
        Strength::Fine => base,
        Strength::Weak => format!("{base} (weak)"),
        Strength::Disabled => format!("{base} (disabled)"),
    }
}

/// `SHA1withRSA (weak)` and the like.
pub fn labelled(name: &str, strength: Strength) -> String {
    match strength {
        Strength::Fine => name.to_owned(),
        Strength::Weak => format!("{name} (weak)"),
        Strength::Disabled => format!("{name} (disabled)"),
    }
}
