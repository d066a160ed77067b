//! Bouncy Castle's BKS (v1, v2) and UBER stores, as pyjks' test files hold them (see
//! tests/data/corpus/INDEX.md): entries, keys and secrets as Bouncy Castle stored them, the
//! integrity check refusing a wrong password, and `-importkeystore` converting them to stores
//! keytool reads.

use javakeystore::{Entry, Format, KeyStore};

use crate::cli::{ours, text};
use crate::common::{Keytool, corpus, hex_upper, read};
use crate::interop::scratch;

#[test]
fn bks_and_uber_stores_are_read_with_their_keys() {
    let key = read("pyjks/expected/bks_christmas.private_key.pkcs8.der");
    let cert = read("pyjks/expected/bks_christmas.cert1.der");
    for (file, format) in [
        ("pyjks/bks/christmas.bksv1", Format::Bks),
        ("pyjks/bks/christmas.bksv2", Format::Bks),
        ("pyjks/uber/christmas.uber", Format::Uber),
    ] {
        let bytes = read(file);
        assert_eq!(Format::detect(&bytes), Ok(Format::Bks), "{file}");
        let (store, stored) = KeyStore::decode(bytes.clone(), Some("12345678")).expect(file);
        assert_eq!(store.format(), format, "{file}");
        let Some(Entry::PrivateKey(k)) = store.get("sealed_private_key") else {
            panic!("{file}: the sealed private key")
        };
        assert_eq!(
            k.open("12345678").expect("opens").pkcs8_der(),
            key.as_slice(),
            "{file}"
        );
        assert_eq!(k.chain()[0].as_der(), cert.as_slice(), "{file}");
        let Some(Entry::TrustedCert(t)) = store.get("cert") else {
            panic!("{file}: the certificate entry")
        };
        assert_eq!(t.certificate().as_der(), cert.as_slice());
        let Some(Entry::SecretKey(s)) = store.get("sealed_secret_key") else {
            panic!("{file}: the sealed secret key")
        };
        let secret = s.open("12345678").expect("secret");
        assert_eq!(
            (secret.algorithm(), hex_upper(secret.as_bytes()).as_str()),
            ("AES", "3F680504C66CC25AAE65D0FA49C526EC")
        );
        // The stored value and the public key have no keytool equivalent: reported.
        assert!(!stored.skipped.is_empty(), "{file}");
        assert!(matches!(
            KeyStore::from_bytes(&bytes, Some("wrong-password")),
            Err(javakeystore::Error::WrongStorePassword)
        ));
        // Saving in place is refused (read only), never a store written without entries.
        assert!(store.to_bytes("12345678").is_err());
    }
}

#[test]
fn importkeystore_converts_bks_for_keytool() {
    let dir = scratch("bks-convert");
    std::fs::copy(
        corpus("pyjks/bks/custom_entry_passwords.bksv2"),
        dir.join("app.bks"),
    )
    .expect("copy");
    let out = ours(
        &dir,
        &[
            "-importkeystore",
            "-srckeystore",
            "app.bks",
            "-srcstorepass",
            "store_password",
            "-srcalias",
            "sealed_private_key",
            "-srckeypass",
            "private_password",
            "-destkeystore",
            "app.p12",
            "-deststorepass",
            "changeit",
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let list = Keytool::jdk17().ok(
        &dir,
        &[
            "-list",
            "-v",
            "-keystore",
            "app.p12",
            "-storepass",
            "changeit",
        ],
    );
    assert!(
        list.contains("Alias name: sealed_private_key") && list.contains("PrivateKeyEntry"),
        "{list}"
    );
    let key = read("pyjks/expected/bks_custom_entry_passwords.private_key.pkcs8.der");
    let store = KeyStore::load(dir.join("app.p12"), "changeit").expect("load");
    let Some(Entry::PrivateKey(k)) = store.get("sealed_private_key") else {
        panic!("converted key")
    };
    assert_eq!(
        k.open("changeit").expect("opens").pkcs8_der(),
        key.as_slice()
    );
}

#[test]
fn damaged_bks_and_uber_files_are_typed_errors() {
    for file in [
        "pyjks/bks/christmas.bksv2",
        "pyjks/bks/christmas.bksv1",
        "pyjks/uber/christmas.uber",
    ] {
        let bytes = read(file);
        // Every truncation fails (the MAC or digest sits at the end), without a panic.
        for cut in 0..bytes.len() {
            assert!(
                KeyStore::from_bytes(&bytes[..cut], Some("12345678")).is_err(),
                "{file} cut at {cut}"
            );
        }
        let mut flipped = bytes.clone();
        for i in (0..bytes.len()).step_by(11) {
            flipped[i] ^= 0x10;
            let _ = KeyStore::from_bytes(&flipped, Some("12345678"));
            let _ = KeyStore::from_bytes(&flipped, None);
            flipped[i] ^= 0x10;
        }
    }
}
