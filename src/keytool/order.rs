//! The orders in which Java walks a store's aliases.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::entry::Entry;
use crate::kind::Format;
use crate::store::KeyStore;

/// Java's `String.compareTo`: UTF-16 code unit order.
pub fn java_compare(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The entries in the order `-list` shows them: sorted by alias in Java's string order;
/// PKCS#12 aliases lower-cased as Java's map keys are, whatever case the file holds.
pub fn list_order(store: &KeyStore) -> Vec<(Cow<'_, str>, &Entry)> {
    let pkcs12 = store.format() == Format::Pkcs12;
    let mut entries: Vec<(Cow<'_, str>, &Entry)> = store
        .entries()
        .map(|(a, e)| {
            let alias = if pkcs12 {
                Cow::Owned(a.to_lowercase())
            } else {
                Cow::Borrowed(a)
            };
            (alias, e)
        })
        .collect();
    entries.sort_by(|a, b| java_compare(&a.0, &b.0));
    entries
}

/// The order `KeyStore.aliases()` enumerates a loaded store, which `-importkeystore`
/// follows: PKCS#12 keeps file order (a `LinkedHashMap`, lower-cased keys), JKS and JCEKS
/// use a `Hashtable`, whose order this reproduces.
pub fn enumeration_order(store: &KeyStore) -> Vec<String> {
    if store.format() == Format::Pkcs12 {
        return store.aliases().map(str::to_lowercase).collect();
    }
    hashtable_order(store.aliases().map(str::to_owned).collect())
}

/// `String.hashCode()`.
fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// `java.util.Hashtable` with default capacity 11 and load factor 0.75: entries go to the
/// head of bucket `(hash & 0x7FFFFFFF) % capacity`, the table grows to `2n + 1` when full
/// (re-inserting from the last bucket down), and enumeration runs from the last bucket down.
fn hashtable_order(keys: Vec<String>) -> Vec<String> {
    let bucket = |k: &str, cap: usize| {
        // The mask makes the hash non-negative, so it converts losslessly.
        usize::try_from(java_hash(k) & 0x7FFF_FFFF).unwrap_or(0) % cap
    };
    let mut table: Vec<Vec<String>> = vec![Vec::new(); 11];
    let mut count = 0usize;
    let mut threshold = 8usize;
    for key in keys {
        if table.iter().flatten().any(|k| *k == key) {
            continue;
        }
        if count >= threshold {
            let cap = table.len() * 2 + 1;
            let mut grown: Vec<Vec<String>> = vec![Vec::new(); cap];
            for chain in table.into_iter().rev() {
                for k in chain {
                    let i = bucket(&k, cap);
                    grown[i].insert(0, k);
                }
            }
            table = grown;
            // (int) (capacity * 0.75f), in integers.
            threshold = cap * 3 / 4;
        }
        let i = bucket(&key, table.len());
        table[i].insert(0, key);
        count += 1;
    }
    table.into_iter().rev().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtable_order_matches_java() {
        // Buckets 9, 10 and 0 of 11; enumeration runs from the last bucket down.
        let order = hashtable_order(vec!["a".into(), "b".into(), "c".into()]);
        assert_eq!(order, ["b", "a", "c"]);
        assert_eq!(java_hash("mykey"), 104_374_579);
        assert_eq!(java_compare("Z", "a"), Ordering::Less);
    }
}
