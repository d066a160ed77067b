//! Installing a CA reply (one certificate, a PEM bundle or a PKCS#7 chain) on a private-key
//! entry the way keytool does: nothing changes unless the new chain is complete and
//! accepted.

use crate::cert::Certificate;
use crate::chain::build_chain;
use crate::entry::Entry;
use crate::error::ReplyError;
use crate::keytool::import::certificate_alias;
use crate::store::KeyStore;
use crate::timestamp::Timestamp;
use crate::verify::Verification;

/// What installing a reply would do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplyPlan {
    /// The chain is complete: install it.
    Ready(Vec<Certificate>),
    /// The reply's top certificate is trusted by nothing here: keytool shows it and asks
    /// "Install reply anyway? \[no\]:". The chain is what would be installed.
    Untrusted {
        /// The chain to install if the user agrees.
        chain: Vec<Certificate>,
        /// The certificate to show.
        top: Certificate,
    },
}

/// Every certificate of `store` that keytool would chain through (each entry's first).
fn pool(store: &KeyStore) -> Vec<&Certificate> {
    store
        .entries()
        .filter_map(|(_, e)| e.certificate())
        .collect()
}

/// keytool's `getSigner`: `cert` itself if the store has it (no certificate to add), else a
/// certificate of the store whose key verifies it.
fn signer<'a>(cert: &Certificate, store: &'a KeyStore) -> Option<Option<&'a Certificate>> {
    if certificate_alias(store, cert).is_some() {
        return Some(None);
    }
    store.entries().find_map(|(_, e)| {
        let c = e.certificate()?;
        (cert.verify_signature(c) == Verification::Valid).then_some(Some(c))
    })
}

/// The entry's own certificate, or [`ReplyError::NotAKeyEntry`].
fn own_certificate<'a>(store: &'a KeyStore, alias: &str) -> Result<&'a Certificate, ReplyError> {
    match store.get(alias) {
        Some(Entry::PrivateKey(k)) if !k.chain().is_empty() => Ok(&k.chain()[0]),
        _ => Err(ReplyError::NotAKeyEntry {
            alias: alias.to_owned(),
        }),
    }
}

/// Decides how a reply of `reply` certificates installs on the key entry `alias`, completing
/// chains from the store and, when given, `cacerts` (`-trustcacerts`). With `noprompt` an
/// untrusted multi-certificate reply is taken as it is, as keytool does.
pub fn plan_reply(
    store: &KeyStore,
    alias: &str,
    reply: &[Certificate],
    cacerts: Option<&KeyStore>,
    noprompt: bool,
) -> Result<ReplyPlan, ReplyError> {
    let user = own_certificate(store, alias)?;
    match reply {
        [] => Err(ReplyError::NoCertificates),
        [one] => establish(store, cacerts, user, one).map(ReplyPlan::Ready),
        many => validate(store, cacerts, alias, user, many, noprompt),
    }
}

/// keytool's `establishCertChain` for a one-certificate reply.
fn establish(
    store: &KeyStore,
    cacerts: Option<&KeyStore>,
    user: &Certificate,
    reply: &Certificate,
) -> Result<Vec<Certificate>, ReplyError> {
    if !reply.same_public_key(user) {
        return Err(ReplyError::KeyMismatch);
    }
    if reply == user {
        return Err(ReplyError::Identical);
    }
    let mut certs = pool(store);
    if let Some(c) = cacerts {
        certs.extend(pool(c));
    }
    build_chain(reply, &certs).ok_or(ReplyError::NoChain)
}

/// Orders the certificates of a CA reply bottom-up, as keytool's `validateReply` does: the
/// one carrying `user`'s key first, then each one's signer. Duplicates are dropped.
pub fn order_reply(
    reply: &[Certificate],
    user: &Certificate,
    alias: &str,
) -> Result<Vec<Certificate>, ReplyError> {
    let mut rest: Vec<Certificate> = Vec::with_capacity(reply.len());
    for c in reply {
        if !rest.contains(c) {
            rest.push(c.clone());
        }
    }
    let first = rest
        .iter()
        .position(|c| c.same_public_key(user))
        .ok_or_else(|| ReplyError::NoPublicKey {
            alias: alias.to_owned(),
        })?;
    let mut ordered = vec![rest.remove(first)];
    while !rest.is_empty() {
        let below = &ordered[ordered.len() - 1];
        let i = rest
            .iter()
            .position(|c| below.is_signed_by(c))
            .ok_or(ReplyError::IncompleteChain)?;
        ordered.push(rest.remove(i));
    }
    Ok(ordered)
}

/// keytool's `validateReply` for a multi-certificate reply.
fn validate(
    store: &KeyStore,
    cacerts: Option<&KeyStore>,
    alias: &str,
    user: &Certificate,
    reply: &[Certificate],
    noprompt: bool,
) -> Result<ReplyPlan, ReplyError> {
    let mut chain = order_reply(reply, user, alias)?;
    if noprompt {
        return Ok(ReplyPlan::Ready(chain));
    }
    let top = chain[chain.len() - 1].clone();
    let root = signer(&top, store).or_else(|| cacerts.and_then(|c| signer(&top, c)));
    match root {
        Some(Some(root_cert)) => chain.push(root_cert.clone()),
        Some(None) => {}
        None => return Ok(ReplyPlan::Untrusted { chain, top }),
    }
    Ok(ReplyPlan::Ready(chain))
}

/// Installs `chain` on the key entry `alias`, dated now (keytool stores the key again).
pub fn install_reply(
    store: &mut KeyStore,
    alias: &str,
    chain: Vec<Certificate>,
) -> Result<(), ReplyError> {
    let not_a_key = || ReplyError::NotAKeyEntry {
        alias: alias.to_owned(),
    };
    let Some(Entry::PrivateKey(k)) = store.get_mut(alias) else {
        return Err(not_a_key());
    };
    k.set_chain(chain).map_err(|_| ReplyError::NoCertificates)?;
    let updated = Entry::PrivateKey(k.clone()).with_created(Timestamp::now());
    store.insert(alias, updated).map_err(|_| not_a_key())?;
    Ok(())
}
