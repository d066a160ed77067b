//! A Rust TLS server taking its identity straight from a Tomcat-style keystore (JKS, JCEKS or
//! PKCS#12), with no conversion to PEM files first.
//!
//! ```text
//! cargo run --features tls-server-example --example tls_server -- \
//!     conf/.keystore changeit [alias] [127.0.0.1:8443] [--once]
//! curl -k https://127.0.0.1:8443/
//! ```
//!
//! The alias defaults to the first private-key entry, as Tomcat's does without `keyAlias`.
//! The key is decrypted with the store password (PKCS#12 and keytool's default setup), which
//! is Tomcat's `keystorePass`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;

use javakeystore::KeyStore;
use rustls::{ServerConfig, ServerConnection, StreamOwned};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let once = args.iter().any(|a| a == "--once");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--once").collect();
    let [path, password, rest @ ..] = args.as_slice() else {
        eprintln!("usage: tls_server <keystore> <password> [alias] [address] [--once]");
        std::process::exit(2);
    };
    let alias = rest
        .first()
        .map(|a| a.as_str())
        .filter(|a| !a.contains(':'));
    let address = rest
        .iter()
        .find(|a| a.contains(':'))
        .map_or("127.0.0.1:8443", |a| a.as_str());

    let store = KeyStore::load(path.as_str(), password.as_str())?;
    let (chain, key) = store.rustls_identity(alias, password)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    let config = Arc::new(config);

    let listener = TcpListener::bind(address)?;
    // Tests and scripts wait for this line before they connect.
    println!("listening on {}", listener.local_addr()?);
    for stream in listener.incoming() {
        let connection = ServerConnection::new(config.clone())?;
        let mut tls = StreamOwned::new(connection, stream?);
        let mut request_line = String::new();
        if BufReader::new(&mut tls)
            .read_line(&mut request_line)
            .is_ok()
        {
            let body = format!("hello from a {} keystore\n", store.format());
            let _ = write!(
                tls,
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
        if once {
            break;
        }
    }
    Ok(())
}
