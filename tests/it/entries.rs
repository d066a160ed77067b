//! `-selfcert`, `-keyclone`, `-showinfo` and the provider options against the real keytool
//! 17 and 25: the same texts, exit codes and stores, and keytool reading what we wrote.

use std::path::Path;

use crate::cli::{ours_as, same_as, text, twin_dirs};
use crate::common::{Keytool, openssl};
use crate::interop::scratch;

const SP: &str = "changeit";

/// What differs between two runs of the same command however faithful the tool is: random
/// serials, keys and signatures, and the clock's seconds.
fn normalized(s: &str) -> String {
    let mut out = Vec::new();
    for line in s.lines() {
        let t = line.trim_start();
        let hex_line =
            t.len() > 6 && t.as_bytes()[4] == b':' && t[..4].bytes().all(|b| b.is_ascii_hexdigit());
        let line = if hex_line {
            "HEX".to_owned()
        } else if t.starts_with("SerialNumber: ") || t.starts_with("Serial number: ") {
            "SERIAL".to_owned()
        } else if t.starts_with("SHA1: ") || t.starts_with("SHA256: ") {
            "FINGERPRINT".to_owned()
        } else {
            line.split(' ')
                .map(|w| {
                    let digits = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                    if digits.len() >= 20 && digits.bytes().all(|b| b.is_ascii_digit()) {
                        "N"
                    } else if w.len() == 8 && w.as_bytes()[2] == b':' && w.as_bytes()[5] == b':' {
                        "HH:MM:SS"
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        if out.last() != Some(&line) {
            out.push(line);
        }
    }
    out.join("\n")
}

fn genkey(kt: &Keytool, dir: &Path, store: &str, ty: &str, alias: &str, alg: &str) {
    kt.ok(
        dir,
        &[
            "-genkeypair",
            "-keystore",
            store,
            "-storetype",
            ty,
            "-storepass",
            SP,
            "-keypass",
            "keypass1",
            "-alias",
            alias,
            "-keyalg",
            alg,
            "-dname",
            "CN=old, O=Fixture",
            "-ext",
            "san=dns:old.example",
            "-validity",
            "30",
        ],
    );
}

#[test]
fn selfcert_matches_keytool_for_every_signing_key() {
    for kt in Keytool::all() {
        let v = kt.version;
        let base = scratch(&format!("selfcert-{v}"));
        let mut algs = vec!["RSA", "EC", "Ed25519", "RSASSA-PSS"];
        if v >= 25 {
            algs.push("ML-DSA-65");
        }
        for (ty, store) in [("PKCS12", "s.p12"), ("JKS", "s.jks")] {
            for alg in &algs {
                genkey(&kt, &base, store, ty, &alg.to_lowercase(), alg);
            }
        }
        let (kd, rd) = twin_dirs(
            &format!("selfcert-{v}/run"),
            &[
                ("s.p12", &base.join("s.p12")),
                ("s.jks", &base.join("s.jks")),
            ],
        );
        for store in ["s.p12", "s.jks"] {
            for alg in &algs {
                let alias = alg.to_lowercase();
                let args = [
                    "-selfcert",
                    "-v",
                    "-keystore",
                    store,
                    "-storepass",
                    SP,
                    "-keypass",
                    "keypass1",
                    "-alias",
                    &alias,
                    "-dname",
                    "CN=new, O=Fixture",
                    "-validity",
                    "400",
                    "-ext",
                    "eku=serverAuth",
                ];
                let k = kt.run(&kd, &args);
                let r = ours_as(v, &rd, &args, b"");
                let case = format!("keytool {v} -selfcert {alg} in {store}");
                assert_eq!(
                    r.status.code(),
                    k.status.code(),
                    "{case}: {}",
                    text(&r.stderr)
                );
                assert_eq!(
                    normalized(&text(&r.stderr)),
                    normalized(&text(&k.stderr)),
                    "{case}"
                );
                // keytool reads our store and sees the new certificate as it sees its own.
                let list = |dir: &Path| {
                    let out = kt.ok(
                        dir,
                        &[
                            "-list",
                            "-v",
                            "-keystore",
                            store,
                            "-storepass",
                            SP,
                            "-alias",
                            &alias,
                        ],
                    );
                    normalized(&out)
                };
                assert_eq!(list(&rd), list(&kd), "{case}: -list -v");
            }
        }
        // openssl verifies the self-signed certificates made here.
        for alg in ["rsa", "ec", "ed25519", "rsassa-pss"] {
            let pem = format!("{alg}.pem");
            kt.ok(
                &rd,
                &[
                    "-exportcert",
                    "-rfc",
                    "-keystore",
                    "s.p12",
                    "-storepass",
                    SP,
                    "-alias",
                    alg,
                    "-file",
                    &pem,
                ],
            );
            let out = openssl(&rd, &["verify", "-CAfile", &pem, "-check_ss_sig", &pem]);
            assert!(
                out.contains(": OK"),
                "openssl on the re-signed {alg} certificate: {out}"
            );
        }
    }
}

#[test]
fn keyclone_matches_keytool_and_java_opens_the_copy() {
    let kt = Keytool::jdk17();
    let base = scratch("keyclone");
    genkey(&kt, &base, "c.jks", "JKS", "k", "EC");
    kt.ok(
        &base,
        &[
            "-genseckey",
            "-keystore",
            "c.jceks",
            "-storetype",
            "JCEKS",
            "-storepass",
            SP,
            "-keypass",
            "keypass1",
            "-alias",
            "s",
            "-keyalg",
            "AES",
            "-keysize",
            "128",
        ],
    );
    genkey(&kt, &base, "c.p12", "PKCS12", "k", "RSA");
    let (kd, rd) = twin_dirs(
        "keyclone/run",
        &[
            ("c.jks", &base.join("c.jks")),
            ("c.jceks", &base.join("c.jceks")),
            ("c.p12", &base.join("c.p12")),
        ],
    );
    let k = ["-keystore", "c.jks", "-storepass", SP, "-alias", "k"];
    let runs: Vec<(Vec<&str>, &[u8])> = vec![
        (
            vec![
                "-destalias",
                "k2",
                "-keypass",
                "keypass1",
                "-new",
                "newpass1",
            ],
            b"",
        ),
        (vec!["-destalias", "k2"], b""),
        (
            vec!["-destalias", "k8", "-keypass", "keypass1"],
            b"newpass1\nnewpass2\n\n",
        ),
        (
            vec!["-destalias", "k9", "-keypass", "keypass1"],
            b"a\nb\nc\n",
        ),
        (vec!["-destalias", "k4", "-keypass", "wrong123"], b""),
        (vec![], b"\n"),
    ];
    for (extra, stdin) in runs {
        let mut args = vec!["-keyclone"];
        args.extend(k);
        args.extend(extra);
        same_as(&kt, &kd, &rd, &args, stdin);
    }
    for args in [
        &[
            "-keyclone",
            "-keystore",
            "c.jceks",
            "-storepass",
            SP,
            "-alias",
            "s",
            "-destalias",
            "s2",
            "-keypass",
            "keypass1",
        ][..],
        &[
            "-keyclone",
            "-keystore",
            "c.jceks",
            "-storepass",
            SP,
            "-alias",
            "none",
            "-destalias",
            "s2",
        ][..],
        &[
            "-keyclone",
            "-keystore",
            "c.p12",
            "-storepass",
            SP,
            "-alias",
            "k",
            "-destalias",
            "K3",
            "-new",
            "whatever1",
        ][..],
    ] {
        same_as(&kt, &kd, &rd, args, b"");
    }
    for (store, pass) in [("c.jks", "newpass1"), ("c.p12", SP)] {
        let listing = |d: &Path| kt.ok(d, &["-list", "-keystore", store, "-storepass", SP]);
        assert_eq!(listing(&rd), listing(&kd), "{store}");
        // Java decrypts the copy with its new password.
        let alias = if store == "c.jks" { "k2" } else { "k3" };
        let dest = format!("{store}.copy.p12");
        kt.ok(
            &rd,
            &[
                "-importkeystore",
                "-srckeystore",
                store,
                "-srcstorepass",
                SP,
                "-srcalias",
                alias,
                "-srckeypass",
                pass,
                "-destkeystore",
                &dest,
                "-deststorepass",
                SP,
            ],
        );
    }
}

#[test]
fn showinfo_and_provider_options_answer_as_keytool() {
    let kt = Keytool::jdk17();
    let base = scratch("showinfo");
    genkey(&kt, &base, "p.p12", "PKCS12", "k", "EC");
    let (kd, rd) = twin_dirs("showinfo/run", &[("p.p12", &base.join("p.p12"))]);
    let list = ["-list", "-keystore", "p.p12", "-storepass", SP];
    for extra in [
        &["-addprovider", "Foo"][..],
        &["-addprovider", "SunEC"][..],
        &[
            "-providerclass",
            "com.example.Foo",
            "-providerpath",
            "foo.jar",
        ][..],
        &["-providername", "Nope"][..],
    ] {
        let mut args = list.to_vec();
        args.extend(extra);
        same_as(&kt, &kd, &rd, &args, b"");
    }
    same_as(&kt, &kd, &rd, &["-showinfo"], b"");
    // The lists are this tool's TLS stack's (see tls.rs), in keytool's layout.
    let k = text(&kt.run(&kd, &["-showinfo", "-tls"]).stdout);
    let r = text(&ours_as(17, &rd, &["-showinfo", "-tls"], b"").stdout);
    let headers = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with("TLS"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(headers(&r), headers(&k));
    assert!(r.contains("\nTLSv1.3\nTLSv1.2\n") && r.contains("\nTLS_AES_128_GCM_SHA256\n"));
    for suite in r.lines().filter(|l| l.starts_with("TLS_")) {
        assert!(
            k.lines().any(|l| l == suite),
            "{suite} is a suite Java knows too"
        );
    }
}
