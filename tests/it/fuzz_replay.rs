//! Replays the fuzz corpora (and any saved crash reproducers) on stable Rust, so that every
//! input the fuzzers kept is checked by the normal test run.

use std::path::Path;

fn replay(target: &str, harness: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(files) = std::fs::read_dir(&dir) else {
            continue;
        };
        for f in files.flatten() {
            let data = std::fs::read(f.path()).expect("read corpus file");
            harness(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn store_corpus() {
    assert!(replay("store", javakeystore::fuzzing::store) >= 50);
}

#[test]
fn sealed_object_corpus() {
    assert!(replay("sealed_object", javakeystore::fuzzing::sealed_object) >= 10);
}

#[test]
fn pkcs12_corpus() {
    assert!(replay("pkcs12", javakeystore::fuzzing::pkcs12) >= 10);
}

#[test]
fn certificates_corpus() {
    assert!(replay("certificates", javakeystore::fuzzing::certificates) >= 10);
}

#[test]
fn certificate_request_corpus() {
    assert!(
        replay(
            "certificate_request",
            javakeystore::fuzzing::certificate_request
        ) >= 3
    );
}

#[test]
fn dname_corpus() {
    assert!(replay("dname", javakeystore::fuzzing::dname) >= 10);
}

#[test]
fn crl_corpus() {
    assert!(replay("crl", javakeystore::fuzzing::crl) >= 10);
}

#[test]
fn private_key_corpus() {
    assert!(replay("private_key", javakeystore::fuzzing::private_key) >= 20);
}

#[test]
fn bundle_corpus() {
    assert!(replay("bundle", javakeystore::fuzzing::bundle) >= 8);
}
