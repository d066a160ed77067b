//! PKCS#12 against the real keytool 17 and 25, OpenSSL and the `p12-keystore` crate, in every
//! form Java writes: Java 16+ (PBES2), Java 8 legacy (3DES/RC2, SHA-1 MAC) and password-less.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use javakeystore::bridge::p12_keystore;
use javakeystore::format::{Pkcs12Options, Stored, WriteOptions, is_passwordless};
use javakeystore::{Entry, Format, KeyStore};

use crate::common::{Keytool, jca_dump, our_dump};
use crate::interop::{SP, scratch};

const EMOJI: &str = "ключ-日本-😀";

/// Runs keytool, failing the test unless it succeeds.
fn kt_ok(kt: &Keytool, dir: &Path, args: &[&str]) {
    kt.ok(dir, args);
}

/// keytool-made PKCS#12 stores:
/// - `k.p12`: RSA and EC keys (one with a non-BMP alias), a trusted certificate with a
///   mixed-case alias, AES, HmacSHA256 and DESede secret keys and a stored password;
/// - `quirk.p12`: a trusted certificate written before the only key, which gives it Java's
///   `localKeyId "01"` on the next load;
/// - `legacy.p12`: `-J-Dkeystore.pkcs12.legacy` (3DES, RC2-40, SHA-1 MAC);
/// - `nopass.p12`: password-less (`NONE` cert protection and MAC), two trusted certificates.
fn make(kt: &Keytool) -> PathBuf {
    let dir = scratch(&format!("keytool{}-p12", kt.version));
    let run = |args: &[&str]| kt_ok(kt, &dir, args);
    run(&[
        "-genkeypair",
        "-keystore",
        "ca.jks",
        "-storetype",
        "JKS",
        "-storepass",
        SP,
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-dname",
        "CN=Fixture CA, O=Fixture",
        "-ext",
        "bc:c",
    ]);
    run(&[
        "-exportcert",
        "-keystore",
        "ca.jks",
        "-storepass",
        SP,
        "-alias",
        "ca",
        "-rfc",
        "-file",
        "ca.pem",
    ]);
    run(&[
        "-genkeypair",
        "-keystore",
        "ca.jks",
        "-storetype",
        "JKS",
        "-storepass",
        SP,
        "-alias",
        "other",
        "-keyalg",
        "RSA",
        "-dname",
        "CN=Other CA",
    ]);
    run(&[
        "-exportcert",
        "-keystore",
        "ca.jks",
        "-storepass",
        SP,
        "-alias",
        "other",
        "-file",
        "other.der",
    ]);
    let k = [
        "-keystore",
        "k.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        SP,
    ];
    run(&[
        &k[..],
        &[
            "-importcert",
            "-alias",
            "Trusted Ü",
            "-file",
            "ca.pem",
            "-noprompt",
        ],
    ]
    .concat());
    run(&[
        &k[..],
        &[
            "-genkeypair",
            "-alias",
            "MixedCase",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=rsa, O=Fixture",
        ],
    ]
    .concat());
    run(&[
        &k[..],
        &[
            "-genkeypair",
            "-alias",
            EMOJI,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=ec",
        ],
    ]
    .concat());
    run(&[
        &k[..],
        &[
            "-genseckey",
            "-alias",
            "aes",
            "-keyalg",
            "AES",
            "-keysize",
            "128",
        ],
    ]
    .concat());
    run(&[
        &k[..],
        &[
            "-genseckey",
            "-alias",
            "hmac",
            "-keyalg",
            "HmacSHA256",
            "-keysize",
            "256",
        ],
    ]
    .concat());
    run(&[
        &k[..],
        &["-genseckey", "-alias", "desede", "-keyalg", "DESede"],
    ]
    .concat());
    let out = kt.run_stdin(
        &dir,
        &[&k[..], &["-importpass", "-alias", "pw"]].concat(),
        b"S3cret!\n",
    );
    assert!(out.status.success(), "importpass");
    let q = [
        "-keystore",
        "quirk.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        SP,
    ];
    run(&[
        &q[..],
        &[
            "-importcert",
            "-alias",
            "root",
            "-file",
            "ca.pem",
            "-noprompt",
        ],
    ]
    .concat());
    run(&[
        &q[..],
        &[
            "-genkeypair",
            "-alias",
            "only",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=only",
        ],
    ]
    .concat());
    // Java writes key entries first after any reload; this crate keeps the order it is given,
    // so it can put the trusted certificate first. Java's next load tags that certificate
    // with the single key's "01" key id, and keytool's next write keeps it.
    let made = KeyStore::load(dir.join("quirk.p12"), SP).expect("quirk.p12");
    let mut reordered = KeyStore::new(Format::Pkcs12);
    for alias in ["root", "only"] {
        let entry = made.get(alias).expect("entry").clone();
        reordered.insert(alias, entry).expect("insert");
    }
    reordered.save(dir.join("quirk.p12"), SP).expect("save");
    run(&[
        &q[..],
        &[
            "-importcert",
            "-alias",
            "other",
            "-file",
            "other.der",
            "-noprompt",
        ],
    ]
    .concat());
    run(&[
        "-J-Dkeystore.pkcs12.legacy",
        "-genkeypair",
        "-keystore",
        "legacy.p12",
        "-storepass",
        SP,
        "-alias",
        "k",
        "-keyalg",
        "RSA",
        "-dname",
        "CN=legacy",
    ]);
    run(&[
        "-J-Dkeystore.pkcs12.legacy",
        "-importcert",
        "-keystore",
        "legacy.p12",
        "-storepass",
        SP,
        "-alias",
        "ca",
        "-file",
        "ca.pem",
        "-noprompt",
    ]);
    for (alias, file) in [("rootca", "ca.pem"), ("OtherCA", "other.der")] {
        run(&[
            "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
            "-J-Dkeystore.pkcs12.macAlgorithm=NONE",
            "-importcert",
            "-keystore",
            "nopass.p12",
            "-alias",
            alias,
            "-file",
            file,
            "-noprompt",
        ]);
    }
    dir
}

pub fn stores(kt: &Keytool) -> &'static Path {
    static K17: OnceLock<PathBuf> = OnceLock::new();
    static K25: OnceLock<PathBuf> = OnceLock::new();
    let cell = if kt.version == 25 { &K25 } else { &K17 };
    cell.get_or_init(|| {
        crate::interop::shared_fixture(&format!("pkcs12-{}-stores", kt.version), || make(kt))
    })
}

const FILES: [&str; 4] = ["k.p12", "quirk.p12", "legacy.p12", "nopass.p12"];

#[test]
fn keytool_pkcs12_stores_read_exactly_as_java_reads_them() {
    for maker in Keytool::all() {
        let dir = stores(&maker);
        for file in FILES {
            let path = dir.join(file);
            let store = KeyStore::load(&path, SP).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(store.format(), Format::Pkcs12);
            let ours = our_dump(&store, SP, &[]);
            for reader in Keytool::all() {
                let java = jca_dump(&reader, &path, "PKCS12", SP, &[]);
                assert_eq!(
                    ours, java,
                    "{file} by JDK {} read by JDK {}",
                    maker.version, reader.version
                );
            }
        }
        let (k, k_form) = decode_file(&dir.join("k.p12"), Some(SP));
        assert_eq!(k.len(), 7);
        assert!(k.contains_alias(EMOJI), "non-BMP alias kept");
        let Some(Entry::SecretKey(s)) = k.get("desede") else {
            panic!("desede")
        };
        assert_eq!(s.open(SP).expect("open").algorithm(), "DESede");
        assert_eq!(k_form.pkcs12, Some(Pkcs12Options::modern()));
        let (_, legacy) = decode_file(&dir.join("legacy.p12"), Some(SP));
        assert_eq!(legacy.pkcs12, Some(Pkcs12Options::legacy()));
        let bytes = std::fs::read(dir.join("nopass.p12")).expect("nopass");
        assert!(is_passwordless(&bytes));
        let (nopass, form) = decode_file(&dir.join("nopass.p12"), None);
        assert_eq!(nopass.len(), 2);
        assert!(form.is_passwordless() && form.skipped.is_empty());
    }
}

/// The files where Java's reading differs from other readers' (formats.md 4.9): the trusted
/// certificate Java tags "01", a non-BMP alias, the DESede OID. Ours read them as Java does,
/// and agree with `p12-keystore` on every entry it reads at all.
#[test]
fn java_quirks_are_read_as_java_reads_them() {
    let dir = stores(&Keytool::jdk17());
    let quirk = std::fs::read(dir.join("quirk.p12")).expect("quirk");
    let ours = KeyStore::from_bytes(&quirk, SP).expect("ours");
    assert_eq!(ours.len(), 3, "key and trusted certificates");
    assert!(matches!(ours.get("root"), Some(Entry::TrustedCert(_))));
    // Java's chain for the key comes from every certificate: here just the self-signed leaf.
    let Some(Entry::PrivateKey(k)) = ours.get("only") else {
        panic!("only")
    };
    assert_eq!(k.chain().len(), 1);
    agrees_with_p12_keystore(&ours, &quirk);

    let k = std::fs::read(dir.join("k.p12")).expect("k");
    let ours = KeyStore::from_bytes(&k, SP).expect("ours");
    assert!(ours.contains_alias(EMOJI), "the non-BMP alias is kept");
    let Some(Entry::SecretKey(s)) = ours.get("desede") else {
        panic!("desede")
    };
    assert_eq!(s.open(SP).expect("open").algorithm(), "DESede");
    agrees_with_p12_keystore(&ours, &k);
}

/// Every key and secret key `p12-keystore` reads from `bytes` is in `ours` too, with the
/// same decrypted key (and, for private keys, the same certificate). Keys are matched by
/// their bytes, not their aliases: it names a key whose alias it cannot decode after its
/// certificate, and lists a chain's CA certificates as entries of their own, which Java does
/// not (those are compared where ours has the alias).
fn agrees_with_p12_keystore(ours: &KeyStore, bytes: &[u8]) {
    let theirs =
        p12_keystore::KeyStore::from_pkcs12(bytes, SP, p12_keystore::Pkcs12ImportPolicy::Relaxed)
            .expect("p12-keystore reads it");
    let opened: Vec<(Vec<u8>, Option<Vec<u8>>)> = ours
        .entries()
        .filter_map(|(_, e)| match e {
            Entry::PrivateKey(k) => Some((
                k.open(SP).expect("open").pkcs8_der().to_vec(),
                Some(k.chain()[0].as_der().to_vec()),
            )),
            Entry::SecretKey(s) => Some((s.open(SP).expect("open").as_bytes().to_vec(), None)),
            _ => None,
        })
        .collect();
    let mut compared = 0;
    for (alias, entry) in theirs.entries() {
        let found = match entry {
            p12_keystore::KeyStoreEntry::Certificate(c) => match ours.get(alias) {
                Some(mine) => mine.certificate().map(|m| m.as_der()) == Some(c.as_der()),
                None => continue,
            },
            p12_keystore::KeyStoreEntry::PrivateKeyChain(c) => opened.iter().any(|(k, cert)| {
                k == c.key().as_der() && cert.as_deref() == Some(c.certs()[0].as_der())
            }),
            p12_keystore::KeyStoreEntry::Secret(s) => opened.iter().any(|(k, _)| k == s.key()),
        };
        assert!(found, "{alias}: not read the same here");
        compared += 1;
    }
    assert!(compared > 0, "nothing to compare");
}

/// A store file decoded, with how it was stored.
fn decode_file(path: &Path, password: Option<&str>) -> (KeyStore, Stored) {
    let bytes = std::fs::read(path).expect("read");
    KeyStore::decode(bytes, password).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keytool-made JCEKS store's entries in a PKCS#12 store, keys sealed for `options`' form
/// (which writing it takes).
fn ours_in_form(options: Pkcs12Options) -> KeyStore {
    let jceks = KeyStore::load(
        crate::interop::keytool_stores(&Keytool::jdk17()).join("k.jceks"),
        SP,
    )
    .expect("jceks");
    let mut p12 = KeyStore::new(Format::Pkcs12);
    let protection = WriteOptions::pkcs12(options).key_protection(Format::Pkcs12);
    for (alias, entry) in jceks.entries() {
        // Two keys there have their own password, as JCEKS allows.
        let pass = if matches!(alias, "mixedcase" | "hmac") {
            "keypass1"
        } else {
            SP
        };
        p12.import_entry(alias, entry, pass, SP, protection)
            .expect("import");
    }
    p12
}

fn openssl_info(path: &Path, legacy: bool) -> std::process::Output {
    let mut cmd = Command::new("openssl");
    cmd.arg("pkcs12")
        .arg("-info")
        .arg("-noout")
        .arg("-in")
        .arg(path);
    cmd.arg("-passin").arg(format!("pass:{SP}"));
    if legacy {
        cmd.arg("-legacy");
    }
    cmd.output().expect("run openssl")
}

#[test]
fn every_pkcs12_form_written_here_is_read_by_java_openssl_and_keytool() {
    let dir = scratch("p12-written-here");
    for (file, options, openssl_legacy) in [
        ("modern.p12", Pkcs12Options::modern(), false),
        ("legacy.p12", Pkcs12Options::legacy(), true),
        ("nopass.p12", Pkcs12Options::passwordless(), false),
    ] {
        let mut store = ours_in_form(options);
        store
            .insert(EMOJI, store.get("trusted ü").expect("trusted").clone())
            .expect("insert");
        let path = dir.join(file);
        let bytes = store
            .encode(SP, &WriteOptions::pkcs12(options))
            .expect("encode");
        javakeystore::write_atomic(&path, &bytes).expect("save");
        assert_eq!(is_passwordless(&bytes), options.is_passwordless(), "{file}");
        let (back, form) = KeyStore::decode(bytes.clone(), SP).expect("reread");
        assert_eq!(form.pkcs12, Some(options), "{file} keeps its form");
        let ours = our_dump(&back, SP, &[]);
        for kt in Keytool::all() {
            assert_eq!(
                jca_dump(&kt, &path, "PKCS12", SP, &[]),
                ours,
                "{file} read by JDK {}",
                kt.version
            );
            // keytool converts it, which decrypts every key again.
            let dest = format!("{file}.{}.jceks", kt.version);
            let out = kt.run(
                &dir,
                &[
                    "-importkeystore",
                    "-srckeystore",
                    file,
                    "-srcstorepass",
                    SP,
                    "-destkeystore",
                    &dest,
                    "-deststoretype",
                    "JCEKS",
                    "-deststorepass",
                    SP,
                    "-noprompt",
                ],
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains(&format!(
                    "{} entries successfully imported, 0 entries failed",
                    store.len()
                )),
                "JDK {} importkeystore of {file}: {err}",
                kt.version
            );
        }
        let info = openssl_info(&path, openssl_legacy);
        assert!(
            info.status.success(),
            "openssl pkcs12 -info {file}: {}",
            String::from_utf8_lossy(&info.stderr)
        );
        let text = String::from_utf8_lossy(&info.stderr);
        if options.is_passwordless() {
            assert!(!text.contains("MAC:"), "{file}: {text}");
        } else {
            assert!(
                text.contains("MAC verified OK") || info.status.success(),
                "{file}: {text}"
            );
        }
    }
    // The password-less form is listed by keytool without any password.
    for kt in Keytool::all() {
        let out = kt.run(&dir, &["-list", "-keystore", "nopass.p12"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("Your keystore contains"),
            "JDK {}: {text}",
            kt.version
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("WARNING"));
    }
}

#[test]
fn p12_keystore_and_this_crate_read_each_others_files() {
    let ours = ours_in_form(Pkcs12Options::modern());
    for options in [Pkcs12Options::modern(), Pkcs12Options::legacy()] {
        let bytes = ours
            .encode(SP, &WriteOptions::pkcs12(options))
            .expect("save");
        let theirs = p12_keystore::KeyStore::from_pkcs12(
            &bytes,
            SP,
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .expect("p12-keystore reads ours");
        assert_eq!(theirs.entries_len(), ours.len());
        // Keys decrypted by p12-keystore equal ours.
        for (alias, entry) in ours.entries() {
            if let (Entry::PrivateKey(k), Some(p12_keystore::KeyStoreEntry::PrivateKeyChain(c))) =
                (entry, theirs.entry(alias))
            {
                assert_eq!(
                    k.open(SP).expect("open").pkcs8_der(),
                    c.key().as_der(),
                    "{alias}"
                );
                assert_eq!(k.chain().len(), c.certs().len());
            }
        }
    }
    // The other way: p12-keystore's writer, fed through the bridge. It cannot write a
    // non-BMP alias (another gap this crate fills), so that entry stays out.
    let full = ours.to_p12_keystore(SP).expect("bridge");
    assert!(
        full.writer(SP).write().is_err(),
        "p12-keystore cannot write {EMOJI}"
    );
    let mut ours = ours;
    ours.remove(EMOJI).expect("the JCEKS store has it");
    let theirs = ours.to_p12_keystore(SP).expect("bridge");
    let bytes = theirs.writer(SP).write().expect("p12-keystore writes");
    let back = KeyStore::from_bytes(&bytes, SP).expect("we read p12-keystore's file");
    assert_eq!(back.len(), ours.len());
    for (alias, entry) in ours.entries() {
        let other = back.get(alias).unwrap_or_else(|| panic!("{alias} missing"));
        assert_eq!(entry.kind(), other.kind(), "{alias}");
        match (entry, other) {
            (Entry::SecretKey(a), Entry::SecretKey(b)) => {
                assert_eq!(a.open(SP).expect("a"), b.open(SP).expect("b"), "{alias}");
            }
            (Entry::PrivateKey(a), Entry::PrivateKey(b)) => {
                assert_eq!(a.open(SP).expect("a"), b.open(SP).expect("b"), "{alias}");
                assert_eq!(
                    a.created(),
                    b.created(),
                    "{alias}: Time key id carries the date"
                );
            }
            _ => assert_eq!(entry.certificate(), other.certificate()),
        }
    }
    let round = KeyStore::from_p12_keystore(&theirs, "other-pass").expect("bridge back");
    assert_eq!(round.len(), ours.len());
}

#[test]
fn wrong_passwords_tampering_and_hostile_counts_give_typed_errors() {
    let bytes = ours_in_form(Pkcs12Options::modern())
        .to_bytes(SP)
        .expect("save");
    assert!(matches!(
        KeyStore::from_bytes(&bytes, "wrong-pass"),
        Err(javakeystore::Error::WrongStorePassword)
    ));
    // A flipped bit inside the MAC value: the password is right, the integrity check fails.
    let mut tampered = bytes.clone();
    let last = tampered.len() - 30;
    tampered[last] ^= 1;
    assert!(matches!(
        KeyStore::from_bytes(&tampered, SP),
        Err(javakeystore::Error::Integrity)
    ));
    // Without a password the encrypted certificates are skipped, and the report of how the
    // store was read refuses to give options that would write it back without them.
    let (_, partial) = KeyStore::decode(bytes.clone(), None).expect("unverified");
    assert!(!partial.skipped.is_empty());
    assert!(matches!(
        partial.write_options(),
        Err(javakeystore::error::EncodeError::Incomplete { .. })
    ));
    // Iteration counts beyond Java's limit are refused before any work is done: the MAC
    // count 65,536 (`02 03 01 00 00`, last in the file) becomes 8,388,607.
    let slow = ours_in_form(Pkcs12Options::modern());
    let mut options = WriteOptions::default();
    options.pkcs12.mac_iterations = 65_536;
    let mut bytes = slow.encode(SP, &options).expect("save");
    let n = bytes.len();
    assert_eq!(bytes[n - 5..], [0x02, 0x03, 0x01, 0x00, 0x00]);
    bytes[n - 3..].copy_from_slice(&[0x7F, 0xFF, 0xFF]);
    let start = std::time::Instant::now();
    let err = KeyStore::from_bytes(&bytes, SP).expect_err("over the limit");
    assert!(
        start.elapsed().as_millis() < 500,
        "refused before deriving keys"
    );
    assert!(err.to_string().contains("iteration"), "{err}");
}

/// The system `cacerts`, whatever its form, is opened without the caller knowing the form,
/// and written back in that same form.
#[test]
fn cacerts_in_every_java_form_is_written_back_in_that_form() {
    use javakeystore::cacerts::Cacerts;
    let system = Cacerts::open().expect("the machine's cacerts");
    assert!(system.store().len() > 50, "a real trust store");
    let dir = scratch("cacerts-forms");
    let jks = system
        .store()
        .convert(Format::Jks, "", "changeit")
        .expect("as JKS");
    let nopass = system
        .store()
        .convert(Format::Pkcs12, "", "")
        .expect("as PKCS#12");
    jks.save(dir.join("jks-cacerts"), "changeit").expect("save");
    let bytes = nopass
        .encode("", &WriteOptions::pkcs12(Pkcs12Options::passwordless()))
        .expect("encode");
    javakeystore::write_atomic(&dir.join("p12-cacerts"), &bytes).expect("save");
    for (file, format, passwordless) in [
        ("jks-cacerts", Format::Jks, false),
        ("p12-cacerts", Format::Pkcs12, true),
    ] {
        let path = dir.join(file);
        let mut c = Cacerts::at(&path, None, true).expect("open");
        assert_eq!(
            (c.format(), c.is_passwordless()),
            (format, passwordless),
            "{file}"
        );
        let n = c.store().len();
        let first = c.store().aliases().next().expect("an alias").to_owned();
        c.store_mut().remove(&first).expect("remove");
        c.save().expect("save");
        drop(c);
        let bytes = std::fs::read(&path).expect("read");
        assert_eq!(Format::detect(&bytes), Ok(format));
        assert_eq!(is_passwordless(&bytes), passwordless, "{file}");
        let again = KeyStore::from_bytes(&bytes, "changeit").expect("reload");
        assert_eq!(again.len(), n - 1);
        // keytool agrees, with no password for the password-less form.
        let args: &[&str] = if passwordless {
            &["-list", "-keystore", file]
        } else {
            &["-list", "-keystore", file, "-storepass", "changeit"]
        };
        let listing = Keytool::jdk17().ok(&dir, args);
        assert!(
            listing.contains(&format!("Your keystore contains {} entries", n - 1)),
            "{listing}"
        );
    }
}

/// Non-ASCII store passwords: the MAC uses the BMPString form, PBES2 the UTF-8 bytes, as
/// OpenSSL and Java 25 write them (Java 17 cannot make or open such a file).
#[test]
fn non_ascii_passwords_from_openssl_and_java_25_open() {
    const PW: &str = "pässwörd-ß€";
    let dir = scratch("p12-non-ascii");
    let kt = Keytool::jdk17();
    kt.ok(
        &dir,
        &[
            "-genkeypair",
            "-keystore",
            "src.p12",
            "-storepass",
            SP,
            "-alias",
            "k",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=na",
        ],
    );
    let src = KeyStore::load(dir.join("src.p12"), SP).expect("src");
    let Some(Entry::PrivateKey(k)) = src.get("k") else {
        panic!("k")
    };
    let key = k.open(SP).expect("open");
    std::fs::write(
        dir.join("key.pem"),
        pem::encode(&pem::Pem::new("PRIVATE KEY", key.pkcs8_der().to_vec())),
    )
    .expect("key");
    std::fs::write(dir.join("cert.pem"), k.chain()[0].to_pem()).expect("cert");
    let out = Command::new("openssl")
        .args([
            "pkcs12",
            "-export",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-name",
            "openssl",
            "-out",
            "openssl.p12",
        ])
        .arg("-passout")
        .arg(format!("pass:{PW}"))
        .current_dir(&dir)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = KeyStore::load(dir.join("openssl.p12"), PW).expect("OpenSSL's non-ASCII file");
    let Some(Entry::PrivateKey(o)) = store.get("openssl") else {
        panic!("openssl entry")
    };
    assert_eq!(o.open(PW).expect("open").pkcs8_der(), key.pkcs8_der());
    // Ours with that password: OpenSSL (and Java 25) open it; Java 17 refuses non-ASCII PBE
    // passwords, which the test shows as well.
    let ours = src.convert(Format::Pkcs12, SP, PW).expect("convert");
    ours.save(dir.join("ours.p12"), PW).expect("save");
    let info = Command::new("openssl")
        .args(["pkcs12", "-info", "-noout", "-in", "ours.p12"])
        .arg("-passin")
        .arg(format!("pass:{PW}"))
        .current_dir(&dir)
        .output()
        .expect("openssl");
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    let by17 = kt.run(&dir, &["-list", "-keystore", "ours.p12", "-storepass", PW]);
    assert!(
        !by17.status.success(),
        "Java 17 cannot use a non-ASCII PKCS#12 password"
    );
    if let Some(kt25) = Keytool::jdk25() {
        kt25.ok(&dir, &["-list", "-keystore", "ours.p12", "-storepass", PW]);
        kt25.ok(
            &dir,
            &[
                "-genkeypair",
                "-keystore",
                "j25.p12",
                "-storepass",
                PW,
                "-alias",
                "k25",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=j25",
            ],
        );
        let j25 = KeyStore::load(dir.join("j25.p12"), PW).expect("Java 25's non-ASCII file");
        let Some(Entry::PrivateKey(k25)) = j25.get("k25") else {
            panic!("k25")
        };
        k25.open(PW).expect("open with the non-ASCII password");
    }
}
