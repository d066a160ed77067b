//! `-gencrl` and `-printcrl` against the real keytool 17 and 25, and openssl verifying the
//! CRLs made here.

use std::path::Path;

use crate::cli::{ours_as, same_as, text, twin_dirs};
use crate::common::{Keytool, data};
use crate::interop::scratch;

const SP: &str = "changeit";

/// A store with a CA key of each kind, made by keytool.
fn ca_store(kt: &Keytool, dir: &Path) {
    for (alias, alg) in [
        ("ec", "EC"),
        ("rsa", "RSA"),
        ("ed", "Ed25519"),
        ("pss", "RSASSA-PSS"),
    ] {
        let dname = format!("CN={alias} CA");
        kt.ok(
            dir,
            &[
                "-genkeypair",
                "-keystore",
                "ca.p12",
                "-storepass",
                SP,
                "-alias",
                alias,
                "-keyalg",
                alg,
                "-dname",
                &dname,
                "-ext",
                "bc:c",
            ],
        );
    }
}

#[test]
fn printcrl_matches_keytool_for_every_crl_and_bad_input() {
    for kt in Keytool::all() {
        let dir = scratch(&format!("crl-print-{}", kt.version));
        ca_store(&kt, &dir);
        let ids: &[&str] = &[
            "-id", "1234", "-id", "5678:2", "-id", "255:6", "-id", "-5:1", "-id", "8:7",
        ];
        for (file, extra) in [
            ("k.crl", ids),
            ("empty.crl", &[][..]),
            ("k.pem", &["-rfc", "-id", "7:11"][..]),
        ] {
            let mut args = vec!["-gencrl", "-keystore", "ca.p12", "-storepass", SP, "-alias"];
            args.extend(["ec", "-file", file, "-startdate", "-1d", "-validity", "7"]);
            args.extend(extra);
            kt.ok(&dir, &args);
        }
        std::fs::write(
            dir.join("truncated.crl"),
            &std::fs::read(dir.join("k.crl")).unwrap()[..100],
        )
        .unwrap();
        std::fs::write(dir.join("hello.crl"), b"hello").unwrap();
        std::fs::write(
            dir.join("badpem.crl"),
            "-----BEGIN X509 CRL-----\n@@@@\n-----END X509 CRL-----\n",
        )
        .unwrap();
        std::fs::write(dir.join("short.der"), [0x30, 0x03, 0x02, 0x01, 0x01]).unwrap();
        let openssl = data("crl/openssl-v2-extensions.crl");
        let mut files: Vec<(String, std::path::PathBuf)> = [
            "k.crl",
            "empty.crl",
            "k.pem",
            "truncated.crl",
            "hello.crl",
            "badpem.crl",
            "short.der",
            "ca.p12",
        ]
        .iter()
        .map(|f| (f.to_string(), dir.join(f)))
        .collect();
        files.push(("openssl.crl".into(), openssl));
        let refs: Vec<(&str, &Path)> = files
            .iter()
            .map(|(n, p)| (n.as_str(), p.as_path()))
            .collect();
        let (kd, rd) = twin_dirs(&format!("crl-print-twins-{}", kt.version), &refs);
        for (name, _) in &files {
            same_as(&kt, &kd, &rd, &["-printcrl", "-file", name], b"");
        }
        // Verified by the keystore's entry, with or without its password, and with cacerts.
        for extra in [
            &["-storepass", SP][..],
            &[][..],
            &["-storepass", SP, "-trustcacerts"][..],
            &["-storepass", "wrongpass"][..],
        ] {
            let mut args = vec!["-printcrl", "-file", "k.crl", "-keystore", "ca.p12"];
            args.extend(extra);
            same_as(&kt, &kd, &rd, &args, b"");
        }
        same_as(&kt, &kd, &rd, &["-printcrl", "-file", "missing.crl"], b"");
        same_as(&kt, &kd, &rd, &["-printcrl"], b"");
    }
}

#[test]
fn crls_made_here_are_verified_by_keytool_and_openssl() {
    for kt in Keytool::all() {
        let dir = scratch(&format!("crl-gen-{}", kt.version));
        ca_store(&kt, &dir);
        for alias in ["ec", "rsa", "ed", "pss"] {
            let file = format!("{alias}.crl");
            let args = [
                "-gencrl",
                "-keystore",
                "ca.p12",
                "-storepass",
                SP,
                "-alias",
                alias,
                "-file",
                &file,
                "-id",
                "1234",
                "-id",
                "99:1",
                "-id",
                "-7:keyCompromise:-2d",
            ];
            let out = ours_as(kt.version, &dir, &args, b"");
            assert!(
                out.status.success(),
                "{args:?}: {}{}",
                text(&out.stdout),
                text(&out.stderr)
            );
            // keytool shows it as we do, and its issuer's key verifies it.
            let (kd, rd) = twin_dirs(
                &format!("crl-gen-twins-{}-{alias}", kt.version),
                &[(&file, &dir.join(&file)), ("ca.p12", &dir.join("ca.p12"))],
            );
            let show = [
                "-printcrl",
                "-file",
                &file,
                "-keystore",
                "ca.p12",
                "-storepass",
                SP,
            ];
            let (k, _) = same_as(&kt, &kd, &rd, &show, b"");
            let expected = format!("Verified by {alias} in keystore with a ");
            assert!(text(&k.stdout).contains(&expected), "{}", text(&k.stdout));
            // openssl checks the signature with the issuer's certificate.
            let cert = format!("{alias}.pem");
            kt.ok(
                &dir,
                &[
                    "-exportcert",
                    "-rfc",
                    "-keystore",
                    "ca.p12",
                    "-storepass",
                    SP,
                    "-alias",
                    alias,
                    "-file",
                    &cert,
                ],
            );
            let out = std::process::Command::new("openssl")
                .args([
                    "crl", "-inform", "DER", "-in", &file, "-CAfile", &cert, "-noout",
                ])
                .current_dir(&dir)
                .output()
                .expect("openssl");
            let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
            assert!(
                out.status.success() && all.contains("verify OK"),
                "{alias}: {all}"
            );
        }
    }
}

#[test]
fn gencrl_refusals_match_keytool() {
    let kt = Keytool::jdk17();
    let dir = scratch("crl-refusals");
    ca_store(&kt, &dir);
    let (kd, rd) = twin_dirs("crl-refusals-twins", &[("ca.p12", &dir.join("ca.p12"))]);
    let base = [
        "-gencrl",
        "-keystore",
        "ca.p12",
        "-storepass",
        SP,
        "-alias",
        "ec",
    ];
    for bad in [
        &["-id", "abc"][..],
        &["-id", "5:0"],
        &["-id", "5:7"],
        &["-id", "12a:1"],
    ] {
        same_as(
            &kt,
            &kd,
            &rd,
            &[&base[..], bad, &["-file", "x.crl"]].concat(),
            b"",
        );
    }
}
