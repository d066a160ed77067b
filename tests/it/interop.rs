//! Live interop with the real keytool, both ways, on stores made on the fly.
//!
//! keytool → crate: stores keytool 17 (and 25) make with key pairs, separate key passwords,
//! mixed-case and non-BMP aliases, trusted certificates and every secret-key kind are read, and
//! what the crate sees must equal what Java's own `KeyStore` sees (tests/java/Dump.java).
//! crate → keytool: stores the crate writes (keys re-sealed by the crate) are listed by keytool,
//! decrypted entry by entry by Java, and converted by `keytool -importkeystore` to PKCS#12.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use javakeystore::{
    Entry, Format, KeyStore, PrivateKeyEntry, Protection, SecretKeyEntry, Timestamp,
    TrustedCertEntry,
};

use crate::common::{Keytool, jca_dump, our_dump};

pub const SP: &str = "changeit";
const KP: &str = "keypass1";
const EMOJI: &str = "ключ-日本-😀";

/// Per-alias key passwords of the keytool-made stores.
const KEYTOOL_KEYPASSES: &[(&str, &str)] = &[("mixedcase", KP), ("hmac", KP)];

/// A fresh folder for `name` in this process: nextest runs each test in its own process, and
/// the shared fixtures are built by each, so the process id keeps them from racing.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("p{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Makes `k.jks` and `k.jceks` with keytool; returns the folder.
fn make_keytool_stores(kt: &Keytool) -> PathBuf {
    let dir = scratch(&format!("keytool{}-made", kt.version));
    for (file, ty) in [("k.jks", "JKS"), ("k.jceks", "JCEKS")] {
        let base = ["-keystore", file, "-storetype", ty, "-storepass", SP];
        let run = |extra: &[&str]| kt.ok(&dir, &[&base[..], extra].concat());
        run(&[
            "-genkeypair",
            "-alias",
            "MixedCase",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-keypass",
            KP,
            "-dname",
            "CN=rsa, O=Fixture",
            "-validity",
            "365",
        ]);
        run(&[
            "-genkeypair",
            "-alias",
            EMOJI,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-keypass",
            SP,
            "-dname",
            "CN=b",
        ]);
        if ty == "JKS" {
            run(&[
                "-exportcert",
                "-alias",
                "mixedcase",
                "-rfc",
                "-file",
                "rsa.pem",
            ]);
        }
        run(&[
            "-importcert",
            "-alias",
            "Trusted Ü",
            "-file",
            "rsa.pem",
            "-noprompt",
        ]);
        if ty == "JCEKS" {
            run(&[
                "-genseckey",
                "-alias",
                "aes128",
                "-keyalg",
                "AES",
                "-keysize",
                "128",
                "-keypass",
                SP,
            ]);
            run(&[
                "-genseckey",
                "-alias",
                "hmac",
                "-keyalg",
                "HmacSHA256",
                "-keysize",
                "256",
                "-keypass",
                KP,
            ]);
            run(&[
                "-genseckey",
                "-alias",
                "desede",
                "-keyalg",
                "DESede",
                "-keypass",
                SP,
            ]);
            let out = kt.run_stdin(
                &dir,
                &[&base[..], &["-importpass", "-alias", "pw", "-keypass", SP]].concat(),
                b"S3cret!\n",
            );
            assert!(
                out.status.success(),
                "importpass: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
    dir
}

/// A fixture built once per test run and shared by every test process of the run: built in
/// this process's scratch folder, then renamed into the run's folder (the first process to
/// finish wins; later ones use its copy). Tests must not modify it.
pub fn shared_fixture(name: &str, build: impl FnOnce() -> PathBuf) -> PathBuf {
    let run = std::env::var("NEXTEST_RUN_ID").unwrap_or_else(|_| std::process::id().to_string());
    let shared = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("run-{run}"))
        .join(name);
    if shared.is_dir() {
        return shared;
    }
    let built = build();
    std::fs::create_dir_all(shared.parent().expect("parent")).expect("run folder");
    match std::fs::rename(&built, &shared) {
        Ok(()) => shared,
        // Another process got there first: its copy is as good.
        Err(_) if shared.is_dir() => shared,
        Err(e) => panic!("cannot share fixture {name}: {e}"),
    }
}

/// The keytool-made stores, built once per JDK for every test that needs them.
pub fn keytool_stores(kt: &Keytool) -> &'static Path {
    static K17: OnceLock<PathBuf> = OnceLock::new();
    static K25: OnceLock<PathBuf> = OnceLock::new();
    let cell = if kt.version == 25 { &K25 } else { &K17 };
    cell.get_or_init(|| {
        shared_fixture(&format!("keytool{}-stores", kt.version), || {
            make_keytool_stores(kt)
        })
    })
}

#[test]
fn keytool_made_stores_read_exactly_as_java_reads_them() {
    for kt in Keytool::all() {
        let dir = keytool_stores(&kt);
        for (file, ty) in [("k.jks", "JKS"), ("k.jceks", "JCEKS")] {
            let path = dir.join(file);
            let store = KeyStore::load(&path, SP).expect("load keytool store");
            assert_eq!(store.format().name(), ty);
            let ours = our_dump(&store, SP, KEYTOOL_KEYPASSES);
            let java = jca_dump(&kt, &path, ty, SP, KEYTOOL_KEYPASSES);
            assert_eq!(ours, java, "JDK {} {file}", kt.version);
            let expected = if ty == "JKS" { 3 } else { 7 };
            assert_eq!(store.len(), expected);
            assert!(store.contains_alias(EMOJI) && store.contains_alias("MIXEDCASE"));
            assert!(store.contains_alias("trusted ü"));
            // Separate key passwords are distinct from the store password.
            let Some(Entry::PrivateKey(k)) = store.get("mixedcase") else {
                panic!()
            };
            assert!(k.open(SP).is_err());
        }
    }
}

#[test]
fn keytool_made_stores_round_trip_byte_for_byte() {
    for kt in Keytool::all() {
        let dir = keytool_stores(&kt);
        for file in ["k.jks", "k.jceks"] {
            let bytes = std::fs::read(dir.join(file)).expect("read");
            let store = KeyStore::from_bytes(&bytes, SP).expect("load");
            assert_eq!(
                store.to_bytes(SP).expect("save"),
                bytes,
                "JDK {} {file}",
                kt.version
            );
        }
    }
}

/// Re-seals every entry of a keytool-made store with this crate's code, under new passwords,
/// into a store of `format`; returns the per-alias key passwords.
fn reseal(
    source: &KeyStore,
    format: Format,
    same_passwords: bool,
) -> (KeyStore, Vec<(String, String)>) {
    let mut out = KeyStore::new(format);
    let mut passes = Vec::new();
    let created = Timestamp::from_unix_millis(1_700_000_000_123);
    for (i, (alias, entry)) in source.entries().enumerate() {
        let old = KEYTOOL_KEYPASSES
            .iter()
            .find(|(a, _)| *a == alias)
            .map_or(SP, |(_, p)| *p);
        let new = if same_passwords {
            SP.to_owned()
        } else {
            format!("pass-{i}")
        };
        let new_alias = format!("{alias}-copy");
        let entry: Entry = match entry {
            Entry::PrivateKey(k) => {
                let key = k.open(old).expect("open");
                // JCEKS reads both protections: use both there.
                let protection = if format == Format::Jceks && i % 2 == 0 {
                    Protection::PbeWithMd5AndTripleDes
                } else {
                    Protection::JksKeyProtector
                };
                let e = PrivateKeyEntry::seal(&key, k.chain().to_vec(), &new, protection)
                    .expect("seal");
                Entry::from(e)
            }
            Entry::SecretKey(s) => SecretKeyEntry::seal(&s.open(old).expect("open"), &new)
                .expect("seal")
                .into(),
            Entry::TrustedCert(t) => TrustedCertEntry::new(t.certificate().clone(), created).into(),
            _ => unreachable!(),
        };
        out.insert(&new_alias, entry.with_created(created))
            .expect("insert");
        passes.push((out.aliases().last().expect("just added").to_owned(), new));
    }
    (out, passes)
}

#[test]
fn stores_written_here_are_read_and_decrypted_by_java() {
    let source17 = keytool_stores(&Keytool::jdk17());
    let dir = scratch("written-here");
    for (file, ty, format) in [
        ("ours.jks", "JKS", Format::Jks),
        ("ours.jceks", "JCEKS", Format::Jceks),
    ] {
        let src = KeyStore::load(
            source17.join(if ty == "JKS" { "k.jks" } else { "k.jceks" }),
            SP,
        )
        .expect("load");
        let (mut store, passes) = reseal(&src, format, false);
        // An alias with a NUL and a supplementary character exercises modified UTF-8.
        let trusted = src.entries().find_map(|(_, e)| match e {
            Entry::TrustedCert(t) => Some(t.clone()),
            _ => None,
        });
        store
            .insert("nul\0here-🔑", trusted.expect("trusted").into())
            .expect("insert");
        let path = dir.join(file);
        store.save(&path, SP).expect("save");
        let keypasses: Vec<(&str, &str)> = passes
            .iter()
            .map(|(a, p)| (a.as_str(), p.as_str()))
            .collect();
        let ours = our_dump(&KeyStore::load(&path, SP).expect("reload"), SP, &keypasses);
        for kt in Keytool::all() {
            assert_eq!(
                jca_dump(&kt, &path, ty, SP, &keypasses),
                ours,
                "JDK {} {file}",
                kt.version
            );
            let listing = kt.ok(&dir, &["-list", "-keystore", file, "-storepass", SP]);
            let count = format!("Your keystore contains {} entries", store.len());
            assert!(listing.contains(&count), "JDK {}: {listing}", kt.version);
        }
    }
}

#[test]
fn keytool_importkeystore_converts_stores_written_here() {
    let source17 = keytool_stores(&Keytool::jdk17());
    let dir = scratch("importkeystore");
    for (file, src_file, ty, format) in [
        ("same.jks", "k.jks", "JKS", Format::Jks),
        ("same.jceks", "k.jceks", "JCEKS", Format::Jceks),
    ] {
        let src = KeyStore::load(source17.join(src_file), SP).expect("load");
        let (store, _) = reseal(&src, format, true);
        store.save(dir.join(file), SP).expect("save");
        for kt in Keytool::all() {
            let dest = format!("{file}.{}.p12", kt.version);
            let out = kt.run(
                &dir,
                &[
                    "-importkeystore",
                    "-srckeystore",
                    file,
                    "-srcstoretype",
                    ty,
                    "-srcstorepass",
                    SP,
                    "-destkeystore",
                    &dest,
                    "-deststoretype",
                    "PKCS12",
                    "-deststorepass",
                    SP,
                    "-noprompt",
                ],
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "JDK {}: {stderr}", kt.version);
            let summary = format!(
                "{} entries successfully imported, 0 entries failed",
                store.len()
            );
            assert!(stderr.contains(&summary), "JDK {}: {stderr}", kt.version);
        }
    }
}
