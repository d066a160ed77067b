//! `-importcert` (`-import`): a trusted certificate, with keytool's questions, or a CA reply
//! onto a private-key entry. The library decides (`trust_decision`, `plan_reply`); this asks.

use javakeystore::error::CertError;
use javakeystore::keytool::{self, Options, ReplyPlan, Trust, TrustDecision, Warnings};
use javakeystore::{Certificate, Entry, KeyStore, Timestamp, TrustedCertEntry, parse_certificates};

use crate::fail::Fail;
use crate::keys::open_private;
use crate::printcert::read_input;
use crate::session::Session;
use crate::term;

pub fn importcert(o: &Options, s: &mut Session, w: &mut Warnings) -> Result<(), Fail> {
    if o.bundle {
        return crate::bundle::importcert(o, s);
    }
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    match s.store().get(&alias) {
        Some(Entry::PrivateKey(_)) => {
            if reply(o, s, w, &alias)? {
                eprintln!("Certificate reply was installed in keystore");
            } else {
                eprintln!("Certificate reply was not installed in keystore");
            }
            Ok(())
        }
        // keytool does nothing, silently, for a secret key alias.
        Some(Entry::SecretKey(_)) => Ok(()),
        _ => {
            if trusted(o, s, w, &alias)? {
                s.modified = true;
                eprintln!("Certificate was added to keystore");
            } else {
                eprintln!("Certificate was not added to keystore");
            }
            Ok(())
        }
    }
}

/// The system cacerts, for `-trustcacerts`.
pub fn cacerts(o: &Options) -> Option<KeyStore> {
    // Read once per run: -importkeystore -trustcacerts consults it for every entry.
    static CACERTS: std::sync::OnceLock<Option<KeyStore>> = std::sync::OnceLock::new();
    if !o.trustcacerts {
        return None;
    }
    CACERTS
        .get_or_init(javakeystore::cacerts::Cacerts::lookup)
        .clone()
}

/// keytool's `addTrustedCert`; returns whether the certificate was added.
fn trusted(o: &Options, s: &mut Session, w: &mut Warnings, alias: &str) -> Result<bool, Fail> {
    if s.store().contains_alias(alias) {
        return Err(Fail::plain(format!(
            "Certificate not imported, alias <{alias}> already exists"
        )));
    }
    let cert = match o.sslserver.as_deref() {
        // -importcert -sslserver: the server's own certificate (this keytool only).
        Some(server) => crate::printcert::server_chain(o, server)?.remove(0),
        None => parse_certificates(&read_input(o.file.as_deref())?)
            .ok()
            .and_then(|mut v| (!v.is_empty()).then(|| v.remove(0)))
            .ok_or_else(|| Fail::plain("Input not an X.509 certificate"))?,
    };
    let label = "The input";
    let yes = if o.noprompt {
        let trust = Trust::new(Some(s.store()));
        w.check(&trust, label, &cert, Some(&cert));
        true
    } else {
        let cacerts = cacerts(o);
        let trust = Trust::new(Some(s.store()));
        match keytool::trust_decision(s.store(), &cert, cacerts.as_ref()) {
            TrustDecision::Add => true,
            TrustDecision::AlreadyInStore(existing) => {
                eprintln!("Certificate already exists in keystore under alias <{existing}>");
                still_add(o, &trust, w, &cert, "Do you still want to add it? [no]:  ")?
            }
            TrustDecision::AlreadyInCacerts(ca_alias) => {
                eprintln!(
                    "Certificate already exists in system-wide CA keystore under alias <{ca_alias}>"
                );
                let q = "Do you still want to add it to your own keystore? [no]:  ";
                still_add(o, &trust, w, &cert, q)?
            }
            _ => ask_trust(o, &trust, w, &cert)?,
        }
    };
    if yes {
        let entry: Entry = TrustedCertEntry::new(cert, Timestamp::now()).into();
        s.store_mut()
            .insert(alias, entry)
            .map_err(|e| Fail::plain(e.to_string()))?;
    }
    Ok(yes)
}

fn still_add(
    o: &Options,
    trust: &Trust<'_>,
    w: &mut Warnings,
    cert: &Certificate,
    question: &str,
) -> Result<bool, Fail> {
    w.check(trust, "The input", cert, Some(cert));
    term::warn(w, o.nowarn, true);
    term::yes_no(question)
}

/// Prints the certificate and asks `Trust this certificate? [no]:  `.
fn ask_trust(
    o: &Options,
    trust: &Trust<'_>,
    w: &mut Warnings,
    cert: &Certificate,
) -> Result<bool, Fail> {
    term::out(&keytool::certificate_text(cert, trust, &o.style()));
    w.check(trust, "The input", cert, Some(cert));
    term::warn(w, o.nowarn, true);
    term::yes_no("Trust this certificate? [no]:  ")
}

/// Installs the reply read from `-file` (or stdin) on `alias`; `Ok(false)` when the user
/// declines an untrusted chain.
fn reply(o: &Options, s: &mut Session, w: &mut Warnings, alias: &str) -> Result<bool, Fail> {
    // keytool recovers the key first: a wrong key password fails before the reply is read.
    open_private(o, s, alias)?;
    let input = read_input(o.file.as_deref())?;
    let reply = parse_certificates(&input).map_err(|e| match e {
        CertError::Empty => Fail::plain("Reply has no certificates"),
        other => Fail::exception(format!("java.security.cert.CertificateException: {other}")),
    })?;
    let cacerts = cacerts(o);
    let plan = keytool::plan_reply(s.store(), alias, &reply, cacerts.as_ref(), o.noprompt)
        .map_err(|e| Fail::plain(e.to_string()))?;
    let chain = match plan {
        ReplyPlan::Ready(chain) => chain,
        ReplyPlan::Untrusted { chain, top } => {
            eprintln!();
            eprintln!("Top-level certificate in reply:\n");
            let trust = Trust::new(Some(s.store()));
            term::out(&keytool::certificate_text(&top, &trust, &o.style()));
            eprintln!();
            term::say("... is not trusted. ");
            term::warn(w, o.nowarn, true);
            if !term::yes_no("Install reply anyway? [no]:  ")? {
                return Ok(false);
            }
            chain
        }
        _ => return Ok(false),
    };
    keytool::install_reply(s.store_mut(), alias, chain).map_err(|e| Fail::plain(e.to_string()))?;
    s.modified = true;
    Ok(true)
}
