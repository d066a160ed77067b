//! Every key type, both ways, against the real keytool 17 and 25: stores keytool makes with
//! each type are read here as Java reads them and listed as keytool lists them; stores made
//! here are listed by keytool with the same names, decrypted by Java, and converted by
//! `keytool -importkeystore`.

use std::path::{Path, PathBuf};

use javakeystore::{Entry, KeyStore};

use crate::cli::{ours_as, same_as, text, twin_dirs};
use crate::common::{Keytool, jca_dump, openssl, our_dump};
use crate::interop::{scratch, shared_fixture};

const SP: &str = "changeit";

/// `(alias, -genkeypair options)` for each key type `release` makes; keys that cannot sign
/// are issued by an earlier entry, as keytool requires.
fn key_types(release: u32) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut v: Vec<(&str, Vec<&str>)> = vec![
        ("rsa", vec!["-keyalg", "RSA"]),
        ("pss", vec!["-keyalg", "RSASSA-PSS", "-keysize", "2048"]),
        ("ec256", vec!["-keyalg", "EC", "-groupname", "secp256r1"]),
        ("ec384", vec!["-keyalg", "EC", "-groupname", "secp384r1"]),
        ("ec521", vec!["-keyalg", "EC", "-keysize", "521"]),
        ("ed25519", vec!["-keyalg", "Ed25519"]),
        ("ed448", vec!["-keyalg", "EdDSA", "-keysize", "448"]),
        ("dsa", vec!["-keyalg", "DSA", "-keysize", "2048"]),
        ("x25519", vec!["-keyalg", "X25519", "-signer", "ec256"]),
        (
            "x448",
            vec!["-keyalg", "XDH", "-keysize", "448", "-signer", "ed25519"],
        ),
        (
            "sha1",
            vec![
                "-keyalg",
                "RSA",
                "-sigalg",
                "SHA1withRSA",
                "-keysize",
                "1024",
            ],
        ),
    ];
    if release >= 25 {
        v.extend([
            ("mldsa44", vec!["-keyalg", "ML-DSA-44"]),
            ("mldsa65", vec!["-keyalg", "ML-DSA"]),
            (
                "mldsa87",
                vec!["-keyalg", "ML-DSA", "-groupname", "ML-DSA-87"],
            ),
            (
                "mlkem512",
                vec!["-keyalg", "ML-KEM-512", "-signer", "mldsa65"],
            ),
            ("mlkem768", vec!["-keyalg", "ML-KEM", "-signer", "rsa"]),
            (
                "mlkem1024",
                vec!["-keyalg", "ML-KEM-1024", "-signer", "ec384"],
            ),
            ("pqsigned", vec!["-keyalg", "EC", "-signer", "mldsa44"]),
        ]);
    }
    v
}

/// Makes `k.<ext>` of `storetype` in `dir` with every key type, by `run` (keytool or ours).
fn make_store(dir: &Path, release: u32, storetype: &str, run: &dyn Fn(&[&str])) {
    let file = format!("k.{}", ext(storetype));
    for (alias, options) in key_types(release) {
        let dname = format!("CN={alias}, O=Key types");
        let mut args = vec!["-genkeypair", "-keystore", &file, "-storetype", storetype];
        args.extend([
            "-storepass",
            SP,
            "-keypass",
            SP,
            "-alias",
            alias,
            "-dname",
            &dname,
        ]);
        args.extend(["-validity", "365"]);
        args.extend(options.iter().copied());
        run(&args);
    }
    let _ = dir;
}

fn ext(storetype: &str) -> &'static str {
    match storetype {
        "JKS" => "jks",
        "JCEKS" => "jceks",
        _ => "p12",
    }
}

/// keytool's stores of every type: PKCS#12 made by `-genkeypair`, JKS and JCEKS by its
/// `-importkeystore` from that.
fn keytool_made(kt: &Keytool) -> PathBuf {
    shared_fixture(&format!("keytypes-{}", kt.version), || {
        let dir = scratch(&format!("keytypes-made-{}", kt.version));
        make_store(&dir, kt.version, "PKCS12", &|a| {
            kt.ok(&dir, a);
        });
        for ty in ["JKS", "JCEKS"] {
            let dest = format!("k.{}", ext(ty));
            kt.ok(
                &dir,
                &[
                    "-importkeystore",
                    "-srckeystore",
                    "k.p12",
                    "-srcstorepass",
                    SP,
                    "-destkeystore",
                    &dest,
                    "-deststoretype",
                    ty,
                    "-deststorepass",
                    SP,
                    "-noprompt",
                ],
            );
        }
        dir
    })
}

fn load(path: &Path) -> KeyStore {
    KeyStore::load(path, SP).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every key opens and is the key of its own certificate.
fn keys_match_their_certificates(store: &KeyStore, what: &str) {
    for (alias, entry) in store.entries() {
        let Entry::PrivateKey(k) = entry else {
            panic!("{what} {alias}: not a key entry")
        };
        let key = k.open(SP).unwrap_or_else(|e| panic!("{what} {alias}: {e}"));
        let matches = key.matches_certificate(&k.chain()[0]);
        assert_eq!(matches, Ok(true), "{what} {alias}: key and certificate");
    }
}

fn keytool_stores_of_every_type_are_read_as_java_reads_them(kt: &Keytool) {
    let dir = keytool_made(kt);
    let expected = key_types(kt.version).len();
    for ty in ["PKCS12", "JKS", "JCEKS"] {
        let file = format!("k.{}", ext(ty));
        let path = dir.join(&file);
        let store = load(&path);
        assert_eq!(store.len(), expected, "{file} by keytool {}", kt.version);
        keys_match_their_certificates(&store, &file);
        assert_eq!(
            our_dump(&store, SP, &[]),
            jca_dump(kt, &path, ty, SP, &[]),
            "{file}"
        );
        // Listed as keytool lists them, by the release that made them, and by keytool 17
        // (which names the post-quantum keys by OID).
        let (kd, rd) = twin_dirs(
            &format!("keytypes-list-{}-{ty}", kt.version),
            &[(&file, &path)],
        );
        for lister in Keytool::all().iter().filter(|l| l.version <= kt.version) {
            for mode in ["-v", "-rfc"] {
                let args = ["-list", mode, "-keystore", &file, "-storepass", SP];
                same_as(lister, &kd, &rd, &args, b"");
            }
        }
    }
}

#[test]
fn keytool_17_stores_of_every_type_are_read_as_java_reads_them() {
    keytool_stores_of_every_type_are_read_as_java_reads_them(&Keytool::jdk17());
}

#[test]
fn keytool_25_stores_of_every_type_are_read_as_java_reads_them() {
    let Some(kt) = Keytool::jdk25() else {
        eprintln!("keytool 25 is not installed: nothing to compare with");
        return;
    };
    keytool_stores_of_every_type_are_read_as_java_reads_them(&kt);
}

fn stores_of_every_type_made_here_are_read_by_keytool(kt: &Keytool) {
    let dir = scratch(&format!("keytypes-ours-{}", kt.version));
    let expected = key_types(kt.version).len();
    for ty in ["PKCS12", "JKS", "JCEKS"] {
        make_store(&dir, kt.version, ty, &|a| {
            let out = ours_as(kt.version, &dir, a, b"");
            assert!(
                out.status.success(),
                "{a:?}: {}{}",
                text(&out.stdout),
                text(&out.stderr)
            );
        });
        let file = format!("k.{}", ext(ty));
        let path = dir.join(&file);
        let store = load(&path);
        assert_eq!(store.len(), expected);
        keys_match_their_certificates(&store, &file);
        // Java decrypts every key to the bytes stored here.
        assert_eq!(
            jca_dump(kt, &path, ty, SP, &[]),
            our_dump(&store, SP, &[]),
            "{file}"
        );
        let (kd, rd) = twin_dirs(
            &format!("keytypes-ours-list-{}-{ty}", kt.version),
            &[(&file, &path)],
        );
        same_as(
            kt,
            &kd,
            &rd,
            &["-list", "-v", "-keystore", &file, "-storepass", SP],
            b"",
        );
        // keytool converts the store, so it can open each key with the store password.
        let dest = format!("conv-{}.p12", ext(ty));
        kt.ok(
            &dir,
            &[
                "-importkeystore",
                "-srckeystore",
                &file,
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
        assert_eq!(load(&dir.join(&dest)).len(), expected, "{dest}");
    }
}

#[test]
fn keytool_17_reads_stores_of_every_type_made_here() {
    stores_of_every_type_made_here_are_read_by_keytool(&Keytool::jdk17());
}

#[test]
fn keytool_25_reads_stores_of_every_type_made_here() {
    let Some(kt) = Keytool::jdk25() else {
        eprintln!("keytool 25 is not installed: nothing to compare with");
        return;
    };
    stores_of_every_type_made_here_are_read_by_keytool(&kt);
}

#[test]
fn openssl_verifies_certificates_and_requests_signed_here() {
    let dir = scratch("keytypes-openssl");
    let run = |args: &[&str]| {
        let mut all = vec!["-keystore", "k.p12", "-storepass", SP];
        all.extend(args);
        let out = ours_as(17, &dir, &all, b"");
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    };
    let kinds: [(&str, &[&str]); 7] = [
        ("ec256", &["-keyalg", "EC"]),
        ("ec384", &["-keyalg", "EC", "-groupname", "secp384r1"]),
        ("ec521", &["-keyalg", "EC", "-groupname", "secp521r1"]),
        ("ed25519", &["-keyalg", "Ed25519"]),
        ("ed448", &["-keyalg", "Ed448"]),
        ("pss", &["-keyalg", "RSASSA-PSS"]),
        ("rsapss", &["-keyalg", "RSA", "-sigalg", "RSASSA-PSS"]),
    ];
    for (alias, options) in kinds {
        let dname = format!("CN={alias}");
        // Each may act as a CA below: openssl wants basicConstraints for that.
        let mut args = vec![
            "-genkeypair",
            "-alias",
            alias,
            "-dname",
            &dname,
            "-ext",
            "bc:c",
        ];
        args.extend(options);
        run(&args);
        let (cert, req) = (format!("{alias}.pem"), format!("{alias}.csr"));
        run(&["-exportcert", "-rfc", "-alias", alias, "-file", &cert]);
        run(&["-certreq", "-alias", alias, "-file", &req]);
        let verified = openssl(&dir, &["verify", "-CAfile", &cert, &cert]);
        assert!(verified.contains(": OK"), "{alias}: {verified}");
        let checked = openssl(&dir, &["req", "-verify", "-noout", "-in", &req]);
        assert!(checked.contains("verify OK"), "{alias}: {checked}");
    }
    // Across key types: an EC CA issues for an RSA key, an Ed25519 CA for an EC key, an
    // RSASSA-PSS CA for an Ed448 key.
    run(&[
        "-genkeypair",
        "-alias",
        "rsa",
        "-dname",
        "CN=rsa",
        "-keyalg",
        "RSA",
    ]);
    run(&["-certreq", "-alias", "rsa", "-file", "rsa.csr"]);
    for (ca, req) in [("ec384", "rsa"), ("ed25519", "ec256"), ("pss", "ed448")] {
        let leaf = format!("{req}-by-{ca}.pem");
        let infile = format!("{req}.csr");
        run(&[
            "-gencert", "-rfc", "-alias", ca, "-infile", &infile, "-outfile", &leaf,
        ]);
        let issuer = format!("{ca}.pem");
        let verified = openssl(&dir, &["verify", "-CAfile", &issuer, &leaf]);
        assert!(verified.contains(": OK"), "{leaf}: {verified}");
    }
}
