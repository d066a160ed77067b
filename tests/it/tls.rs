//! The `rustls` feature end to end (run with `--features tls-server-example`): the example
//! server takes its identity from a keytool-made keystore, OpenSSL sees that certificate, and
//! a rustls client trusts it through anchors taken from a keytool-made trust store.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use javakeystore::KeyStore;

use crate::common::Keytool;
use crate::interop::{SP, scratch};

fn server_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    dir.join("examples").join(if cfg!(windows) {
        "tls_server.exe"
    } else {
        "tls_server"
    })
}

#[test]
fn a_rust_tls_server_runs_on_a_keytool_keystore() {
    let kt = Keytool::jdk17();
    let dir = scratch("tls-server");
    // The key types rustls's ring provider serves: RSA, ECDSA P-256/P-384, Ed25519.
    let cases: [(&str, &[&str]); 5] = [
        ("JKS", &["-keyalg", "RSA"]),
        ("PKCS12", &["-keyalg", "RSA"]),
        ("PKCS12", &["-keyalg", "EC", "-groupname", "secp256r1"]),
        ("JKS", &["-keyalg", "EC", "-groupname", "secp384r1"]),
        ("PKCS12", &["-keyalg", "Ed25519"]),
    ];
    for (n, (ty, keyalg)) in cases.into_iter().enumerate() {
        let file = format!("server{n}.{ty}");
        let case = format!("{ty} {}", keyalg[1]);
        kt.ok(
            &dir,
            &[
                "-genkeypair",
                "-keystore",
                &file,
                "-storetype",
                ty,
                "-storepass",
                SP,
                "-keypass",
                SP,
                "-alias",
                "tomcat",
                "-dname",
                "CN=localhost, O=Fixture",
                "-ext",
                "san=dns:localhost",
            ]
            .iter()
            .chain(keyalg)
            .copied()
            .collect::<Vec<_>>(),
        );
        kt.ok(
            &dir,
            &[
                "-exportcert",
                "-keystore",
                &file,
                "-storepass",
                SP,
                "-alias",
                "tomcat",
                "-file",
                "server.der",
            ],
        );
        kt.ok(
            &dir,
            &[
                "-importcert",
                "-keystore",
                "trust.jks",
                "-storetype",
                "JKS",
                "-storepass",
                SP,
                "-alias",
                &format!("server-{n}"),
                "-file",
                "server.der",
                "-noprompt",
            ],
        );
        let mut server = Command::new(server_binary())
            .args([file.as_str(), SP, "127.0.0.1:0", "--once"])
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the example server (build with --features tls-server-example)");
        let mut line = String::new();
        BufReader::new(server.stdout.as_mut().expect("stdout"))
            .read_line(&mut line)
            .expect("address");
        let address = line
            .trim()
            .strip_prefix("listening on ")
            .expect("listening line")
            .to_owned();

        // A rustls client whose only roots come from the keytool-made trust store.
        let trust = KeyStore::load(dir.join("trust.jks"), SP).expect("trust store");
        let roots = rustls::RootCertStore {
            roots: trust.rustls_trust_anchors(),
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
        let conn = rustls::ClientConnection::new(Arc::new(config), name).expect("client");
        let mut tls =
            rustls::StreamOwned::new(conn, TcpStream::connect(&address).expect("connect"));
        tls.write_all(b"GET / HTTP/1.0\r\n\r\n")
            .expect("request (the handshake verified the chain)");
        let mut response = String::new();
        let _ = tls.read_to_string(&mut response);
        assert!(
            response.starts_with("HTTP/1.1 200 OK"),
            "{case}: {response}"
        );
        let served = tls.conn.peer_certificates().expect("certs")[0].to_vec();
        assert_eq!(
            served,
            std::fs::read(dir.join("server.der")).expect("der"),
            "{case}: the keystore's certificate"
        );
        assert!(server.wait().expect("server exit").success(), "{case}");
    }
}

/// `-showinfo -tls` lists what the TLS stack really enables: the library's tables are
/// rustls's default versions and its ring provider's default suites, in order.
#[test]
fn showinfo_lists_what_rustls_enables() {
    let provider = rustls::crypto::ring::default_provider();
    let suites: Vec<String> = provider
        .cipher_suites
        .iter()
        .map(|s| {
            let name = format!("{:?}", s.suite());
            // rustls spells TLS 1.3 suites TLS13_…; Java prints the IANA TLS_… names.
            name.replacen("TLS13_", "TLS_", 1)
        })
        .collect();
    assert_eq!(suites, javakeystore::keytool::TLS_CIPHER_SUITES);
    let versions: Vec<String> = rustls::DEFAULT_VERSIONS
        .iter()
        .map(|v| format!("{:?}", v.version))
        .map(|v| v.replace("TLSv1_", "TLSv1."))
        .collect();
    assert_eq!(versions, javakeystore::keytool::TLS_PROTOCOLS);
    let text = javakeystore::keytool::showinfo_text(true);
    assert!(text.starts_with("Enabled Protocols\n-----------------\nTLSv1.3\nTLSv1.2\n\n"));
    assert!(
        text.contains("\nEnabled Cipher Suites\n---------------------\nTLS_AES_256_GCM_SHA384\n")
    );
}

/// Kills the example server when the test ends, however it ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A key entry `server` in `file` whose chain is [leaf, CA], both made by keytool 17 with
/// `keyalg` (the CA signs the leaf's request, the reply is installed).
fn chained_store(kt: &Keytool, dir: &Path, file: &str, keyalg: &[&str]) {
    let base = ["-keystore", file, "-storepass", SP, "-keypass", SP];
    let genkey = |alias: &str, dname: &str, extra: &[&str]| {
        let args = [
            &base[..],
            &["-genkeypair", "-alias", alias, "-dname", dname],
            keyalg,
            extra,
        ]
        .concat();
        kt.ok(dir, &args);
    };
    genkey("ca", "CN=Rust Peer CA, O=Fixture", &["-ext", "bc:c"]);
    genkey("server", "CN=localhost, O=Fixture", &[]);
    kt.ok(
        dir,
        &[
            &base[..],
            &["-certreq", "-alias", "server", "-file", "server.csr"],
        ]
        .concat(),
    );
    kt.ok(
        dir,
        &[
            &base[..],
            &[
                "-gencert",
                "-alias",
                "ca",
                "-infile",
                "server.csr",
                "-outfile",
                "reply.pem",
                "-rfc",
                "-ext",
                "san=dns:localhost",
            ],
        ]
        .concat(),
    );
    kt.ok(
        dir,
        &[
            &base[..],
            &["-importcert", "-alias", "server", "-file", "reply.pem"],
        ]
        .concat(),
    );
    // The CA's own key entry would be a second identity; the server must serve `server`.
    kt.ok(dir, &[&base[..], &["-delete", "-alias", "ca"]].concat());
}

/// The second `-printcert -sslserver` peer next to `openssl s_server`: the Rust example
/// server with an EC chain and an RSA chain (TLS 1.3 from rustls), printed byte for byte as
/// keytool 17 prints it.
#[test]
fn printcert_sslserver_on_the_rust_server_matches_keytool() {
    let kt = Keytool::jdk17();
    let dir = scratch("tls-sslserver-peer");
    let cases: [(&str, &[&str]); 2] = [
        ("ec.p12", &["-keyalg", "EC", "-groupname", "secp256r1"]),
        (
            "rsa.jks",
            &["-keyalg", "RSA", "-keysize", "2048", "-storetype", "JKS"],
        ),
    ];
    for (file, keyalg) in cases {
        chained_store(&kt, &dir, file, keyalg);
        let mut child = Command::new(server_binary())
            .args([file, SP, "server", "127.0.0.1:0"])
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the example server");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut line)
            .expect("address");
        let _server = Running(child);
        let address = line
            .trim()
            .strip_prefix("listening on ")
            .expect("listening line")
            .to_owned();
        for rfc in [false, true] {
            let mut args = vec!["-printcert"];
            if rfc {
                args.push("-rfc");
            }
            args.extend(["-sslserver", address.as_str()]);
            let theirs = kt.run(&dir, &args);
            let mine = crate::cli::ours(&dir, &args, b"");
            let (theirs, mine) = (
                crate::cli::text(&theirs.stdout),
                crate::cli::text(&mine.stdout),
            );
            assert!(
                theirs.contains(if rfc {
                    "-----BEGIN CERTIFICATE-----"
                } else {
                    "Certificate #1"
                }),
                "{file}: {theirs}"
            );
            assert_eq!(mine, theirs, "{file} {args:?}");
            if !rfc {
                assert!(
                    mine.contains("Owner: CN=localhost, O=Fixture")
                        && mine.contains("Owner: CN=Rust Peer CA, O=Fixture"),
                    "{mine}"
                );
            }
        }
    }
}
