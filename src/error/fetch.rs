//! Errors of fetching a server's certificates over TLS.

/// A TLS server's certificates could not be fetched.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// `host:port` is not a host with an optional port of 1 to 65535.
    #[error("{given:?} is not a server address; give host[:port] (port 1-65535, default 443)")]
    Address {
        /// What was given.
        given: String,
    },
    /// The host name did not resolve.
    #[error("cannot resolve {host}: {source}; check the name, or dial an address instead")]
    Resolve {
        /// The host.
        host: String,
        /// The resolver's error.
        #[source]
        source: std::io::Error,
    },
    /// No TCP connection could be made (refused, unreachable, timed out).
    #[error("cannot connect to {target}: {source}; check that the server listens there")]
    Connect {
        /// `host:port` (or the proxy's).
        target: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The HTTP proxy refused the CONNECT request or did not answer as a proxy.
    #[error("the proxy {proxy} refused CONNECT {target}: {status}")]
    Proxy {
        /// The proxy's `host:port`.
        proxy: String,
        /// The server asked for.
        target: String,
        /// The proxy's status line, or what went wrong reading it.
        status: String,
    },
    /// The TLS handshake failed: not a TLS port, no common protocol or cipher, or the peer
    /// closed the connection.
    #[error("TLS handshake with {target} failed: {reason}; is this a TLS port?")]
    Handshake {
        /// `host:port`.
        target: String,
        /// What went wrong.
        reason: String,
    },
    /// The server sent no certificate.
    #[error("{target} sent no certificate")]
    NoCertificate {
        /// `host:port`.
        target: String,
    },
}
