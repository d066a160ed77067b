//! Resource limits, measured: no input makes a load allocate more than a small multiple of
//! its size, whatever its length and count fields claim, or run for long.
//!
//! A test binary of its own, with a tracking allocator (`cap`) that also enforces the bound:
//! an allocation beyond it fails, which aborts this binary, so a violation cannot pass.

use std::time::{Duration, Instant};

use cap::Cap;
use javakeystore::KeyStore;

#[global_allocator]
static ALLOCATOR: Cap<std::alloc::System> = Cap::new(std::alloc::System, usize::MAX);

/// What one load may allocate: the stores' own structures stay within a few times the input.
fn bound(len: usize) -> usize {
    16 * len + (1 << 20)
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "fuzz/corpus/store",
        "fuzz/corpus/pkcs12",
        "fuzz/corpus/sealed_object",
    ] {
        for f in std::fs::read_dir(root.join(dir)).expect(dir).flatten() {
            out.push((
                f.path().display().to_string(),
                std::fs::read(f.path()).expect("read"),
            ));
        }
    }
    // Hostile headers: huge counts and lengths in tiny files.
    let mut jks = vec![0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2];
    jks.extend_from_slice(&100_000u32.to_be_bytes());
    jks.extend_from_slice(&[0, 0, 0, 2, 0, 1, b'a', 0, 0, 0, 0, 0, 0, 0, 0]);
    jks.extend_from_slice(&[0, 5, b'X', b'.', b'5', b'0', b'9', 0x7F, 0xFF, 0xFF, 0xFF]);
    out.push((
        "jks claiming 100,000 entries and a 2 GiB certificate".into(),
        jks,
    ));
    let der = vec![
        0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x03, 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF,
    ];
    out.push(("PFX claiming 2 GiB".into(), der));
    out
}

#[test]
fn loads_stay_within_a_small_multiple_of_the_input() {
    let mut worst = (0.0f64, String::new());
    let mut checked = 0;
    for (name, bytes) in inputs() {
        let before = ALLOCATOR.allocated();
        ALLOCATOR
            .set_limit(before + bound(bytes.len()))
            .expect("limit");
        let start = Instant::now();
        for password in [Some("changeit"), Some("fuzz-password"), None] {
            let loaded = match password {
                Some(p) => KeyStore::from_bytes(&bytes, p),
                None => KeyStore::from_bytes(&bytes, None),
            };
            // What a load keeps is as bounded as what it takes on the way.
            let held = ALLOCATOR.allocated().saturating_sub(before);
            let ratio = held as f64 / bytes.len().max(1) as f64;
            if ratio > worst.0 {
                worst = (ratio, name.clone());
            }
            drop(loaded);
        }
        ALLOCATOR.set_limit(usize::MAX).expect("limit");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{name} took {:?}",
            start.elapsed()
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} inputs");
    println!(
        "largest store kept: {:.1} × its input ({})",
        worst.0, worst.1
    );
}
