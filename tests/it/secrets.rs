//! `Debug` never shows key material: not of a plaintext key, not of an entry or a whole store
//! (whose keys are encrypted, but whose `Debug` a log line may capture next to an opened key).

use javakeystore::{Entry, KeyStore, PrivateKey, SecretKey};

use crate::common::read;

/// True when `shown` holds 8 consecutive bytes of `secret` as Rust prints bytes (a decimal
/// list) or as hex, in either case.
fn leaks(shown: &str, secret: &[u8]) -> bool {
    let compact: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_lowercase();
    secret.windows(8).any(|w| {
        let decimal = w.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
        let hex: String = w.iter().map(|b| format!("{b:02x}")).collect();
        compact.contains(&decimal) || lower.contains(&hex)
    })
}

#[test]
fn debug_output_holds_no_key_material() {
    let key = PrivateKey::generate_rsa(2048).expect("key");
    let shown = format!("{key:?} {key:#?}");
    assert!(!leaks(&shown, key.pkcs8_der()), "{shown}");
    // The check itself must be able to fail.
    assert!(leaks(&format!("{:?}", key.pkcs8_der()), key.pkcs8_der()));
    let hex: String = key.pkcs8_der().iter().map(|b| format!("{b:02X}")).collect();
    assert!(leaks(&hex, key.pkcs8_der()));

    let secret = SecretKey::generate("AES", Some(256)).expect("aes");
    let shown = format!("{secret:?} {secret:#?}");
    assert!(!leaks(&shown, secret.as_bytes()), "{shown}");

    for (file, keypass) in [
        ("generated/secretkeys.jceks", "changeit"),
        ("generated/rsa2048-selfsigned.jceks", "changeit"),
        ("generated/secretkeys.p12", "changeit"),
    ] {
        let store = KeyStore::from_bytes(&read(file), "changeit").expect(file);
        let shown = format!("{store:?} {store:#?}");
        for (alias, entry) in store.entries() {
            let plain = match entry {
                Entry::PrivateKey(e) => e.open(keypass).expect(alias).pkcs8_der().to_vec(),
                Entry::SecretKey(e) => e.open(keypass).expect(alias).as_bytes().to_vec(),
                _ => continue,
            };
            assert!(!leaks(&shown, &plain), "{file} {alias}");
        }
    }
}
