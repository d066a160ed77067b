//! Load then save with the same password gives back the same bytes.

use javakeystore::{Format, KeyStore};

use crate::common::read;

/// Every JKS and JCEKS store of the corpus that Java itself would write back unchanged: not the
/// hand-made ones with duplicate aliases (Java keeps one entry), nor the damaged ones.
const STORES: &[(&str, &str)] = &[
    ("pyjks/jks/empty.jks", ""),
    ("pyjks/jks/RSA1024.jks", "12345678"),
    ("pyjks/jks/RSA2048_3certs.jks", "12345678"),
    ("pyjks/jks/DSA2048.jks", "12345678"),
    ("pyjks/jks/3certs.jks", "12345678"),
    ("pyjks/jks/custom_entry_passwords.jks", "store_password"),
    ("pyjks/jks/non_ascii_password.jks", "ლ(ಠ益ಠლ)"),
    ("pyjks/jceks/empty.jceks", ""),
    ("pyjks/jceks/RSA1024.jceks", "12345678"),
    ("pyjks/jceks/RSA2048_3certs.jceks", "12345678"),
    ("pyjks/jceks/DSA2048.jceks", "12345678"),
    ("pyjks/jceks/3certs.jceks", "12345678"),
    ("pyjks/jceks/custom_entry_passwords.jceks", "store_password"),
    ("pyjks/jceks/AES128.jceks", "12345678"),
    ("pyjks/jceks/AES256.jceks", "12345678"),
    ("pyjks/jceks/DES.jceks", "12345678"),
    ("pyjks/jceks/DESede.jceks", "12345678"),
    ("pyjks/jceks/PBKDF2WithHmacSHA1.jceks", "12345678"),
    ("keystore-go/keystore.jks", "password"),
    ("keystore-go/keystore_keypass.jks", "password"),
    ("jks-js/keystore/RSA_2048_keystore.jks", "password"),
    ("jks-js/keystore/EC_256_keystore.jks", "password"),
    ("jks-js/keystore/DSA_1024_keystore.jks", "password"),
    ("jks-js/keystore/diff_pass.jks", "password1"),
    ("generated/rsa2048-selfsigned.jks", "changeit"),
    ("generated/rsa2048-selfsigned.jceks", "changeit"),
    ("generated/chain.jks", "changeit"),
    ("generated/secretkeys.jceks", "changeit"),
    ("generated/mixedcase-alias.jks", "changeit"),
    ("generated/emoji-alias.jks", "changeit"),
    ("generated/nonascii-password.jks", "pässwörd-ß"),
    ("generated/ec-p384.jks", "changeit"),
    ("generated/jdk25-keyprotector-noparams.jks", "changeit"),
    ("generated/cacerts-debian.jks", "changeit"),
];

#[test]
fn load_and_save_is_byte_identical() {
    for (path, password) in STORES {
        let bytes = read(path);
        let store =
            KeyStore::from_bytes(&bytes, *password).unwrap_or_else(|e| panic!("{path}: {e}"));
        let again = store
            .to_bytes(password)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            again == bytes,
            "{path}: {} bytes became {}",
            bytes.len(),
            again.len()
        );
    }
}

#[test]
fn duplicate_aliases_keep_the_last_entry_and_save_one() {
    let bytes = read("pyjks/jks/duplicate_aliases.jks");
    let store = KeyStore::from_bytes(&bytes, "12345678").expect("load");
    assert_eq!(store.len(), 1);
    let again = KeyStore::from_bytes(&store.to_bytes("12345678").expect("save"), "12345678")
        .expect("reload");
    assert_eq!(again.len(), 1);
    assert_eq!(again.get("my_alias"), store.get("my_alias"));
}

#[test]
fn saving_with_another_password_changes_only_the_digest() {
    let bytes = read("generated/secretkeys.jceks");
    let store = KeyStore::from_bytes(&bytes, "changeit").expect("load");
    let other = store.to_bytes("another-password").expect("save");
    assert_eq!(other.len(), bytes.len());
    assert_eq!(other[..other.len() - 20], bytes[..bytes.len() - 20]);
    assert!(KeyStore::from_bytes(&other, "another-password").is_ok());
    assert!(KeyStore::from_bytes(&other, "changeit").is_err());
    // Key passwords stayed: keytool's -storepasswd semantics.
    let resaved = KeyStore::from_bytes(&other, "another-password").expect("reload");
    let Some(javakeystore::Entry::SecretKey(s)) = resaved.get("aes256") else {
        panic!("aes256 in the re-saved store")
    };
    s.open("changeit").expect("key password unchanged");
    assert!(s.open("another-password").is_err());
}

#[test]
fn secret_keys_cannot_go_into_jks() {
    let store =
        KeyStore::from_bytes(&read("generated/secretkeys.jceks"), "changeit").expect("load");
    let mut jks = KeyStore::new(Format::Jks);
    let (alias, entry) = store.entries().next().expect("an entry");
    assert!(jks.insert(alias, entry.clone()).is_err());
}
