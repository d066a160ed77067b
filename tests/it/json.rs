//! `-format json` (schema 1): every kind of output validated against
//! `tests/data/json/schema-1.json` by Python's `jsonschema`, and its values checked against
//! keytool 17's own listing.

use std::process::Command;

use crate::cli::{ours, text};
use crate::common::{Keytool, corpus, data};
use crate::interop::{SP, scratch};

pub fn validate(docs: &[String]) {
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())\n\
                  for n, line in enumerate(sys.stdin.read().split('\\n\\x1e')):\n\
                  \x20   if line.strip():\n\
                  \x20       v.validate(json.loads(line))\n\
                  \x20       print('ok', n)\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(data("json/schema-1.json"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    let input = docs.join("\n\x1e");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python");
    assert!(
        out.status.success(),
        "schema: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout).lines().count(), docs.len());
}

#[test]
fn json_output_follows_the_documented_schema() {
    let kt = Keytool::jdk17();
    let dir = scratch("json");
    let mut docs = Vec::new();
    let mut stdout = |args: &[&str]| {
        let out = ours(&dir, args, b"");
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        let s = text(&out.stdout);
        docs.push(s.clone());
        s
    };
    let chain = corpus("generated/chain.jks");
    let chain = chain.to_str().expect("path");
    let listed = stdout(&[
        "-list",
        "-format",
        "json",
        "-keystore",
        chain,
        "-storepass",
        SP,
    ]);
    // The fingerprints are keytool's.
    let theirs = kt.ok(&dir, &["-list", "-keystore", chain, "-storepass", SP]);
    for line in theirs
        .lines()
        .filter_map(|l| l.strip_prefix("Certificate fingerprint (SHA-256): "))
    {
        assert!(
            listed.contains(&format!("\"sha256\":\"{line}\"")),
            "{line}: {listed}"
        );
    }
    for (file, pass) in [
        ("generated/secretkeys.jceks", SP),
        ("generated/truststore.p12", SP),
        ("generated/rsa2048-selfsigned.p12", SP),
        ("generated/ec-p384.jks", SP),
        ("keytool25/pqc.p12", SP),
        ("pyjks/bks/christmas.bksv2", "12345678"),
    ] {
        let path = corpus(file);
        let path = path.to_str().expect("path");
        stdout(&[
            "-list",
            "-format",
            "json",
            "-keystore",
            path,
            "-storepass",
            pass,
        ]);
    }
    stdout(&[
        "-list",
        "-format",
        "json",
        "-alias",
        "server",
        "-keystore",
        chain,
        "-storepass",
        SP,
    ]);
    let pem = corpus("generated/chain-server.cert.pem");
    stdout(&[
        "-printcert",
        "-format",
        "json",
        "-file",
        pem.to_str().expect("path"),
    ]);
    let csr = corpus("generated/chain-server.csr");
    stdout(&[
        "-printcertreq",
        "-format",
        "json",
        "-file",
        csr.to_str().expect("path"),
    ]);
    // Errors: one object on stderr, keytool's exit code.
    let mut errors = Vec::new();
    for (args, kind) in [
        (
            vec!["-list", "-keystore", "missing.jks", "-storepass", SP],
            "store_not_found",
        ),
        (
            vec!["-list", "-keystore", chain, "-storepass", "wrongpass"],
            "wrong_password",
        ),
        (
            vec![
                "-list",
                "-alias",
                "nope",
                "-keystore",
                chain,
                "-storepass",
                SP,
            ],
            "alias_not_found",
        ),
        (vec!["-list", "-bogus"], "usage"),
    ] {
        let args = [&args[..], &["-format", "json"]].concat();
        let out = ours(&dir, &args, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!("\"kind\":\"{kind}\"")),
            "{args:?}: {err}"
        );
        errors.push(err);
    }
    docs.extend(errors);
    validate(&docs);
}
