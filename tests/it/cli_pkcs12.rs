//! The keytool example against keytool 17 on PKCS#12: listings of every form Java writes,
//! `-importkeystore` in all its modes, conversions through all three formats, and a
//! password-less `cacerts`.

use std::path::{Path, PathBuf};

use javakeystore::format::{Pkcs12Options, WriteOptions, is_passwordless};
use javakeystore::{Format, KeyStore};

use crate::cli::{ours, same, text, twin_dirs};
use crate::common::Keytool;
use crate::interop::{SP, keytool_stores, scratch};
use crate::pkcs12::stores;

#[test]
fn keytool_pkcs12_stores_list_as_keytool_lists_them() {
    for maker in Keytool::all() {
        let dir = stores(&maker);
        let files = ["k.p12", "quirk.p12", "legacy.p12", "nopass.p12"];
        let paths: Vec<(&str, PathBuf)> = files.iter().map(|f| (*f, dir.join(f))).collect();
        let refs: Vec<(&str, &Path)> = paths.iter().map(|(n, p)| (*n, p.as_path())).collect();
        let (kt, rs) = twin_dirs(&format!("cli-p12-list-{}", maker.version), &refs);
        for file in files {
            for mode in [None, Some("-v"), Some("-rfc")] {
                let mut args = vec!["-list", "-keystore", file, "-storepass", SP];
                args.extend(mode);
                same(&kt, &rs, &args, b"");
                // Without a password: a protected store loses its encrypted certificates (and
                // says so), a password-less one is complete and asks nothing.
                let mut args = vec!["-list", "-keystore", file];
                args.extend(mode);
                same(&kt, &rs, &args, b"\n");
            }
        }
        same(
            &kt,
            &rs,
            &["-list", "-keystore", "k.p12", "-storepass", "wrongpw"],
            b"",
        );
        same(
            &kt,
            &rs,
            &[
                "-list",
                "-keystore",
                "k.p12",
                "-storepass",
                SP,
                "-alias",
                "MIXEDCASE",
            ],
            b"",
        );
    }
}

#[test]
fn importkeystore_matches_keytool() {
    let src = keytool_stores(&Keytool::jdk17());
    let p12 = stores(&Keytool::jdk17());
    let files = [
        ("src.jceks", src.join("k.jceks")),
        ("src.jks", src.join("k.jks")),
        ("k.p12", p12.join("k.p12")),
    ];
    let refs: Vec<(&str, &Path)> = files.iter().map(|(n, p)| (*n, p.as_path())).collect();
    let (kt, rs) = twin_dirs("cli-importkeystore", &refs);
    let base = |src: &'static str, dest: &'static str| {
        vec![
            "-importkeystore",
            "-srckeystore",
            src,
            "-srcstorepass",
            SP,
            "-destkeystore",
            dest,
            "-deststorepass",
            SP,
        ]
    };
    let with = |mut v: Vec<&'static str>, extra: &[&'static str]| {
        v.extend_from_slice(extra);
        v
    };
    // Keys with their own password ("keypass1") are asked for, as keytool asks.
    let keypasses: &[u8] = b"keypass1\nkeypass1\n";
    let runs: Vec<(Vec<&str>, &[u8])> = vec![
        (base("src.jceks", "a.p12"), keypasses),
        (
            with(
                base("src.jceks", "a.jks"),
                &["-deststoretype", "JKS", "-noprompt"],
            ),
            keypasses,
        ),
        (
            with(
                base("src.jceks", "a.jks"),
                &["-deststoretype", "JKS", "-noprompt"],
            ),
            keypasses,
        ),
        (
            with(base("src.jceks", "b.jks"), &["-deststoretype", "JKS"]),
            b"yes\n",
        ),
        (
            with(
                base("src.jceks", "c.p12"),
                &["-srcalias", "aes128", "-destalias", "newk"],
            ),
            b"",
        ),
        (
            with(
                base("src.jceks", "c.p12"),
                &["-srcalias", "trusted ü", "-destalias", "r2", "-v"],
            ),
            b"",
        ),
        (
            with(base("src.jceks", "c.p12"), &["-srcalias", "nosuch"]),
            b"",
        ),
        (with(base("src.jceks", "c.p12"), &["-destalias", "x"]), b""),
        (
            with(base("src.jceks", "c.p12"), &["-srcalias", "mixedcase"]),
            b"\n\n\n",
        ),
        (
            with(
                base("src.jceks", "c.jks"),
                &[
                    "-srcalias",
                    "mixedcase",
                    "-srckeypass",
                    "keypass1",
                    "-deststoretype",
                    "jks",
                ],
            ),
            b"",
        ),
        (
            with(
                base("src.jceks", "c.jks"),
                &["-srcalias", "mixedcase", "-srckeypass", "wrongpass"],
            ),
            b"",
        ),
        (
            with(base("k.p12", "fromp12.jceks"), &["-deststoretype", "JCEKS"]),
            b"",
        ),
        (
            with(
                base("k.p12", "fromp12.jks"),
                &["-deststoretype", "JKS", "-noprompt"],
            ),
            b"",
        ),
        (with(base("src.jks", "fromjks.p12"), &[]), b"keypass1\n"),
        (
            vec![
                "-importkeystore",
                "-destkeystore",
                "x.p12",
                "-deststorepass",
                SP,
            ],
            b"",
        ),
        (
            vec![
                "-importkeystore",
                "-srckeystore",
                "src.jceks",
                "-destkeystore",
                "d.p12",
            ],
            b"changeit\nchangeit\nchangeit\nkeypass1\nkeypass1\n",
        ),
        (
            vec![
                "-importkeystore",
                "-srckeystore",
                "k.p12",
                "-destkeystore",
                "e.p12",
                "-deststorepass",
                SP,
            ],
            b"\n",
        ),
        (
            vec![
                "-importkeystore",
                "-srckeystore",
                "src.jceks",
                "-srcstorepass",
                "wrongpw",
                "-destkeystore",
                "w.p12",
                "-deststorepass",
                SP,
            ],
            b"",
        ),
    ];
    for (args, stdin) in &runs {
        same(&kt, &rs, args, stdin);
    }
    // In place, as keytool's own migration advice runs it: a backup, then the new type.
    for d in [&kt, &rs] {
        std::fs::copy(d.join("src.jceks"), d.join("m.jceks")).expect("copy");
        std::fs::copy(d.join("src.jceks"), d.join("m2.jceks")).expect("copy");
    }
    same(
        &kt,
        &rs,
        &[
            "-importkeystore",
            "-srckeystore",
            "m.jceks",
            "-destkeystore",
            "m.jceks",
            "-deststoretype",
            "pkcs12",
            "-srcstorepass",
            SP,
        ],
        b"keypass1\nkeypass1\n",
    );
    same(
        &kt,
        &rs,
        &[
            "-importkeystore",
            "-srckeystore",
            "m2.jceks",
            "-destkeystore",
            "m2.jceks",
            "-deststoretype",
            "JCEKS",
            "-srcstorepass",
            SP,
        ],
        b"keypass1\nkeypass1\n",
    );
    // keytool then lists both results alike (and so has decrypted nothing it could not).
    for f in [
        "a.p12",
        "a.jks",
        "b.jks",
        "c.p12",
        "c.jks",
        "fromp12.jceks",
        "fromp12.jks",
        "fromjks.p12",
        "d.p12",
        "m.jceks",
        "m.jceks.old",
        "m2.jceks",
    ] {
        let list = |d: &Path| {
            text(
                &Keytool::jdk17()
                    .run(d, &["-list", "-keystore", f, "-storepass", SP])
                    .stdout,
            )
        };
        assert_eq!(list(&rs), list(&kt), "{f}");
    }
}

/// JCEKS → PKCS#12 → JKS through the example: every alias and kind survives each step that
/// can hold it (JKS refuses secret keys, as keytool does), and Java opens every key.
#[test]
fn jceks_to_pkcs12_to_jks_keeps_every_entry() {
    let src = keytool_stores(&Keytool::jdk17()).join("k.jceks");
    let dir = scratch("cli-chain-of-formats");
    std::fs::copy(&src, dir.join("k.jceks")).expect("copy");
    let run = |args: &[&str], stdin: &[u8]| {
        let out = ours(&dir, args, stdin);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stderr)
    };
    let err = run(
        &[
            "-importkeystore",
            "-srckeystore",
            "k.jceks",
            "-srcstorepass",
            SP,
            "-destkeystore",
            "k.p12",
            "-deststorepass",
            SP,
            "-noprompt",
        ],
        b"keypass1\nkeypass1\n",
    );
    assert!(
        err.contains("7 entries successfully imported, 0 entries failed"),
        "{err}"
    );
    let err = run(
        &[
            "-importkeystore",
            "-srckeystore",
            "k.p12",
            "-srcstorepass",
            SP,
            "-destkeystore",
            "k.jks",
            "-deststoretype",
            "JKS",
            "-deststorepass",
            SP,
            "-noprompt",
        ],
        b"",
    );
    assert!(
        err.contains("3 entries successfully imported, 4 entries failed"),
        "{err}"
    );
    assert_eq!(
        err.matches("Cannot store non-PrivateKeys").count(),
        4,
        "{err}"
    );
    let jceks = KeyStore::load(dir.join("k.jceks"), SP).expect("jceks");
    let p12 = KeyStore::load(dir.join("k.p12"), SP).expect("p12");
    let jks = KeyStore::load(dir.join("k.jks"), SP).expect("jks");
    for (alias, entry) in jceks.entries() {
        let in_p12 = p12
            .get(alias)
            .unwrap_or_else(|| panic!("{alias} not in PKCS#12"));
        assert_eq!(in_p12.kind(), entry.kind(), "{alias}");
        assert_eq!(in_p12.certificate(), entry.certificate(), "{alias}");
        match jks.get(alias) {
            Some(e) => assert_eq!(e.kind(), entry.kind(), "{alias}"),
            None => assert_eq!(entry.kind(), javakeystore::EntryKind::SecretKey, "{alias}"),
        }
    }
    for kt in Keytool::all() {
        for (file, n) in [("k.p12", 7), ("k.jks", 3)] {
            let listing = kt.ok(&dir, &["-list", "-keystore", file, "-storepass", SP]);
            assert!(
                listing.contains(&format!("Your keystore contains {n} entries")),
                "JDK {}: {listing}",
                kt.version
            );
        }
        // Java decrypts every converted key: keytool converts them once more.
        let dest = format!("again{}.p12", kt.version);
        kt.ok(
            &dir,
            &[
                "-importkeystore",
                "-srckeystore",
                "k.jks",
                "-srcstorepass",
                SP,
                "-destkeystore",
                &dest,
                "-deststorepass",
                SP,
            ],
        );
    }
}

/// A `cacerts` in the password-less form of Java 18+: listed without a password, and kept in
/// that form when the example writes to it.
#[test]
fn passwordless_cacerts_is_listed_and_kept_passwordless() {
    let Some(system) = javakeystore::cacerts::locate() else {
        panic!("no system cacerts found: install a JDK");
    };
    let trusted = KeyStore::load(&system, None).expect("system cacerts");
    let p12 = trusted.convert(Format::Pkcs12, "", "").expect("convert");
    let dir = scratch("cli-passwordless-cacerts");
    let file = dir.join("cacerts");
    let options = WriteOptions::pkcs12(Pkcs12Options::passwordless());
    let bytes = p12.encode("", &options).expect("encode");
    javakeystore::write_atomic(&file, &bytes).expect("save");
    let (kt, rs) = twin_dirs(
        "cli-passwordless-cacerts-twins",
        &[("cacerts", file.as_path())],
    );
    same(&kt, &rs, &["-list", "-keystore", "cacerts"], b"");
    same(&kt, &rs, &["-list", "-v", "-keystore", "cacerts"], b"");
    let pem = dir.join("extra.pem");
    let ca = stores(&Keytool::jdk17()).join("ca.pem");
    std::fs::copy(ca, &pem).expect("copy");
    for d in [&kt, &rs] {
        std::fs::copy(&pem, d.join("extra.pem")).expect("copy");
    }
    same(
        &kt,
        &rs,
        &[
            "-importcert",
            "-keystore",
            "cacerts",
            "-alias",
            "extra",
            "-file",
            "extra.pem",
            "-noprompt",
        ],
        b"",
    );
    let written = std::fs::read(rs.join("cacerts")).expect("read");
    assert!(is_passwordless(&written), "still password-less");
    same(
        &kt,
        &rs,
        &["-list", "-keystore", "cacerts", "-alias", "extra"],
        b"",
    );
}

/// Commands that change a PKCS#12 store behave as keytool's do, and Java opens the result.
#[test]
fn pkcs12_edits_match_keytool() {
    let p12 = stores(&Keytool::jdk17());
    let (kt, rs) = twin_dirs("cli-p12-edits", &[("k.p12", p12.join("k.p12").as_path())]);
    let base = ["-keystore", "k.p12"];
    let runs: &[&[&str]] = &[
        &["-storepasswd", "-storepass", SP, "-new", "newpass1"],
        &[
            "-genseckey",
            "-storepass",
            "newpass1",
            "-alias",
            "s2",
            "-keyalg",
            "AES",
            "-keysize",
            "256",
        ],
        &[
            "-genseckey",
            "-storepass",
            "newpass1",
            "-alias",
            "s3",
            "-keyalg",
            "DESede",
            "-keypass",
            "otherpass",
        ],
        &[
            "-genkeypair",
            "-storepass",
            "newpass1",
            "-alias",
            "g2",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=g2",
            "-keypass",
            "otherpass",
        ],
        &[
            "-keypasswd",
            "-storepass",
            "newpass1",
            "-alias",
            "g2",
            "-new",
            "another1",
        ],
        &[
            "-changealias",
            "-storepass",
            "newpass1",
            "-alias",
            "hmac",
            "-destalias",
            "hmac2",
        ],
        &["-delete", "-storepass", "newpass1", "-alias", "aes"],
        // g2's key and certificate are random: out of the listings compared.
        &["-delete", "-storepass", "newpass1", "-alias", "g2"],
        &["-list", "-storepass", "newpass1"],
        &["-list", "-storepass", SP],
    ];
    for args in runs {
        same(&kt, &rs, &[&base[..], args].concat(), b"");
    }
    // Java opens every key of the result with the new store password.
    let java = crate::common::jca_dump(
        &Keytool::jdk17(),
        &rs.join("k.p12"),
        "PKCS12",
        "newpass1",
        &[],
    );
    assert_eq!(java.len(), 8, "{java:?}");
}
