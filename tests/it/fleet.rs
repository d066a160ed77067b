//! The options fleets script (this keytool only): `-importcert -bundle` compared with
//! keytool 17 importing the same certificates one at a time, alias templates, bad bundles,
//! and `-ensure` leaving a satisfied store untouched (bytes, mtime and inode).

use std::path::Path;
use std::process::Output;

use javakeystore::{Certificate, KeyStore};

use crate::cli::{ours, text};
use crate::common::{Keytool, corpus};
use crate::interop::{SP, scratch};

/// The first `n` certificates of the Debian cacerts copy in the corpus.
fn cacerts(n: usize) -> Vec<Certificate> {
    let store = KeyStore::load(corpus("generated/cacerts-debian.jks"), SP).expect("cacerts");
    store
        .entries()
        .filter_map(|(_, e)| e.certificate().cloned())
        .take(n)
        .collect()
}

fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

/// SHA-256 fingerprints keytool 17 lists for a store, sorted.
fn keytool_fingerprints(kt: &Keytool, dir: &Path, store: &str) -> Vec<String> {
    let listing = kt.ok(dir, &["-list", "-keystore", store, "-storepass", SP]);
    let mut v: Vec<String> = listing
        .lines()
        .filter_map(|l| l.strip_prefix("Certificate fingerprint (SHA-256): "))
        .map(str::to_owned)
        .collect();
    v.sort();
    v
}

/// Bytes, modification time and inode (file index on Windows) of a file: what an
/// `unchanged` run must keep.
fn identity(path: &Path) -> (Vec<u8>, std::time::SystemTime, u64) {
    let meta = std::fs::metadata(path).expect("metadata");
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let ino = 0;
    (
        std::fs::read(path).expect("read"),
        meta.modified().expect("mtime"),
        ino,
    )
}

#[test]
fn a_bundle_imports_as_keytool_imports_its_certificates_one_by_one() {
    let kt = Keytool::jdk17();
    let dir = scratch("fleet-bundle");
    let certs = cacerts(12);
    // A BOM, CRLF line ends, text before and between the blocks.
    let mut pem = String::from("\u{feff}Trust bundle for the fleet\r\n");
    for (i, c) in certs.iter().enumerate() {
        pem.push_str(&format!("subject #{i}\r\n"));
        pem.push_str(&c.to_pem().replace('\n', "\r\n"));
        std::fs::write(dir.join(format!("c{i}.pem")), c.to_pem()).expect("write");
    }
    std::fs::write(dir.join("bundle.pem"), &pem).expect("write");
    let args = [
        "-importcert",
        "-bundle",
        "-file",
        "bundle.pem",
        "-keystore",
        "ours.p12",
        "-storepass",
        SP,
        "-noprompt",
    ];
    let out = ok(&ours(&dir, &args, b""), "bundle");
    assert!(
        out.contains("12 certificates added, 0 already present"),
        "{out}"
    );
    for i in 0..certs.len() {
        let file = format!("c{i}.pem");
        let alias = format!("c{i}");
        kt.ok(
            &dir,
            &[
                "-importcert",
                "-file",
                &file,
                "-alias",
                &alias,
                "-keystore",
                "kt.p12",
                "-storepass",
                SP,
                "-noprompt",
            ],
        );
    }
    let theirs = keytool_fingerprints(&kt, &dir, "kt.p12");
    assert_eq!(theirs.len(), 12);
    assert_eq!(keytool_fingerprints(&kt, &dir, "ours.p12"), theirs);
    // Aliases are the lower-cased CNs, as keytool lists them.
    let listing = kt.ok(&dir, &["-list", "-keystore", "ours.p12", "-storepass", SP]);
    let cn = certs[0].subject().expect("dn").common_name().expect("cn");
    assert!(
        listing.contains(&format!("{}, ", cn.to_lowercase())),
        "{listing}"
    );

    // Again, with -ensure: nothing added, nothing written.
    let before = identity(&dir.join("ours.p12"));
    let again = [&args[..], &["-ensure", "-v"]].concat();
    let out = ours(&dir, &again, b"");
    let all = ok(&out, "bundle again");
    assert!(
        all.contains("0 certificates added, 12 already present"),
        "{all}"
    );
    assert!(all.contains("Already present as <"), "{all}");
    assert_eq!(text(&out.stdout).trim(), "unchanged");
    assert_eq!(identity(&dir.join("ours.p12")), before);
}

#[test]
fn pkcs7_and_folder_bundles_and_alias_templates() {
    let kt = Keytool::jdk17();
    let dir = scratch("fleet-bundle-forms");
    let certs = cacerts(5);
    let folder = dir.join("certs");
    std::fs::create_dir_all(&folder).expect("mkdir");
    for (i, c) in certs.iter().enumerate() {
        std::fs::write(folder.join(format!("{i}.cer")), c.as_der()).expect("write");
    }
    std::fs::write(folder.join("README.txt"), "copied from the CA portal\n").expect("write");
    let pem: String = certs.iter().map(Certificate::to_pem).collect();
    std::fs::write(dir.join("all.pem"), pem).expect("write");
    let p7b = crate::common::openssl(
        &dir,
        &[
            "crl2pkcs7",
            "-nocrl",
            "-certfile",
            "all.pem",
            "-outform",
            "DER",
            "-out",
            "all.p7b",
        ],
    );
    let _ = p7b;
    let import = |file: &str, store: &str, alias: &str| {
        let args = [
            "-importcert",
            "-bundle",
            "-file",
            file,
            "-keystore",
            store,
            "-storepass",
            SP,
            "-noprompt",
            "-alias",
            alias,
            "-v",
        ];
        ok(&ours(&dir, &args, b""), file)
    };
    let out = import("all.p7b", "p7.jks", "ca-{n}-{sha256}");
    assert!(out.contains("5 certificates added"), "{out}");
    let listing = kt.ok(&dir, &["-list", "-keystore", "p7.jks", "-storepass", SP]);
    assert!(listing.contains("ca-1-"), "{listing}");
    let out = import("certs", "dir.p12", "{cn}");
    assert!(out.contains("5 certificates added"), "{out}");
    assert!(out.contains("README.txt: no certificate"), "{out}");
    // The same CN twice: the second gets "-2".
    let out = import("all.pem", "dup.p12", "same");
    assert!(out.contains("Adding <same-2>"), "{out}");
    assert!(out.contains("Adding <same-5>"), "{out}");
    assert_eq!(keytool_fingerprints(&kt, &dir, "dup.p12").len(), 5);
}

#[test]
fn bad_bundles_are_refused_and_write_nothing() {
    let dir = scratch("fleet-bundle-bad");
    let certs = cacerts(2);
    let good = certs[0].to_pem();
    let mut broken = certs[1].to_pem();
    broken.replace_range(80..84, "!!!!");
    std::fs::write(dir.join("broken.pem"), format!("{good}{broken}")).expect("write");
    let der = certs[0].as_der();
    std::fs::write(dir.join("cut.p7b"), &der[..der.len() / 2]).expect("write");
    std::fs::write(dir.join("text.pem"), "no certificates here\n").expect("write");
    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    for (file, expect) in [
        ("broken.pem", "broken.pem"),
        ("cut.p7b", "cut.p7b"),
        ("text.pem", "no certificate found"),
        ("empty", "no certificate found"),
        ("missing.pem", "cannot read missing.pem"),
    ] {
        let args = [
            "-importcert",
            "-bundle",
            "-file",
            file,
            "-keystore",
            "t.p12",
            "-storepass",
            SP,
            "-noprompt",
        ];
        let out = ours(&dir, &args, b"");
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{file}: {all}");
        assert!(all.contains(expect), "{file}: {all}");
        assert!(!all.contains("panicked"), "{file}: {all}");
        assert!(!dir.join("t.p12").exists(), "{file}: a store was written");
    }
    let args = [
        "-importcert",
        "-bundle",
        "-file",
        "text.pem",
        "-keystore",
        "t.p12",
        "-storepass",
        SP,
        "-alias",
        "{subject}",
    ];
    let all = text(&ours(&dir, &args, b"").stdout);
    assert!(all.contains("unknown placeholder {subject}"), "{all}");
}

fn run_ensure(dir: &Path, args: &[&str]) -> String {
    let full = [args, &["-ensure"]].concat();
    let out = ours(dir, &full, b"");
    ok(&out, &format!("{args:?}"));
    text(&out.stdout).trim().to_owned()
}

#[test]
fn ensure_changes_once_then_leaves_the_file_alone() {
    let kt = Keytool::jdk17();
    let dir = scratch("fleet-ensure");
    let certs = cacerts(2);
    std::fs::write(dir.join("a.pem"), certs[0].to_pem()).expect("write");
    std::fs::write(dir.join("b.pem"), certs[1].to_pem()).expect("write");
    let store = dir.join("s.jks");
    let common = ["-keystore", "s.jks", "-storetype", "JKS", "-storepass", SP];
    let with = |extra: &[&'static str]| -> Vec<&str> { [&common[..], extra].concat() };
    let steps: [(&[&str], &str); 2] = [
        (
            &["-importcert", "-alias", "ca", "-file", "a.pem", "-noprompt"],
            "ca",
        ),
        (
            &[
                "-genkeypair",
                "-alias",
                "web",
                "-keyalg",
                "EC",
                "-dname",
                "CN=web.example",
                "-keypass",
                SP,
            ],
            "web",
        ),
    ];
    for (args, alias) in steps {
        assert_eq!(run_ensure(&dir, &with(args)), "changed", "{args:?}");
        let before = identity(&store);
        assert_eq!(run_ensure(&dir, &with(args)), "unchanged", "{args:?}");
        assert_eq!(identity(&store), before, "{args:?} rewrote the store");
        let listing = kt.ok(&dir, &with(&["-list"]));
        assert!(listing.contains(&format!("{alias}, ")), "{listing}");
    }
    // A different certificate under the alias is replaced.
    let replace = with(&["-importcert", "-alias", "ca", "-file", "b.pem", "-noprompt"]);
    assert_eq!(run_ensure(&dir, &replace), "changed");
    let listed = kt.ok(&dir, &with(&["-list", "-alias", "ca", "-rfc"]));
    assert!(
        listed.contains(certs[1].to_pem().lines().nth(1).expect("line")),
        "{listed}"
    );
    // A key entry whose certificate no longer matches -dname is made again.
    let regen = with(&[
        "-genkeypair",
        "-alias",
        "web",
        "-keyalg",
        "EC",
        "-dname",
        "CN=web2.example",
        "-keypass",
        SP,
    ]);
    assert_eq!(run_ensure(&dir, &regen), "changed");
    assert_eq!(run_ensure(&dir, &regen), "unchanged");
    // -changealias, -delete and -storepasswd: done once, then satisfied.
    for args in [
        &["-changealias", "-alias", "web", "-destalias", "www"][..],
        &["-delete", "-alias", "ca"][..],
    ] {
        assert_eq!(run_ensure(&dir, &with(args)), "changed", "{args:?}");
        let before = identity(&store);
        assert_eq!(run_ensure(&dir, &with(args)), "unchanged", "{args:?}");
        assert_eq!(identity(&store), before, "{args:?}");
    }
    let passwd = with(&["-storepasswd", "-new", "n3wpassword"]);
    assert_eq!(run_ensure(&dir, &passwd), "changed");
    let before = identity(&store);
    assert_eq!(run_ensure(&dir, &passwd), "unchanged");
    assert_eq!(identity(&store), before);
    kt.ok(
        &dir,
        &["-list", "-keystore", "s.jks", "-storepass", "n3wpassword"],
    );
    // -importkeystore: a second copy finds everything in place.
    let copy = [
        "-importkeystore",
        "-srckeystore",
        "s.jks",
        "-srcstorepass",
        "n3wpassword",
        "-srcalias",
        "www",
        "-srckeypass",
        SP,
        "-destkeystore",
        "copy.p12",
        "-deststorepass",
        SP,
        "-noprompt",
    ];
    assert_eq!(run_ensure(&dir, &copy), "changed");
    let before = identity(&dir.join("copy.p12"));
    assert_eq!(run_ensure(&dir, &copy), "unchanged");
    assert_eq!(identity(&dir.join("copy.p12")), before);
    // Not a command -ensure knows: refused.
    let out = ours(&dir, &with(&["-list", "-ensure"]), b"");
    assert_eq!(out.status.code(), Some(1));
}
