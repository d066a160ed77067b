//! `-importcert` onto a private key entry: installing a CA reply (one certificate, a PEM
//! bundle or a PKCS#7 chain) the way keytool does. Nothing changes unless the new chain is
//! complete and accepted.

use javakeystore::{
    CertError, Certificate, Entry, KeyStore, Timestamp, Verification, build_chain, order_reply,
    parse_certificates,
};

use crate::cli::Opts;
use crate::fail::Fail;
use crate::import::{alias_of, load_cacerts, read_input};
use crate::keys::open_private;
use crate::session::Session;
use crate::term;
use crate::x509::{self, Trust, Warnings};

/// Every certificate of `store` that keytool would chain through (each entry's first).
fn pool(store: &KeyStore) -> Vec<&Certificate> {
    store
        .entries()
        .filter_map(|(_, e)| e.certificate())
        .collect()
}

/// keytool's `getSigner`: `cert` itself if the store has it, else a certificate of the store
/// whose key verifies it.
fn signer<'a>(
    cert: &Certificate,
    store: &'a KeyStore,
) -> Option<(String, Option<&'a Certificate>)> {
    if let Some(a) = alias_of(store, cert) {
        return Some((a, None));
    }
    store.entries().find_map(|(alias, e)| {
        let c = e.certificate()?;
        (cert.verify_signature(c) == Verification::Valid).then(|| (alias.to_owned(), Some(c)))
    })
}

/// Installs the reply read from `-file` (or stdin) on `alias`; `Ok(false)` when the user
/// declines an untrusted chain.
pub fn install(o: &Opts, s: &mut Session, w: &mut Warnings, alias: &str) -> Result<bool, Fail> {
    let (_, _, entry) = open_private(o, s, alias)?;
    let user_cert = entry.chain()[0].clone();
    let input = read_input(o.file.as_deref())?;
    let reply = parse_certificates(&input).map_err(|e| match e {
        CertError::Empty => Fail::plain("Reply has no certificates"),
        other => Fail::exception(format!("java.security.cert.CertificateException: {other}")),
    })?;
    let cacerts = if o.trustcacerts { load_cacerts() } else { None };
    let chain = if reply.len() == 1 {
        Some(establish(s, cacerts.as_ref(), &user_cert, &reply[0])?)
    } else {
        validate(o, s, w, cacerts.as_ref(), alias, &user_cert, &reply)?
    };
    let Some(chain) = chain else {
        return Ok(false);
    };
    let Some(Entry::PrivateKey(k)) = s.store.get_mut(alias) else {
        return Err(Fail::plain(format!("Alias <{alias}> has no key")));
    };
    k.set_chain(chain).map_err(|e| Fail::plain(e.to_string()))?;
    // keytool stores the key again, so the entry is dated now.
    let updated = Entry::PrivateKey(k.clone()).with_created(Timestamp::now());
    s.store
        .insert(alias, updated)
        .map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    Ok(true)
}

/// keytool's `establishCertChain` for a one-certificate reply.
fn establish(
    s: &Session,
    cacerts: Option<&KeyStore>,
    user: &Certificate,
    reply: &Certificate,
) -> Result<Vec<Certificate>, Fail> {
    if !reply.same_public_key(user) {
        return Err(Fail::plain("Public keys in reply and keystore don't match"));
    }
    if reply == user {
        return Err(Fail::plain(
            "Certificate reply and certificate in keystore are identical",
        ));
    }
    let mut certs = pool(&s.store);
    if let Some(c) = cacerts {
        certs.extend(pool(c));
    }
    build_chain(reply, &certs).ok_or_else(|| Fail::plain("Failed to establish chain from reply"))
}

/// keytool's `validateReply` for a multi-certificate reply; `None` when declined.
fn validate(
    o: &Opts,
    s: &Session,
    w: &mut Warnings,
    cacerts: Option<&KeyStore>,
    alias: &str,
    user: &Certificate,
    reply: &[Certificate],
) -> Result<Option<Vec<Certificate>>, Fail> {
    let mut chain = match order_reply(reply, user) {
        None => {
            return Err(Fail::plain(format!(
                "Certificate reply does not contain public key for <{alias}>"
            )));
        }
        Some(Err(())) => return Err(Fail::plain("Incomplete certificate chain in reply")),
        Some(Ok(c)) => c,
    };
    if o.noprompt {
        return Ok(Some(chain));
    }
    let top = chain
        .last()
        .expect("a reply has at least one certificate")
        .clone();
    let root = signer(&top, &s.store).or_else(|| cacerts.and_then(|c| signer(&top, c)));
    match root {
        Some((_, Some(root_cert))) => chain.push(root_cert.clone()),
        Some((_, None)) => {}
        None => {
            eprintln!();
            eprintln!("Top-level certificate in reply:\n");
            let trust = Trust::new(Some(&s.store));
            crate::show::out(&x509::block(&trust, &top));
            eprintln!();
            term::say("... is not trusted. ");
            w.flush(o.nowarn, true);
            if !term::yes_no("Install reply anyway? [no]:  ")? {
                return Ok(None);
            }
        }
    }
    Ok(Some(chain))
}
