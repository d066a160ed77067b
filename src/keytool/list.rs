//! `-list`, plain, `-v`, `-rfc` and `-alias`, with keytool's exact text.

use std::fmt::Write as _;

use crate::entry::{Entry, EntryKind};
use crate::error::StoreError;
use crate::keytool::order::list_order;
use crate::keytool::print_cert::certificate_text;
use crate::keytool::style::Style;
use crate::keytool::text::{colon_hex, grouped, medium_date, pem_for};
use crate::keytool::trust::{Trust, Warnings};
use crate::kind::Format;
use crate::store::KeyStore;

const STARS: &str = "*******************************************";

/// What keytool prints on stderr before listing a store whose integrity it could not check.
pub const NO_INTEGRITY_BANNER: &str = "\n*****************  WARNING WARNING WARNING  *****************\n\
* The integrity of the information stored in your keystore  *\n\
* has NOT been verified!  In order to verify its integrity, *\n\
* you must provide your keystore password.                  *\n\
*****************  WARNING WARNING WARNING  *****************\n\n";

/// The same banner for `-importkeystore`'s source store.
pub const NO_INTEGRITY_BANNER_SOURCE: &str = "\n*****************  WARNING WARNING WARNING  *****************\n\
* The integrity of the information stored in the srckeystore*\n\
* has NOT been verified!  In order to verify its integrity, *\n\
* you must provide the srckeystore password.                *\n\
*****************  WARNING WARNING WARNING  *****************\n\n";

/// How `-list` shows entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Detail {
    /// One line and the SHA-256 fingerprint per entry.
    #[default]
    Short,
    /// `-v`: every certificate in full.
    Verbose,
    /// `-rfc`: every certificate as PEM.
    Rfc,
}

/// keytool's "Keystore provider" for a format.
pub fn provider(format: Format) -> &'static str {
    match format {
        Format::Jceks => "SunJCE",
        Format::Bks | Format::Uber => "BC",
        _ => "SUN",
    }
}

/// The text of `-list` for a whole store (`alias` `None`) or one entry; the weak-algorithm
/// warnings keytool prints at the end go into `warnings`.
pub fn list_text(
    store: &KeyStore,
    alias: Option<&str>,
    detail: Detail,
    trust: &Trust<'_>,
    style: &Style,
    warnings: &mut Warnings,
) -> Result<String, StoreError> {
    let mut out = String::new();
    let pkcs12 = store.format() == Format::Pkcs12;
    let mut shown = Shown {
        detail,
        trust,
        style,
        pkcs12,
        warnings,
    };
    if let Some(alias) = alias {
        let entry = store.get(alias).ok_or_else(|| StoreError::AliasNotFound {
            alias: alias.to_owned(),
        })?;
        shown.entry(&mut out, alias, entry);
        return Ok(out);
    }
    let f = store.format();
    let n = store.len();
    let _ = write!(
        out,
        "Keystore type: {}\nKeystore provider: {}\n\nYour keystore contains {} {}\n\n",
        f.name(),
        provider(f),
        grouped(u64::try_from(n).unwrap_or(u64::MAX)),
        if n == 1 { "entry" } else { "entries" }
    );
    for (alias, entry) in list_order(store) {
        shown.entry(&mut out, &alias, entry);
        if detail != Detail::Short {
            let _ = write!(out, "\n\n{STARS}\n{STARS}\n\n\n");
        }
    }
    Ok(out)
}

/// Everything one entry's text depends on.
struct Shown<'t, 'w> {
    detail: Detail,
    trust: &'t Trust<'t>,
    style: &'t Style,
    pkcs12: bool,
    warnings: &'w mut Warnings,
}

impl Shown<'_, '_> {
    /// keytool's `doPrintEntry`.
    fn entry(&mut self, out: &mut String, alias: &str, entry: &Entry) {
        let date = medium_date(entry.created(), &self.style.zone);
        if self.detail == Detail::Short {
            let _ = write!(out, "{alias}, {date}, ");
        } else {
            let _ = writeln!(out, "Alias name: {alias}\nCreation date: {date}");
        }
        // JKS and JCEKS call a key entry without certificates a SecretKeyEntry; PKCS#12 (read
        // without its password, so without certificates) still says PrivateKeyEntry.
        let kind = match entry {
            Entry::PrivateKey(k) if k.chain().is_empty() && !self.pkcs12 => "SecretKeyEntry",
            e => e.kind().keytool_name(),
        };
        let label = format!("<{alias}>");
        match entry {
            Entry::TrustedCert(t) => self.trusted(out, kind, &label, t.certificate()),
            Entry::PrivateKey(k) if !k.chain().is_empty() => {
                self.chain(out, kind, &label, k.chain());
            }
            _ => {
                if self.detail == Detail::Short {
                    let _ = writeln!(out, "{kind}, ");
                } else {
                    let _ = writeln!(out, "Entry type: {kind}");
                }
                if self.pkcs12 && entry.kind() == EntryKind::PrivateKey {
                    let _ = writeln!(out, "Certificate chain length: 0");
                }
            }
        }
    }

    fn trusted(&mut self, out: &mut String, kind: &str, label: &str, cert: &crate::Certificate) {
        match self.detail {
            Detail::Verbose => {
                let text = certificate_text(cert, self.trust, self.style);
                let _ = write!(out, "Entry type: {kind}\n\n{text}");
            }
            Detail::Rfc => {
                let text = pem_for("CERTIFICATE", cert.as_der(), self.style.release);
                let _ = write!(out, "Entry type: {kind}\n\n{text}");
            }
            Detail::Short => {
                let _ = writeln!(
                    out,
                    "{kind}, \nCertificate fingerprint (SHA-256): {}",
                    colon_hex(&cert.sha256_fingerprint())
                );
            }
        }
        self.warnings.check(self.trust, label, cert, Some(cert));
    }

    fn chain(&mut self, out: &mut String, kind: &str, label: &str, chain: &[crate::Certificate]) {
        if self.detail == Detail::Short {
            let _ = writeln!(
                out,
                "{kind}, \nCertificate fingerprint (SHA-256): {}",
                colon_hex(&chain[0].sha256_fingerprint())
            );
            self.warnings.check_chain(self.trust, label, chain);
            return;
        }
        let _ = writeln!(
            out,
            "Entry type: {kind}\nCertificate chain length: {}",
            chain.len()
        );
        for (i, cert) in chain.iter().enumerate() {
            let _ = writeln!(out, "Certificate[{}]:", i + 1);
            if self.detail == Detail::Verbose {
                out.push_str(&certificate_text(cert, self.trust, self.style));
            } else {
                out.push_str(&pem_for("CERTIFICATE", cert.as_der(), self.style.release));
            }
            self.warnings.check(self.trust, label, cert, chain.last());
        }
    }
}
