//! Loading and saving keystores, against the `jks` crate (JKS) and the `p12-keystore` crate
//! (PKCS#12) on the same bytes, with the cost of SHA-1 over those bytes (the JKS integrity
//! check's floor) alongside; and opening and sealing one key with each protection.
//!
//! `cargo bench --bench store`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use javakeystore::bridge::p12_keystore;
use javakeystore::format::{Pkcs12Options, WriteOptions};
use javakeystore::{
    Entry, Format, KeyStore, PrivateKeyEntry, ProtectedKey, Protection, TrustedCertEntry,
};
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
        // What `KeyStore::load` does after reading the file: the buffer is taken over, not
        // copied (cloning it for each run is outside the timing).
        g.bench_function("javakeystore/load-owned", |b| {
            b.iter_batched(
                || bytes.clone(),
                |v| KeyStore::decode(v, PASSWORD).expect("load"),
                criterion::BatchSize::SmallInput,
            )
        });
        // The same without the integrity check: what parsing alone costs.
        g.bench_function("javakeystore/parse-only", |b| {
            b.iter(|| KeyStore::from_bytes(black_box(&bytes), None).expect("parse"))
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

/// The 150-certificate trust store in the other formats: JCEKS, PKCS#12 as Java 16+ writes
/// it, and the password-less PKCS#12 of Java 18+ `cacerts`.
fn other_formats(c: &mut Criterion) {
    let jks = KeyStore::from_bytes(&truststore(), PASSWORD).expect("load");
    let mut g = c.benchmark_group("truststore-150");
    let jceks = jks
        .convert(Format::Jceks, PASSWORD, PASSWORD)
        .expect("jceks");
    let jceks_bytes = jceks.to_bytes(PASSWORD).expect("write");
    g.bench_function("jceks/javakeystore/load", |b| {
        b.iter(|| KeyStore::from_bytes(black_box(&jceks_bytes), PASSWORD).expect("load"))
    });
    for (name, options) in [
        ("pkcs12", Pkcs12Options::modern()),
        ("pkcs12-passwordless", Pkcs12Options::passwordless()),
    ] {
        let p12 = jks
            .convert(Format::Pkcs12, PASSWORD, PASSWORD)
            .expect("p12");
        let options = WriteOptions::pkcs12(options);
        let bytes = p12.encode(PASSWORD, &options).expect("write");
        g.bench_function(format!("{name}/javakeystore/load"), |b| {
            b.iter(|| KeyStore::from_bytes(black_box(&bytes), PASSWORD).expect("load"))
        });
        g.bench_function(format!("{name}/p12-keystore/load"), |b| {
            b.iter(|| {
                p12_keystore::KeyStore::from_pkcs12(
                    black_box(&bytes),
                    PASSWORD,
                    p12_keystore::Pkcs12ImportPolicy::Relaxed,
                )
                .expect("load")
            })
        });
        g.bench_function(format!("{name}/javakeystore/save"), |b| {
            b.iter(|| p12.encode(PASSWORD, &options).expect("save"))
        });
    }
    g.finish();
}

/// One RSA-2048 key opened and sealed with each protection, at the iteration counts Java
/// writes (JCEKS: 200,000 MD5 rounds; PKCS#12: 10,000 PBKDF2 or 50,000 PBE v1 rounds).
fn key_protection(c: &mut Criterion) {
    let source = KeyStore::from_bytes(&corpus("generated/rsa2048-selfsigned.jks"), PASSWORD)
        .expect("source");
    let Some(Entry::PrivateKey(k)) = source.get("mykey") else {
        panic!("no key")
    };
    let key = k.open(PASSWORD).expect("open");
    let mut g = c.benchmark_group("key-rsa2048");
    g.sample_size(10);
    for (name, protection) in [
        ("jks", Protection::JksKeyProtector),
        ("jceks", Protection::PbeWithMd5AndTripleDes),
        ("pkcs12-pbes2", Protection::Pbes2),
        ("pkcs12-legacy", Protection::Pkcs12Pbe),
    ] {
        let sealed = ProtectedKey::seal(&key, PASSWORD, protection).expect("seal");
        g.bench_function(format!("{name}/open"), |b| {
            b.iter(|| sealed.open(black_box(PASSWORD)).expect("open"))
        });
        g.bench_function(format!("{name}/seal"), |b| {
            b.iter(|| ProtectedKey::seal(&key, black_box(PASSWORD), protection).expect("seal"))
        });
    }
    let bytes = keystore();
    let mut theirs = jks::KeyStore::new();
    theirs
        .load(bytes.as_slice(), PASSWORD.as_bytes())
        .expect("load");
    g.bench_function("jks/open/jks-crate", |b| {
        b.iter(|| {
            theirs
                .get_private_key_entry("key-0", black_box(PASSWORD.as_bytes()))
                .expect("open")
        })
    });
    g.finish();
}

criterion_group!(benches, load_and_save, other_formats, key_protection);
criterion_main!(benches);
