//! `-importcert` of a trusted certificate: what keytool decides to ask before adding it.

use crate::cert::Certificate;
use crate::chain::build_chain;
use crate::keytool::order::enumeration_order;
use crate::store::KeyStore;

/// The alias under which `cert` already is in `store` (as a trusted certificate or as the
/// first certificate of a key entry), like `KeyStore.getCertificateAlias`: the first in
/// Java's enumeration order, and lower-cased for PKCS#12, as Java's PKCS#12 store names it.
pub fn certificate_alias(store: &KeyStore, cert: &Certificate) -> Option<String> {
    enumeration_order(store)
        .into_iter()
        .find(|a| store.get(a).and_then(|e| e.certificate()) == Some(cert))
}

/// What keytool does with a certificate given to `-importcert` (without `-noprompt`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrustDecision {
    /// It chains to a certificate the store (or cacerts) already trusts: add it silently.
    Add,
    /// The store has it already, under this alias: "Do you still want to add it? \[no\]:".
    AlreadyInStore(String),
    /// A root that the system cacerts has under this alias: "Do you still want to add it to
    /// your own keystore? \[no\]:".
    AlreadyInCacerts(String),
    /// Nothing vouches for it: show it and ask "Trust this certificate? \[no\]:".
    Ask,
}

/// keytool's `addTrustedCert` decision for `cert`, consulting `cacerts` when given
/// (`-trustcacerts`).
pub fn trust_decision(
    store: &KeyStore,
    cert: &Certificate,
    cacerts: Option<&KeyStore>,
) -> TrustDecision {
    if let Some(existing) = certificate_alias(store, cert) {
        return TrustDecision::AlreadyInStore(existing);
    }
    if cert.is_self_signed() {
        return match cacerts.and_then(|c| certificate_alias(c, cert)) {
            Some(a) => TrustDecision::AlreadyInCacerts(a),
            None => TrustDecision::Ask,
        };
    }
    let mut pool: Vec<&Certificate> = store
        .entries()
        .filter_map(|(_, e)| e.certificate())
        .collect();
    if let Some(c) = cacerts {
        pool.extend(c.entries().filter_map(|(_, e)| e.certificate()));
    }
    if build_chain(cert, &pool).is_some() {
        TrustDecision::Add
    } else {
        TrustDecision::Ask
    }
}
