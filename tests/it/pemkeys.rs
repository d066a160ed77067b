//! PEM keys (this keytool only): keys and chains made by openssl in every form it writes
//! (PKCS#1, SEC1, PKCS#8 plain and PBES2-encrypted), the chain shuffled among them, imported
//! with `-importkeystore -srcstoretype PEM` into JKS, JCEKS and PKCS#12 stores that keytool
//! 17 lists with the chain in order; `-exportkey` output that openssl opens with the key's
//! password; bad PEM files refused without a store written.

use std::path::Path;

use crate::cli::{ours, text};
use crate::common::{Keytool, openssl};
use crate::interop::{SP, scratch};

/// A root, an intermediate and a leaf for `key` (an openssl `-newkey` spec), in `dir`.
fn chain(dir: &Path, newkey: &[&str]) {
    let o = |args: &[&str]| openssl(dir, args);
    std::fs::write(dir.join("ca.ext"), "basicConstraints=critical,CA:TRUE\n").expect("ext");
    o(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "root.key",
        "-out",
        "root.pem",
        "-subj",
        "/CN=PEM Root",
        "-days",
        "30",
    ]);
    o(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "int.key",
        "-out",
        "int.csr",
        "-subj",
        "/CN=PEM Intermediate",
    ]);
    o(&[
        "x509",
        "-req",
        "-in",
        "int.csr",
        "-CA",
        "root.pem",
        "-CAkey",
        "root.key",
        "-CAcreateserial",
        "-out",
        "int.pem",
        "-days",
        "30",
        "-extfile",
        "ca.ext",
    ]);
    o(&[
        &[
            "req",
            "-nodes",
            "-keyout",
            "leaf.key",
            "-out",
            "leaf.csr",
            "-subj",
            "/CN=web.example.com",
        ][..],
        newkey,
    ]
    .concat());
    o(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "int.pem",
        "-CAkey",
        "int.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "30",
    ]);
}

fn cat(dir: &Path, out: &str, parts: &[&str]) {
    let mut all = Vec::new();
    for p in parts {
        all.extend(std::fs::read(dir.join(p)).expect("part"));
        all.extend(b"some text between blocks\r\n");
    }
    std::fs::write(dir.join(out), all).expect("write");
}

fn public_key(dir: &Path, file: &str, pass: Option<&str>) -> String {
    let pass = pass.map(|p| format!("pass:{p}"));
    let mut args = vec!["pkey", "-in", file, "-pubout"];
    if let Some(p) = &pass {
        args.extend(["-passin", p.as_str()]);
    }
    openssl(dir, &args)
}

#[test]
fn pem_keys_from_openssl_import_into_every_store_type_keytool_lists() {
    let kt = Keytool::jdk17();
    let forms: [(&str, &[&str], &[&str]); 5] = [
        ("pkcs1", &["-newkey", "rsa:2048"], &["rsa", "-traditional"]),
        (
            "pkcs8",
            &["-newkey", "rsa:2048"],
            &["pkcs8", "-topk8", "-nocrypt"],
        ),
        (
            "pkcs8-enc",
            &["-newkey", "rsa:2048"],
            &["pkcs8", "-topk8", "-passout", "pass:pem-secret"],
        ),
        (
            "sec1-p256",
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
            &["ec"],
        ),
        (
            "sec1-p384",
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
            &["ec"],
        ),
    ];
    for (i, (name, newkey, convert)) in forms.iter().enumerate() {
        let dir = scratch(&format!("pem-{name}"));
        chain(&dir, newkey);
        openssl(
            &dir,
            &[&convert[..], &["-in", "leaf.key", "-out", "form.key"]].concat(),
        );
        let head = std::fs::read_to_string(dir.join("form.key")).expect("key");
        assert!(head.starts_with("-----BEGIN"), "{head}");
        // Root first, key in the middle, leaf last: the order cat gives is not the chain's.
        cat(
            &dir,
            "all.pem",
            &["root.pem", "int.pem", "form.key", "leaf.pem"],
        );
        let (store, ty) = [("s.jks", "JKS"), ("s.jceks", "JCEKS"), ("s.p12", "PKCS12")][i % 3];
        let mut args = vec![
            "-importkeystore",
            "-srcstoretype",
            "PEM",
            "-srckeystore",
            "all.pem",
            "-destkeystore",
            store,
            "-deststoretype",
            ty,
            "-deststorepass",
            SP,
            "-destalias",
            "web",
        ];
        if name.ends_with("-enc") {
            args.extend(["-srcstorepass", "pem-secret"]);
        }
        let out = ours(&dir, &args, b"");
        assert!(
            out.status.success(),
            "{name}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let listing = kt.ok(
            &dir,
            &[
                "-list",
                "-v",
                "-keystore",
                store,
                "-storetype",
                ty,
                "-storepass",
                SP,
            ],
        );
        assert!(listing.contains("Alias name: web\n"), "{listing}");
        assert!(
            listing.contains("Certificate chain length: 3\n"),
            "{name}: {listing}"
        );
        let owners: Vec<&str> = listing
            .lines()
            .filter(|l| l.starts_with("Owner: "))
            .collect();
        assert_eq!(
            owners,
            [
                "Owner: CN=web.example.com",
                "Owner: CN=PEM Intermediate",
                "Owner: CN=PEM Root"
            ],
            "{name}"
        );
        // The key keytool holds is the one openssl made: keytool 17 exports it to PKCS#12,
        // openssl reads its public half back.
        kt.ok(
            &dir,
            &[
                "-importkeystore",
                "-srckeystore",
                store,
                "-srcstoretype",
                ty,
                "-srcstorepass",
                SP,
                "-destkeystore",
                "check.p12",
                "-deststoretype",
                "PKCS12",
                "-deststorepass",
                SP,
                "-srcalias",
                "web",
            ],
        );
        openssl(
            &dir,
            &[
                "pkcs12",
                "-in",
                "check.p12",
                "-passin",
                &format!("pass:{SP}"),
                "-nocerts",
                "-nodes",
                "-out",
                "back.key",
            ],
        );
        assert_eq!(
            public_key(&dir, "back.key", None),
            public_key(&dir, "leaf.key", None),
            "{name}"
        );

        // And back out: encrypted under -destkeypass, openssl opens it with that password.
        let out = ours(
            &dir,
            &[
                "-exportkey",
                "-alias",
                "web",
                "-keystore",
                store,
                "-storetype",
                ty,
                "-storepass",
                SP,
                "-destkeypass",
                "out-secret",
                "-file",
                "out.key",
            ],
            b"",
        );
        assert!(
            out.status.success(),
            "{}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let exported = std::fs::read_to_string(dir.join("out.key")).expect("out.key");
        assert!(
            exported.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            "{exported}"
        );
        let params = openssl(&dir, &["asn1parse", "-in", "out.key"]);
        assert!(
            params.contains(":PBES2")
                && params.contains(":aes-256-cbc")
                && params.contains(":hmacWithSHA256"),
            "{params}"
        );
        assert_eq!(
            public_key(&dir, "out.key", Some("out-secret")),
            public_key(&dir, "leaf.key", None)
        );
        assert!(!text(&out.stderr).contains("unencrypted"));
    }
}

#[test]
fn exportkey_without_a_password_warns_and_bad_pem_files_are_refused() {
    let dir = scratch("pem-bad");
    chain(&dir, &["-newkey", "rsa:2048"]);
    cat(&dir, "good.pem", &["leaf.key", "leaf.pem", "int.pem"]);
    let import = |file: &str, extra: &[&str]| {
        let args = [
            &[
                "-importkeystore",
                "-srcstoretype",
                "PEM",
                "-srckeystore",
                file,
                "-destkeystore",
                "d.p12",
                "-deststorepass",
                SP,
                "-destalias",
                "a",
                "-noprompt",
            ][..],
            extra,
        ]
        .concat();
        let out = ours(&dir, &args, b"");
        (
            out.status.code(),
            format!("{}{}", text(&out.stdout), text(&out.stderr)),
        )
    };
    let (code, said) = import("good.pem", &[]);
    assert_eq!(code, Some(0), "{said}");
    let out = ours(
        &dir,
        &[
            "-exportkey",
            "-alias",
            "a",
            "-keystore",
            "d.p12",
            "-storepass",
            SP,
        ],
        b"",
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(text(&out.stderr).contains("Warning: the private key of <a> is written unencrypted"));
    std::fs::remove_file(dir.join("d.p12")).expect("rm");

    openssl(&dir, &["genrsa", "-out", "other.key", "2048"]);
    openssl(
        &dir,
        &[
            "rsa",
            "-in",
            "leaf.key",
            "-aes128",
            "-passout",
            "pass:pem-secret",
            "-traditional",
            "-out",
            "trad.key",
        ],
    );
    openssl(
        &dir,
        &[
            "pkcs8",
            "-topk8",
            "-in",
            "leaf.key",
            "-passout",
            "pass:pem-secret",
            "-out",
            "enc.key",
        ],
    );
    cat(&dir, "nocert.pem", &["leaf.key"]);
    cat(&dir, "nokey.pem", &["leaf.pem"]);
    cat(&dir, "mismatch.pem", &["other.key", "leaf.pem"]);
    cat(&dir, "twokeys.pem", &["leaf.key", "other.key", "leaf.pem"]);
    cat(&dir, "trad.pem", &["trad.key", "leaf.pem"]);
    cat(&dir, "enc.pem", &["enc.key", "leaf.pem"]);
    std::fs::write(dir.join("text.pem"), "no pem here\n").expect("write");
    for (file, extra, expect) in [
        ("nocert.pem", &[][..], "no certificate in the file"),
        ("nokey.pem", &[], "no private key in the file"),
        (
            "mismatch.pem",
            &[],
            "no certificate in the file matches the private key",
        ),
        ("twokeys.pem", &[], "2 private keys in the file"),
        ("trad.pem", &[], "openssl pkcs8 -topk8"),
        (
            "enc.pem",
            &[],
            "the private key is encrypted: give its password with -srcstorepass",
        ),
        (
            "enc.pem",
            &["-srcstorepass", "wrong-pass"],
            "the PEM key's password (-srcstorepass) is incorrect",
        ),
        ("text.pem", &[], "no private key in the file"),
        (
            "missing.pem",
            &[],
            "java.io.FileNotFoundException: missing.pem",
        ),
    ] {
        let (code, said) = import(file, extra);
        assert_eq!(code, Some(1), "{file}: {said}");
        assert!(said.contains(expect), "{file}: {said}");
        assert!(!said.contains("panicked"), "{said}");
        assert!(!dir.join("d.p12").exists(), "{file} wrote a store");
    }
    let (code, said) = import("enc.pem", &["-srcstorepass", "pem-secret"]);
    assert_eq!(code, Some(0), "{said}");
}

#[test]
fn library_reads_pem_identities_and_writes_keys() {
    let dir = scratch("pem-library");
    chain(
        &dir,
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
    );
    cat(
        &dir,
        "all.pem",
        &["int.pem", "leaf.pem", "root.pem", "leaf.key"],
    );
    let bytes = std::fs::read(dir.join("all.pem")).expect("read");
    let id = javakeystore::fleet::read_pem_identity(&bytes, None).expect("identity");
    let subjects: Vec<String> = id
        .chain
        .iter()
        .map(|c| c.subject().expect("subject").to_string())
        .collect();
    assert_eq!(
        subjects,
        ["CN=web.example.com", "CN=PEM Intermediate", "CN=PEM Root"]
    );
    let pem = javakeystore::fleet::private_key_pem(&id.key, Some("lib-secret")).expect("pem");
    std::fs::write(dir.join("lib.key"), pem.as_bytes()).expect("write");
    assert_eq!(
        public_key(&dir, "lib.key", Some("lib-secret")),
        public_key(&dir, "leaf.key", None)
    );
    let again = javakeystore::fleet::read_pem_identity(
        &[
            pem.as_bytes(),
            &std::fs::read(dir.join("leaf.pem")).expect("leaf"),
        ]
        .concat(),
        Some("lib-secret"),
    )
    .expect("again");
    assert_eq!(again.key.pkcs8_der(), id.key.pkcs8_der());
}
