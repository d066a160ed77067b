//! A TLS server's certificate chain, as it sends it (feature `tls-fetch`): what keytool's
//! `-printcert -sslserver` shows, and what an administrator otherwise saves from a browser.
//!
//! Like keytool, any chain is accepted (nothing is trusted here: the caller shows the chain
//! or asks before trusting it); the handshake's own signature is still verified, so the
//! server holds the key of the certificate it sent. TLS 1.3 and 1.2 (rustls with ring), SNI
//! set to the host name, an HTTP CONNECT proxy when asked, and every wait bounded.
//!
//! ```no_run
//! use javakeystore::{FetchOptions, fetch_chain};
//! # fn main() -> Result<(), javakeystore::Error> {
//! let chain = fetch_chain("ads1.example.com:443", &FetchOptions::default())?;
//! println!("{} sent {} certificates", "ads1", chain.len());
//! # Ok(()) }
//! ```

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};

use crate::cert::Certificate;
use crate::error::{Error, FetchError};

/// How to reach a server: timeouts, a proxy, an address to dial instead of the host's.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FetchOptions {
    /// Longest wait for the TCP connection (keytool's `sun.net.client.defaultConnectTimeout`;
    /// default 10 s).
    pub connect_timeout: Duration,
    /// Longest wait for the whole handshake once connected (default 10 s).
    pub handshake_timeout: Duration,
    /// An HTTP proxy (`https.proxyHost`, `https.proxyPort`) to tunnel through with CONNECT.
    pub proxy: Option<(String, u16)>,
    /// An address to dial instead of resolving the host (the host still names the server
    /// in SNI): a load balancer's node, a name that only resolves elsewhere.
    pub connect_to: Option<String>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            handshake_timeout: Duration::from_secs(10),
            proxy: None,
            connect_to: None,
        }
    }
}

/// Splits `host[:port]` (`[v6]:port` for IPv6; port 443 by default).
pub fn parse_server(server: &str) -> Result<(String, u16), FetchError> {
    let bad = || FetchError::Address {
        given: server.to_owned(),
    };
    let (host, port) = if let Some(rest) = server.strip_prefix('[') {
        let (h, tail) = rest.split_once(']').ok_or_else(bad)?;
        (h, tail.strip_prefix(':'))
    } else {
        match server.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h, Some(p)),
            _ => (server, None),
        }
    };
    let port = match port {
        Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad)?,
        None => 443,
    };
    if host.is_empty() || host.contains(['/', ' ', '@']) {
        return Err(bad());
    }
    Ok((host.to_owned(), port))
}

/// The certificates `server` (`host[:port]`) sends in its TLS handshake, leaf first.
pub fn fetch_chain(server: &str, options: &FetchOptions) -> Result<Vec<Certificate>, Error> {
    let (host, port) = parse_server(server)?;
    let target = format!("{host}:{port}");
    let mut sock = connect(&host, port, options)?;
    let name = ServerName::try_from(host.clone()).map_err(|_| FetchError::Address {
        given: server.to_owned(),
    })?;
    let handshake = |reason: String| FetchError::Handshake {
        target: target.clone(),
        reason,
    };
    let config = config().map_err(|e| handshake(e.to_string()))?;
    let mut conn = ClientConnection::new(config, name).map_err(|e| handshake(e.to_string()))?;
    let deadline = Instant::now() + options.handshake_timeout;
    while conn.is_handshaking() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(handshake("no answer in time".into()).into());
        }
        let _ = sock.set_read_timeout(Some(left));
        conn.complete_io(&mut sock)
            .map_err(|e| handshake(io_reason(&e)))?;
    }
    let certs: Vec<Certificate> = conn
        .peer_certificates()
        .unwrap_or_default()
        .iter()
        .map(|c| Certificate::from_der(c.as_ref().to_vec()))
        .collect::<Result<_, _>>()?;
    conn.send_close_notify();
    let _ = conn.complete_io(&mut sock);
    if certs.is_empty() {
        return Err(FetchError::NoCertificate { target }.into());
    }
    Ok(certs)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "the server closed the connection".into(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => "no answer in time".into(),
        _ => e.to_string(),
    }
}

/// A TCP connection to the server, directly or through the proxy's tunnel.
fn connect(host: &str, port: u16, o: &FetchOptions) -> Result<TcpStream, FetchError> {
    let target = format!("{host}:{port}");
    let (dial_host, dial_port) = match &o.proxy {
        Some((h, p)) => (h.as_str(), *p),
        None => (o.connect_to.as_deref().unwrap_or(host), port),
    };
    let dialled = format!("{dial_host}:{dial_port}");
    let addrs: Vec<SocketAddr> = (dial_host, dial_port)
        .to_socket_addrs()
        .map_err(|source| FetchError::Resolve {
            host: dial_host.to_owned(),
            source,
        })?
        .collect();
    let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, o.connect_timeout) {
            Ok(sock) => {
                let _ = sock.set_write_timeout(Some(o.handshake_timeout));
                let _ = sock.set_nodelay(true);
                if o.proxy.is_some() {
                    return tunnel(sock, &dialled, &target, o.handshake_timeout);
                }
                return Ok(sock);
            }
            Err(e) => last = e,
        }
    }
    Err(FetchError::Connect {
        target: dialled,
        source: last,
    })
}

/// `CONNECT host:port` through an HTTP proxy; the proxy's answer is read to its blank line
/// (at most 16 KiB).
fn tunnel(
    mut sock: TcpStream,
    proxy: &str,
    target: &str,
    timeout: Duration,
) -> Result<TcpStream, FetchError> {
    let refused = |status: String| FetchError::Proxy {
        proxy: proxy.to_owned(),
        target: target.to_owned(),
        status,
    };
    let _ = sock.set_read_timeout(Some(timeout));
    let request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n");
    sock.write_all(request.as_bytes())
        .map_err(|e| refused(e.to_string()))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() >= 16 * 1024 {
            return Err(refused("an answer too long for a proxy".into()));
        }
        match sock.read(&mut byte) {
            Ok(0) => return Err(refused("the proxy closed the connection".into())),
            Ok(_) => head.push(byte[0]),
            Err(e) => return Err(refused(io_reason(&e))),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let status = text.lines().next().unwrap_or_default().to_owned();
    let code = status.split_whitespace().nth(1);
    if !status.starts_with("HTTP/") || code != Some("200") {
        return Err(refused(status));
    }
    Ok(sock)
}

fn config() -> Result<Arc<ClientConfig>, rustls::Error> {
    static CONFIG: std::sync::OnceLock<Result<Arc<ClientConfig>, rustls::Error>> =
        std::sync::OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let verifier = Arc::new(AnyChain(provider.clone()));
            let config = ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()?
                .dangerous()
                .with_custom_certificate_verifier(verifier)
                .with_no_client_auth();
            Ok(Arc::new(config))
        })
        .clone()
}

/// Accepts any chain (keytool trusts nothing here either), verifies the handshake signature.
#[derive(Debug)]
struct AnyChain(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyChain {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algs = &self.0.signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, cert, dss, algs)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algs = &self.0.signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, cert, dss, algs)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses_parse() {
        assert_eq!(
            parse_server("a.example").unwrap(),
            ("a.example".into(), 443)
        );
        assert_eq!(parse_server("a:8443").unwrap(), ("a".into(), 8443));
        assert_eq!(parse_server("[::1]:9").unwrap(), ("::1".into(), 9));
        for bad in ["", "a:0", "a:x", "a:70000", "[::1", "a b:1"] {
            assert!(parse_server(bad).is_err(), "{bad}");
        }
    }
}
