//! The keystore model: entries in file order, looked up by alias the way Java does.
//!
//! Java lower-cases aliases (`toLowerCase(Locale.ENGLISH)`) when it stores and when it looks up,
//! but keeps whatever a file holds when it loads. This model does the same, except that an entry
//! loaded with upper-case letters stays reachable (Java loses it), and JKS/JCEKS writing
//! lower-cases it again.

use std::borrow::Cow;

use crate::entry::{Entry, EntryKind};
use crate::error::StoreError;
use crate::format::Format;

/// One entry and its alias; `folded` is set only when folding changes the alias, so the
/// common all-lower-case alias costs no second allocation.
#[derive(Debug, Clone)]
struct Slot {
    alias: String,
    folded: Option<Box<str>>,
    entry: Entry,
}

impl Slot {
    fn new(alias: String, entry: Entry) -> Self {
        Self {
            folded: folded_copy(&alias),
            alias,
            entry,
        }
    }

    fn key(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.alias)
    }
}

/// An in-memory keystore.
///
/// Lookups go through a list of positions sorted by folded alias: no hashing, so no input
/// can make loading quadratic, and no per-entry key allocation.
#[derive(Debug, Clone)]
pub struct KeyStore {
    format: Format,
    slots: Vec<Slot>,
    /// Positions in `slots`, sorted by folded alias.
    index: Vec<usize>,
    /// How the store is written as PKCS#12.
    pub(crate) pkcs12: crate::format::Pkcs12Options,
    /// Set when loading skipped content (a PKCS#12 read without password): never saved.
    pub(crate) incomplete: bool,
}

/// Java's alias folding, borrowing when there is nothing to fold. Rust's full Unicode
/// lower-casing matches `Locale.ENGLISH`.
pub(crate) fn fold_cow(alias: &str) -> Cow<'_, str> {
    if alias
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(alias)
    } else {
        Cow::Owned(alias.to_lowercase())
    }
}

/// The folded alias when it differs from the alias itself.
fn folded_copy(alias: &str) -> Option<Box<str>> {
    match fold_cow(alias) {
        Cow::Borrowed(_) => None,
        Cow::Owned(f) => Some(f.into_boxed_str()),
    }
}

/// Java's alias folding.
pub(crate) fn fold(alias: &str) -> String {
    fold_cow(alias).into_owned()
}

impl KeyStore {
    /// An empty keystore that will be written as `format`.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            slots: Vec::new(),
            index: Vec::new(),
            pkcs12: crate::format::Pkcs12Options::modern(),
            incomplete: false,
        }
    }

    /// An empty store with room for `n` entries read from a file.
    pub(crate) fn with_capacity(format: Format, n: usize) -> Self {
        Self {
            slots: Vec::with_capacity(n),
            ..Self::new(format)
        }
    }

    /// The format the store was read from, or will be written as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when the store has no entries.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The entries in file order, with their aliases as stored.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = (&str, &Entry)> {
        self.slots.iter().map(|s| (s.alias.as_str(), &s.entry))
    }

    /// The aliases, as stored, in file order.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.slots.iter().map(|s| s.alias.as_str())
    }

    /// `Ok(slot)` for the alias, or `Err(place in index)` where it would go.
    fn search(&self, alias: &str) -> Result<usize, usize> {
        let key = fold_cow(alias);
        self.index
            .binary_search_by(|&i| self.slots[i].key().cmp(&key))
            .map(|at| self.index[at])
    }

    fn position(&self, alias: &str) -> Option<usize> {
        self.search(alias).ok()
    }

    /// True when an entry has this alias (compared case-insensitively).
    pub fn contains_alias(&self, alias: &str) -> bool {
        self.position(alias).is_some()
    }

    /// The entry with this alias (compared case-insensitively).
    pub fn get(&self, alias: &str) -> Option<&Entry> {
        self.position(alias).map(|i| &self.slots[i].entry)
    }

    /// The entry with this alias, mutably.
    pub fn get_mut(&mut self, alias: &str) -> Option<&mut Entry> {
        self.position(alias).map(|i| &mut self.slots[i].entry)
    }

    /// The entry with this alias, or [`StoreError::AliasNotFound`].
    pub fn entry(&self, alias: &str) -> Result<&Entry, StoreError> {
        self.get(alias).ok_or_else(|| StoreError::AliasNotFound {
            alias: alias.to_owned(),
        })
    }

    /// The alias as it will be stored in this format: JKS and JCEKS lower-case every alias,
    /// PKCS#12 lower-cases key entries and keeps trusted certificates' aliases as given.
    pub fn stored_alias(&self, alias: &str, kind: EntryKind) -> String {
        match (self.format, kind) {
            (Format::Pkcs12, EntryKind::TrustedCert) => alias.to_owned(),
            _ => fold(alias),
        }
    }

    /// Adds or replaces the entry for `alias`; returns the entry it replaced.
    ///
    /// A replaced entry keeps its position; a new one goes last.
    pub fn insert(&mut self, alias: &str, entry: Entry) -> Result<Option<Entry>, StoreError> {
        if alias.is_empty() {
            return Err(StoreError::EmptyAlias);
        }
        if self.format == Format::Jks && entry.kind() == EntryKind::SecretKey {
            return Err(StoreError::EntryKindNotSupported {
                format: self.format,
                kind: "secret key",
            });
        }
        let stored = self.stored_alias(alias, entry.kind());
        Ok(self.put(stored, entry))
    }

    /// Adds an entry keeping its alias exactly; a duplicate alias replaces the entry in place.
    pub(crate) fn put(&mut self, alias: String, entry: Entry) -> Option<Entry> {
        match self.search(&alias) {
            Ok(i) => {
                let old = std::mem::replace(&mut self.slots[i], Slot::new(alias, entry));
                Some(old.entry)
            }
            Err(at) => {
                self.index.insert(at, self.slots.len());
                self.slots.push(Slot::new(alias, entry));
                None
            }
        }
    }

    /// Appends an entry read from a file; call [`KeyStore::finish_load`] after the last.
    pub(crate) fn push_loaded(&mut self, alias: String, entry: Entry) {
        self.slots.push(Slot::new(alias, entry));
    }

    /// Builds the alias index once all entries are read. As in Java's loader, of several
    /// entries with one alias the last one wins.
    pub(crate) fn finish_load(&mut self) {
        let slots = &self.slots;
        let mut index: Vec<usize> = (0..slots.len()).collect();
        index.sort_by(|&a, &b| slots[a].key().cmp(slots[b].key()).then(a.cmp(&b)));
        let shadowed: Vec<usize> = index
            .windows(2)
            .filter(|w| slots[w[0]].key() == slots[w[1]].key())
            .map(|w| w[0])
            .collect();
        if shadowed.is_empty() {
            self.index = index;
            return;
        }
        let mut keep = vec![true; self.slots.len()];
        for i in shadowed {
            keep[i] = false;
        }
        let mut flags = keep.iter();
        self.slots.retain(|_| *flags.next().unwrap_or(&true));
        self.finish_load();
    }

    /// Removes and returns the entry with this alias.
    pub fn remove(&mut self, alias: &str) -> Result<Entry, StoreError> {
        let i = self
            .position(alias)
            .ok_or_else(|| StoreError::AliasNotFound {
                alias: alias.to_owned(),
            })?;
        self.index.retain(|&p| p != i);
        for p in &mut self.index {
            if *p > i {
                *p -= 1;
            }
        }
        Ok(self.slots.remove(i).entry)
    }

    /// Gives the entry `from` the alias `to`, keeping its position and contents.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), StoreError> {
        if to.is_empty() {
            return Err(StoreError::EmptyAlias);
        }
        let i = self
            .position(from)
            .ok_or_else(|| StoreError::AliasNotFound {
                alias: from.to_owned(),
            })?;
        if self.position(to).is_some_and(|j| j != i) {
            return Err(StoreError::AliasExists {
                alias: to.to_owned(),
            });
        }
        let stored = self.stored_alias(to, self.slots[i].entry.kind());
        self.index.retain(|&p| p != i);
        self.slots[i].folded = folded_copy(&stored);
        self.slots[i].alias = stored;
        let at = match self.search(to) {
            Ok(_) => unreachable!("the alias was checked free"),
            Err(at) => at,
        };
        self.index.insert(at, i);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::Certificate;
    use crate::entry::TrustedCertEntry;
    use crate::timestamp::Timestamp;

    fn trusted() -> Entry {
        let cert = Certificate::from_der_lazy(bytes::Bytes::from_static(&[0x30, 0x00])).unwrap();
        TrustedCertEntry::new(cert, Timestamp::from_unix_millis(0)).into()
    }

    #[test]
    fn aliases_fold_like_java() {
        let mut ks = KeyStore::new(Format::Jks);
        ks.insert("MyKey", trusted()).unwrap();
        assert_eq!(ks.aliases().collect::<Vec<_>>(), ["mykey"]);
        assert!(ks.contains_alias("MYKEY"));
        let mut p12 = KeyStore::new(Format::Pkcs12);
        p12.insert("TrustedMixed", trusted()).unwrap();
        assert_eq!(p12.aliases().collect::<Vec<_>>(), ["TrustedMixed"]);
        assert!(p12.contains_alias("trustedmixed"));
        assert_eq!(fold("ΣΑΣ"), "σας"); // final sigma, as Java
    }

    #[test]
    fn remove_and_rename_keep_the_index_consistent() {
        let mut ks = KeyStore::new(Format::Jceks);
        for a in ["a", "b", "c", "d"] {
            ks.insert(a, trusted()).unwrap();
        }
        ks.remove("B").unwrap();
        assert!(ks.get("c").is_some() && ks.get("d").is_some() && ks.get("b").is_none());
        ks.rename("d", "E").unwrap();
        assert_eq!(ks.aliases().collect::<Vec<_>>(), ["a", "c", "e"]);
        assert_eq!(
            ks.rename("a", "c"),
            Err(StoreError::AliasExists { alias: "c".into() })
        );
        assert_eq!(
            ks.remove("zz"),
            Err(StoreError::AliasNotFound { alias: "zz".into() })
        );
        ks.rename("a", "A").unwrap(); // renaming to itself in another case is fine
    }

    #[test]
    fn duplicate_aliases_on_load_keep_the_last() {
        let mut ks = KeyStore::new(Format::Jks);
        ks.push_loaded("x".into(), trusted());
        ks.push_loaded("y".into(), trusted());
        let later = trusted().with_created(Timestamp::from_unix_millis(5));
        ks.push_loaded("X".into(), later.clone());
        ks.finish_load();
        assert_eq!(ks.len(), 2);
        assert_eq!(ks.get("x"), Some(&later));
        assert!(ks.get("y").is_some());
    }
}
