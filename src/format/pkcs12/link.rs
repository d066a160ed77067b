//! Turning bags into entries the way Java does: aliases, dates, the `"01"` key-id workaround,
//! and key chains rebuilt from every certificate in the file.
//!
//! Java decides everything from the bags and their order, not from how a chain was stored:
//! a key's chain starts at the certificate with its `localKeyId` (an alias match is the
//! fallback) and climbs through issuers found by name among *all* certificates, trusted
//! ones included, preferring an AuthorityKeyIdentifier/SubjectKeyIdentifier match, until a
//! self-signed certificate or a loop.

use std::collections::{HashMap, HashSet};

use crate::cert::Certificate;
use crate::entry::{Entry, PrivateKeyEntry, SecretKeyEntry, TrustedCertEntry};
use crate::kind::Format;
use crate::limits::MAX_CHAIN_LENGTH;
use crate::protect::{ProtectedKey, ProtectedSecretKey};
use crate::store::KeyStore;
use crate::timestamp::Timestamp;

use super::dates::date_from_key_id;

/// What one bag contributes.
pub(super) enum Item {
    Key(ProtectedKey),
    Secret(ProtectedSecretKey),
    Cert(Certificate),
}

enum Pending {
    Key {
        key: ProtectedKey,
        key_id: Vec<u8>,
        created: Timestamp,
    },
    Done(Entry),
}

/// A certificate bag without trustedKeyUsage: a candidate for some key's chain.
struct CertEntry {
    cert: usize,
    key_id: Option<Vec<u8>>,
    alias: Option<String>,
}

/// Collects bags in file order, then links keys to chains.
pub(super) struct Loader {
    now: Timestamp,
    entries: Vec<(String, Pending)>,
    cert_entries: Vec<CertEntry>,
    all_certs: Vec<Certificate>,
    private_key_count: usize,
    unfriendly: usize,
}

impl Loader {
    pub(super) fn new() -> Self {
        Self {
            now: Timestamp::now(),
            entries: Vec::new(),
            cert_entries: Vec::new(),
            all_certs: Vec::new(),
            private_key_count: 0,
            unfriendly: 0,
        }
    }

    /// Java's made-up alias for a bag without friendlyName: "1", "2", ...
    fn alias(&mut self, friendly_name: Option<String>) -> String {
        friendly_name.unwrap_or_else(|| {
            self.unfriendly += 1;
            self.unfriendly.to_string()
        })
    }

    /// Adds one bag; `index` is its position in its SafeContents.
    pub(super) fn add(
        &mut self,
        item: Item,
        friendly_name: Option<String>,
        key_id: Option<&[u8]>,
        is_trusted: bool,
        index: usize,
    ) {
        let key_id = key_id.map(<[u8]>::to_vec);
        match item {
            Item::Key(key) => self.add_key(key, friendly_name, key_id),
            Item::Secret(key) => {
                let created = key_id
                    .as_deref()
                    .and_then(date_from_key_id)
                    .unwrap_or(self.now);
                let alias = self.alias(friendly_name);
                self.entries.push((
                    alias,
                    Pending::Done(SecretKeyEntry::new(key, created).into()),
                ));
            }
            Item::Cert(cert) => self.add_cert(cert, friendly_name, key_id, is_trusted, index),
        }
    }

    fn add_key(
        &mut self,
        key: ProtectedKey,
        friendly_name: Option<String>,
        key_id: Option<Vec<u8>>,
    ) {
        self.private_key_count += 1;
        // Java's workaround for files with one key and no localKeyId.
        let Some(key_id) = key_id.or_else(|| (self.private_key_count == 1).then(|| b"01".to_vec()))
        else {
            return;
        };
        let created = date_from_key_id(&key_id).unwrap_or(self.now);
        let alias = self.alias(friendly_name);
        self.entries.push((
            alias,
            Pending::Key {
                key,
                key_id,
                created,
            },
        ));
    }

    fn add_cert(
        &mut self,
        cert: Certificate,
        friendly_name: Option<String>,
        key_id: Option<Vec<u8>>,
        is_trusted: bool,
        index: usize,
    ) {
        if is_trusted {
            let alias = self.alias(friendly_name);
            self.entries.push((
                alias,
                Pending::Done(TrustedCertEntry::new(cert.clone(), self.now).into()),
            ));
        } else {
            // The same workaround tags the first certificate of a container.
            let key_id = key_id
                .or_else(|| (self.private_key_count == 1 && index == 0).then(|| b"01".to_vec()));
            self.cert_entries.push(CertEntry {
                cert: self.all_certs.len(),
                key_id,
                alias: friendly_name,
            });
        }
        self.all_certs.push(cert);
    }

    /// Links every key to its chain and builds the store; also counts the certificate bags
    /// Java does not see (neither trusted nor in any key's chain).
    pub(super) fn finish(self) -> (KeyStore, usize) {
        let has_keys = self
            .entries
            .iter()
            .any(|(_, p)| matches!(p, Pending::Key { .. }));
        let linker = has_keys.then(|| Linker::new(&self.all_certs, &self.cert_entries));
        let mut store = KeyStore::with_capacity(Format::Pkcs12, self.entries.len());
        let mut in_chains: HashSet<usize> = HashSet::new();
        for (alias, pending) in self.entries {
            let entry = match pending {
                Pending::Done(e) => e,
                Pending::Key {
                    key,
                    key_id,
                    created,
                } => {
                    let chain = linker
                        .as_ref()
                        .map(|l| l.chain(&key_id, &alias, &mut in_chains))
                        .unwrap_or_default();
                    PrivateKeyEntry::from_parts(key, chain, created).into()
                }
            };
            let alias = store.write_alias(&alias);
            store.push_loaded(alias, entry);
        }
        store.finish_load();
        let unseen = self
            .cert_entries
            .iter()
            .filter(|e| !in_chains.contains(&e.cert))
            .count();
        (store, unseen)
    }
}

/// Lookups for chain building, indexed so that no file can make linking quadratic.
struct Linker<'a> {
    all: &'a [Certificate],
    entries: &'a [CertEntry],
    by_subject: HashMap<String, Vec<usize>>,
    /// Positions in `entries` by key id, and by lower-cased alias.
    by_key_id: HashMap<&'a [u8], Vec<usize>>,
    by_alias: HashMap<String, Vec<usize>>,
}

impl<'a> Linker<'a> {
    fn new(all: &'a [Certificate], entries: &'a [CertEntry]) -> Self {
        let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in all.iter().enumerate() {
            if let Ok(name) = c.subject() {
                by_subject.entry(name.canonical()).or_default().push(i);
            }
        }
        let mut by_key_id: HashMap<&[u8], Vec<usize>> = HashMap::new();
        let mut by_alias: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(id) = &e.key_id {
                by_key_id.entry(id.as_slice()).or_default().push(i);
            }
            if let Some(a) = &e.alias {
                by_alias.entry(a.to_lowercase()).or_default().push(i);
            }
        }
        Self {
            all,
            entries,
            by_subject,
            by_key_id,
            by_alias,
        }
    }

    /// `findMatchedCertificate`: the first certificate matching both key id and alias, else
    /// the last matching the key id, else the last matching the alias.
    fn first_cert(&self, key_id: &[u8], alias: &str) -> Option<usize> {
        let folded = alias.to_lowercase();
        let same_alias =
            |e: &CertEntry| e.alias.as_ref().is_some_and(|a| a.to_lowercase() == folded);
        if let Some(ids) = self.by_key_id.get(key_id) {
            let full = ids.iter().find(|&&i| same_alias(&self.entries[i]));
            return full.or(ids.last()).map(|&i| self.entries[i].cert);
        }
        let last = self.by_alias.get(&folded)?.last()?;
        Some(self.entries[*last].cert)
    }

    /// `findIssuer`: a certificate named as the issuer, the one whose SubjectKeyIdentifier
    /// matches the AuthorityKeyIdentifier if there is one.
    fn issuer(&self, of: &Certificate) -> Option<usize> {
        let name = of.issuer().ok()?.canonical();
        let candidates = self.by_subject.get(&name)?;
        let Some(akid) = of.authority_key_id() else {
            return candidates.first().copied();
        };
        let mut fallback = None;
        for &i in candidates {
            match self.all[i].subject_key_id() {
                Some(skid) if skid == akid => return Some(i),
                Some(_) => {}
                None => fallback = Some(i),
            }
        }
        fallback
    }

    fn chain(&self, key_id: &[u8], alias: &str, used: &mut HashSet<usize>) -> Vec<Certificate> {
        let mut chain: Vec<Certificate> = Vec::new();
        let mut next = self.first_cert(key_id, alias);
        while let Some(i) = next {
            let cert = &self.all[i];
            if chain.contains(cert)
                || u64::try_from(chain.len()).unwrap_or(u64::MAX) >= MAX_CHAIN_LENGTH
            {
                break;
            }
            chain.push(cert.clone());
            used.insert(i);
            if cert.is_self_signed() {
                break;
            }
            next = self.issuer(cert);
        }
        chain
    }
}
