//! Idempotent edits (`-ensure`): whether a store already holds what a command asks for, so
//! that nothing is written when it does.

use crate::cert::Certificate;
use crate::entry::Entry;
use crate::name::DistinguishedName;
use crate::store::KeyStore;
use crate::timestamp::Timestamp;

/// What an `-ensure` import of a trusted certificate under an alias has to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrustedState {
    /// The alias already holds this certificate: nothing to write.
    Present,
    /// The alias holds another trusted certificate, to be replaced.
    Different,
    /// The alias is free.
    Absent,
    /// The alias holds a key or secret entry, which an import never replaces.
    OtherEntry,
}

/// Whether `alias` of `store` holds `cert` as a trusted certificate.
pub fn trusted_state(store: &KeyStore, alias: &str, cert: &Certificate) -> TrustedState {
    match store.get(alias) {
        None => TrustedState::Absent,
        Some(Entry::TrustedCert(t)) if t.certificate().as_der() == cert.as_der() => {
            TrustedState::Present
        }
        Some(Entry::TrustedCert(_)) => TrustedState::Different,
        Some(_) => TrustedState::OtherEntry,
    }
}

/// What a key entry must be to satisfy `-genkeypair -ensure`.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct KeyRequirement {
    /// The subject asked for (`-dname`); names equal as Java compares them match.
    pub dname: Option<DistinguishedName>,
    /// The key algorithm asked for (`-keyalg`: `RSA`, `EC`, `Ed25519`, ...), compared without
    /// case with the key's own name and Java's algorithm name.
    pub keyalg: Option<String>,
    /// The key size in bits (`-keysize`), when given.
    pub keysize: Option<u32>,
    /// How long the certificate must still be valid (30 days for `-ensure`).
    pub min_remaining_days: i64,
}

impl KeyRequirement {
    /// A requirement with the 30 days of remaining validity `-ensure` asks for.
    pub fn new() -> Self {
        KeyRequirement {
            min_remaining_days: 30,
            ..KeyRequirement::default()
        }
    }
}

/// Why a key entry does not satisfy a [`KeyRequirement`], or `None` when it does.
pub fn key_mismatch(
    store: &KeyStore,
    alias: &str,
    want: &KeyRequirement,
    now: Timestamp,
) -> Option<&'static str> {
    let Some(Entry::PrivateKey(k)) = store.get(alias) else {
        return Some("no key entry");
    };
    let Some(info) = k.chain().first().and_then(|c| c.inspect().ok()) else {
        return Some("its certificate cannot be read");
    };
    if let Some(d) = &want.dname
        && d.canonical() != info.subject.canonical()
    {
        return Some("its certificate's subject differs from -dname");
    }
    let key = &info.public_key;
    if let Some(alg) = &want.keyalg {
        let same = |n: &str| n.eq_ignore_ascii_case(alg);
        if !same(&key.name) && !same(&key.java_algorithm) {
            return Some("its key algorithm differs from -keyalg");
        }
    }
    if want.keysize.is_some() && want.keysize != key.bits {
        return Some("its key size differs from -keysize");
    }
    let left_ms = info.not_after.unix_millis() - now.unix_millis();
    if left_ms <= want.min_remaining_days * 86_400_000 {
        return Some("its certificate expires too soon (within the days -ensure asks for)");
    }
    if now.unix_millis() < info.not_before.unix_millis() {
        return Some("its certificate is not yet valid");
    }
    None
}

/// Whether two entries hold the same thing: the same kind and certificates (a certificate
/// binds its key, so a key entry with the same chain holds the same key pair). `None` for
/// secret keys, whose bytes only their passwords reveal.
pub fn same_entry(a: &Entry, b: &Entry) -> Option<bool> {
    let ders =
        |e: &Entry| -> Vec<Vec<u8>> { e.chain().iter().map(|c| c.as_der().to_vec()).collect() };
    match (a, b) {
        (Entry::SecretKey(_), Entry::SecretKey(_)) => None,
        _ if a.kind() != b.kind() => Some(false),
        _ => Some(ders(a) == ders(b)),
    }
}
