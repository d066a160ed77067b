//! Harness bodies shared by the cargo-fuzz targets (`fuzz/`) and the stable test that
//! replays their corpora (`tests/it/fuzz_replay.rs`). Not part of the API.
//!
//! Each function takes arbitrary bytes and panics only when a property is broken: a parse
//! that succeeds must survive write → parse unchanged.

use crate::entry::Entry;
use crate::format::javaser::Stream;
use crate::protect::sealed::SealedKey;
use crate::store::KeyStore;

const PASSWORD: &str = "fuzz-password";

/// Any store bytes: detection, parsing with and without a password, and for what parses,
/// a write → parse → write round trip that must be stable.
pub fn store(data: &[u8]) {
    let _ = KeyStore::from_bytes(data, "changeit");
    let Ok(store) = KeyStore::from_bytes_unverified(data) else {
        return;
    };
    let Ok(written) = store.to_bytes(PASSWORD) else {
        return;
    };
    let again = KeyStore::from_bytes(&written, PASSWORD).expect("a store we wrote must read back");
    assert_eq!(again.len(), store.len(), "entry count changed");
    for ((a1, e1), (a2, e2)) in store.entries().zip(again.entries()) {
        assert_eq!(crate::store::fold(a1), a2, "alias changed");
        assert_eq!(e1.kind(), e2.kind());
        assert_eq!(e1.created(), e2.created());
        assert_eq!(e1.chain(), e2.chain());
        if let (Entry::PrivateKey(k1), Entry::PrivateKey(k2)) = (e1, e2) {
            assert_eq!(k1.protected_key(), k2.protected_key());
        }
    }
    assert_eq!(
        again.to_bytes(PASSWORD).expect("rewrite"),
        written,
        "second write differs"
    );
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
