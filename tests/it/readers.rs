//! Other implementations read what this crate writes: pyjks reads our JKS and JCEKS (keys,
//! certificates, secret keys), Python `cryptography` and the `openssl` command read our
//! PKCS#12 in every profile (modern, Java 8 legacy, password-less, a non-ASCII password and
//! alias), Bouncy Castle's own PKCS12 (`tests/data/readers/ReadBc.java`) and node-forge
//! (`read-forge.js`, from npm) read it too, and the key, certificate and secret bytes they get
//! are the ones we stored.

use std::path::Path;
use std::process::Command;

use javakeystore::format::{Pkcs12Options, WriteOptions};
use javakeystore::{
    CertificateParams, Format, KeyStore, PrivateKey, PrivateKeyEntry, Protection, SecretKey,
    SecretKeyEntry, Timestamp, TrustedCertEntry,
};

use crate::cli::text;
use crate::common::{hex_upper, openssl};
use crate::interop::scratch;

struct Made {
    key: PrivateKey,
    cert_der: Vec<u8>,
    trusted_der: Vec<u8>,
    secret: SecretKey,
}

fn material() -> Made {
    let key = PrivateKey::generate_rsa(2048).expect("key");
    let cert = CertificateParams::new("CN=reader.example, O=Interop".parse().expect("dn"))
        .self_signed(&key)
        .expect("cert");
    let ca_key = PrivateKey::generate_rsa(2048).expect("ca key");
    let trusted = CertificateParams::new("CN=Reader CA".parse().expect("dn"))
        .self_signed(&ca_key)
        .expect("ca");
    Made {
        key,
        cert_der: cert.as_der().to_vec(),
        trusted_der: trusted.as_der().to_vec(),
        secret: SecretKey::generate("AES", Some(128)).expect("aes"),
    }
}

fn store(m: &Made, format: Format, pass: &str, alias: &str, protection: Protection) -> KeyStore {
    let mut s = KeyStore::new(format);
    let cert = javakeystore::Certificate::from_der(m.cert_der.clone()).expect("cert");
    let entry = PrivateKeyEntry::seal(&m.key, vec![cert], pass, protection).expect("seal");
    s.insert(alias, entry.into()).expect("key");
    let ca = javakeystore::Certificate::from_der(m.trusted_der.clone()).expect("ca");
    s.insert("ca", TrustedCertEntry::new(ca, Timestamp::now()).into())
        .expect("ca");
    if format == Format::Jceks {
        let sealed = SecretKeyEntry::seal(&m.secret, pass).expect("secret");
        s.insert("aes", sealed.into()).expect("secret");
    }
    s
}

fn python(dir: &Path, script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(["-W", "ignore", "-c", script])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("python3");
    assert!(out.status.success(), "python: {}", text(&out.stderr));
    text(&out.stdout)
}

const PYJKS: &str = r#"
import sys, jks
ks = jks.KeyStore.load(sys.argv[1], sys.argv[2])
for alias, pk in sorted(ks.private_keys.items()):
    print('K', alias, pk.pkey_pkcs8.hex().upper(), pk.cert_chain[0][1].hex().upper())
for alias, c in sorted(ks.certs.items()):
    print('T', alias, c.cert.hex().upper())
for alias, sk in sorted(ks.secret_keys.items()):
    print('S', alias, sk.algorithm, sk.key.hex().upper())
"#;

#[test]
fn pyjks_reads_our_jks_and_jceks() {
    let dir = scratch("readers-pyjks");
    let m = material();
    let key = hex_upper(m.key.pkcs8_der());
    let (cert, ca) = (hex_upper(&m.cert_der), hex_upper(&m.trusted_der));
    for (format, protection) in [
        (Format::Jks, Protection::JksKeyProtector),
        (Format::Jceks, Protection::PbeWithMd5AndTripleDes),
    ] {
        let file = format!("ours.{format}");
        let bytes = store(&m, format, "changeit", "server", protection)
            .to_bytes("changeit")
            .expect("write");
        std::fs::write(dir.join(&file), bytes).expect("write");
        let out = python(&dir, PYJKS, &[&file, "changeit"]);
        assert!(
            out.contains(&format!("K server {key} {cert}\n")),
            "{format}: {out}"
        );
        assert!(out.contains(&format!("T ca {ca}\n")), "{format}: {out}");
        if format == Format::Jceks {
            let secret = hex_upper(m.secret.as_bytes());
            assert!(out.contains(&format!("S aes AES {secret}\n")), "{out}");
        }
    }
}

const CRYPTOGRAPHY: &str = r#"
import sys
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.serialization import pkcs12
p = None if sys.argv[2] == '-' else sys.argv[2].encode()
b = pkcs12.load_pkcs12(open(sys.argv[1], 'rb').read(), p)
print('K', b.key.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo).hex().upper())
print('C', b.cert.certificate.public_bytes(s.Encoding.DER).hex().upper(), (b.cert.friendly_name or b'').decode())
for c in b.additional_certs:
    print('T', c.certificate.public_bytes(s.Encoding.DER).hex().upper())
"#;

#[test]
fn cryptography_and_openssl_read_our_pkcs12_in_every_profile() {
    let dir = scratch("readers-pkcs12");
    let m = material();
    let spki = hex_upper(&m.key.public_key_der().expect("spki"));
    let (cert, ca) = (hex_upper(&m.cert_der), hex_upper(&m.trusted_der));
    let profiles = [
        ("modern.p12", Pkcs12Options::modern(), "changeit", "server"),
        ("legacy.p12", Pkcs12Options::legacy(), "changeit", "server"),
        (
            "open.p12",
            Pkcs12Options::passwordless(),
            "changeit",
            "server",
        ),
        (
            "unicode.p12",
            Pkcs12Options::modern(),
            "pässwörd",
            "schlüssel",
        ),
    ];
    for (file, form, pass, alias) in profiles {
        let s = store(&m, Format::Pkcs12, pass, alias, form.key_protection);
        let bytes = s.encode(pass, &WriteOptions::pkcs12(form)).expect("write");
        std::fs::write(dir.join(file), bytes).expect("write");
        let out = python(&dir, CRYPTOGRAPHY, &[file, pass]);
        assert!(out.contains(&format!("K {spki}\n")), "{file}: {out}");
        assert!(
            out.contains(&format!("C {cert} {alias}\n")),
            "{file}: {out}"
        );
        assert!(out.contains(&format!("T {ca}\n")), "{file}: {out}");
        // The openssl command: the same certificate, and the key decrypts.
        let mut args = vec!["pkcs12", "-in", file, "-nodes"];
        let passin = format!("pass:{pass}");
        args.extend(["-passin", &passin]);
        if file == "legacy.p12" {
            args.push("-legacy");
        }
        let pem = openssl(&dir, &args);
        assert!(pem.contains("-----BEGIN PRIVATE KEY-----"), "{file}: {pem}");
        let cert_pem = javakeystore::Certificate::from_der(m.cert_der.clone())
            .expect("cert")
            .to_pem();
        let body: String = cert_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let seen: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(
            seen.contains(&body),
            "{file}: openssl shows our certificate"
        );
    }
    // A password-less trust store opens without any password.
    let mut trust = KeyStore::new(Format::Pkcs12);
    let ca_cert = javakeystore::Certificate::from_der(m.trusted_der.clone()).expect("ca");
    trust
        .insert(
            "ca",
            TrustedCertEntry::new(ca_cert, Timestamp::now()).into(),
        )
        .expect("ca");
    let bytes = trust
        .encode("", &WriteOptions::pkcs12(Pkcs12Options::passwordless()))
        .expect("write");
    std::fs::write(dir.join("trust.p12"), bytes).expect("write");
    let script = "import sys\nfrom cryptography.hazmat.primitives import serialization as s\n\
                  from cryptography.hazmat.primitives.serialization import pkcs12\n\
                  b = pkcs12.load_pkcs12(open('trust.p12', 'rb').read(), None)\n\
                  print([c.certificate.public_bytes(s.Encoding.DER).hex().upper() for c in b.additional_certs])";
    let out = python(&dir, script, &[]);
    assert!(out.contains(&ca), "{out}");
}

/// node-forge from the npm registry, installed once under the test target folder.
fn node_forge() -> std::path::PathBuf {
    let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm");
    let modules = prefix.join("node_modules");
    if !modules.join("node-forge").join("package.json").exists() {
        let out = Command::new("npm")
            .args(["install", "--no-save", "--no-package-lock", "--prefix"])
            .arg(&prefix)
            .arg("node-forge@1")
            .output()
            .expect("npm");
        assert!(out.status.success(), "npm install: {}", text(&out.stderr));
    }
    modules
}

/// Lines a reader script printed for one file: BC's `java ReadBc.java` or `node read-forge.js`.
fn reader(dir: &Path, program: &str, args: &[&str], env: Option<(&str, &Path)>) -> String {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(dir);
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect(program);
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn bouncy_castle_and_node_forge_read_our_pkcs12() {
    let dir = scratch("readers-bc-forge");
    let m = material();
    let pkcs8 = hex_upper(m.key.pkcs8_der());
    let (cert, ca) = (hex_upper(&m.cert_der), hex_upper(&m.trusted_der));
    let readers = crate::common::data("readers");
    let bc = readers.join("ReadBc.java");
    let forge = readers.join("read-forge.js");
    let modules = node_forge();
    let profiles = [
        ("modern.p12", Pkcs12Options::modern(), "changeit", "server"),
        ("legacy.p12", Pkcs12Options::legacy(), "changeit", "server"),
        (
            "unicode.p12",
            Pkcs12Options::modern(),
            "pässwörd",
            "schlüssel",
        ),
    ];
    for (file, form, pass, alias) in profiles {
        let s = store(&m, Format::Pkcs12, pass, alias, form.key_protection);
        let bytes = s.encode(pass, &WriteOptions::pkcs12(form)).expect("write");
        std::fs::write(dir.join(file), bytes).expect("write");
        let cp = ["-cp", "/usr/share/java/bcprov.jar"];
        let bc_args = [&cp[..], &[bc.to_str().expect("path"), file, pass]].concat();
        let out = reader(&dir, "java", &bc_args, None);
        assert!(
            out.contains(&format!("K {alias} {pkcs8} {cert}\n")),
            "BC {file}: {out}"
        );
        assert!(out.contains(&format!("T ca {ca}\n")), "BC {file}: {out}");
        // node-forge hands a password to PBKDF2 as one byte per character (Latin-1), where
        // Java, OpenSSL and BC use UTF-8: a non-ASCII password cannot open PBES2 there.
        if !pass.is_ascii() {
            continue;
        }
        let js = [forge.to_str().expect("path"), file, pass];
        let out = reader(&dir, "node", &js, Some(("NODE_PATH", &modules)));
        assert!(
            out.contains(&format!("K {alias} {pkcs8}\n")),
            "forge {file}: {out}"
        );
        assert!(
            out.contains(&format!("C {alias} {cert}\n")),
            "forge {file}: {out}"
        );
        assert!(out.contains(&format!("C ca {ca}\n")), "forge {file}: {out}");
    }
}
