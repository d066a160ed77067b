//! The `keystore.pkcs12.*` system properties keytool honours (`-J-D…`), as JDK 17 applies
//! them: a new PKCS#12 store is written in the form they give (`legacy` for Java 8 readers,
//! `certProtectionAlgorithm=NONE` with `macAlgorithm=NONE` for a password-less trust store,
//! the JDK-8275253 recipe); a loaded store keeps its own certificate protection and MAC, and
//! only keys added to it follow `keyProtectionAlgorithm`.

use crate::format::{CertProtection, MacAlgorithm, Pkcs12Options};
use crate::keytool::cli::Options;
use crate::protect::Protection;

/// A `keystore.pkcs12.*` value this crate does not implement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownPkcs12Property {
    /// The property (`keystore.pkcs12.macAlgorithm`).
    pub property: String,
    /// Its value.
    pub value: String,
}

impl UnknownPkcs12Property {
    /// keytool's wording (Java's exception and a clear message; JDK 17 itself fails with a
    /// `StringIndexOutOfBoundsException` for some of these).
    pub fn keytool_text(&self) -> String {
        format!(
            "java.security.NoSuchAlgorithmException: {} is not a supported {} value",
            self.value, self.property
        )
    }
}

const PREFIX: &str = "keystore.pkcs12.";

/// What the properties ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Pkcs12Properties {
    /// The form of a new store: the properties over the modern defaults (or over the Java 8
    /// form under `keystore.pkcs12.legacy`).
    pub new_store: Pkcs12Options,
    /// The protection of keys added to any PKCS#12 store, when a property sets it.
    pub key_protection: Option<Protection>,
    /// True when any `keystore.pkcs12.*` property was given.
    pub any: bool,
}

fn unknown(name: &str, value: &str) -> UnknownPkcs12Property {
    UnknownPkcs12Property {
        property: format!("{PREFIX}{name}"),
        value: value.to_owned(),
    }
}

fn count(name: &str, value: &str) -> Result<u32, UnknownPkcs12Property> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=5_000_000).contains(n))
        .ok_or_else(|| unknown(name, value))
}

fn cert_protection(v: &str) -> Option<CertProtection> {
    Some(match v.to_ascii_uppercase().as_str() {
        "NONE" => CertProtection::None,
        "PBEWITHSHA1ANDRC2_40" => CertProtection::Rc2With40BitKey,
        "PBEWITHSHA1ANDDESEDE" => CertProtection::TripleDes,
        "PBEWITHHMACSHA256ANDAES_256" => CertProtection::Pbes2Aes256,
        _ => return None,
    })
}

fn mac(v: &str) -> Option<MacAlgorithm> {
    Some(match v.to_ascii_uppercase().as_str() {
        "NONE" => MacAlgorithm::None,
        "HMACPBESHA1" => MacAlgorithm::HmacSha1,
        "HMACPBESHA256" => MacAlgorithm::HmacSha256,
        "HMACPBESHA384" => MacAlgorithm::HmacSha384,
        "HMACPBESHA512" => MacAlgorithm::HmacSha512,
        // JDK 26's names for RFC 9579 PBMAC1.
        "PBEWITHHMACSHA256" => MacAlgorithm::Pbmac1Sha256,
        "PBEWITHHMACSHA384" => MacAlgorithm::Pbmac1Sha384,
        "PBEWITHHMACSHA512" => MacAlgorithm::Pbmac1Sha512,
        _ => return None,
    })
}

fn key_protection(v: &str) -> Option<Protection> {
    Some(match v.to_ascii_uppercase().as_str() {
        "PBEWITHHMACSHA256ANDAES_256" => Protection::Pbes2,
        "PBEWITHSHA1ANDDESEDE" => Protection::Pkcs12Pbe,
        _ => return None,
    })
}

/// Reads the `keystore.pkcs12.*` properties of `-J-D` options. `keyPbeIterationCount` is
/// accepted and not applied: keys are sealed with 10,000 (PBES2) or 50,000 (3DES) rounds.
pub fn pkcs12_properties(o: &Options) -> Result<Pkcs12Properties, UnknownPkcs12Property> {
    let get = |name: &str| o.java_property(&format!("{PREFIX}{name}"));
    let legacy = o.java_options.iter().any(|j| {
        j.strip_prefix("-D")
            .is_some_and(|d| d.split('=').next() == Some("keystore.pkcs12.legacy"))
    });
    let mut form = if legacy {
        Pkcs12Options::legacy()
    } else {
        Pkcs12Options::modern()
    };
    let mut key = None;
    if let Some(v) = get("certProtectionAlgorithm") {
        form.cert_protection =
            cert_protection(v).ok_or_else(|| unknown("certProtectionAlgorithm", v))?;
    }
    if let Some(v) = get("macAlgorithm") {
        form.mac = mac(v).ok_or_else(|| unknown("macAlgorithm", v))?;
    }
    if let Some(v) = get("keyProtectionAlgorithm") {
        let p = key_protection(v).ok_or_else(|| unknown("keyProtectionAlgorithm", v))?;
        form.key_protection = p;
        key = Some(p);
    }
    if let Some(v) = get("certPbeIterationCount") {
        form.cert_iterations = count("certPbeIterationCount", v)?;
    }
    if let Some(v) = get("macIterationCount") {
        form.mac_iterations = count("macIterationCount", v)?;
    }
    if let Some(v) = get("keyPbeIterationCount") {
        count("keyPbeIterationCount", v)?;
    }
    let any = o
        .java_options
        .iter()
        .any(|j| j.strip_prefix("-D").is_some_and(|d| d.starts_with(PREFIX)));
    Ok(Pkcs12Properties {
        new_store: form,
        key_protection: key,
        any,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keytool::parse_args;

    fn props(args: &[&str]) -> Result<Pkcs12Properties, UnknownPkcs12Property> {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        pkcs12_properties(&parse_args(&args).expect("parses"))
    }

    #[test]
    fn properties_shape_new_stores_and_new_keys() {
        let none = props(&["-list"]).unwrap();
        assert_eq!(none.new_store, Pkcs12Options::modern());
        assert!(!none.any && none.key_protection.is_none());
        let open = props(&[
            "-list",
            "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
            "-J-Dkeystore.pkcs12.macAlgorithm=NONE",
        ])
        .unwrap();
        assert!(open.new_store.is_passwordless() && open.any);
        let legacy = props(&["-list", "-J-Dkeystore.pkcs12.legacy"]).unwrap();
        assert_eq!(legacy.new_store, Pkcs12Options::legacy());
        let keys = props(&[
            "-list",
            "-J-Dkeystore.pkcs12.legacy",
            "-J-Dkeystore.pkcs12.keyProtectionAlgorithm=PBEWithHmacSHA256AndAES_256",
            "-J-Dkeystore.pkcs12.macIterationCount=2000",
        ])
        .unwrap();
        assert_eq!(keys.key_protection, Some(Protection::Pbes2));
        assert_eq!(keys.new_store.mac_iterations, 2000);
        let bad = props(&["-list", "-J-Dkeystore.pkcs12.macAlgorithm=Foo"]).unwrap_err();
        assert_eq!(bad.property, "keystore.pkcs12.macAlgorithm");
        assert!(props(&["-list", "-J-Dkeystore.pkcs12.macIterationCount=0"]).is_err());
    }
}
