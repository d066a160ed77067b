//! Harness bodies shared by the cargo-fuzz targets (`fuzz/`) and the stable test that
//! replays their corpora (`tests/it/fuzz_replay.rs`). Not part of the API.
//!
//! Each function takes arbitrary bytes and panics only when a property is broken: a parse
//! that succeeds must survive write → parse unchanged.

use crate::entry::Entry;
use crate::format::Format;
use crate::format::javaser::Stream;
use crate::protect::sealed::SealedKey;
use crate::store::KeyStore;

const PASSWORD: &str = "fuzz-password";

/// Any store bytes: detection, parsing with and without a password, and for what parses,
/// a write → parse → write round trip that must be stable.
pub fn store(data: &[u8]) {
    let _ = KeyStore::from_bytes(data, "changeit");
    let Ok(mut store) = KeyStore::from_bytes_unverified(data) else {
        return;
    };
    let pkcs12 = store.format() == Format::Pkcs12;
    if pkcs12 {
        // Real counts would make every run a key derivation of milliseconds.
        let mut options = *store.pkcs12_options();
        options.cert_iterations = 1;
        options.mac_iterations = 1;
        store.set_pkcs12_options(options);
    }
    let Ok(written) = store.to_bytes(PASSWORD) else {
        return;
    };
    let again = KeyStore::from_bytes(&written, PASSWORD).expect("a store we wrote must read back");
    same_entries(&store, &again);
    let rewritten = again.to_bytes(PASSWORD).expect("rewrite");
    if pkcs12 {
        // Fresh salts make every PKCS#12 write different: compare what it holds.
        same_entries(
            &again,
            &KeyStore::from_bytes(&rewritten, PASSWORD).expect("reread"),
        );
    } else {
        assert_eq!(rewritten, written, "second write differs");
    }
    // Opening keys must fail cleanly; only cheap protections are tried (JCEKS costs 400,000
    // MD5 rounds per key by design).
    for (_, e) in store.entries() {
        if let Entry::PrivateKey(k) = e
            && k.protected_key().protection() == crate::Protection::JksKeyProtector
        {
            let _ = k.open(PASSWORD);
        }
    }
}

fn same_entries(a: &KeyStore, b: &KeyStore) {
    assert_eq!(a.len(), b.len(), "entry count changed");
    for ((a1, e1), (a2, e2)) in a.entries().zip(b.entries()) {
        if a.format() == Format::Pkcs12 {
            assert_eq!(a1, a2, "alias changed");
        } else {
            assert_eq!(crate::store::fold(a1), a2, "alias changed");
        }
        assert_eq!(e1.kind(), e2.kind());
        // Java dates PKCS#12 trusted certificates when it loads them.
        if !(a.format() == Format::Pkcs12 && e1.kind() == crate::EntryKind::TrustedCert) {
            assert_eq!(e1.created(), e2.created());
        }
        if a.format() == Format::Pkcs12 {
            // Java rebuilds PKCS#12 chains on load, from every certificate in the file.
            assert_eq!(e1.chain().first(), e2.chain().first());
        } else {
            assert_eq!(e1.chain(), e2.chain());
        }
        match (e1, e2) {
            (Entry::PrivateKey(k1), Entry::PrivateKey(k2)) => {
                assert_eq!(k1.protected_key(), k2.protected_key());
            }
            (Entry::SecretKey(k1), Entry::SecretKey(k2)) => {
                assert_eq!(k1.protected_key(), k2.protected_key());
            }
            _ => {}
        }
    }
}

/// A JCEKS secret-key entry: the Java serialization grammar, then the sealed-object layer,
/// and opening it when the iteration count is small.
pub fn sealed_object(data: &[u8]) {
    if let Ok((stream, used)) = Stream::parse(data) {
        assert!(used <= data.len());
        let _ = stream.class_name(stream.root);
    }
    if let Ok((sealed, used)) = SealedKey::parse(data) {
        assert_eq!(sealed.as_bytes(), &data[..used]);
        if sealed.iterations().is_some_and(|n| n <= 64) {
            let _ = sealed.open(PASSWORD);
        }
    }
}
