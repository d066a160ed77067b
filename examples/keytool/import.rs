//! `-importcert` (`-import`) of a trusted certificate, with keytool's questions.

use std::io::Read;

use javakeystore::{
    Certificate, Entry, KeyStore, Timestamp, TrustedCertEntry, build_chain, parse_certificates,
};

use crate::cli::Opts;
use crate::fail::Fail;
use crate::session::Session;
use crate::term;
use crate::x509::{self, Trust, Warnings};

/// Reads `-file`, or stdin.
pub fn read_input(file: Option<&str>) -> Result<Vec<u8>, Fail> {
    match file {
        Some(f) => std::fs::read(f).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Fail::exception(format!(
                "java.io.FileNotFoundException: {f} (No such file or directory)"
            )),
            _ => Fail::exception(format!("java.io.FileNotFoundException: {f} ({e})")),
        }),
        None => {
            let mut v = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut v)
                .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))?;
            Ok(v)
        }
    }
}

/// The alias under which `cert` already is in `store` (as a trusted certificate or as the
/// first certificate of a key entry), like `KeyStore.getCertificateAlias`.
pub fn alias_of(store: &KeyStore, cert: &Certificate) -> Option<String> {
    store
        .entries()
        .find(|(_, e)| e.certificate() == Some(cert))
        .map(|(a, _)| a.to_owned())
}

/// keytool's `addTrustedCert`; returns whether the certificate was added.
pub fn trusted(o: &Opts, s: &mut Session, w: &mut Warnings, alias: &str) -> Result<bool, Fail> {
    if s.store.contains_alias(alias) {
        return Err(Fail::plain(format!(
            "Certificate not imported, alias <{alias}> already exists"
        )));
    }
    let input = read_input(o.file.as_deref())?;
    let cert = parse_certificates(&input)
        .ok()
        .and_then(|mut v| (!v.is_empty()).then(|| v.remove(0)))
        .ok_or_else(|| Fail::plain("Input not an X.509 certificate"))?;
    let add = |s: &mut Session, cert: Certificate| -> Result<bool, Fail> {
        let entry: Entry = TrustedCertEntry::new(cert, Timestamp::now()).into();
        s.store
            .insert(alias, entry)
            .map_err(|e| Fail::plain(e.to_string()))?;
        Ok(true)
    };
    let cacerts = if o.trustcacerts { load_cacerts() } else { None };
    let label = "The input";
    if o.noprompt {
        let trust = Trust::new(Some(&s.store));
        w.check(&trust, label, &cert, Some(&cert));
        return add(s, cert);
    }
    let self_signed = cert.is_self_signed();
    let reply = {
        let trust = Trust::new(Some(&s.store));
        if let Some(existing) = alias_of(&s.store, &cert) {
            eprintln!("Certificate already exists in keystore under alias <{existing}>");
            w.check(&trust, label, &cert, Some(&cert));
            w.flush(o.nowarn, true);
            Some(term::yes_no("Do you still want to add it? [no]:  ")?)
        } else if self_signed {
            let in_cacerts = cacerts.as_ref().and_then(|c| alias_of(c, &cert));
            if let Some(ca_alias) = in_cacerts {
                eprintln!(
                    "Certificate already exists in system-wide CA keystore under alias <{ca_alias}>"
                );
                w.check(&trust, label, &cert, Some(&cert));
                w.flush(o.nowarn, true);
                Some(term::yes_no(
                    "Do you still want to add it to your own keystore? [no]:  ",
                )?)
            } else {
                Some(ask_trust(o, &trust, w, &cert)?)
            }
        } else {
            None
        }
    };
    if let Some(yes) = reply {
        return if yes { add(s, cert) } else { Ok(false) };
    }
    // Neither known nor self-signed: trusted silently if it chains to a certificate we have.
    let mut pool: Vec<&Certificate> = s
        .store
        .entries()
        .filter_map(|(_, e)| e.certificate())
        .collect();
    if let Some(c) = &cacerts {
        pool.extend(c.entries().filter_map(|(_, e)| e.certificate()));
    }
    if build_chain(&cert, &pool).is_some() {
        return add(s, cert);
    }
    let yes = {
        let trust = Trust::new(Some(&s.store));
        ask_trust(o, &trust, w, &cert)?
    };
    if yes { add(s, cert) } else { Ok(false) }
}

/// Prints the certificate and asks `Trust this certificate? [no]:  `.
fn ask_trust(
    o: &Opts,
    trust: &Trust<'_>,
    w: &mut Warnings,
    cert: &Certificate,
) -> Result<bool, Fail> {
    crate::show::out(&x509::block(trust, cert));
    w.check(trust, "The input", cert, Some(cert));
    w.flush(o.nowarn, true);
    term::yes_no("Trust this certificate? [no]:  ")
}

/// The system cacerts, for `-trustcacerts`.
pub fn load_cacerts() -> Option<KeyStore> {
    KeyStore::load_unverified(javakeystore::cacerts::locate()?).ok()
}
