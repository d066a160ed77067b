//! `-showinfo -tls`: the TLS protocols and cipher suites this crate's TLS stack enables (the
//! one `-printcert -sslserver` uses: rustls with its default `ring` provider), in keytool's
//! layout and with the IANA names Java prints.

/// The enabled protocol versions, newest first (rustls's `DEFAULT_VERSIONS`).
pub const TLS_PROTOCOLS: &[&str] = &["TLSv1.3", "TLSv1.2"];

/// The enabled cipher suites in preference order (rustls's default `ring` provider), by the
/// IANA names Java prints.
pub const TLS_CIPHER_SUITES: &[&str] = &[
    "TLS_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
];

/// What `keytool -showinfo` prints: with `-tls` the protocol and cipher-suite lists, else
/// keytool's hint to add `-tls`.
pub fn showinfo_text(tls: bool) -> String {
    if !tls {
        return "Missing option for -showinfo. Try \"keytool -showinfo -tls\".\n".into();
    }
    let mut s = String::from("Enabled Protocols\n-----------------\n");
    for p in TLS_PROTOCOLS {
        s.push_str(p);
        s.push('\n');
    }
    s.push_str("\nEnabled Cipher Suites\n---------------------\n");
    for c in TLS_CIPHER_SUITES {
        s.push_str(c);
        s.push('\n');
    }
    s
}
