//! PKCS#12 bags Java skips: plain key bags (OpenSSL's `-keypbe NONE`, Python
//! `cryptography`'s `NoEncryption()`) are read as keys needing no password and written back;
//! a bag of a type this crate does not model makes a save fail, naming it, with the file left
//! as it was. Never a store saved without what it held.

use std::path::Path;
use std::process::Command;

use javakeystore::{Entry, KeyStore};

use crate::cli::{ours, text};
use crate::common::{data, openssl, tlv};
use crate::interop::scratch;

const PEM_CERT: &str = "corpus/generated/rsa2048-selfsigned.cert.pem";

/// An RSA key and certificate as PEM files, made by openssl.
fn key_and_cert(dir: &Path) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=plain.example",
            "-days",
            "30",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
        ],
    );
}

fn openssl_has_key(dir: &Path, file: &str, pass: &str) -> bool {
    let out = openssl(
        dir,
        &[
            "pkcs12",
            "-in",
            file,
            "-nodes",
            "-passin",
            &format!("pass:{pass}"),
        ],
    );
    out.contains("BEGIN PRIVATE KEY") && out.contains("BEGIN CERTIFICATE")
}

#[test]
fn plain_key_bags_are_read_and_survive_an_edit() {
    let dir = scratch("plain-bags");
    key_and_cert(&dir);
    openssl(
        &dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-name",
            "server",
            "-keypbe",
            "NONE",
            "-certpbe",
            "NONE",
            "-passout",
            "pass:changeit",
            "-out",
            "openssl.p12",
        ],
    );
    let script = "import sys\n\
        from cryptography.hazmat.primitives import serialization\n\
        from cryptography.hazmat.primitives.serialization import pkcs12\n\
        from cryptography import x509\n\
        key = serialization.load_pem_private_key(open('key.pem','rb').read(), None)\n\
        cert = x509.load_pem_x509_certificate(open('cert.pem','rb').read())\n\
        open('python.p12','wb').write(pkcs12.serialize_key_and_certificates(b'server', key, cert, None, serialization.NoEncryption()))";
    let out = Command::new("python3")
        .args(["-c", script])
        .current_dir(&dir)
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::fs::copy(data(PEM_CERT), dir.join("extra.pem")).expect("copy");
    for (file, pass) in [("openssl.p12", "changeit"), ("python.p12", "")] {
        let bytes = std::fs::read(dir.join(file)).expect("read");
        let store = KeyStore::from_bytes(&bytes, Some(pass)).expect(file);
        let Some(Entry::PrivateKey(k)) = store.get("server") else {
            panic!("{file}: the plain key is a key entry")
        };
        // No password protects it: any opens it.
        let key = k.open("any password").expect("opens");
        assert!(key.matches_certificate(&k.chain()[0]).expect("comparable"));
        // An edit keeps the key and its certificate (the file used to lose them).
        let mut args = vec![
            "-importcert",
            "-noprompt",
            "-alias",
            "extra",
            "-file",
            "extra.pem",
        ];
        // (cryptography's NoEncryption() still writes a MAC, keyed by the empty password.)
        args.extend([
            "-keystore",
            file,
            "-storetype",
            "PKCS12",
            "-storepass",
            pass,
        ]);
        let out = ours(&dir, &args, b"");
        assert!(
            out.status.success(),
            "{file}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(
            openssl_has_key(&dir, file, pass),
            "{file}: the key is still there"
        );
        let again = KeyStore::from_bytes(&std::fs::read(dir.join(file)).expect("read"), Some(pass))
            .expect("re-read");
        assert_eq!(again.len(), 2, "{file}");
    }
}

/// A password-less PKCS#12 holding a certificate bag and a CRL bag.
fn store_with_a_crl_bag() -> Vec<u8> {
    let oid = |b: &[u8]| tlv(0x06, b);
    let cert = std::fs::read(data("corpus/generated/rsa2048-selfsigned.cert.der")).expect("cert");
    let friendly = tlv(
        0x30,
        &[
            oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x14]),
            tlv(0x31, &tlv(0x1e, &[0, b'c'])),
        ]
        .concat(),
    );
    let typed =
        |kind: &[u8], value: &[u8]| tlv(0x30, &[oid(kind), tlv(0xa0, &tlv(0x04, value))].concat());
    let cert_bag = tlv(
        0x30,
        &[
            oid(&[
                0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
            ]),
            tlv(
                0xa0,
                &typed(
                    &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01],
                    &cert,
                ),
            ),
            tlv(0x31, &friendly),
        ]
        .concat(),
    );
    let crl_bag = tlv(
        0x30,
        &[
            oid(&[
                0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x04,
            ]),
            tlv(
                0xa0,
                &typed(
                    &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x17, 0x01],
                    b"crl",
                ),
            ),
        ]
        .concat(),
    );
    let data_oid = oid(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
    let safe = tlv(0x30, &[cert_bag, crl_bag].concat());
    let auth_safe = tlv(
        0x30,
        &tlv(
            0x30,
            &[data_oid.clone(), tlv(0xa0, &tlv(0x04, &safe))].concat(),
        ),
    );
    let content = tlv(
        0x30,
        &[data_oid, tlv(0xa0, &tlv(0x04, &auth_safe))].concat(),
    );
    tlv(0x30, &[tlv(0x02, &[3]), content].concat())
}

#[test]
fn a_bag_this_crate_does_not_model_is_never_dropped_by_a_save() {
    let dir = scratch("unknown-bags");
    let bytes = store_with_a_crl_bag();
    std::fs::write(dir.join("crl.p12"), &bytes).expect("write");
    std::fs::copy(data(PEM_CERT), dir.join("extra.pem")).expect("copy");
    // Reading works, and says what it left out.
    let (_, stored) = KeyStore::decode(bytes.clone(), None).expect("readable");
    assert_eq!(stored.skipped.len(), 1, "{:?}", stored.skipped);
    let out = ours(
        &dir,
        &[
            "-importcert",
            "-noprompt",
            "-alias",
            "extra",
            "-file",
            "extra.pem",
            "-keystore",
            "crl.p12",
            "-storepass",
            "changeit",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    // keytool prints its errors on stdout.
    let err = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        err.contains("would lose a CRL bag of type 1.2.840.113549.1.12.10.1.4"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("crl.p12")).expect("read"),
        bytes,
        "file unchanged"
    );
}
