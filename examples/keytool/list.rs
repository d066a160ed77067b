//! `-list`, plain, `-v`, `-rfc` and `-alias`, with keytool's exact text.

use std::fmt::Write as _;

use javakeystore::{Entry, Format};

use crate::cli::Opts;
use crate::fail::Fail;
use crate::session::Session;
use crate::show::{colon_hex, medium_date, pem};
use crate::x509::{self, Trust, Warnings};

const STARS: &str = "*******************************************";

/// keytool prints this on stderr when it could not check the store's integrity.
pub fn no_integrity_banner() {
    eprintln!(
        "\n*****************  WARNING WARNING WARNING  *****************\n\
         * The integrity of the information stored in your keystore  *\n\
         * has NOT been verified!  In order to verify its integrity, *\n\
         * you must provide your keystore password.                  *\n\
         *****************  WARNING WARNING WARNING  *****************\n"
    );
}

fn provider(f: Format) -> &'static str {
    if f == Format::Jceks { "SunJCE" } else { "SUN" }
}

/// Java's `String.compareTo`: UTF-16 code unit order.
fn java_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `1,000`: `MessageFormat`'s `{0,number,integer}` in English.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn run(o: &Opts, s: &Session, w: &mut Warnings) -> Result<(), Fail> {
    if s.unverified() {
        no_integrity_banner();
    }
    let trust = Trust::new(Some(&s.store));
    let mut out = String::new();
    if let Some(alias) = &o.alias {
        let entry = s
            .store
            .get(alias)
            .ok_or_else(|| Fail::plain(format!("Alias <{alias}> does not exist")))?;
        entry_text(
            &mut out,
            o,
            &trust,
            w,
            alias,
            entry,
            s.store.format() == Format::Pkcs12,
        );
    } else {
        let f = s.store.format();
        let n = s.store.len();
        let _ = write!(
            out,
            "Keystore type: {}\nKeystore provider: {}\n\nYour keystore contains {} {}\n\n",
            f.name(),
            provider(f),
            grouped(n),
            if n == 1 { "entry" } else { "entries" }
        );
        // Java's PKCS#12 lists the lower-cased map keys, whatever case the file holds.
        let pkcs12 = f == Format::Pkcs12;
        let mut entries: Vec<(std::borrow::Cow<'_, str>, &Entry)> = s
            .store
            .entries()
            .map(|(a, e)| {
                (
                    if pkcs12 {
                        a.to_lowercase().into()
                    } else {
                        a.into()
                    },
                    e,
                )
            })
            .collect();
        entries.sort_by(|a, b| java_order(&a.0, &b.0));
        for (alias, entry) in entries {
            entry_text(&mut out, o, &trust, w, &alias, entry, pkcs12);
            if o.verbose || o.rfc {
                let _ = write!(out, "\n\n{STARS}\n{STARS}\n\n\n");
            }
        }
    }
    crate::show::out(&out);
    Ok(())
}

/// keytool's `doPrintEntry`.
fn entry_text(
    out: &mut String,
    o: &Opts,
    trust: &Trust<'_>,
    w: &mut Warnings,
    alias: &str,
    entry: &Entry,
    pkcs12: bool,
) {
    let label = format!("<{alias}>");
    let detailed = o.verbose || o.rfc;
    let date = medium_date(entry.created().unix_millis());
    if detailed {
        let _ = writeln!(out, "Alias name: {alias}\nCreation date: {date}");
    } else {
        let _ = write!(out, "{alias}, {date}, ");
    }
    // JKS and JCEKS call a key entry without certificates a SecretKeyEntry; PKCS#12 (read
    // without its password, so without certificates) still says PrivateKeyEntry.
    let kind = match entry {
        Entry::PrivateKey(k) if k.chain().is_empty() && !pkcs12 => "SecretKeyEntry",
        e => e.kind().keytool_name(),
    };
    let chain = entry.chain();
    match entry {
        Entry::TrustedCert(t) => {
            let cert = t.certificate();
            if o.verbose {
                let _ = write!(out, "Entry type: {kind}\n\n{}", x509::block(trust, cert));
            } else if o.rfc {
                let _ = write!(
                    out,
                    "Entry type: {kind}\n\n{}",
                    pem("CERTIFICATE", cert.as_der())
                );
            } else {
                let _ = writeln!(
                    out,
                    "{kind}, \nCertificate fingerprint (SHA-256): {}",
                    colon_hex(&cert.sha256_fingerprint())
                );
            }
            w.check(trust, &label, cert, Some(cert));
        }
        Entry::PrivateKey(_) if !chain.is_empty() => {
            if detailed {
                let _ = writeln!(
                    out,
                    "Entry type: {kind}\nCertificate chain length: {}",
                    chain.len()
                );
                for (i, cert) in chain.iter().enumerate() {
                    let _ = writeln!(out, "Certificate[{}]:", i + 1);
                    if o.verbose {
                        out.push_str(&x509::block(trust, cert));
                    } else {
                        out.push_str(&pem("CERTIFICATE", cert.as_der()));
                    }
                    w.check(trust, &label, cert, chain.last());
                }
            } else {
                let _ = writeln!(
                    out,
                    "{kind}, \nCertificate fingerprint (SHA-256): {}",
                    colon_hex(&chain[0].sha256_fingerprint())
                );
                w.check_chain(trust, &label, chain);
            }
        }
        _ => {
            if detailed {
                let _ = writeln!(out, "Entry type: {kind}");
            } else {
                let _ = writeln!(out, "{kind}, ");
            }
            if pkcs12 && entry.kind() == javakeystore::EntryKind::PrivateKey {
                let _ = writeln!(out, "Certificate chain length: 0");
            }
        }
    }
}
