//! Every keystore of the shared corpus, checked against `manifest.tsv` (the survey's JCA dumps).

use javakeystore::error::DecodeError;
use javakeystore::{Entry, Error, Format, KeyStore};

use crate::common::{corpus, hex_upper, read, sha256_hex};

/// One keystore's expectations.
#[derive(Debug, Default)]
struct Expected {
    path: String,
    format: String,
    keytool17_ok: bool,
    keytool25_ok: bool,
    count: usize,
    storepass: String,
    keypass: Vec<(String, String)>,
    error: Option<String>,
    entries: Vec<ExpectedEntry>,
}

#[derive(Debug)]
enum ExpectedEntry {
    Key {
        alias: String,
        created: i64,
        pkcs8: String,
        chain: Vec<String>,
    },
    Trusted {
        alias: String,
        created: i64,
        cert: String,
    },
    Secret {
        alias: String,
        created: i64,
        algorithm: String,
        hex: String,
    },
}

fn manifest() -> Vec<Expected> {
    let text = std::fs::read_to_string(corpus("manifest.tsv")).expect("manifest");
    let mut out: Vec<Expected> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let cur = out.last_mut();
        // Bouncy Castle stores are only checked for a clear "unsupported" error.
        let bouncy = cur
            .as_ref()
            .is_some_and(|c| c.format == "BKS" || c.format == "UBER");
        if bouncy && matches!(f[0], "K" | "C" | "T" | "S") {
            continue;
        }
        match f[0] {
            "F" => out.push(Expected {
                path: f[1].into(),
                format: f[2].into(),
                keytool17_ok: f[3] == "OK",
                keytool25_ok: f[4] == "OK",
                count: f[5].parse().expect("count"),
                storepass: f[6].into(),
                ..Default::default()
            }),
            "P" => cur
                .expect("F first")
                .keypass
                .push((f[1].into(), f[2].into())),
            "E" => cur.expect("F first").error = Some(f[1].into()),
            "K" => cur.expect("F first").entries.push(ExpectedEntry::Key {
                alias: f[1].into(),
                created: f[2].parse().expect("ms"),
                pkcs8: f[3].into(),
                chain: Vec::new(),
            }),
            "C" => match cur.and_then(|c| c.entries.last_mut()) {
                Some(ExpectedEntry::Key { chain, .. }) => chain.push(f[1].into()),
                other => panic!("C line after {other:?}"),
            },
            "T" => cur.expect("F first").entries.push(ExpectedEntry::Trusted {
                alias: f[1].into(),
                created: f[2].parse().expect("ms"),
                cert: f[3].into(),
            }),
            "S" => cur.expect("F first").entries.push(ExpectedEntry::Secret {
                alias: f[1].into(),
                created: f[2].parse().expect("ms"),
                algorithm: f[3].into(),
                hex: f[4].into(),
            }),
            "X" => {} // keys only Bouncy Castle can read
            other => panic!("unknown manifest line kind {other}"),
        }
    }
    out
}

fn keypass<'a>(e: &'a Expected, alias: &str) -> &'a str {
    e.keypass
        .iter()
        .find(|(a, _)| a == alias)
        .map_or(e.storepass.as_str(), |(_, p)| p.as_str())
}

fn check_entries(e: &Expected, store: &KeyStore, loaded_at: i64) {
    assert_eq!(store.len(), e.count, "{}: entry count", e.path);
    for exp in &e.entries {
        match exp {
            ExpectedEntry::Key {
                alias,
                created,
                pkcs8,
                chain,
            } => {
                let Some(Entry::PrivateKey(k)) = store.get(alias) else {
                    panic!("{}: {alias} is not a private key entry", e.path)
                };
                check_date(e, alias, k.created().unix_millis(), *created, loaded_at);
                let key = k
                    .open(keypass(e, alias))
                    .unwrap_or_else(|err| panic!("{}: {alias}: {err}", e.path));
                assert_eq!(
                    &sha256_hex(key.pkcs8_der()),
                    pkcs8,
                    "{}: {alias} key",
                    e.path
                );
                let got: Vec<String> = k.chain().iter().map(|c| sha256_hex(c.as_der())).collect();
                assert_eq!(&got, chain, "{}: {alias} chain", e.path);
                // A plain key bag needs no password, so any opens it.
                let plain = k.protected_key().protection() == javakeystore::Protection::Unencrypted;
                assert_eq!(k.open("definitely-not-the-password").is_err(), !plain);
            }
            ExpectedEntry::Trusted {
                alias,
                created,
                cert,
            } => {
                let Some(Entry::TrustedCert(t)) = store.get(alias) else {
                    panic!("{}: {alias} is not a trusted certificate entry", e.path)
                };
                check_date(e, alias, t.created().unix_millis(), *created, loaded_at);
                assert_eq!(
                    &sha256_hex(t.certificate().as_der()),
                    cert,
                    "{}: {alias}",
                    e.path
                );
                t.certificate().inspect().expect("certificate parses");
            }
            ExpectedEntry::Secret {
                alias,
                created,
                algorithm,
                hex,
            } => {
                let Some(Entry::SecretKey(s)) = store.get(alias) else {
                    panic!("{}: {alias} is not a secret key entry", e.path)
                };
                check_date(e, alias, s.created().unix_millis(), *created, loaded_at);
                let key = s
                    .open(keypass(e, alias))
                    .unwrap_or_else(|err| panic!("{}: {alias}: {err}", e.path));
                assert_eq!(key.algorithm(), algorithm, "{}: {alias}", e.path);
                assert_eq!(
                    hex_upper(key.as_bytes()),
                    hex.to_uppercase(),
                    "{}: {alias}",
                    e.path
                );
            }
        }
    }
}

fn supported(e: &Expected) -> bool {
    matches!(e.format.as_str(), "JKS" | "JCEKS" | "PKCS12")
}

/// The manifest's dates are what Java reported when the survey ran. PKCS#12 trusted
/// certificates, and keys without a `Time` key id, are dated "when loaded" in Java, and so
/// they are here: such a date must be the load time, not a stored one.
fn check_date(e: &Expected, alias: &str, ours: i64, expected: i64, loaded_at: i64) {
    if e.format == "PKCS12" && ours != expected {
        assert!(
            ours >= loaded_at,
            "{}: {alias} date {ours} is neither the stored {expected} nor the load time",
            e.path
        );
        return;
    }
    assert_eq!(ours, expected, "{}: {alias} date", e.path);
}

#[test]
fn every_readable_corpus_store_has_the_expected_contents() {
    let mut checked = 0;
    for e in manifest()
        .iter()
        .filter(|e| supported(e) && (e.keytool17_ok || e.keytool25_ok))
    {
        let bytes = read(&e.path);
        let format: Format = e.format.parse().expect("format name");
        assert_eq!(Format::detect(&bytes), Ok(format), "{}", e.path);
        let loaded_at = javakeystore::Timestamp::now().unix_millis();
        let store = KeyStore::from_bytes(&bytes, e.storepass.as_str())
            .unwrap_or_else(|err| panic!("{}: {err}", e.path));
        check_entries(e, &store, loaded_at);
        // Without a password Java skips a PKCS#12's encrypted parts; password-less ones are
        // complete.
        if format != Format::Pkcs12 || javakeystore::format::is_passwordless(&bytes) {
            let unverified = KeyStore::from_bytes(&bytes, None).expect("unverified load");
            check_entries(e, &unverified, loaded_at);
        }
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} stores checked");
}

#[test]
fn negative_corpus_stores_give_the_right_error() {
    let mut checked = 0;
    for e in manifest()
        .iter()
        // BKS and UBER, which keytool cannot read, are read here (tests/it/bks.rs).
        .filter(|e| !e.keytool17_ok && !e.keytool25_ok && supported(e))
    {
        let bytes = read(&e.path);
        let err = KeyStore::from_bytes(&bytes, e.storepass.as_str()).expect_err(&e.path);
        let java = e.error.as_deref().unwrap_or("");
        let ok = match &err {
            Error::Decode(DecodeError::Invalid { what, .. }) => {
                *what == "secret key entry" && java.contains("Invalid secret key format")
            }
            Error::Integrity => java.contains("tampered") || java.contains("integrity"),
            Error::Decode(DecodeError::Truncated { .. }) => e.path.contains("truncated"),
            _ => false,
        };
        assert!(ok, "{}: got {err:?}, Java said {java:?}", e.path);
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} negative stores checked");
}

#[test]
fn wrong_store_password_is_an_integrity_error_and_key_password_is_distinct() {
    let bytes = read("pyjks/jks/custom_entry_passwords.jks");
    assert!(matches!(
        KeyStore::from_bytes(&bytes, "wrong"),
        Err(Error::Integrity)
    ));
    let store = KeyStore::from_bytes(&bytes, "store_password").expect("load");
    let Some(Entry::PrivateKey(k)) = store.get("private") else {
        panic!("no key")
    };
    assert_eq!(
        k.open("store_password").unwrap_err(),
        javakeystore::error::KeyError::WrongPassword
    );
    k.open("private_password").expect("right key password");
}

#[test]
fn non_ascii_store_password_verifies() {
    let bytes = read("pyjks/jks/non_ascii_password.jks");
    KeyStore::from_bytes(&bytes, "ლ(ಠ益ಠლ)").expect("UTF-16 password");
    assert!(matches!(
        KeyStore::from_bytes(&bytes, "ლ(ಠ益ಠლ"),
        Err(Error::Integrity)
    ));
}
