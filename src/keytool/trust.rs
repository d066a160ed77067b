//! What keytool consults to judge certificates (the keystore's trusted certificates and the
//! system cacerts), and the end-of-run warnings it collects.

use std::cell::OnceCell;

use crate::cacerts::Cacerts;
use crate::cert::Certificate;
use crate::entry::Entry;
use crate::keytool::policy::{self, Strength};
use crate::kind::Release;
use crate::name::DistinguishedName;
use crate::oid::Oid;
use crate::store::KeyStore;

/// The trust keytool's algorithm checks consult: the store's trusted certificates and the
/// system cacerts (loaded only when a weak signature makes it matter).
pub struct Trust<'a> {
    store: Option<&'a KeyStore>,
    cacerts: OnceCell<Option<KeyStore>>,
}

impl<'a> Trust<'a> {
    /// Trust from `store` and, when needed, the system cacerts.
    pub fn new(store: Option<&'a KeyStore>) -> Self {
        Self {
            store,
            cacerts: OnceCell::new(),
        }
    }

    /// Trust from `store` and the given cacerts (`None`: no system trust store at all).
    pub fn with_cacerts(store: Option<&'a KeyStore>, cacerts: Option<KeyStore>) -> Self {
        let cell = OnceCell::new();
        let _ = cell.set(cacerts);
        Self {
            store,
            cacerts: cell,
        }
    }

    fn cacerts(&self) -> Option<&KeyStore> {
        self.cacerts.get_or_init(Cacerts::lookup).as_ref()
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

    /// The name and strength of a certificate's signature algorithm; `None` when it is not
    /// judged (trust anchors are not judged by their signature). `last` is the last
    /// certificate of the chain `cert` belongs to (its issuer may make the "jdkCA"
    /// constraint apply).
    pub fn signature(
        &self,
        cert: &Certificate,
        last: Option<&Certificate>,
    ) -> Option<(String, Strength)> {
        // Most certificates are judged on their algorithm alone, read without a full parse.
        let name = cert.signature_algorithm_name()?;
        if policy::signature_strength(&name, false) == Strength::Fine {
            return Some((name, Strength::Fine));
        }
        if self.is_trusted(cert) {
            return None;
        }
        let tls_server = cert.extended_key_usage().is_some_and(|oids| {
            let has = |o: Oid| oids.contains(&o);
            has(Oid::SERVER_AUTH) && !has(Oid::CODE_SIGNING) && !has(Oid::CLIENT_AUTH)
        });
        let anchored = last
            .and_then(|c| c.issuer().ok())
            .is_some_and(|i| self.jdk_anchor(&i));
        Some((
            name.clone(),
            policy::signature_strength(&name, tls_server && anchored),
        ))
    }
}

/// keytool's end-of-run warnings, collected while a command runs and printed at its end, in
/// the words of the release.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Warnings {
    lines: Vec<String>,
    release: Release,
}

impl Warnings {
    /// No warnings yet, worded as `release` words them.
    pub fn new(release: Release) -> Self {
        Self {
            lines: Vec::new(),
            release,
        }
    }

    /// The release whose words the warnings use.
    pub fn release(&self) -> Release {
        self.release
    }

    /// Adds a line.
    pub fn push(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    /// The lines collected so far.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// keytool's `printWeakWarnings` text: `Warning:` and one line per warning (and a blank
    /// line when `newline`), or nothing. The warnings are then forgotten.
    pub fn take_text(&mut self, newline: bool) -> String {
        if self.lines.is_empty() {
            return String::new();
        }
        let mut out = String::from("\nWarning:\n");
        for line in self.lines.drain(..) {
            out.push_str(&line);
            out.push('\n');
        }
        if newline {
            out.push('\n');
        }
        out
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
            self.weak_signature(label, &name, s);
        }
        let Ok(key) = cert.public_key() else {
            return;
        };
        let text = policy::key_description(&key, self.release);
        self.weak_key(label, &text, policy::key_strength(&key));
    }

    /// keytool's `whose.sigalg.weak` / `whose.sigalg.disabled` line.
    pub fn weak_signature(&mut self, label: &str, name: &str, strength: Strength) {
        let later = match self.release {
            Release::Jdk17 => " This algorithm will be disabled in a future update.",
            _ => "",
        };
        match strength {
            Strength::Weak => self.push(format!(
                "{label} uses the {name} signature algorithm which is considered a security risk.{later}"
            )),
            Strength::Disabled => self.push(format!(
                "{label} uses the {name} signature algorithm which is considered a security risk and is disabled."
            )),
            Strength::Fine => {}
        }
    }

    /// keytool's `whose.key.weak` / `whose.key.disabled` line for a key described as `text`.
    pub fn weak_key(&mut self, label: &str, text: &str, strength: Strength) {
        let later = match self.release {
            Release::Jdk17 => "This key size will be disabled in a future update.",
            _ => "It will be disabled in a future update.",
        };
        match strength {
            Strength::Weak => self.push(format!(
                "{label} uses a {text} which is considered a security risk. {later}"
            )),
            Strength::Disabled => self.push(format!(
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
