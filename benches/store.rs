//! Loading and saving keystores, against the `jks` crate on the same bytes, with the cost
//! of SHA-1 over those bytes (the integrity check's floor) alongside.
//!
//! `cargo bench --bench store`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use javakeystore::{Entry, Format, KeyStore, PrivateKeyEntry, Protection, TrustedCertEntry};
use sha1::{Digest, Sha1};

const PASSWORD: &str = "changeit";

fn corpus(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/corpus/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// A 150-certificate JKS trust store: Debian's 144 roots plus six more.
fn truststore() -> Vec<u8> {
    let mut store =
        KeyStore::from_bytes(&corpus("generated/cacerts-debian.jks"), PASSWORD).expect("cacerts");
    let extra = KeyStore::from_bytes(&corpus("generated/chain.jks"), PASSWORD).expect("chain");
    let certs: Vec<_> = extra
        .entries()
        .flat_map(|(_, e)| e.chain().to_vec())
        .collect();
    for i in 0..6 {
        let cert = certs[i % certs.len()].clone();
        let e: Entry =
            TrustedCertEntry::new(cert, javakeystore::Timestamp::from_unix_millis(0)).into();
        store.insert(&format!("extra-{i}"), e).expect("insert");
    }
    assert_eq!(store.len(), 150);
    store.to_bytes(PASSWORD).expect("write")
}

/// A JKS store of 20 RSA-2048 private keys, each with its certificate.
fn keystore() -> Vec<u8> {
    let source = KeyStore::from_bytes(&corpus("generated/rsa2048-selfsigned.jks"), PASSWORD)
        .expect("source");
    let Some(Entry::PrivateKey(k)) = source.get("mykey") else {
        panic!("no key")
    };
    let key = k.open(PASSWORD).expect("open");
    let mut store = KeyStore::new(Format::Jks);
    for i in 0..20 {
        let e = PrivateKeyEntry::seal(
            &key,
            k.chain().to_vec(),
            PASSWORD,
            Protection::JksKeyProtector,
        )
        .expect("seal");
        store.insert(&format!("key-{i}"), e.into()).expect("insert");
    }
    store.to_bytes(PASSWORD).expect("write")
}

fn load_and_save(c: &mut Criterion) {
    for (name, bytes) in [
        ("truststore-150", truststore()),
        ("keystore-20", keystore()),
    ] {
        let mut g = c.benchmark_group(name);
        g.bench_function("sha1-floor", |b| b.iter(|| Sha1::digest(black_box(&bytes))));
        g.bench_function("javakeystore/load", |b| {
            b.iter(|| KeyStore::from_bytes(black_box(&bytes), PASSWORD).expect("load"))
        });
        g.bench_function("jks-crate/load", |b| {
            b.iter(|| {
                let mut ks = jks::KeyStore::new();
                ks.load(black_box(bytes.as_slice()), PASSWORD.as_bytes())
                    .expect("load");
                ks
            })
        });
        let ours = KeyStore::from_bytes(&bytes, PASSWORD).expect("load");
        g.bench_function("javakeystore/save", |b| {
            b.iter(|| ours.to_bytes(PASSWORD).expect("save"))
        });
        let mut theirs = jks::KeyStore::new();
        theirs
            .load(bytes.as_slice(), PASSWORD.as_bytes())
            .expect("load");
        g.bench_function("jks-crate/save", |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(bytes.len());
                theirs.store(&mut out, PASSWORD.as_bytes()).expect("save");
                out
            })
        });
        g.finish();
    }
}

criterion_group!(benches, load_and_save);
criterion_main!(benches);
