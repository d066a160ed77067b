//! `-printcert -sslserver`: the connection options keytool takes from Java system properties.

use std::time::Duration;

use crate::fetch::FetchOptions;
use crate::keytool::cli::Options;

/// The fetch options of `-J-D` properties: `https.proxyHost`/`https.proxyPort` (port 443 by
/// default, as Java's), `sun.net.client.defaultConnectTimeout` and
/// `sun.net.client.defaultReadTimeout` (milliseconds; the handshake's bound here).
pub fn fetch_options(o: &Options) -> FetchOptions {
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
    if let Some(host) = o.java_property("https.proxyHost").filter(|h| !h.is_empty()) {
        let port = o
            .java_property("https.proxyPort")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(443);
        f.proxy = Some((host.to_owned(), port));
    }
    f
}
