//! Key pairs, certificates, requests and CA replies made by the keytool example, checked with
//! the real keytool, openssl and the `jks` crate.

use std::path::Path;
use std::process::{Command, Output};

use crate::cli::{ours, twin_dirs};
use crate::common::Keytool;
use crate::interop::scratch;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn openssl(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl");
    ok(out, &format!("openssl {args:?}"))
}

/// The seed procedure, typed through the prompts.
const SEED_ANSWERS: &[u8] =
    b"changeit\nchangeit\ncvp1.example.com\nCC\nExample Corp\nTokyo\nTokyo\nJP\nyes\n\n";
const SEED: &[&str] = &[
    "-storetype",
    "JCEKS",
    "-keystore",
    ".keystore",
    "-genkeypair",
    "-alias",
    "wsm_certificate",
    "-keysize",
    "2048",
    "-keyalg",
    "RSA",
    "-validity",
    "1095",
];

#[test]
fn seed_genkeypair_through_the_prompts() {
    let (kt, rs) = twin_dirs("certs-seed", &[]);
    let k = Keytool::jdk17().run_stdin(&kt, SEED, SEED_ANSWERS);
    let r = ours(&rs, SEED, SEED_ANSWERS);
    assert_eq!(text(&r.stderr), text(&k.stderr));
    assert_eq!(
        (r.status.code(), text(&r.stdout)),
        (k.status.code(), text(&k.stdout))
    );
    for kt17 in Keytool::all() {
        let listing = kt17.ok(
            &rs,
            &[
                "-list",
                "-v",
                "-storetype",
                "JCEKS",
                "-keystore",
                ".keystore",
                "-storepass",
                "changeit",
            ],
        );
        for expected in [
            "Entry type: PrivateKeyEntry",
            "Owner: CN=cvp1.example.com, OU=CC, O=Example Corp, L=Tokyo, ST=Tokyo, C=JP",
            "Signature algorithm name: SHA256withRSA",
            "Subject Public Key Algorithm: 2048-bit RSA key",
        ] {
            assert!(
                listing.contains(expected),
                "JDK {}: no {expected:?} in\n{listing}",
                kt17.version
            );
        }
    }
    let exported = ours(
        &rs,
        &[
            "-storetype",
            "JCEKS",
            "-keystore",
            ".keystore",
            "-storepass",
            "changeit",
            "-export",
            "-alias",
            "wsm_certificate",
            "-file",
            "wsm.crt",
        ],
        b"",
    );
    ok(exported, "export");
    let dates = openssl(
        &rs,
        &[
            "x509",
            "-inform",
            "DER",
            "-in",
            "wsm.crt",
            "-noout",
            "-startdate",
            "-enddate",
        ],
    );
    let parse = |key: &str| {
        let line = dates
            .lines()
            .find(|l| l.starts_with(key))
            .expect("date line");
        let out = Command::new("date")
            .args(["-u", "-d", &line[key.len()..], "+%s"])
            .output()
            .expect("date");
        text(&out.stdout).trim().parse::<i64>().expect("epoch")
    };
    assert_eq!(parse("notAfter=") - parse("notBefore="), 1095 * 86_400);
    openssl(
        &rs,
        &[
            "x509", "-inform", "DER", "-in", "wsm.crt", "-out", "wsm.pem",
        ],
    );
    let verified = openssl(&rs, &["verify", "-CAfile", "wsm.pem", "wsm.pem"]);
    assert!(verified.contains("wsm.pem: OK"));
}

#[test]
fn extensions_appear_as_openssl_prints_them() {
    let dir = scratch("certs-ext");
    ok(
        ours(
            &dir,
            &[
                "-genkeypair",
                "-keystore",
                "s.jks",
                "-storetype",
                "JKS",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit",
                "-alias",
                "web",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=cvp1.example.com, O=Example, C=US",
                "-ext",
                "san=dns:cvp1.example.com,dns:example.com,ip:10.1.2.3",
                "-ext",
                "eku=serverAuth,clientAuth",
                "-ext",
                "ku:c=digitalSignature,keyEncipherment",
                "-validity",
                "730",
                "-sigalg",
                "SHA384withRSA",
            ],
            b"",
        ),
        "genkeypair",
    );
    ok(
        ours(
            &dir,
            &[
                "-exportcert",
                "-rfc",
                "-keystore",
                "s.jks",
                "-storepass",
                "changeit",
                "-alias",
                "web",
                "-file",
                "web.pem",
            ],
            b"",
        ),
        "export",
    );
    let t = openssl(&dir, &["x509", "-in", "web.pem", "-noout", "-text"]);
    for expected in [
        "DNS:cvp1.example.com, DNS:example.com, IP Address:10.1.2.3",
        "TLS Web Server Authentication, TLS Web Client Authentication",
        "X509v3 Key Usage: critical",
        "Digital Signature, Key Encipherment",
        "Signature Algorithm: sha384WithRSAEncryption",
        "X509v3 Subject Key Identifier",
    ] {
        assert!(t.contains(expected), "no {expected:?} in\n{t}");
    }
    // The jks crate reads what we wrote: the key decrypts to PKCS#8, the chain is there.
    let mut ks = jks::KeyStore::new();
    ks.load(
        std::fs::File::open(dir.join("s.jks")).expect("open"),
        b"changeit",
    )
    .expect("jks crate load");
    let entry = ks
        .get_private_key_entry("web", b"changeit")
        .expect("jks crate key");
    assert_eq!(entry.certificate_chain.len(), 1);
    let ours_key = javakeystore::KeyStore::load(dir.join("s.jks"), "changeit").expect("load");
    let Some(javakeystore::Entry::PrivateKey(k)) = ours_key.get("web") else {
        panic!()
    };
    assert_eq!(
        k.open("changeit").expect("open").pkcs8_der(),
        entry.private_key.as_slice()
    );
}

/// A root and an intermediate CA made with openssl; returns nothing, writes root.pem,
/// root.key, inter.pem, inter.key in `dir`.
fn openssl_ca(dir: &Path) {
    std::fs::write(
        dir.join("ca.ext"),
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
    )
    .expect("write");
    openssl(
        dir,
        &[
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
            "/CN=Test Root CA/O=Example",
            "-days",
            "3650",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "inter.key",
            "-out",
            "inter.csr",
            "-subj",
            "/CN=Test Intermediate CA/O=Example",
        ],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "inter.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "inter.pem",
            "-days",
            "1825",
            "-extfile",
            "ca.ext",
        ],
    );
}

#[test]
fn ca_signed_reply_installs_with_a_chain_of_three() {
    let dir = scratch("certs-reply");
    openssl_ca(&dir);
    let sp = [
        "-keystore",
        "s.jceks",
        "-storetype",
        "JCEKS",
        "-storepass",
        "changeit",
    ];
    let run = |args: &[&str], stdin: &[u8]| {
        ok(
            ours(&dir, &[args, &sp[..]].concat(), stdin),
            &format!("{args:?}"),
        )
    };
    run(
        &[
            "-genkeypair",
            "-alias",
            "server",
            "-keyalg",
            "RSA",
            "-keypass",
            "changeit",
            "-dname",
            "CN=cvp1.example.com, O=Example",
        ],
        b"",
    );
    run(
        &[
            "-genkeypair",
            "-alias",
            "other",
            "-keyalg",
            "RSA",
            "-keypass",
            "changeit",
            "-dname",
            "CN=other.example.com",
        ],
        b"",
    );
    let csr = run(
        &[
            "-certreq",
            "-alias",
            "server",
            "-ext",
            "san=dns:cvp1.example.com",
            "-ext",
            "eku=sA,cA",
        ],
        b"",
    );
    std::fs::write(dir.join("server.csr"), &csr).expect("write");
    let verify = Command::new("openssl")
        .args(["req", "-in", "server.csr", "-noout", "-verify"])
        .current_dir(&dir)
        .output()
        .expect("openssl");
    assert!(
        verify.status.success() && text(&verify.stderr).contains("verify OK"),
        "{}",
        text(&verify.stderr)
    );
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "inter.pem",
            "-CAkey",
            "inter.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "365",
            "-copy_extensions",
            "copyall",
        ],
    );

    // A reply for another key is refused and the entry is kept as it was.
    let before = std::fs::read(dir.join("s.jceks")).expect("read");
    let refused = ours(
        &dir,
        &[
            &["-importcert", "-alias", "other", "-file", "server.pem"][..],
            &sp,
        ]
        .concat(),
        b"",
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        text(&refused.stdout),
        "keytool error: java.lang.Exception: Public keys in reply and keystore don't match\n"
    );
    // Without the CA certificates in the store, a single-certificate reply has no chain.
    let no_chain = ours(
        &dir,
        &[
            &["-importcert", "-alias", "server", "-file", "server.pem"][..],
            &sp,
        ]
        .concat(),
        b"",
    );
    assert!(text(&no_chain.stdout).contains("Failed to establish chain from reply"));
    assert_eq!(std::fs::read(dir.join("s.jceks")).expect("read"), before);

    // Root (trusted after the question), intermediate (chains silently), then the reply.
    let root = run(
        &["-importcert", "-alias", "root", "-file", "root.pem"],
        b"yes\n",
    );
    assert!(
        root.contains("Owner: O=Example, CN=Test Root CA")
            || root.contains("Owner: CN=Test Root CA"),
        "{root}"
    );
    run(
        &["-importcert", "-alias", "inter", "-file", "inter.pem"],
        b"",
    );
    let installed = ours(
        &dir,
        &[
            &["-importcert", "-alias", "server", "-file", "server.pem"][..],
            &sp,
        ]
        .concat(),
        b"",
    );
    assert!(
        text(&installed.stderr).contains("Certificate reply was installed in keystore"),
        "{}",
        text(&installed.stderr)
    );
    for kt in Keytool::all() {
        let listing = kt.ok(
            &dir,
            &[&["-list", "-v", "-alias", "server"][..], &sp].concat(),
        );
        assert!(
            listing.contains("Certificate chain length: 3"),
            "JDK {}:\n{listing}",
            kt.version
        );
        assert!(
            listing.contains("Issuer: O=Example, CN=Test Intermediate CA")
                || listing.contains("Issuer: CN=Test Intermediate CA")
        );
    }
}

#[test]
fn pkcs7_and_bundle_replies_install() {
    let dir = scratch("certs-p7b");
    openssl_ca(&dir);
    let sp = [
        "-keystore",
        "s.jks",
        "-storetype",
        "JKS",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit",
    ];
    let run = |args: &[&str], stdin: &[u8]| ours(&dir, &[args, &sp[..]].concat(), stdin);
    ok(
        run(
            &[
                "-genkeypair",
                "-alias",
                "a",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=a.example",
            ],
            b"",
        ),
        "genkeypair",
    );
    ok(
        run(
            &[
                "-genkeypair",
                "-alias",
                "b",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=b.example",
            ],
            b"",
        ),
        "genkeypair",
    );
    for alias in ["a", "b"] {
        std::fs::write(
            dir.join(format!("{alias}.csr")),
            ok(run(&["-certreq", "-alias", alias], b""), "certreq"),
        )
        .expect("write");
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{alias}.csr"),
                "-CA",
                "inter.pem",
                "-CAkey",
                "inter.key",
                "-CAcreateserial",
                "-out",
                &format!("{alias}.pem"),
                "-days",
                "365",
            ],
        );
    }
    // a: a PKCS#7 chain with the root; no question, the chain is complete.
    openssl(
        &dir,
        &[
            "crl2pkcs7",
            "-nocrl",
            "-certfile",
            "a.pem",
            "-certfile",
            "inter.pem",
            "-certfile",
            "root.pem",
            "-out",
            "a.p7b",
            "-outform",
            "DER",
        ],
    );
    ok(
        run(
            &["-importcert", "-alias", "a", "-file", "a.p7b", "-noprompt"],
            b"",
        ),
        "p7b reply",
    );
    // b: a PEM bundle without the root, which the store does not trust: keytool asks.
    let bundle = [
        std::fs::read(dir.join("b.pem")).expect("b"),
        std::fs::read(dir.join("inter.pem")).expect("inter"),
    ]
    .concat();
    std::fs::write(dir.join("b-bundle.pem"), bundle).expect("write");
    let declined = run(
        &["-importcert", "-alias", "b", "-file", "b-bundle.pem"],
        b"no\n",
    );
    assert!(
        text(&declined.stderr).contains("... is not trusted. "),
        "{}",
        text(&declined.stderr)
    );
    assert!(text(&declined.stderr).contains("Certificate reply was not installed in keystore"));
    ok(
        run(
            &["-importcert", "-alias", "b", "-file", "b-bundle.pem"],
            b"yes\n",
        ),
        "bundle reply",
    );
    let listing = Keytool::jdk17().ok(&dir, &[&["-list", "-v"][..], &sp[..6]].concat());
    let lengths: Vec<&str> = listing
        .lines()
        .filter(|l| l.starts_with("Certificate chain length"))
        .collect();
    assert_eq!(
        lengths,
        ["Certificate chain length: 3", "Certificate chain length: 2"]
    );
}

#[test]
fn gencert_signs_a_keytool_request() {
    let dir = scratch("certs-gencert");
    let kt = Keytool::jdk17();
    // Our CA, made by the example.
    ok(
        ours(
            &dir,
            &[
                "-genkeypair",
                "-keystore",
                "ca.jks",
                "-storetype",
                "JKS",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-dname",
                "CN=Example CA",
                "-ext",
                "bc:c",
                "-validity",
                "3650",
            ],
            b"",
        ),
        "ca",
    );
    ok(
        ours(
            &dir,
            &[
                "-exportcert",
                "-rfc",
                "-keystore",
                "ca.jks",
                "-storepass",
                "changeit",
                "-alias",
                "ca",
                "-file",
                "ca.pem",
            ],
            b"",
        ),
        "export ca",
    );
    // keytool's key pair and request.
    kt.ok(
        &dir,
        &[
            "-genkeypair",
            "-keystore",
            "leaf.p12",
            "-storepass",
            "changeit",
            "-alias",
            "leaf",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=leaf.example",
            "-ext",
            "san=dns:leaf.example",
        ],
    );
    kt.ok(
        &dir,
        &[
            "-certreq",
            "-keystore",
            "leaf.p12",
            "-storepass",
            "changeit",
            "-alias",
            "leaf",
            "-file",
            "leaf.csr",
            "-ext",
            "san=dns:leaf.example",
        ],
    );
    ok(
        ours(
            &dir,
            &[
                "-gencert",
                "-keystore",
                "ca.jks",
                "-storepass",
                "changeit",
                "-alias",
                "ca",
                "-infile",
                "leaf.csr",
                "-outfile",
                "leaf.pem",
                "-rfc",
                "-ext",
                "honored=all",
                "-ext",
                "eku=serverAuth",
                "-validity",
                "825",
            ],
            b"",
        ),
        "gencert",
    );
    let verified = openssl(&dir, &["verify", "-CAfile", "ca.pem", "leaf.pem"]);
    assert!(verified.contains("leaf.pem: OK"), "{verified}");
    let t = openssl(&dir, &["x509", "-in", "leaf.pem", "-noout", "-text"]);
    assert!(
        t.contains("DNS:leaf.example")
            && t.contains("TLS Web Server Authentication")
            && t.contains("Authority Key Identifier"),
        "{t}"
    );
    // keytool installs the reply, which chains to the CA it trusts.
    kt.ok(
        &dir,
        &[
            "-importcert",
            "-keystore",
            "leaf.p12",
            "-storepass",
            "changeit",
            "-alias",
            "ca",
            "-file",
            "ca.pem",
            "-noprompt",
        ],
    );
    kt.ok(
        &dir,
        &[
            "-importcert",
            "-keystore",
            "leaf.p12",
            "-storepass",
            "changeit",
            "-alias",
            "leaf",
            "-file",
            "leaf.pem",
        ],
    );
}

#[test]
fn secret_keys_and_key_passwords() {
    let (kt, rs) = twin_dirs("certs-secret", &[]);
    let sp = [
        "-keystore",
        "s.jceks",
        "-storetype",
        "JCEKS",
        "-storepass",
        "changeit",
    ];
    for args in [
        &[
            "-genseckey",
            "-alias",
            "aes",
            "-keyalg",
            "AES",
            "-keysize",
            "256",
            "-keypass",
            "keypass1",
        ][..],
        &[
            "-genseckey",
            "-alias",
            "des3",
            "-keyalg",
            "DESede",
            "-keypass",
            "keypass1",
        ],
        &[
            "-genseckey",
            "-alias",
            "hmac",
            "-keyalg",
            "HmacSHA256",
            "-keysize",
            "256",
            "-keypass",
            "keypass1",
        ],
        &[
            "-genseckey",
            "-alias",
            "nosize",
            "-keyalg",
            "AES",
            "-keypass",
            "keypass1",
        ],
        &[
            "-genseckey",
            "-alias",
            "aes",
            "-keyalg",
            "AES",
            "-keysize",
            "128",
            "-keypass",
            "keypass1",
        ],
    ] {
        let full = [args, &sp[..]].concat();
        let k = Keytool::jdk17().run(&kt, &full);
        let r = ours(&rs, &full, b"");
        assert_eq!(
            (text(&r.stdout), text(&r.stderr), r.status.code()),
            (text(&k.stdout), text(&k.stderr), k.status.code()),
            "{args:?}"
        );
    }
    ok(
        ours(
            &rs,
            &[
                &[
                    "-keypasswd",
                    "-alias",
                    "aes",
                    "-keypass",
                    "keypass1",
                    "-new",
                    "keypass2",
                ][..],
                &sp,
            ]
            .concat(),
            b"",
        ),
        "keypasswd",
    );
    // Java opens every key we made, with the right passwords.
    let dump = crate::common::jca_dump(
        &Keytool::jdk17(),
        &rs.join("s.jceks"),
        "JCEKS",
        "changeit",
        &[
            ("aes", "keypass2"),
            ("des3", "keypass1"),
            ("hmac", "keypass1"),
        ],
    );
    let kinds: Vec<String> = dump
        .iter()
        .map(|l| {
            l.split(' ')
                .nth(3)
                .unwrap_or("")
                .split(':')
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(kinds, ["AES", "DESede", "HmacSHA256"]);
    assert!(
        dump[0].split(':').nth(1).is_some_and(|h| h.len() == 64),
        "{}",
        dump[0]
    );
    // JKS cannot hold secret keys: keytool's error, and no file is written.
    let jks = ours(
        &rs,
        &[
            "-genseckey",
            "-alias",
            "x",
            "-keyalg",
            "AES",
            "-keysize",
            "128",
            "-keystore",
            "n.jks",
            "-storetype",
            "JKS",
            "-storepass",
            "changeit",
            "-keypass",
            "changeit",
        ],
        b"",
    );
    assert_eq!(
        text(&jks.stdout),
        "keytool error: java.security.KeyStoreException: Cannot store non-PrivateKeys\n"
    );
    assert!(!rs.join("n.jks").exists());
}
