//! `-printcert -sslserver`: the connection options keytool takes from Java system properties.

use std::time::Duration;

use crate::fetch::FetchOptions;
use crate::keytool::cli::Options;

/// The fetch options of `-J-D` properties: `https.proxyHost`/`https.proxyPort` (port 443 by
/// default, as Java's), `sun.net.client.defaultConnectTimeout` and
/// `sun.net.client.defaultReadTimeout` (milliseconds; the handshake's bound here). As in
/// Java, `http.nonProxyHosts` names hosts reached directly, and loopback names always are
/// unless that property is set to the empty string.
pub fn fetch_options(o: &Options, target: &str) -> FetchOptions {
    let mut f = FetchOptions::default();
    let millis = |name: &str| {
        o.java_property(name)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|ms| *ms > 0)
            .map(Duration::from_millis)
    };
    if let Some(t) = millis("sun.net.client.defaultConnectTimeout") {
        f.connect_timeout = t;
    }
    if let Some(t) = millis("sun.net.client.defaultReadTimeout") {
        f.handshake_timeout = t;
    }
    let proxy_host = o.java_property("https.proxyHost").filter(|h| !h.is_empty());
    if let Some(host) = proxy_host.filter(|_| !bypasses_proxy(o, target)) {
        let port = o
            .java_property("https.proxyPort")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(443);
        f.proxy = Some((host.to_owned(), port));
    }
    f
}

/// Java's `DefaultProxySelector` rule for `host` (of `host[:port]`).
fn bypasses_proxy(o: &Options, target: &str) -> bool {
    const DEFAULT: &str = "localhost|127.*|[::1]|0.0.0.0|[::0]";
    let host = crate::fetch::parse_server(target).map_or_else(|_| target.to_owned(), |(h, _)| h);
    let host = host.to_lowercase();
    let masks = match o.java_property("http.nonProxyHosts") {
        None => DEFAULT.to_owned(),
        Some("") => return false,
        Some(v) => format!("{v}|{DEFAULT}"),
    };
    masks
        .split('|')
        .filter(|m| !m.is_empty())
        .any(|m| mask_matches(&m.to_lowercase(), &host))
}

/// A `nonProxyHosts` mask: literal text with an optional `*` at either end.
fn mask_matches(mask: &str, host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let mask = mask.trim_start_matches('[').trim_end_matches(']');
    match (mask.strip_prefix('*'), mask.strip_suffix('*')) {
        _ if mask == "*" => true,
        (Some(rest), _) if rest.ends_with('*') => host.contains(&rest[..rest.len() - 1]),
        (Some(rest), _) => host.ends_with(rest),
        (None, Some(rest)) => host.starts_with(rest),
        (None, None) => host == mask,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_proxy_masks_follow_java() {
        assert!(mask_matches("127.*", "127.0.0.1"));
        assert!(mask_matches("*.example.com", "a.example.com"));
        assert!(mask_matches("*ample*", "a.example.com"));
        assert!(mask_matches("[::1]", "::1"));
        assert!(!mask_matches("localhost", "localhost2"));
    }
}
