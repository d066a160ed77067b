//! The keytool example against the real keytool 17: same command line, same input, same
//! stdout, stderr and exit code. Each side works on its own copy of the store, in a folder
//! of the same name, so paths in messages agree.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{Keytool, corpus};
use crate::interop::scratch;

/// The example binary, built by `cargo test` next to the test binary.
pub fn example() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let name = if cfg!(windows) {
        "keytool.exe"
    } else {
        "keytool"
    };
    let path = dir.join("examples").join(name);
    assert!(
        path.exists(),
        "{} missing: run `cargo test` (it builds the example)",
        path.display()
    );
    path
}

pub fn ours(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    ours_as(17, dir, args, stdin)
}

/// The example following keytool `release` (17 or 25).
pub fn ours_as(release: u32, dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(example())
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .env("JAVAKEYSTORE_KEYTOOL", release.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn example");
    // The example may exit without reading everything (no prompt came): that is no error.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("example output")
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Two folders `<name>/kt` and `<name>/rs`, each holding copies of `files`.
pub fn twin_dirs(name: &str, files: &[(&str, &Path)]) -> (PathBuf, PathBuf) {
    let base = scratch(name);
    let (kt, rs) = (base.join("kt"), base.join("rs"));
    for d in [&kt, &rs] {
        std::fs::create_dir_all(d).expect("mkdir");
        for (dest, src) in files {
            std::fs::copy(src, d.join(dest)).expect("copy fixture");
        }
    }
    (kt, rs)
}

/// Runs the same command with both tools and asserts identical results.
pub fn same(kt_dir: &Path, rs_dir: &Path, args: &[&str], stdin: &[u8]) -> (Output, Output) {
    same_as(&Keytool::jdk17(), kt_dir, rs_dir, args, stdin)
}

/// [`same`] with keytool `kt` and the example following its release.
pub fn same_as(
    kt: &Keytool,
    kt_dir: &Path,
    rs_dir: &Path,
    args: &[&str],
    stdin: &[u8],
) -> (Output, Output) {
    let k = kt.run_stdin(kt_dir, args, stdin);
    let r = ours_as(kt.version, rs_dir, args, stdin);
    let v = kt.version;
    assert_eq!(
        text(&r.stdout),
        text(&k.stdout),
        "stdout of {args:?} (keytool {v})"
    );
    assert_eq!(
        text(&r.stderr),
        text(&k.stderr),
        "stderr of {args:?} (keytool {v})"
    );
    assert_eq!(
        r.status.code(),
        k.status.code(),
        "exit code of {args:?} (keytool {v})"
    );
    (k, r)
}

#[test]
fn listings_match_keytool() {
    let stores = [
        ("chain.jks", "generated/chain.jks", "changeit"),
        ("secretkeys.jceks", "generated/secretkeys.jceks", "changeit"),
        ("RSA1024.jks", "pyjks/jks/RSA1024.jks", "12345678"),
        ("DSA2048.jceks", "pyjks/jceks/DSA2048.jceks", "12345678"),
        (
            "md5.jks",
            "jks-js/keystore/RSA_2048_MD5withRSA_keystore.jks",
            "password",
        ),
        ("nokey.jks", "keystore-go/keystore.jks", "password"),
        ("emoji.jks", "generated/emoji-alias.jks", "changeit"),
        ("ec.jks", "generated/ec-p384.jks", "changeit"),
    ];
    let files: Vec<(&str, PathBuf)> = stores.iter().map(|(n, p, _)| (*n, corpus(p))).collect();
    let refs: Vec<(&str, &Path)> = files.iter().map(|(n, p)| (*n, p.as_path())).collect();
    let (kt, rs) = twin_dirs("cli-list", &refs);
    for (name, _, pw) in stores {
        for mode in [None, Some("-v"), Some("-rfc")] {
            let mut args = vec!["-list", "-keystore", name, "-storepass", pw];
            args.extend(mode);
            same(&kt, &rs, &args, b"");
        }
    }
    // One alias, typed in another case; an alias that does not exist.
    same(
        &kt,
        &rs,
        &[
            "-list",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
            "-alias",
            "SERVER",
        ],
        b"",
    );
    same(
        &kt,
        &rs,
        &[
            "-list",
            "-v",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
            "-alias",
            "ca",
        ],
        b"",
    );
    same(
        &kt,
        &rs,
        &[
            "-list",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
            "-alias",
            "nosuch",
        ],
        b"",
    );
}

#[test]
fn list_of_the_system_cacerts_matches_keytool() {
    let dir = scratch("cli-cacerts");
    for args in [
        &["-list", "-cacerts", "-storepass", "changeit"][..],
        &["-list", "-v", "-cacerts", "-storepass", "changeit"],
    ] {
        same(&dir, &dir, args, b"");
    }
}

#[test]
fn errors_match_keytool() {
    let jks = corpus("generated/chain.jks");
    let empty = scratch("cli-empty-file").join("empty.jks");
    std::fs::write(&empty, b"").expect("write");
    let (kt, rs) = twin_dirs(
        "cli-errors",
        &[
            ("chain.jks", &jks),
            ("empty.jks", &empty),
            ("junk.bin", &corpus("generated/chain-ca.cert.pem")),
        ],
    );
    let cases: &[&[&str]] = &[
        &["-list", "-keystore", "chain.jks", "-storepass", "wrongpass"],
        &[
            "-list",
            "-keystore",
            "missing.jks",
            "-storepass",
            "changeit",
        ],
        &["-list", "-keystore", "empty.jks", "-storepass", "changeit"],
        &["-list", "-keystore", "junk.bin", "-storepass", "changeit"],
        &[
            "-list",
            "-v",
            "-rfc",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        &["-list", "-keystore", "chain.jks", "-bogus"],
        &["-list", "-keystore"],
        &["-list", "-keystore", "chain.jks", "stray"],
        &["-list", "-delete"],
        &["-v"],
        &[
            "-delete",
            "-alias",
            "nosuch",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        &[
            "-exportcert",
            "-alias",
            "nosuch",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        &[
            "-list",
            "-keystore",
            "chain.jks",
            "-storepass:env",
            "NO_SUCH_VARIABLE_FOR_KEYTOOL",
        ],
        &[
            "-list",
            "-keystore",
            "chain.jks",
            "-storepass:file",
            "no-such-file",
        ],
        &["-list", "-keystore", "chain.jks", "-storepass:wat", "x"],
        &[
            "-list",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
            "-storepass",
            "changeit",
        ],
        &["-list", "-cacerts", "-keystore", "chain.jks"],
    ];
    for args in cases {
        same(&kt, &rs, args, b"");
    }
    // Nothing was changed by any failed command.
    for d in [&kt, &rs] {
        assert_eq!(
            std::fs::read(d.join("chain.jks")).expect("read"),
            std::fs::read(&jks).expect("read")
        );
    }
}

#[test]
fn listing_without_a_password_warns_like_keytool() {
    let (kt, rs) = twin_dirs(
        "cli-nopass",
        &[("trust.jks", &corpus("pyjks/jks/truststore.jks"))],
    );
    same(&kt, &rs, &["-list", "-keystore", "trust.jks"], b"\n");
    let reference = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/list-nopass-truststore.jks.keytool17.txt"),
    )
    .expect("reference output");
    let out = ours(&rs, &["-list", "-keystore", "trust.jks"], b"\n");
    assert_eq!(
        format!("{}{}", text(&out.stderr), text(&out.stdout)),
        reference
    );
}

#[test]
fn exports_match_keytool() {
    let (kt, rs) = twin_dirs(
        "cli-export",
        &[("chain.jks", &corpus("generated/chain.jks"))],
    );
    same(
        &kt,
        &rs,
        &[
            "-exportcert",
            "-rfc",
            "-alias",
            "ca",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        b"",
    );
    same(
        &kt,
        &rs,
        &[
            "-export",
            "-alias",
            "server",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        b"",
    );
    same(
        &kt,
        &rs,
        &[
            "-exportcert",
            "-alias",
            "server",
            "-file",
            "s.der",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        b"",
    );
    same(
        &kt,
        &rs,
        &[
            "-exportcert",
            "-rfc",
            "-alias",
            "ca",
            "-file",
            "ca.pem",
            "-keystore",
            "chain.jks",
            "-storepass",
            "changeit",
        ],
        b"",
    );
    for f in ["s.der", "ca.pem"] {
        assert_eq!(
            std::fs::read(kt.join(f)).expect("keytool file"),
            std::fs::read(rs.join(f)).expect("our file")
        );
    }
}

#[test]
fn printcert_matches_keytool() {
    let dir = scratch("cli-printcert");
    let p7b = dir.join("chain.p7b");
    let status = Command::new("openssl")
        .args(["crl2pkcs7", "-nocrl", "-outform", "DER", "-out"])
        .arg(&p7b)
        .arg("-certfile")
        .arg(corpus("generated/chain-server.cert.pem"))
        .arg("-certfile")
        .arg(corpus("generated/chain-ca.cert.pem"))
        .status()
        .expect("openssl");
    assert!(status.success());
    for file in [
        corpus("generated/rsa2048-selfsigned.cert.der"),
        corpus("generated/rsa2048-selfsigned.cert.pem"),
        corpus("generated/chain-server.cert.pem"),
        p7b,
    ] {
        let f = file.to_str().expect("utf-8 path");
        same(&dir, &dir, &["-printcert", "-file", f], b"");
        same(&dir, &dir, &["-printcert", "-rfc", "-file", f], b"");
    }
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, b"").expect("write");
    same(
        &dir,
        &dir,
        &["-printcert", "-file", empty.to_str().expect("utf-8")],
        b"",
    );
}

/// Lists a store with keytool, for comparing what each tool wrote.
fn keytool_list(dir: &Path, store: &str, pass: &str) -> String {
    let out = Keytool::jdk17().run(dir, &["-list", "-keystore", store, "-storepass", pass]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    text(&out.stdout)
}

#[test]
fn edits_give_the_same_store_as_keytool() {
    let (kt, rs) = twin_dirs(
        "cli-edit",
        &[
            ("s.jks", &corpus("generated/chain.jks")),
            ("s.jceks", &corpus("generated/secretkeys.jceks")),
        ],
    );
    let sp = ["-storepass", "changeit"];
    for store in ["s.jks", "s.jceks"] {
        let ks = ["-keystore", store];
        let victim = if store == "s.jks" { "ca" } else { "hmac" };
        same(
            &kt,
            &rs,
            &[&["-delete", "-alias", victim][..], &ks, &sp].concat(),
            b"",
        );
        assert_eq!(
            keytool_list(&kt, store, "changeit"),
            keytool_list(&rs, store, "changeit")
        );
        // Dates change on -changealias, so compare the entry counts and aliases instead.
        let (from, to) = if store == "s.jks" {
            ("server", "renamed")
        } else {
            ("aes256", "renamed")
        };
        same(
            &kt,
            &rs,
            &[
                &["-changealias", "-alias", from, "-destalias", to][..],
                &ks,
                &sp,
            ]
            .concat(),
            b"",
        );
        let strip_dates = |s: String| -> Vec<String> {
            s.lines()
                .map(|l| l.split(',').next().unwrap_or("").to_owned())
                .collect()
        };
        assert_eq!(
            strip_dates(keytool_list(&kt, store, "changeit")),
            strip_dates(keytool_list(&rs, store, "changeit"))
        );
        same(
            &kt,
            &rs,
            &[&["-storepasswd", "-new", "newpass1"][..], &ks, &sp].concat(),
            b"",
        );
        same(
            &kt,
            &rs,
            &[&["-list"][..], &ks, &["-storepass", "newpass1"]].concat(),
            b"",
        );
        same(&kt, &rs, &[&["-list"][..], &ks, &sp].concat(), b"");
    }
}

#[test]
fn trusted_imports_ask_like_keytool() {
    let pem = corpus("generated/rsa2048-selfsigned.cert.pem");
    let (kt, rs) = twin_dirs(
        "cli-import",
        &[("t.jks", &corpus("generated/chain.jks")), ("c.pem", &pem)],
    );
    let base = [
        "-keystore",
        "t.jks",
        "-storepass",
        "changeit",
        "-file",
        "c.pem",
    ];
    // A self-signed certificate: printed, then "Trust this certificate? [no]:".
    same(
        &kt,
        &rs,
        &[&["-importcert", "-alias", "first"][..], &base].concat(),
        b"no\n",
    );
    // keytool reads each yes/no answer through a fresh buffered reader, so with piped input
    // the answer after a wrong one is lost and it means "no"; the example reads it.
    let (qk, qr) = twin_dirs(
        "cli-import-quirk",
        &[("t.jks", &corpus("generated/chain.jks")), ("c.pem", &pem)],
    );
    let args = [&["-importcert", "-alias", "first"][..], &base].concat();
    let k = Keytool::jdk17().run_stdin(&qk, &args, b"maybe\nyes\n");
    assert!(text(&k.stderr).contains("Wrong answer, try again"));
    let r = ours(&qr, &args, b"maybe\nyes\n");
    assert!(
        text(&r.stderr).contains(
            "Wrong answer, try again\nTrust this certificate? [no]:  Certificate was added"
        )
    );
    same(
        &kt,
        &rs,
        &[&["-importcert", "-alias", "first"][..], &base].concat(),
        b"yes\n",
    );
    // Already present: "Certificate already exists in keystore under alias <first>".
    same(
        &kt,
        &rs,
        &[&["-import", "-alias", "second"][..], &base].concat(),
        b"\n",
    );
    same(
        &kt,
        &rs,
        &[&["-import", "-alias", "first"][..], &base].concat(),
        b"",
    );
    same(
        &kt,
        &rs,
        &[&["-importcert", "-alias", "third", "-noprompt"][..], &base].concat(),
        b"",
    );
    assert_eq!(
        keytool_list(&kt, "t.jks", "changeit")
            .lines()
            .filter(|l| l.contains("trustedCertEntry"))
            .count(),
        keytool_list(&rs, "t.jks", "changeit")
            .lines()
            .filter(|l| l.contains("trustedCertEntry"))
            .count()
    );
    // A certificate signed by a CA already in the store goes in without a question.
    let server = corpus("generated/chain-server.cert.pem");
    let (kt, rs) = twin_dirs(
        "cli-import-chain",
        &[
            ("t.jks", &corpus("generated/chain.jks")),
            ("c.pem", &server),
        ],
    );
    same(
        &kt,
        &rs,
        &[&["-importcert", "-alias", "leaf"][..], &base].concat(),
        b"",
    );
    // Into a new store, answering no: no file is left behind.
    let (kt, rs) = twin_dirs("cli-import-new", &[("c.pem", &pem)]);
    let new = [
        "-importcert",
        "-alias",
        "x",
        "-keystore",
        "new.jks",
        "-storetype",
        "JKS",
        "-storepass",
        "changeit",
        "-file",
        "c.pem",
    ];
    same(&kt, &rs, &new, b"no\n");
    assert!(!kt.join("new.jks").exists() && !rs.join("new.jks").exists());
    same(&kt, &rs, &new, b"y\n");
    assert_eq!(
        keytool_list(&kt, "new.jks", "changeit").len(),
        keytool_list(&rs, "new.jks", "changeit").len()
    );
}

#[test]
fn password_sources_work() {
    let dir = scratch("cli-passwords");
    std::fs::copy(corpus("generated/chain.jks"), dir.join("s.jks")).expect("copy");
    std::fs::write(dir.join("pw.txt"), "changeit\nsecond line\n").expect("write");
    let out = ours(
        &dir,
        &["-list", "-keystore", "s.jks", "-storepass:file", "pw.txt"],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stdout));
    let out = Command::new(example())
        .args(["-list", "-keystore", "s.jks", "-storepass:env", "KS_PASS"])
        .current_dir(&dir)
        .env("KS_PASS", "changeit")
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Your keystore contains 2 entries"));
    // Prompted when missing; a piped answer is read from stdin.
    let out = ours(
        &dir,
        &["-delete", "-alias", "ca", "-keystore", "s.jks"],
        b"changeit\n",
    );
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stderr).starts_with("Enter keystore password:  "));
}

#[test]
fn a_contradicting_storetype_never_converts_the_file() {
    let dir = scratch("cli-storetype");
    let original = std::fs::read(corpus("generated/chain.jks")).expect("read");
    std::fs::write(dir.join("s.jks"), &original).expect("write");
    // keytool would rewrite this JKS file as JCEKS; the example keeps it JKS and says so.
    let out = ours(
        &dir,
        &[
            "-storetype",
            "JCEKS",
            "-keystore",
            "s.jks",
            "-storepass",
            "changeit",
            "-delete",
            "-alias",
            "ca",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("is a JKS keystore, not JCEKS"),
        "{}",
        text(&out.stderr)
    );
    let after = std::fs::read(dir.join("s.jks")).expect("read");
    assert_eq!(&after[..4], &[0xFE, 0xED, 0xFE, 0xED]);
    // The other way round keytool fails; the example reads the JCEKS store as JCEKS.
    std::fs::copy(corpus("generated/secretkeys.jceks"), dir.join("s.jceks")).expect("copy");
    let out = ours(
        &dir,
        &[
            "-storetype",
            "JKS",
            "-keystore",
            "s.jceks",
            "-storepass",
            "changeit",
            "-list",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with("Keystore type: JCEKS"));
}

/// Fixes found running published keytool sequences: each behaves as keytool 17 (and 25).
#[test]
fn published_sequences_behave_as_keytool() {
    let dir = scratch("fidelity");
    let kt = Keytool::jdk17();
    kt.ok(
        &dir,
        &[
            "-genkeypair",
            "-keystore",
            "a.p12",
            "-storepass",
            "changeit",
            "-alias",
            "a",
            "-dname",
            "CN=a",
            "-keyalg",
            "EC",
        ],
    );
    kt.ok(
        &dir,
        &[
            "-exportcert",
            "-keystore",
            "a.p12",
            "-storepass",
            "changeit",
            "-alias",
            "a",
            "-file",
            "a.der",
        ],
    );
    kt.ok(
        &dir,
        &[
            "-importcert",
            "-keystore",
            "t.p12",
            "-storepass",
            "changeit",
            "-alias",
            "MixedCase",
            "-file",
            "a.der",
            "-noprompt",
        ],
    );
    let files = [
        ("t.p12", dir.join("t.p12")),
        ("a.der", dir.join("a.der")),
        ("a.p12", dir.join("a.p12")),
    ];
    let refs: Vec<(&str, &Path)> = files.iter().map(|(n, p)| (*n, p.as_path())).collect();
    let (kd, rd) = twin_dirs("fidelity-twins", &refs);
    // A PKCS#12 alias is named lower-cased, as Java's PKCS#12 store has it.
    let import = [
        "-importcert",
        "-keystore",
        "t.p12",
        "-storepass",
        "changeit",
        "-alias",
        "other",
        "-file",
        "a.der",
    ];
    same(&kd, &rd, &import, b"no\n");
    // -J options go to the JVM, anywhere on the line, even between an option and its value.
    let list = [
        "-list",
        "-keystore",
        "-J-Duser.language=en",
        "t.p12",
        "-storepass",
        "changeit",
        "-J-Xmx64m",
    ];
    same(&kd, &rd, &list, b"");
    // Output files in a missing folder: Java's FileNotFoundException.
    for args in [
        &[
            "-exportcert",
            "-keystore",
            "a.p12",
            "-storepass",
            "changeit",
            "-alias",
            "a",
            "-file",
            "nodir/a.der",
        ][..],
        &[
            "-certreq",
            "-keystore",
            "a.p12",
            "-storepass",
            "changeit",
            "-alias",
            "a",
            "-file",
            "nodir/a.csr",
        ][..],
    ] {
        same(&kd, &rd, args, b"");
    }
    // keytool makes the key before it finds it cannot save it; this crate stops before
    // making it (it locks the file first), so only the error and exit code are keytool's.
    let args = [
        "-genkeypair",
        "-keystore",
        "conf/n.jks",
        "-storepass",
        "changeit",
        "-alias",
        "n",
        "-dname",
        "CN=n",
        "-keyalg",
        "EC",
    ];
    let (k, r) = (kt.run(&kd, &args), ours(&rd, &args, b""));
    assert_eq!(text(&r.stdout), text(&k.stdout));
    assert_eq!(r.status.code(), k.status.code());
    // Importing the system cacerts warns about each weak root, as keytool does.
    let java_home = std::fs::canonicalize(&kt.path).expect("keytool path");
    let cacerts = java_home
        .parent()
        .and_then(Path::parent)
        .expect("JDK")
        .join("lib/security/cacerts");
    let cacerts = cacerts.display().to_string();
    let import = [
        "-importkeystore",
        "-srckeystore",
        &cacerts,
        "-srcstorepass",
        "changeit",
        "-destkeystore",
        "cc.p12",
        "-deststorepass",
        "changeit",
        "-noprompt",
    ];
    let (k, _) = same(&kd, &rd, &import, b"");
    assert!(text(&k.stderr).contains("uses the SHA1withRSA signature algorithm"));
    // keytool 17 has no -version.
    same(&kd, &rd, &["-version"], b"");
    if let Some(k25) = Keytool::jdk25() {
        let out = ours_as(25, &rd, &["-version"], b"");
        let expected = text(&k25.run(&kd, &["-version"]).stdout);
        assert!(expected.starts_with("keytool 25"), "{expected}");
        assert!(
            text(&out.stdout).starts_with("keytool 25 "),
            "{}",
            text(&out.stdout)
        );
    }
}

/// The default keystore is in the account's home from the password database, whatever
/// `$HOME` says (as under `sudo -E`).
#[test]
fn the_default_keystore_follows_the_account_not_home() {
    let fake = scratch("fake-home");
    let probe = Command::new(Keytool::jdk17().path)
        .args(["-J-Duser.language=en", "-list", "-storepass", "changeit"])
        .env("HOME", &fake)
        .output()
        .expect("keytool");
    let ours = Command::new(example())
        .args(["-list", "-storepass", "changeit"])
        .env("HOME", &fake)
        .output()
        .expect("example");
    let java = text(&probe.stdout);
    let fake_text = fake.display().to_string();
    assert!(!java.contains(&fake_text), "keytool used $HOME: {java}");
    assert_eq!(text(&ours.stdout), java);
    assert_eq!(ours.status.code(), probe.status.code());
}
