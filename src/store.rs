//! The keystore model: entries in file order, looked up by alias the way Java does.
//!
//! Java lower-cases aliases (`toLowerCase(Locale.ENGLISH)`) when it stores and when it looks up,
//! but keeps whatever a file holds when it loads. This model does the same, except that an entry
//! loaded with upper-case letters stays reachable (Java loses it), and JKS/JCEKS writing
//! lower-cases it again.

use std::collections::HashMap;

use crate::entry::{Entry, EntryKind};
use crate::error::StoreError;
use crate::format::Format;

/// An in-memory keystore.
#[derive(Debug, Clone)]
pub struct KeyStore {
    format: Format,
    entries: Vec<(String, Entry)>,
    /// Lower-cased alias → position in `entries`.
    index: HashMap<String, usize>,
}

/// Java's alias folding. Rust's full Unicode lower-casing matches `Locale.ENGLISH`.
pub(crate) fn fold(alias: &str) -> String {
    if alias
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        alias.to_owned()
    } else {
        alias.to_lowercase()
    }
}

impl KeyStore {
    /// An empty keystore that will be written as `format`.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The format the store was read from, or will be written as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the store has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in file order, with their aliases as stored.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|(a, e)| (a.as_str(), e))
    }

    /// The aliases, as stored, in file order.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(a, _)| a.as_str())
    }

    fn position(&self, alias: &str) -> Option<usize> {
        self.index.get(&fold(alias)).copied()
    }

    /// True when an entry has this alias (compared case-insensitively).
    pub fn contains_alias(&self, alias: &str) -> bool {
        self.position(alias).is_some()
    }

    /// The entry with this alias (compared case-insensitively).
    pub fn get(&self, alias: &str) -> Option<&Entry> {
        self.position(alias).map(|i| &self.entries[i].1)
    }

    /// The entry with this alias, mutably.
    pub fn get_mut(&mut self, alias: &str) -> Option<&mut Entry> {
        self.position(alias).map(|i| &mut self.entries[i].1)
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

    /// Adds an entry read from a file, keeping its alias exactly; a duplicate alias replaces
    /// the earlier entry, as Java's loader does.
    pub(crate) fn put(&mut self, alias: String, entry: Entry) -> Option<Entry> {
        let key = fold(&alias);
        match self.index.get(&key) {
            Some(&i) => {
                let old = std::mem::replace(&mut self.entries[i], (alias, entry));
                Some(old.1)
            }
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push((alias, entry));
                None
            }
        }
    }

    /// Removes and returns the entry with this alias.
    pub fn remove(&mut self, alias: &str) -> Result<Entry, StoreError> {
        let i = self
            .position(alias)
            .ok_or_else(|| StoreError::AliasNotFound {
                alias: alias.to_owned(),
            })?;
        let (old_alias, entry) = self.entries.remove(i);
        self.index.remove(&fold(&old_alias));
        for pos in self.index.values_mut() {
            if *pos > i {
                *pos -= 1;
            }
        }
        Ok(entry)
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
        let stored = self.stored_alias(to, self.entries[i].1.kind());
        let old = std::mem::replace(&mut self.entries[i].0, stored);
        self.index.remove(&fold(&old));
        self.index.insert(fold(to), i);
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
        let cert = Certificate::from_der_lazy(vec![0x30, 0x00]).unwrap();
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
        ks.put("x".into(), trusted());
        let later = trusted().with_created(Timestamp::from_unix_millis(5));
        assert!(ks.put("X".into(), later.clone()).is_some());
        assert_eq!(ks.len(), 1);
        assert_eq!(ks.get("x"), Some(&later));
    }
}
