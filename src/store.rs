//! The keystore model: entries in file order, looked up by alias the way Java does.
//!
//! Java lower-cases aliases (`toLowerCase(Locale.ENGLISH)`) when it stores and when it looks up,
//! but keeps whatever a file holds when it loads. This model does the same, except that an entry
//! loaded with upper-case letters stays reachable (Java loses it), and JKS/JCEKS writing
//! lower-cases it again.

use std::borrow::Cow;
use std::ops::Range;

use crate::entry::{Entry, EntryKind};
use crate::error::StoreError;
use crate::kind::Format;

/// One entry and where its alias is in the store's name buffer; `folded` is set only when
/// folding changes the alias, so the common all-lower-case alias costs no allocation at all.
#[derive(Debug, Clone)]
struct Slot {
    alias: Range<usize>,
    folded: Option<Box<str>>,
    /// [`order_hash`] of the folded alias.
    hash: u64,
    entry: Entry,
}

/// A fixed, cheap hash (FxHash's mixing, eight bytes at a time) that orders the index.
/// Sorting by it first, then by the alias, keeps lookups a binary search (so nothing is
/// quadratic, whatever the aliases) while sparing the long common prefixes (`debian:…`) most
/// comparisons.
fn order_hash(key: &str) -> u64 {
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    let mut chunks = key.as_bytes().chunks_exact(8);
    let h = (&mut chunks).fold(u64::try_from(key.len()).unwrap_or(u64::MAX), |h, c| {
        mix(h, u64::from_le_bytes(c.try_into().unwrap_or_default()))
    });
    mix(
        h,
        chunks
            .remainder()
            .iter()
            .fold(0, |w, &b| w << 8 | u64::from(b)),
    )
}

/// The folded alias of `slot`, whose alias text is in `names`.
fn key<'a>(names: &'a str, slot: &'a Slot) -> &'a str {
    slot.folded
        .as_deref()
        .unwrap_or_else(|| names.get(slot.alias.clone()).unwrap_or_default())
}

/// An alias written into a store's name buffer, not yet attached to an entry.
pub(crate) struct AliasText(Range<usize>);

/// An in-memory keystore.
///
/// Aliases live in one buffer and lookups are a binary search over positions sorted by
/// (fixed hash, folded alias): loading allocates nothing per alias, and no input can make it
/// quadratic.
#[derive(Debug, Clone)]
pub struct KeyStore {
    format: Format,
    /// Every alias, back to back (replaced ones stay until the store is dropped).
    names: String,
    slots: Vec<Slot>,
    /// Positions in `slots`, sorted by (hash, folded alias).
    index: Vec<usize>,
}

/// Java's alias folding, borrowing when there is nothing to fold. Rust's full Unicode
/// lower-casing matches `Locale.ENGLISH`.
pub(crate) fn fold_cow(alias: &str) -> Cow<'_, str> {
    // No early exit, so the check runs on whole vectors of bytes.
    let foldable = alias.bytes().fold(false, |any, b| {
        any | (b.wrapping_sub(b'A') < 26) | (b >= 0x80)
    });
    if !foldable {
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
            names: String::new(),
            slots: Vec::new(),
            index: Vec::new(),
        }
    }

    /// An empty store with room for `n` entries read from a file.
    pub(crate) fn with_capacity(format: Format, n: usize) -> Self {
        Self {
            slots: Vec::with_capacity(n),
            names: String::with_capacity(n * 24),
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

    fn alias_of(&self, slot: &Slot) -> &str {
        self.names.get(slot.alias.clone()).unwrap_or_default()
    }

    /// The entries in file order, with their aliases as stored.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = (&str, &Entry)> {
        self.slots.iter().map(|s| (self.alias_of(s), &s.entry))
    }

    /// The aliases, as stored, in file order.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.slots.iter().map(|s| self.alias_of(s))
    }

    /// `Ok(slot)` for the alias, or `Err(place in index)` where it would go.
    fn search(&self, alias: &str) -> Result<usize, usize> {
        let wanted_key = fold_cow(alias);
        let wanted = (order_hash(&wanted_key), wanted_key.as_ref());
        self.index
            .binary_search_by(|&i| {
                let s = &self.slots[i];
                (s.hash, key(&self.names, s)).cmp(&wanted)
            })
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
        let found = self.search(&alias);
        let text = self.write_alias(&alias);
        let slot = self.slot(text, entry);
        match found {
            Ok(i) => Some(std::mem::replace(&mut self.slots[i], slot).entry),
            Err(at) => {
                self.index.insert(at, self.slots.len());
                self.slots.push(slot);
                None
            }
        }
    }

    /// Writes an alias into the name buffer.
    pub(crate) fn write_alias(&mut self, alias: &str) -> AliasText {
        let start = self.names.len();
        self.names.push_str(alias);
        AliasText(start..self.names.len())
    }

    /// Writes an alias into the name buffer through `write`, which appends it (a decoder can
    /// so decode straight into the buffer).
    pub(crate) fn write_alias_with<E>(
        &mut self,
        write: impl FnOnce(&mut String) -> Result<(), E>,
    ) -> Result<AliasText, E> {
        let start = self.names.len();
        write(&mut self.names)?;
        Ok(AliasText(start..self.names.len()))
    }

    fn slot(&self, text: AliasText, entry: Entry) -> Slot {
        let (alias, folded, hash) = self.label(text);
        Slot {
            alias,
            folded,
            hash,
            entry,
        }
    }

    /// Where an alias is, its folded form if different, and its hash.
    fn label(&self, text: AliasText) -> (Range<usize>, Option<Box<str>>, u64) {
        let alias = self.names.get(text.0.clone()).unwrap_or_default();
        let folded = folded_copy(alias);
        let hash = order_hash(folded.as_deref().unwrap_or(alias));
        (text.0, folded, hash)
    }

    /// Appends an entry read from a file; call [`KeyStore::finish_load`] after the last.
    pub(crate) fn push_loaded(&mut self, alias: AliasText, entry: Entry) {
        let slot = self.slot(alias, entry);
        self.slots.push(slot);
    }

    /// Builds the alias index once all entries are read. As in Java's loader, of several
    /// entries with one alias the last one wins.
    pub(crate) fn finish_load(&mut self) {
        let (slots, names) = (&self.slots, self.names.as_str());
        // Sorting (hash, position) pairs compares integers only; aliases are compared just
        // within runs of equal hashes, which are rare, and only there can two be equal.
        let mut keyed: Vec<(u64, usize)> = slots.iter().map(|s| s.hash).zip(0..).collect();
        keyed.sort_unstable();
        let mut index: Vec<usize> = keyed.iter().map(|&(_, i)| i).collect();
        let mut shadowed = Vec::new();
        let mut start = 0;
        while start < keyed.len() {
            let end = start + keyed[start..].partition_point(|k| k.0 == keyed[start].0);
            if end - start > 1 {
                let run = &mut index[start..end];
                run.sort_unstable_by(|&a, &b| {
                    key(names, &slots[a])
                        .cmp(key(names, &slots[b]))
                        .then(a.cmp(&b))
                });
                shadowed.extend(
                    run.windows(2)
                        .filter(|w| key(names, &slots[w[0]]) == key(names, &slots[w[1]]))
                        .map(|w| w[0]),
                );
            }
            start = end;
        }
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
        let text = self.write_alias(&stored);
        let (alias, folded, hash) = self.label(text);
        let slot = &mut self.slots[i];
        (slot.alias, slot.folded, slot.hash) = (alias, folded, hash);
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
        for (alias, entry) in [
            ("x", trusted()),
            ("y", trusted()),
            ("X", trusted().with_created(Timestamp::from_unix_millis(5))),
        ] {
            let text = ks.write_alias(alias);
            ks.push_loaded(text, entry);
        }
        ks.finish_load();
        assert_eq!(ks.len(), 2);
        assert_eq!(
            ks.get("x").map(Entry::created),
            Some(Timestamp::from_unix_millis(5))
        );
        assert_eq!(ks.aliases().collect::<Vec<_>>(), ["y", "X"]);
        assert!(ks.get("y").is_some());
    }
}
