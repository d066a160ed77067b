//! `-printcert -sslserver` against keytool 17 on loopback servers (`openssl s_server` with an
//! RSA chain, through an HTTP CONNECT proxy too), `-importcert -sslserver`, and servers that
//! refuse, babble or hang.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::cli::{ours, text};
use crate::common::Keytool;
use crate::interop::{SP, scratch};

/// An `openssl s_server` on a free loopback port, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port()
}

/// A CA and a server certificate it signed (RSA 2048), in `dir`.
fn rsa_chain(dir: &Path) {
    let sh = "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 \
              -subj '/CN=Loopback CA' -addext basicConstraints=critical,CA:true 2>/dev/null && \
              openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr \
              -subj '/CN=localhost' 2>/dev/null && \
              printf 'subjectAltName=DNS:localhost\\nextendedKeyUsage=serverAuth\\n' > ext && \
              openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
              -days 30 -extfile ext -out server.pem 2>/dev/null";
    let st = Command::new("sh")
        .args(["-c", sh])
        .current_dir(dir)
        .status()
        .expect("sh");
    assert!(st.success());
}

fn s_server(dir: &Path) -> Server {
    let port = free_port();
    let child = Command::new("openssl")
        .args([
            "s_server",
            "-quiet",
            "-www",
            "-key",
            "server.key",
            "-cert",
            "server.pem",
        ])
        .args([
            "-cert_chain",
            "ca.pem",
            "-accept",
            &format!("127.0.0.1:{port}"),
        ])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl s_server");
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "s_server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, port }
}

fn both(kt: &Keytool, dir: &Path, args: &[&str]) -> (String, String) {
    let theirs = kt.run(dir, args);
    let mine = ours(dir, args, b"");
    assert_eq!(mine.status.code(), theirs.status.code(), "{args:?}");
    (text(&theirs.stdout), text(&mine.stdout))
}

/// An HTTP CONNECT proxy on loopback that counts the tunnels it made.
fn proxy() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || tunnel(client, &seen));
        }
    });
    (port, count)
}

fn tunnel(mut client: TcpStream, seen: &AtomicUsize) {
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && client.read(&mut b).unwrap_or(0) == 1 {
        head.push(b[0]);
    }
    let line = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    let Some(target) = line
        .strip_prefix("CONNECT ")
        .and_then(|r| r.split(' ').next())
    else {
        return;
    };
    let Ok(mut upstream) = TcpStream::connect(target) else {
        return;
    };
    seen.fetch_add(1, Ordering::SeqCst);
    let _ = client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
    let (mut c2, mut u2) = (
        client.try_clone().expect("clone"),
        upstream.try_clone().expect("clone"),
    );
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut u2, &mut c2);
        let _ = c2.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut client, &mut upstream);
    let _ = upstream.shutdown(std::net::Shutdown::Write);
}

#[test]
fn printcert_sslserver_prints_what_keytool_prints() {
    let kt = Keytool::jdk17();
    let dir = scratch("sslserver-print");
    rsa_chain(&dir);
    let server = s_server(&dir);
    let addr = format!("127.0.0.1:{}", server.port);
    for args in [
        vec!["-printcert", "-sslserver", addr.as_str()],
        vec!["-printcert", "-rfc", "-sslserver", addr.as_str()],
    ] {
        let (theirs, mine) = both(&kt, &dir, &args);
        assert!(
            theirs.contains("Certificate #1") || theirs.matches("BEGIN").count() == 2,
            "{theirs}"
        );
        assert_eq!(mine, theirs, "{args:?}");
    }
    // Through a CONNECT proxy, with the -J options where java_cert puts them: between
    // -sslserver and its value.
    let (port, tunnels) = proxy();
    let (ph, pp) = (
        "-J-Dhttps.proxyHost=127.0.0.1".to_owned(),
        format!("-J-Dhttps.proxyPort={port}"),
    );
    // Java reaches loopback names directly unless http.nonProxyHosts is set empty.
    let np = "-J-Dhttp.nonProxyHosts=";
    let args = ["-printcert", "-rfc", "-sslserver", &ph, &pp, np, &addr];
    let (theirs, mine) = both(&kt, &dir, &args);
    assert_eq!(mine, theirs);
    assert_eq!(
        tunnels.load(Ordering::SeqCst),
        2,
        "each keytool went through the proxy"
    );
    // The leaf is the server's certificate, the second its CA.
    let sent = javakeystore::parse_certificates(mine.as_bytes()).expect("pem");
    for (cert, file) in sent.iter().zip(["server.pem", "ca.pem"]) {
        let want = std::fs::read(dir.join(file)).expect("read");
        let want = javakeystore::parse_certificates(&want).expect("pem");
        assert_eq!(cert.as_der(), want[0].as_der(), "{file}");
    }
}

#[test]
fn importcert_sslserver_imports_the_leaf_or_the_chain() {
    let kt = Keytool::jdk17();
    let dir = scratch("sslserver-import");
    rsa_chain(&dir);
    let server = s_server(&dir);
    let addr = format!("127.0.0.1:{}", server.port);
    // keytool's question, answered on stdin.
    let args = [
        "-importcert",
        "-sslserver",
        &addr,
        "-alias",
        "web",
        "-keystore",
        "t.jks",
    ];
    let args = [&args[..], &["-storepass", SP, "-storetype", "JKS"]].concat();
    let out = ours(&dir, &args, b"yes\n");
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{all}");
    assert!(all.contains("Owner: CN=localhost"), "{all}");
    assert!(all.contains("Trust this certificate? [no]:  "), "{all}");
    assert!(all.contains("Certificate was added to keystore"), "{all}");
    let leaf = kt.ok(&dir, &["-printcert", "-file", "server.pem"]);
    let sha = leaf
        .lines()
        .find(|l| l.contains("SHA256:"))
        .expect("sha")
        .trim()
        .to_owned();
    let listing = kt.ok(
        &dir,
        &["-list", "-v", "-keystore", "t.jks", "-storepass", SP],
    );
    assert!(listing.contains(&sha), "{listing}");
    // The whole chain with -bundle, then -ensure finds it in place.
    let args = [
        "-importcert",
        "-sslserver",
        &addr,
        "-bundle",
        "-keystore",
        "c.p12",
    ];
    let args = [&args[..], &["-storepass", SP, "-noprompt", "-ensure"]].concat();
    let out = ours(&dir, &args, b"");
    assert_eq!(text(&out.stdout).trim(), "changed", "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("2 certificates added"));
    let out = ours(&dir, &args, b"");
    assert_eq!(
        text(&out.stdout).trim(),
        "unchanged",
        "{}",
        text(&out.stderr)
    );
    let listing = kt.ok(&dir, &["-list", "-keystore", "c.p12", "-storepass", SP]);
    assert!(listing.contains("loopback ca, "), "{listing}");
    assert!(listing.contains("localhost, "), "{listing}");
}

/// A loopback server that runs `serve` on each connection.
fn fake_server(serve: fn(TcpStream)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for c in listener.incoming().flatten() {
            std::thread::spawn(move || serve(c));
        }
    });
    port
}

#[test]
fn servers_that_refuse_babble_or_hang_give_keytools_error() {
    let dir = scratch("sslserver-bad");
    let refused = free_port();
    let garbage = fake_server(|mut c| {
        let _ = c.write_all(b"HTTP/1.0 400 Bad Request\r\n\r\nnot tls at all\n");
    });
    let hangs = fake_server(|c| {
        std::thread::sleep(Duration::from_secs(20));
        drop(c);
    });
    for (port, cause) in [
        (refused, "cannot connect"),
        (garbage, "TLS handshake with"),
        (hangs, "no answer in time"),
    ] {
        let addr = format!("127.0.0.1:{port}");
        let args = [
            "-printcert",
            "-v",
            "-sslserver",
            &addr,
            "-J-Dsun.net.client.defaultReadTimeout=500",
        ];
        let started = Instant::now();
        let out = ours(&dir, &args, b"");
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{cause}: took too long"
        );
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(
            all.contains("keytool error: java.lang.Exception: No certificate from the SSL server"),
            "{all}"
        );
        assert!(all.contains(cause), "{cause}: {all}");
        assert!(!all.contains("panicked"), "{all}");
    }
    let out = ours(
        &dir,
        &["-printcert", "-v", "-sslserver", "127.0.0.1:99999"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("is not a server address"),
        "{}",
        text(&out.stdout)
    );
}
