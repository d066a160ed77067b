//! `-check`: the hygiene rules administrators monitor and keytool does not warn about —
//! expiry, weak keys and signatures, weak store protection, stores older Java cannot read,
//! certificates Java does not see, broken key entries, and the field procedures' rules for
//! server certificates. Each finding has a stable code (the README lists them).

use std::collections::HashSet;

use super::finding::{CertRecord, CheckPolicy, Finding, FindingCode};
use crate::cert::Certificate;
use crate::entry::{Entry, PrivateKeyEntry, SecretKeyEntry};
use crate::extension::{Extension, GeneralName, KeyUsage};
use crate::format::{CertProtection, MacAlgorithm, Stored};
use crate::inspect::CertificateInfo;
use crate::kind::Format;
use crate::store::KeyStore;

const DAY_MS: i64 = 86_400_000;
const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";

/// Collects findings for one file, and a record of every certificate seen (for metrics),
/// both from one inspection of each certificate.
struct Findings<'a> {
    policy: &'a CheckPolicy,
    out: Vec<Finding>,
    records: Vec<CertRecord>,
}

impl<'a> Findings<'a> {
    fn new(policy: &'a CheckPolicy) -> Self {
        Findings {
            policy,
            out: Vec::new(),
            records: Vec::new(),
        }
    }
}

impl Findings<'_> {
    fn push(&mut self, code: FindingCode, alias: Option<&str>, subject: Option<&str>, m: String) {
        self.out.push(Finding {
            code,
            alias: alias.map(str::to_owned),
            subject: subject.map(str::to_owned),
            message: m,
        });
    }

    fn store_level(&mut self, stored: &Stored) {
        if matches!(stored.format, Format::Jks | Format::Jceks) {
            let m = format!(
                "a {} store: migrate to PKCS12 (keytool -importkeystore -deststoretype pkcs12)",
                stored.format
            );
            self.push(FindingCode::LegacyFormat, None, None, m);
        }
        if let Some(p) = &stored.pkcs12 {
            let mut weak = Vec::new();
            match p.cert_protection {
                CertProtection::Rc2With40BitKey => weak.push("RC2-40 certificates"),
                CertProtection::TripleDes => weak.push("3DES certificates"),
                _ => {}
            }
            if p.key_protection == crate::protect::Protection::Pkcs12Pbe {
                weak.push("3DES keys");
            }
            if p.mac == MacAlgorithm::HmacSha1 {
                weak.push("a SHA-1 MAC");
            }
            if p.mac != MacAlgorithm::None && p.mac_iterations < 10_000 {
                weak.push("fewer than 10,000 MAC iterations");
            }
            if !weak.is_empty() {
                let m = format!("PKCS12 protected with {}", weak.join(", "));
                self.push(FindingCode::WeakPkcs12Protection, None, None, m);
            }
            if matches!(
                p.mac,
                MacAlgorithm::Pbmac1Sha256
                    | MacAlgorithm::Pbmac1Sha384
                    | MacAlgorithm::Pbmac1Sha512
            ) {
                let m = "a PBMAC1 integrity check, which Java 25 and older cannot read".to_owned();
                self.push(FindingCode::Pbmac1, None, None, m);
            }
        }
        if stored.unseen_certificates > 0 {
            let m = format!(
                "{} certificate(s) without Java's trusted-usage attribute: Java does not trust \
                 them (re-import them with keytool -importcert)",
                stored.unseen_certificates
            );
            self.push(FindingCode::UnseenCertificates, None, None, m);
        }
        if !stored.skipped.is_empty() {
            let m = format!(
                "{} part(s) not checked: {} (give -storepass)",
                stored.skipped.len(),
                stored.skipped[0]
            );
            self.push(FindingCode::NotChecked, None, None, m);
        }
    }

    /// Validity, key size and signature findings of one certificate.
    fn certificate(&mut self, alias: Option<&str>, cert: &Certificate) -> Option<CertificateInfo> {
        let Ok(info) = cert.inspect() else {
            let m = "a certificate that cannot be parsed".to_owned();
            self.push(FindingCode::Unreadable, alias, None, m);
            return None;
        };
        self.records.push(CertRecord {
            alias: alias.map(str::to_owned),
            subject_cn: info.subject.common_name().unwrap_or_default(),
            issuer_cn: info.issuer.common_name().unwrap_or_default(),
            serial: info.serial.to_decimal(),
            not_before: info.not_before,
            not_after: info.not_after,
        });
        let subject = info.subject.to_string();
        let s = Some(subject.as_str());
        let now = self.policy.now.unix_millis();
        let left_ms = info.not_after.unix_millis() - now;
        let date = super::describe::rfc3339(info.not_after);
        if left_ms < 0 {
            self.push(FindingCode::Expired, alias, s, format!("expired on {date}"));
        } else if left_ms <= i64::from(self.policy.crit_days) * DAY_MS {
            let m = format!("expires on {date}, in {} days", left_ms / DAY_MS);
            self.push(FindingCode::ExpiresCritical, alias, s, m);
        } else if left_ms <= i64::from(self.policy.warn_days) * DAY_MS {
            let m = format!("expires on {date}, in {} days", left_ms / DAY_MS);
            self.push(FindingCode::ExpiresSoon, alias, s, m);
        }
        if info.not_before.unix_millis() > now {
            let m = format!(
                "not valid before {}",
                super::describe::rfc3339(info.not_before)
            );
            self.push(FindingCode::NotYetValid, alias, s, m);
        }
        if let Some(m) = weak_key(&info) {
            self.push(FindingCode::WeakKey, alias, s, m);
        }
        let sig = info.signature_algorithm_name.to_ascii_uppercase();
        if !info.is_self_issued() && (sig.contains("SHA1") || sig.contains("MD5")) {
            let m = format!("signed with {}", info.signature_algorithm_name);
            self.push(FindingCode::WeakSignature, alias, s, m);
        }
        Some(info)
    }
}

fn weak_key(info: &CertificateInfo) -> Option<String> {
    let k = &info.public_key;
    let bits = k.bits?;
    let min = match k.java_algorithm.as_str() {
        "RSA" | "RSASSA-PSS" | "DSA" => 2048,
        "EC" => 256,
        _ => return None,
    };
    (bits < min).then(|| format!("a {bits}-bit {} key (at least {min} bits)", k.name))
}

/// True for a CA certificate: basicConstraints cA, or keyCertSign in the key usage.
fn is_ca(info: &CertificateInfo) -> bool {
    info.extensions.iter().any(|e| match e {
        Extension::BasicConstraints { ca, .. } => ca.unwrap_or(false),
        Extension::KeyUsage { usage, .. } => usage.contains(KeyUsage::KEY_CERT_SIGN),
        _ => false,
    })
}

/// A fully qualified host name: two or more labels of letters, digits and hyphens.
fn is_fqdn(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    let labels: Vec<&str> = name.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && !labels
            .last()
            .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
}

impl Findings<'_> {
    /// The field procedures' rules for a server certificate (an end entity).
    fn server_rules(&mut self, alias: Option<&str>, info: &CertificateInfo) {
        let subject = info.subject.to_string();
        let s = Some(subject.as_str());
        let k = &info.public_key;
        if k.java_algorithm != "RSA" || k.bits.is_some_and(|b| b < 2048) {
            let size = k.bits.map_or(String::new(), |b| format!("{b}-bit "));
            let m = format!("a {size}{} key: the procedures ask for RSA 2048", k.name);
            self.push(FindingCode::ServerKey, alias, s, m);
        }
        let sig = info.signature_algorithm_name.to_ascii_uppercase();
        let strong = ["SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA"];
        if !strong.contains(&sig.as_str()) {
            let m = format!(
                "signed with {}: the procedures ask for SHA256withRSA",
                info.signature_algorithm_name
            );
            self.push(FindingCode::ServerSignature, alias, s, m);
        }
        let cn_ok = info.subject.common_name().is_some_and(|cn| is_fqdn(&cn));
        let san_ok = info
            .subject_alt_names()
            .iter()
            .any(|g| matches!(g, GeneralName::Dns(d) if is_fqdn(d)));
        if !cn_ok && !san_ok {
            let m = "neither the CN nor a DNS name is a fully qualified domain name".to_owned();
            self.push(FindingCode::ServerName, alias, s, m);
        }
        if let Some(eku) = info.extended_key_usage() {
            let has = |oid: &str| eku.iter().any(|o| o.to_string() == oid);
            if !has(SERVER_AUTH) || !has(CLIENT_AUTH) {
                let m = "the extended key usage lacks serverAuth or clientAuth".to_owned();
                self.push(FindingCode::ServerEku, alias, s, m);
            }
        }
    }
}

/// Checks a store read from a file: its format and protection as `stored` reports them,
/// then every entry. With the store `password`, keys and secret keys sealed under it are
/// opened to compare them with their certificates and to judge their algorithms; nothing
/// opened is kept or printed.
pub fn check_store(
    store: &KeyStore,
    stored: &Stored,
    password: Option<&str>,
    policy: &CheckPolicy,
) -> Vec<Finding> {
    check_store_recorded(store, stored, password, policy).0
}

/// [`check_store`], with a record of every certificate of the store's entries.
pub(crate) fn check_store_recorded(
    store: &KeyStore,
    stored: &Stored,
    password: Option<&str>,
    policy: &CheckPolicy,
) -> (Vec<Finding>, Vec<CertRecord>) {
    let mut f = Findings::new(policy);
    f.store_level(stored);
    let roots: HashSet<String> = store
        .entries()
        .filter_map(|(_, e)| match e {
            Entry::TrustedCert(t) => t.certificate().subject().ok().map(|n| n.canonical()),
            _ => None,
        })
        .collect();
    for (alias, entry) in store.entries() {
        f.entry(alias, entry, password, &roots);
    }
    (f.out, f.records)
}

/// Checks certificates read from a PEM, DER or PKCS#7 file: validity, key and signature,
/// and the server rules for end-entity certificates.
pub fn check_certificates(certs: &[Certificate], policy: &CheckPolicy) -> Vec<Finding> {
    check_certificates_recorded(certs, policy).0
}

/// [`check_certificates`], with a record of every certificate.
pub(crate) fn check_certificates_recorded(
    certs: &[Certificate],
    policy: &CheckPolicy,
) -> (Vec<Finding>, Vec<CertRecord>) {
    let mut f = Findings::new(policy);
    for cert in certs {
        f.end_entity(None, cert);
    }
    (f.out, f.records)
}

/// Secret-key algorithms broken or too short for any use.
const WEAK_SECRET: [&str; 6] = ["DES", "DESEDE", "TRIPLEDES", "RC2", "RC4", "ARCFOUR"];

impl Findings<'_> {
    /// A certificate's own findings, and the server rules when it is not a CA's.
    fn end_entity(&mut self, alias: Option<&str>, cert: &Certificate) {
        if let Some(info) = self.certificate(alias, cert)
            && !is_ca(&info)
        {
            self.server_rules(alias, &info);
        }
    }

    fn entry(
        &mut self,
        alias: &str,
        entry: &Entry,
        password: Option<&str>,
        roots: &HashSet<String>,
    ) {
        match entry {
            Entry::TrustedCert(t) => self.end_entity(Some(alias), t.certificate()),
            Entry::PrivateKey(k) => self.key_entry(alias, k, password, roots),
            Entry::SecretKey(s) => self.secret_entry(alias, s, password),
        }
    }

    fn key_entry(
        &mut self,
        alias: &str,
        k: &PrivateKeyEntry,
        password: Option<&str>,
        roots: &HashSet<String>,
    ) {
        let a = Some(alias);
        let Some(leaf) = k.chain().first() else {
            let m = "the key entry has no certificate".to_owned();
            self.push(FindingCode::IncompleteChain, a, None, m);
            return;
        };
        self.end_entity(a, leaf);
        for cert in &k.chain()[1..] {
            self.certificate(a, cert);
        }
        let subject = leaf.subject().ok().map(|s| s.to_string());
        // The key opens only under the password it was sealed with; keytool's stores use
        // the store password, and a key that does not open is simply not compared.
        if let Some(key) = password.and_then(|p| k.open(p).ok())
            && key.matches_certificate(leaf).ok() == Some(false)
        {
            let m = "the certificate does not hold this entry's public key".to_owned();
            self.push(FindingCode::KeyMismatch, a, subject.as_deref(), m);
        }
        if let Some(last) = k.chain().last()
            && let (Ok(sub), Ok(iss)) = (last.subject(), last.issuer())
            && sub != iss
            && !roots.contains(&iss.canonical())
        {
            let m = format!(
                "the chain ends at a certificate issued by \"{iss}\", which is neither in the \
                 chain nor trusted in this store: install the CA reply with its chain"
            );
            self.push(FindingCode::IncompleteChain, a, subject.as_deref(), m);
        }
    }

    fn secret_entry(&mut self, alias: &str, s: &SecretKeyEntry, password: Option<&str>) {
        let Some(key) = password.and_then(|p| s.open(p).ok()) else {
            return;
        };
        let algorithm = key.algorithm().to_ascii_uppercase();
        if WEAK_SECRET.contains(&algorithm.as_str()) {
            let m = format!("a {} secret key: use AES", key.algorithm());
            self.push(FindingCode::WeakSecretKey, Some(alias), None, m);
        }
    }
}
