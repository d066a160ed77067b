//! PKCS#12 files as OpenSSL 3 writes them, made by the real `openssl` in every form it
//! offers (default, `-legacy`, RC4 keys and containers, `-nomac`, SHA-512 MAC, chains, no
//! friendly name): each is listed as keytool 17 lists it, its key decrypts and matches its
//! certificate, and `-importkeystore` turns it into a JKS that keytool reads.

use std::path::Path;

use javakeystore::{Entry, KeyStore};

use crate::cli::{ours, same, text, twin_dirs};
use crate::common::{Keytool, openssl};
use crate::interop::scratch;

fn pems(dir: &Path) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=Producer CA",
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:true",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=producer.example",
            "-keyout",
            "leaf.key",
            "-out",
            "leaf.csr",
        ],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-out",
            "leaf.pem",
        ],
    );
}

#[test]
fn every_openssl_pkcs12_form_reads_as_keytool_reads_it() {
    let dir = scratch("producers-openssl");
    pems(&dir);
    let base = [
        "pkcs12",
        "-export",
        "-inkey",
        "leaf.key",
        "-in",
        "leaf.pem",
        "-passout",
        "pass:changeit",
    ];
    let forms: [(&str, &[&str]); 8] = [
        ("default.p12", &["-name", "leaf"]),
        ("legacy.p12", &["-legacy", "-name", "leaf"]),
        (
            "rc4-key.p12",
            &["-legacy", "-keypbe", "PBE-SHA1-RC4-128", "-name", "leaf"],
        ),
        (
            "rc4-certs.p12",
            &["-legacy", "-certpbe", "PBE-SHA1-RC4-40", "-name", "leaf"],
        ),
        ("nomac.p12", &["-nomac", "-name", "leaf"]),
        ("sha512.p12", &["-macalg", "sha512", "-name", "leaf"]),
        ("chain.p12", &["-certfile", "ca.pem", "-name", "leaf"]),
        ("noname.p12", &[]),
    ];
    let mut files = Vec::new();
    for (file, extra) in forms {
        let mut args = base.to_vec();
        args.extend(extra);
        args.extend(["-out", file]);
        openssl(&dir, &args);
        files.push((file, dir.join(file)));
    }
    let refs: Vec<(&str, &Path)> = files.iter().map(|(n, p)| (*n, p.as_path())).collect();
    let (kd, rd) = twin_dirs("producers-openssl/run", &refs);
    let kt = Keytool::jdk17();
    for (file, _) in &files {
        for extra in [&[][..], &["-v"][..]] {
            let mut args = vec!["-list", "-keystore", file, "-storepass", "changeit"];
            args.extend(extra);
            same(&kd, &rd, &args, b"");
        }
        let store = KeyStore::from_bytes(
            &std::fs::read(rd.join(file)).expect("read"),
            Some("changeit"),
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let (alias, entry) = store.entries().next().expect("an entry");
        let Entry::PrivateKey(k) = entry else {
            panic!("{file}: {alias} is a key entry")
        };
        let key = k.open("changeit").unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            key.matches_certificate(&k.chain()[0]).expect("comparable"),
            "{file}"
        );
        let jks = format!("{file}.jks");
        let out = ours(
            &rd,
            &[
                "-importkeystore",
                "-srckeystore",
                file,
                "-srcstorepass",
                "changeit",
                "-destkeystore",
                &jks,
                "-deststoretype",
                "JKS",
                "-deststorepass",
                "changeit",
            ],
            b"",
        );
        assert!(
            out.status.success(),
            "{file}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let list = kt.ok(&rd, &["-list", "-keystore", &jks, "-storepass", "changeit"]);
        assert!(list.contains("PrivateKeyEntry"), "{file}: {list}");
    }
}
