//! Damaged-store sweeps over a JKS, a JCEKS with secret keys and a PKCS#12 with a key, a
//! trusted certificate and a secret key: every truncation, thousands of random bit flips and
//! forged length fields give a typed error, through the library and through the keytool
//! example (exit 1 with `keytool error:`, never a panic, never a hang).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use javakeystore::{Entry, Error, Format, KeyStore, SecretKey, SecretKeyEntry};

use crate::cli::example;
use crate::common::{XorShift, read};
use crate::interop::scratch;

const PW: &str = "changeit";

/// The three victims, as (name, bytes).
fn victims() -> Vec<(&'static str, Vec<u8>)> {
    let jks = read("generated/chain.jks");
    let jceks = read("generated/secretkeys.jceks");
    let source = KeyStore::from_bytes(&read("generated/rsa2048-selfsigned.p12"), PW).expect("p12");
    let mut p12 = source.convert(Format::Pkcs12, PW, PW).expect("convert");
    let jks_store = KeyStore::from_bytes(&jks, PW).expect("jks");
    let trusted = jks_store
        .entries()
        .find_map(|(_, e)| e.chain().last().cloned())
        .expect("a CA certificate");
    p12.insert(
        "ca",
        javakeystore::TrustedCertEntry::new(trusted, javakeystore::Timestamp::now()).into(),
    )
    .expect("insert");
    let aes = SecretKey::generate("AES", Some(128)).expect("aes");
    let sealed =
        javakeystore::ProtectedSecretKey::seal_with(&aes, PW, javakeystore::Protection::Pbes2)
            .expect("seal");
    p12.insert(
        "aes",
        SecretKeyEntry::new(sealed, javakeystore::Timestamp::now()).into(),
    )
    .expect("insert");
    let p12 = p12.to_bytes(PW).expect("write");
    vec![("jks", jks), ("jceks", jceks), ("p12", p12)]
}

/// The library's verdict on damaged bytes: an error of the decoding or integrity kind.
fn library_refuses(name: &str, what: &str, bytes: &[u8]) {
    let err = KeyStore::from_bytes(bytes, PW).expect_err(&format!("{name}: {what} was accepted"));
    assert!(
        matches!(
            err,
            Error::Decode(_) | Error::Integrity | Error::WrongStorePassword | Error::Key(_)
        ),
        "{name}: {what}: {err:?}"
    );
    // Unverified, it may load; then every key must open or fail cleanly (cheap ones only).
    if let Ok(store) = KeyStore::from_bytes(bytes, None) {
        for (_, e) in store.entries() {
            if let Entry::PrivateKey(k) = e
                && k.protected_key().protection() == javakeystore::Protection::JksKeyProtector
            {
                let _ = k.open(PW);
            }
        }
    }
}

fn damaged_inputs(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = (0..bytes.len())
        .map(|n| (format!("truncated to {n}"), bytes[..n].to_vec()))
        .collect();
    let mut rng = XorShift(0x5EED_0000_0000_0001 ^ bytes.len() as u64);
    for _ in 0..2000 {
        let mut d = bytes.to_vec();
        let i = rng.below(d.len());
        d[i] ^= 1 << rng.below(8);
        out.push((format!("bit flip at {i}"), d));
    }
    // Length fields: JKS/JCEKS use big-endian u32s, DER a length byte or 0x8N + N bytes.
    for _ in 0..500 {
        let mut d = bytes.to_vec();
        let i = rng.below(d.len().saturating_sub(5));
        let forged: &[u8] = match rng.below(4) {
            0 => &[0xFF, 0xFF, 0xFF, 0xFF],
            1 => &[0x7F, 0xFF, 0xFF, 0xFF],
            2 => &[0x84, 0x7F, 0xFF, 0xFF, 0xFF],
            _ => &[0x00, 0x10, 0x00, 0x01],
        };
        d[i..i + forged.len()].copy_from_slice(forged);
        out.push((format!("forged length at {i}"), d));
    }
    out
}

#[test]
fn the_library_refuses_every_damaged_store() {
    for (name, bytes) in victims() {
        KeyStore::from_bytes(&bytes, PW).expect("the intact victim loads");
        for (what, d) in damaged_inputs(&bytes) {
            library_refuses(name, &what, &d);
        }
    }
}

/// Runs the example on `file`, killing it (and failing) after `limit`.
fn run_example(dir: &Path, file: &str, limit: Duration) -> std::process::Output {
    let mut child = Command::new(example())
        .args(["-list", "-keystore", file, "-storepass", PW])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn example");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("the example hung on {file}");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn the_keytool_example_refuses_damaged_stores() {
    let base = scratch("sweep-example");
    let victims = victims();
    // Two workers, each with its own file, share the inputs.
    let jobs: Vec<(String, Vec<u8>)> = victims
        .iter()
        .flat_map(|(name, bytes)| {
            damaged_inputs(bytes)
                .into_iter()
                .enumerate()
                // A sample: the library test above checks every input; through the example
                // each kind of damage is checked at a spread of positions (one in 29 is
                // coprime to the record sizes, so it reaches every field type).
                .filter(|(i, _)| i % 29 == 0)
                .map(move |(_, (what, d))| (format!("{name}: {what}"), d))
        })
        .collect();
    let chunks: Vec<&[(String, Vec<u8>)]> = jobs.chunks(jobs.len().div_ceil(2)).collect();
    std::thread::scope(|s| {
        for (w, chunk) in chunks.into_iter().enumerate() {
            let dir: PathBuf = base.join(format!("w{w}"));
            s.spawn(move || {
                std::fs::create_dir_all(&dir).expect("mkdir");
                for (what, d) in chunk {
                    std::fs::write(dir.join("d.ks"), d).expect("write");
                    let out = run_example(&dir, "d.ks", Duration::from_secs(10));
                    let stdout = String::from_utf8_lossy(&out.stdout);
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
                    if out.status.code() == Some(0) {
                        // Only a damage the integrity check cannot see: none in these victims.
                        panic!("{what}: the example listed a damaged store:\n{stdout}");
                    }
                    assert_eq!(out.status.code(), Some(1), "{what}: {stdout}{stderr}");
                    assert!(
                        stdout.starts_with("keytool error: "),
                        "{what}: {stdout}{stderr}"
                    );
                }
            });
        }
    });
}
