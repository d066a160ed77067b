//! `-check` (this keytool only): a set of stores made for it (by this keytool, keytool 17
//! and openssl, at test time, since expiry is relative to today) yields every finding code,
//! a clean store yields none; the four outputs (text, JSON against the schema, Nagios with
//! its exit codes, Prometheus with values checked against openssl), `-dir` over links that
//! loop, broken links and FIFOs, and the speed target.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use javakeystore::fleet::FindingCode;
use javakeystore::{Entry, Format, KeyStore, PrivateKeyEntry, Timestamp};

use crate::cli::{ours, text};
use crate::common::{Keytool, openssl};
use crate::interop::{SP, scratch};

fn run(dir: &Path, args: &[&str]) -> Output {
    ours(dir, args, b"")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// `-genkeypair` into `store` (storepass and keypass `changeit`) with a DN and extras.
fn genkey(dir: &Path, store: &str, alias: &str, cn: &str, extra: &[&str]) {
    let dname = format!("CN={cn}, O=Check");
    let mut args = vec![
        "-genkeypair",
        "-keystore",
        store,
        "-storepass",
        SP,
        "-keypass",
        SP,
        "-alias",
        alias,
        "-keyalg",
        "RSA",
        "-dname",
        &dname,
    ];
    if store.ends_with(".jks") {
        args.extend_from_slice(&["-storetype", "JKS"]);
    }
    args.extend_from_slice(extra);
    ok(dir, &args);
}

const SERVER: &[&str] = &["-ext", "EKU=serverAuth,clientAuth"];

/// A certificate for a new key in `ca.p12`, signed by its CA with `sigalg`, in `file`.
fn ca_signed(dir: &Path, alias: &str, cn: &str, sigalg: &str, file: &str) {
    genkey(dir, "ca.p12", alias, cn, &[]);
    let csr = format!("{alias}.csr");
    let ca = ["-keystore", "ca.p12", "-storepass", SP];
    ok(
        dir,
        &[&ca[..], &["-certreq", "-alias", alias, "-file", &csr]].concat(),
    );
    let san = format!("SAN=dns:{cn}");
    ok(
        dir,
        &[
            &ca[..],
            &[
                "-gencert", "-alias", "ca", "-infile", &csr, "-outfile", file, "-sigalg", sigalg,
            ],
            &["-ext", "EKU=serverAuth,clientAuth", "-ext", &san, "-rfc"],
        ]
        .concat(),
    );
}

/// The stores made to hold every finding, in `dir/findings`; helpers in `dir`.
fn finding_stores(dir: &Path) -> PathBuf {
    let f = dir.join("findings");
    std::fs::create_dir_all(&f).expect("mkdir");
    genkey(dir, "ca.p12", "ca", "Check CA", &["-ext", "bc:c"]);
    ok(
        dir,
        &[
            "-exportcert",
            "-keystore",
            "ca.p12",
            "-storepass",
            SP,
            "-alias",
            "ca",
            "-rfc",
            "-file",
            "ca.pem",
        ],
    );
    ca_signed(dir, "sha1", "sha1.example.com", "SHA1withRSA", "sha1.pem");
    ca_signed(dir, "leaf", "leaf.example.com", "SHA256withRSA", "leaf.pem");
    let w = "findings/weak.jks";
    genkey(
        dir,
        w,
        "expired",
        "expired.example.com",
        &[&["-startdate", "-20d", "-validity", "10"], SERVER].concat(),
    );
    genkey(
        dir,
        w,
        "crit",
        "crit.example.com",
        &[&["-validity", "3"], SERVER].concat(),
    );
    genkey(
        dir,
        w,
        "soon",
        "soon.example.com",
        &[&["-validity", "20"], SERVER].concat(),
    );
    genkey(
        dir,
        w,
        "future",
        "future.example.com",
        &[&["-startdate", "+10d"], SERVER].concat(),
    );
    genkey(
        dir,
        w,
        "rsa1024",
        "small.example.com",
        &[&["-keysize", "1024"], SERVER].concat(),
    );
    genkey(dir, w, "shortname", "cvp1", SERVER);
    genkey(
        dir,
        w,
        "eku",
        "eku.example.com",
        &["-ext", "EKU=serverAuth"],
    );
    ok(
        dir,
        &[
            "-importcert",
            "-keystore",
            w,
            "-storepass",
            SP,
            "-alias",
            "sha1",
            "-file",
            "sha1.pem",
            "-noprompt",
        ],
    );
    ok(
        dir,
        &[
            "-genseckey",
            "-keystore",
            "findings/des.jceks",
            "-storetype",
            "JCEKS",
            "-storepass",
            SP,
            "-keypass",
            SP,
            "-alias",
            "des",
            "-keyalg",
            "DES",
        ],
    );
    // keytool 17 writes the Java 8 form under this property, as this keytool does.
    Keytool::jdk17().ok(
        dir,
        &[
            "-J-Dkeystore.pkcs12.legacy",
            "-importcert",
            "-keystore",
            "findings/legacy.p12",
            "-storetype",
            "PKCS12",
            "-storepass",
            SP,
            "-alias",
            "ca",
            "-file",
            "ca.pem",
            "-noprompt",
        ],
    );
    ok(
        dir,
        &[
            "-J-Dkeystore.pkcs12.macAlgorithm=PBEWithHmacSHA256",
            "-importcert",
            "-keystore",
            "findings/pbmac1.p12",
            "-storepass",
            SP,
            "-alias",
            "ca",
            "-file",
            "ca.pem",
            "-noprompt",
        ],
    );
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-nokeys",
            "-in",
            "ca.pem",
            "-out",
            "findings/nokeys.p12",
            "-passout",
            &format!("pass:{SP}"),
        ],
    );
    keys_store(dir, &f.join("keys.p12"));
    let legacy = std::fs::read(f.join("legacy.p12")).expect("read");
    std::fs::write(f.join("cut.p12"), &legacy[..100]).expect("write");
    std::fs::copy(dir.join("sha1.pem"), f.join("server.pem")).expect("copy");
    f
}

/// A PKCS#12 store (made with the library) with a key whose chain stops below a CA the
/// store does not hold, and a key under another key's certificate.
fn keys_store(dir: &Path, path: &Path) {
    let ca = KeyStore::load(dir.join("ca.p12"), SP).expect("ca.p12");
    let Some(Entry::PrivateKey(leaf)) = ca.get("leaf") else {
        panic!("leaf key")
    };
    let Some(Entry::PrivateKey(sha1)) = ca.get("sha1") else {
        panic!("sha1 key")
    };
    let leaf_cert =
        javakeystore::parse_certificates(&std::fs::read(dir.join("leaf.pem")).expect("pem"))
            .expect("leaf.pem")
            .remove(0);
    let now = Timestamp::now();
    let mut store = KeyStore::new(Format::Pkcs12);
    let incomplete = PrivateKeyEntry::new(leaf.protected_key().clone(), vec![leaf_cert], now);
    store
        .insert("incomplete", incomplete.expect("entry").into())
        .expect("insert");
    let mismatch = PrivateKeyEntry::new(leaf.protected_key().clone(), sha1.chain().to_vec(), now);
    store
        .insert("mismatch", mismatch.expect("entry").into())
        .expect("insert");
    store.save(path, SP).expect("save keys.p12");
}

/// Codes per file name, from `-check -format json`.
fn codes(json: &str) -> Vec<(String, String, Option<String>)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    let mut out = Vec::new();
    for f in v["files"].as_array().expect("files") {
        let name = Path::new(f["path"].as_str().expect("path"))
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        for x in f["findings"].as_array().expect("findings") {
            let alias = x["alias"].as_str().map(str::to_owned);
            out.push((
                name.clone(),
                x["code"].as_str().expect("code").to_owned(),
                alias,
            ));
        }
    }
    out
}

#[test]
fn check_finds_every_code_on_stores_made_for_it_and_nothing_on_a_clean_one() {
    let dir = scratch("check-findings");
    let f = finding_stores(&dir);
    let out = run(
        &f,
        &["-check", "-dir", ".", "-storepass", SP, "-format", "json"],
    );
    let json = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{json}{}", text(&out.stderr));
    let mut found = codes(&json);
    // The same modern store without its password: its certificates could not be checked.
    let bare = run(
        &f,
        &["-check", "-keystore", "pbmac1.p12", "-format", "json"],
    );
    found.extend(codes(&text(&bare.stdout)));
    crate::json::validate(&[json.clone(), text(&bare.stdout)]);
    let seen: BTreeSet<&str> = found.iter().map(|(_, c, _)| c.as_str()).collect();
    let all: BTreeSet<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(seen, all, "{json}");
    let has = |file: &str, code: &str, alias: Option<&str>| {
        assert!(
            found
                .iter()
                .any(|(f, c, a)| f == file && c == code && a.as_deref() == alias),
            "{file} {code} {alias:?} in {json}"
        );
    };
    for (alias, code) in [
        ("expired", "expired"),
        ("crit", "expires_critical"),
        ("soon", "expires_soon"),
        ("future", "not_yet_valid"),
        ("rsa1024", "weak_key"),
        ("rsa1024", "server_key_not_rsa2048"),
        ("shortname", "server_cn_not_fqdn"),
        ("eku", "server_eku_missing_usage"),
        ("sha1", "weak_signature"),
        ("sha1", "server_signature_not_sha256"),
    ] {
        has("weak.jks", code, Some(alias));
    }
    has("weak.jks", "legacy_store_format", None);
    has("des.jceks", "weak_secret_key", Some("des"));
    has("legacy.p12", "weak_pkcs12_protection", None);
    has("pbmac1.p12", "pbmac1_store", None);
    has("pbmac1.p12", "not_checked", None);
    has("nokeys.p12", "untrusted_pkcs12_certificate", None);
    has("keys.p12", "incomplete_chain", Some("incomplete"));
    has("keys.p12", "key_certificate_mismatch", Some("mismatch"));
    has("cut.p12", "unreadable", None);
    has("server.pem", "weak_signature", None);
    // Findings only where they belong: the good entries of weak.jks have none of their own.
    assert!(
        !found
            .iter()
            .any(|(_, c, a)| c == "expired" && a.as_deref() != Some("expired"))
    );
    assert!(
        !found.iter().any(|(_, _, a)| a.as_deref() == Some("ca")),
        "{json}"
    );

    genkey(
        &dir,
        "clean.p12",
        "server",
        "clean.example.com",
        &[
            "-ext",
            "EKU=serverAuth,clientAuth",
            "-ext",
            "SAN=dns:clean.example.com",
        ],
    );
    ok(
        &dir,
        &[
            "-importcert",
            "-keystore",
            "clean.p12",
            "-storepass",
            SP,
            "-alias",
            "ca",
            "-file",
            "ca.pem",
            "-noprompt",
        ],
    );
    let clean = run(
        &dir,
        &["-check", "-keystore", "clean.p12", "-storepass", SP],
    );
    let report = text(&clean.stdout);
    assert_eq!(clean.status.code(), Some(0), "{report}");
    assert!(
        report.starts_with("clean.p12: PKCS12, 2 certificate(s), OK\n"),
        "{report}"
    );
    assert!(
        report.ends_with("1 file(s) checked: 0 critical, 0 warning(s), 0 unknown\n"),
        "{report}"
    );
    // A wrong password: the store is reported unreadable, nothing worse is claimed.
    let wrong = run(
        &dir,
        &[
            "-check",
            "-keystore",
            "clean.p12",
            "-storepass",
            "wrong-pass",
        ],
    );
    let said = text(&wrong.stdout);
    assert_eq!(wrong.status.code(), Some(3), "{said}");
    assert!(
        said.contains("UNKNOWN  unreadable: ") && said.contains("password"),
        "{said}"
    );
    // Never a secret: no key material or password in any output.
    assert!(!json.contains(SP) && !report.contains("PRIVATE"), "{json}");
}

#[test]
fn check_nagios_and_prometheus_outputs() {
    let dir = scratch("check-outputs");
    genkey(
        &dir,
        "soon.p12",
        "soon",
        "soon.example.com",
        &[
            &["-validity", "20"],
            SERVER,
            &["-ext", "SAN=dns:soon.example.com"],
        ]
        .concat(),
    );
    let nagios = |args: &[&str]| {
        let out = run(
            &dir,
            &[&["-check", "-format", "nagios", "-storepass", SP], args].concat(),
        );
        (out.status.code(), text(&out.stdout))
    };
    let (code, line) = nagios(&["-keystore", "soon.p12"]);
    assert_eq!(code, Some(1), "{line}");
    assert!(line.starts_with("KEYSTORE WARNING - 0 critical, 1 warning(s), 0 unknown; soon.p12: WARNING  expires_soon <soon>"), "{line}");
    assert_eq!(line.lines().count(), 1);
    assert_eq!(
        nagios(&["-keystore", "soon.p12", "-warndays", "10"]).0,
        Some(0)
    );
    assert_eq!(
        nagios(&[
            "-keystore",
            "soon.p12",
            "-critdays",
            "25",
            "-warndays",
            "40"
        ])
        .0,
        Some(2)
    );
    std::fs::write(dir.join("text.txt"), "not a store").expect("write");
    let (code, line) = nagios(&["-keystore", "text.txt"]);
    assert_eq!(code, Some(3), "{line}");
    assert!(line.starts_with("KEYSTORE UNKNOWN"), "{line}");
    let bad = run(
        &dir,
        &["-check", "-keystore", "soon.p12", "-critdays", "40"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stdout).contains("-critdays (40) must not exceed -warndays (30)"));

    ok(
        &dir,
        &[
            "-exportcert",
            "-keystore",
            "soon.p12",
            "-storepass",
            SP,
            "-alias",
            "soon",
            "-rfc",
            "-file",
            "soon.pem",
        ],
    );
    let out = run(
        &dir,
        &[
            "-check",
            "-keystore",
            "soon.p12",
            "-storepass",
            SP,
            "-format",
            "prometheus",
            "-file",
            "metrics.prom",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let prom = std::fs::read_to_string(dir.join("metrics.prom")).expect("prom");
    let serial_hex = openssl(&dir, &["x509", "-in", "soon.pem", "-noout", "-serial"]);
    let serial =
        u128::from_str_radix(serial_hex.trim().trim_start_matches("serial="), 16).expect("hex");
    let end = openssl(&dir, &["x509", "-in", "soon.pem", "-noout", "-enddate"]);
    let date = std::process::Command::new("date")
        .args([
            "-u",
            "-d",
            end.trim().trim_start_matches("notAfter="),
            "+%s",
        ])
        .output()
        .expect("date");
    let labels = format!(
        "{{filepath=\"soon.p12\",alias=\"soon\",subject_CN=\"soon.example.com\",issuer_CN=\"soon.example.com\",serial_number=\"{serial}\"}}"
    );
    assert!(
        prom.contains(&format!(
            "x509_cert_not_after{labels} {}",
            text(&date.stdout).trim()
        )),
        "{prom}"
    );
    assert!(
        prom.contains(&format!("x509_cert_expired{labels} 0\n")),
        "{prom}"
    );
    assert!(
        prom.contains("# TYPE x509_cert_not_before gauge\n"),
        "{prom}"
    );
    assert!(
        prom.contains("keystore_check_findings{filepath=\"soon.p12\",code=\"expires_soon\"} 1\n"),
        "{prom}"
    );
    assert!(prom.contains("x509_read_errors 0\n"), "{prom}");
}

#[cfg(unix)]
#[test]
fn check_dir_walks_once_through_link_loops_and_skips_fifos() {
    let dir = scratch("check-dir");
    let tree = dir.join("tree");
    std::fs::create_dir_all(tree.join("a/b")).expect("mkdir");
    genkey(
        &dir,
        "tree/a/b/one.p12",
        "one",
        "one.example.com",
        &[&["-ext", "SAN=dns:one.example.com"], SERVER].concat(),
    );
    std::fs::copy(tree.join("a/b/one.p12"), tree.join("two.p12")).expect("copy");
    std::fs::write(tree.join("README.txt"), "certificates for the servers\n").expect("write");
    std::os::unix::fs::symlink(&tree, tree.join("a/b/loop")).expect("link");
    std::os::unix::fs::symlink(tree.join("missing.p12"), tree.join("dangling.p12")).expect("link");
    let fifo = std::process::Command::new("mkfifo")
        .arg(tree.join("pipe"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    let started = std::time::Instant::now();
    let out = run(&dir, &["-check", "-dir", "tree", "-storepass", SP]);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{report}{}", text(&out.stderr));
    assert_eq!(report.matches("one.p12: PKCS12").count(), 1, "{report}");
    assert_eq!(report.matches("two.p12: PKCS12").count(), 1, "{report}");
    assert!(report.contains("dangling.p12: unreadable, 0 certificate(s), 1 finding\n  UNKNOWN  unreadable: cannot follow"), "{report}");
    assert!(
        !report.contains("README") && !report.contains("pipe"),
        "{report}"
    );
    let missing = run(&dir, &["-check", "-dir", "nowhere"]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(text(&missing.stdout).contains("nowhere: unreadable, 0 certificate(s), 1 finding\n  UNKNOWN  unreadable: cannot read the folder"));
}

/// 1,000 stores of 144 certificates each (the Debian cacerts) in at most 3 s, whole process.
#[test]
fn check_of_a_thousand_cacerts_copies_is_fast() {
    let dir = scratch("check-speed");
    let stores = dir.join("stores");
    std::fs::create_dir_all(&stores).expect("mkdir");
    let cacerts = crate::common::corpus("generated/cacerts-debian.jks");
    for i in 0..1000 {
        std::fs::copy(&cacerts, stores.join(format!("cacerts-{i:04}.jks"))).expect("copy");
    }
    let started = std::time::Instant::now();
    let out = run(&dir, &["-check", "-dir", "stores", "-format", "nagios"]);
    let took = started.elapsed();
    let line = text(&out.stdout);
    assert!(line.contains("files=1000 certificates=144000"), "{line}");
    eprintln!("-check of 1,000 cacerts copies: {took:?}");
    // Debug builds are several times slower; the 3 s target is for the release build
    // (benches/vs-keytool.sh).
    let limit = if cfg!(debug_assertions) { 30 } else { 3 };
    assert!(took.as_secs_f64() < f64::from(limit), "{took:?}");
}
