//! keytool's `printX509Cert` block and the weak-algorithm warnings that go with it.

use std::cell::OnceCell;

use der::Decode as _;
use javakeystore::{Certificate, DistinguishedName, Entry, KeyStore};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::algs::{self, Strength};
use crate::ext;
use crate::show::{colon_hex, java_date};

/// What keytool consults to label algorithms: the keystore's trusted certificates and the
/// system cacerts (loaded only if a weak signature makes it matter).
pub struct Trust<'a> {
    store: Option<&'a KeyStore>,
    cacerts: OnceCell<Option<KeyStore>>,
}

impl<'a> Trust<'a> {
    pub fn new(store: Option<&'a KeyStore>) -> Self {
        Self {
            store,
            cacerts: OnceCell::new(),
        }
    }

    fn cacerts(&self) -> Option<&KeyStore> {
        self.cacerts
            .get_or_init(|| {
                let path = javakeystore::cacerts::locate()?;
                KeyStore::load_unverified(path).ok()
            })
            .as_ref()
    }

    /// keytool's `isTrustedCert`: in cacerts, or a trusted entry of this keystore.
    pub fn is_trusted(&self, cert: &Certificate) -> bool {
        let in_store = self.store.is_some_and(|s| {
            s.entries()
                .any(|(_, e)| matches!(e, Entry::TrustedCert(t) if t.certificate() == cert))
        });
        in_store
            || self
                .cacerts()
                .is_some_and(|c| c.entries().any(|(_, e)| e.certificate() == Some(cert)))
    }

    /// True when a cacerts certificate has `issuer` as its subject (keytool's
    /// `findTrustAnchor`, which makes the "jdkCA" constraint apply).
    fn jdk_anchor(&self, issuer: &DistinguishedName) -> bool {
        self.cacerts().is_some_and(|c| {
            c.entries()
                .filter_map(|(_, e)| e.certificate())
                .any(|x| x.subject().is_ok_and(|s| &s == issuer))
        })
    }

    /// The strength of a certificate's signature algorithm, `None` when it does not apply
    /// (trust anchors are not judged by their signature).
    /// `last` is the last certificate of the chain `cert` belongs to (its issuer may make
    /// the "jdkCA" constraint apply).
    pub fn signature(
        &self,
        cert: &Certificate,
        last: Option<&Certificate>,
    ) -> Option<(String, Strength)> {
        // Most certificates are judged on their algorithm alone, read without a full parse.
        let name = algs::signature_name(&cert.signature_algorithm_oid()?);
        // Only a weak algorithm needs the (lazily loaded) trust information.
        if algs::signature_strength(&name, false) == Strength::Fine {
            return Some((name, Strength::Fine));
        }
        if self.is_trusted(cert) {
            return None;
        }
        let p = cert.parsed().ok()?;
        let last_issuer = last.and_then(|c| c.issuer().ok());
        let tls_server = p
            .tbs_certificate()
            .extensions()
            .and_then(|e| ext::eku_oids(e))
            .is_some_and(|oids| {
                let has = |o: &str| oids.iter().any(|x| x.to_string() == o);
                has("1.3.6.1.5.5.7.3.1") && !has("1.3.6.1.5.5.7.3.3") && !has("1.3.6.1.5.5.7.3.2")
            });
        let anchored = last_issuer.is_some_and(|i| self.jdk_anchor(&i));
        let strength = algs::signature_strength(&name, tls_server && anchored);
        Some((name, strength))
    }
}

/// Collects keytool's end-of-run warnings.
#[derive(Default)]
pub struct Warnings(pub Vec<String>);

impl Warnings {
    /// keytool's `printWeakWarnings`: `Warning:` and the lines on stderr, then forgets them.
    pub fn flush(&mut self, nowarn: bool, newline: bool) {
        if !self.0.is_empty() && !nowarn {
            eprintln!("\nWarning:");
            for line in &self.0 {
                eprintln!("{line}");
            }
            if newline {
                eprintln!();
            }
        }
        self.0.clear();
    }

    /// keytool's `checkWeakConstraint(label, cert)`.
    pub fn check(
        &mut self,
        trust: &Trust<'_>,
        label: &str,
        cert: &Certificate,
        last: Option<&Certificate>,
    ) {
        if let Some((name, s)) = trust.signature(cert, last) {
            match s {
                Strength::Weak => self.0.push(format!(
                    "{label} uses the {name} signature algorithm which is considered a security risk. This algorithm will be disabled in a future update."
                )),
                Strength::Disabled => self.0.push(format!(
                    "{label} uses the {name} signature algorithm which is considered a security risk and is disabled."
                )),
                Strength::Fine => {}
            }
        }
        let Some(spki) = cert
            .public_key_info_der()
            .and_then(|d| SubjectPublicKeyInfoOwned::from_der(d).ok())
        else {
            return;
        };
        let key = algs::key_info(&spki);
        let text = match key.bits {
            Some(b) => format!("{b}-bit {} key", key.name),
            None => format!("{} key of unknown size", key.name),
        };
        match algs::key_strength(&key) {
            Strength::Weak => self.0.push(format!(
                "{label} uses a {text} which is considered a security risk. This key size will be disabled in a future update."
            )),
            Strength::Disabled => self.0.push(format!(
                "{label} uses a {text} which is considered a security risk and is disabled."
            )),
            Strength::Fine => {}
        }
    }

    /// keytool's `checkWeakConstraint(label, chain)`: `label #i of n` for longer chains.
    pub fn check_chain(&mut self, trust: &Trust<'_>, label: &str, chain: &[Certificate]) {
        for (i, cert) in chain.iter().enumerate() {
            let l = if chain.len() > 1 {
                format!("{label} #{} of {}", i + 1, chain.len())
            } else {
                label.to_owned()
            };
            self.check(trust, &l, cert, chain.last());
        }
    }
}

/// `BigInteger.toString(16)` of a DER INTEGER's two's-complement bytes.
pub fn serial_hex(bytes: &[u8]) -> String {
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement negation of the whole number.
        let mut m: Vec<u8> = bytes.iter().map(|b| !b).collect();
        for b in m.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
        m
    } else {
        bytes.to_vec()
    };
    let hex: String = magnitude.iter().map(|b| format!("{b:02x}")).collect();
    let trimmed = hex.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    if negative {
        format!("-{digits}")
    } else {
        digits.to_owned()
    }
}

/// The block keytool prints for one certificate (`-list -v`, `-printcert`, trust prompts).
pub fn block(trust: &Trust<'_>, cert: &Certificate) -> String {
    let Ok(p) = cert.parsed() else {
        return "Certificate could not be parsed\n".into();
    };
    let tbs = p.tbs_certificate();
    let dn = |n: &x509_cert::name::Name| DistinguishedName::from_name(n.clone()).to_string();
    let sig_name = match trust.signature(cert, Some(cert)) {
        Some((name, s)) => algs::labelled(&name, s),
        None => algs::signature_name(&p.signature_algorithm().oid),
    };
    let key = algs::key_info(tbs.subject_public_key_info());
    let validity = tbs.validity();
    let secs = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let mut out = format!(
        "Owner: {}\nIssuer: {}\nSerial number: {}\nValid from: {} until: {}\n\
         Certificate fingerprints:\n\t SHA1: {}\n\t SHA256: {}\n\
         Signature algorithm name: {sig_name}\nSubject Public Key Algorithm: {}\nVersion: {}\n",
        dn(tbs.subject()),
        dn(tbs.issuer()),
        serial_hex(tbs.serial_number().as_bytes()),
        java_date(secs(&validity.not_before)),
        java_date(secs(&validity.not_after)),
        colon_hex(&cert.sha1_fingerprint()),
        colon_hex(&cert.sha256_fingerprint()),
        algs::key_text(&key),
        tbs.version() as u8 + 1,
    );
    if let Some(exts) = tbs.extensions() {
        out.push_str(&ext::render("Extensions: ", exts));
    }
    out
}
