//! Certificate bundles: every certificate of a PEM file, a PKCS#7 chain or a folder of such
//! files, imported as trusted-certificate entries in one read-modify-write.
//!
//! keytool's `-importcert -file bundle.pem` keeps only the first certificate; a trust bundle
//! then costs one JVM per certificate. [`read_bundle`] reads them all, [`BundlePlan`] decides
//! each one's alias (from an [`AliasTemplate`]) or finds it already in the store, and
//! [`BundlePlan::apply`] inserts the new ones.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::cert::Certificate;
use crate::certio::parse_certificates;
use crate::entry::{Entry, TrustedCertEntry};
use crate::error::{BundleError, CertError, StoreError};
use crate::fleet::template::AliasTemplate;
use crate::limits::MAX_ENTRIES;
use crate::store::KeyStore;
use crate::timestamp::Timestamp;

/// The certificates of a bundle file or folder, in order, and the folder's files that held
/// none (skipped).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Bundle {
    /// Every certificate, in file order (a folder's files by name).
    pub certificates: Vec<Certificate>,
    /// Files of a folder that hold no certificate (a README, a key), left alone.
    pub skipped: Vec<PathBuf>,
}

/// Reads every certificate of `path`: a PEM file with any number of certificates (text
/// between them, CRLF line ends and a byte-order mark allowed), DER, PKCS#7 (`.p7b`, DER or
/// PEM), or a folder of such files (not its sub-folders), read in name order.
pub fn read_bundle(path: &Path) -> Result<Bundle, BundleError> {
    let io = |source| BundleError::Io {
        path: path.to_owned(),
        source,
    };
    let mut bundle = Bundle::default();
    if std::fs::metadata(path).map_err(io)?.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for file in files {
            match read_file(&file) {
                Ok(certs) => bundle.certificates.extend(certs),
                Err(BundleError::Empty { path }) => bundle.skipped.push(path),
                Err(e) => return Err(e),
            }
            check_count(path, bundle.certificates.len())?;
        }
    } else {
        bundle.certificates = read_file(path)?;
    }
    if bundle.certificates.is_empty() {
        return Err(BundleError::Empty {
            path: path.to_owned(),
        });
    }
    check_count(path, bundle.certificates.len())?;
    Ok(bundle)
}

impl Bundle {
    /// The certificates of bytes already read (standard input, say), as one bundle file;
    /// `name` is what errors call it.
    pub fn from_bytes(bytes: &[u8], name: &Path) -> Result<Bundle, BundleError> {
        let certificates = parse_bytes(bytes, name)?;
        check_count(name, certificates.len())?;
        Ok(Bundle {
            certificates,
            skipped: Vec::new(),
        })
    }
}

fn check_count(path: &Path, n: usize) -> Result<(), BundleError> {
    if u64::try_from(n).unwrap_or(u64::MAX) > MAX_ENTRIES {
        return Err(BundleError::TooMany {
            path: path.to_owned(),
            limit: MAX_ENTRIES,
        });
    }
    Ok(())
}

fn read_file(path: &Path) -> Result<Vec<Certificate>, BundleError> {
    let bytes = std::fs::read(path).map_err(|source| BundleError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_bytes(&bytes, path)
}

fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Vec<Certificate>, BundleError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match parse_certificates(bytes) {
        Ok(certs) => Ok(certs),
        Err(CertError::Empty) => Err(BundleError::Empty {
            path: path.to_owned(),
        }),
        // Text that is neither PEM nor DER (a README in a folder) holds no certificate.
        Err(CertError::Pem { .. }) if !bytes.windows(11).any(|w| w == b"-----BEGIN ") => {
            Err(BundleError::Empty {
                path: path.to_owned(),
            })
        }
        Err(source) => Err(BundleError::Certificate {
            path: path.to_owned(),
            source,
        }),
    }
}

/// What importing one certificate of a bundle does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleOutcome {
    /// Added under a new alias.
    Added,
    /// The store (or an earlier certificate of the bundle) already holds it, under this alias.
    AlreadyPresent {
        /// The alias that holds it.
        alias: String,
    },
}

/// One certificate of a bundle and what happens to it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BundleItem {
    /// The alias it gets, or the alias that already holds it.
    pub alias: String,
    /// The certificate.
    pub certificate: Certificate,
    /// Added, or already present.
    pub outcome: BundleOutcome,
}

/// The plan of a bundle import: each certificate's alias, or the entry that already holds it.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct BundlePlan {
    /// One item per certificate, in bundle order.
    pub items: Vec<BundleItem>,
}

impl BundlePlan {
    /// Plans the import of `certificates` into `store`: a certificate already in the store
    /// (same SHA-256 as a trusted certificate or a key entry's certificate, under any alias)
    /// or earlier in the bundle is left out; the others get `template`'s alias, and a clash
    /// with an existing or earlier alias gets `-2`, `-3`, ...
    pub fn new(store: &KeyStore, certificates: Vec<Certificate>, template: &AliasTemplate) -> Self {
        let mut seen: HashMap<[u8; 32], String> = HashMap::new();
        for (alias, entry) in store.entries() {
            if let Some(cert) = entry.certificate() {
                seen.entry(cert.sha256_fingerprint())
                    .or_insert_with(|| alias.to_owned());
            }
        }
        let mut taken: HashSet<String> = HashSet::new();
        let mut items = Vec::with_capacity(certificates.len());
        for (i, certificate) in certificates.into_iter().enumerate() {
            let sha = certificate.sha256_fingerprint();
            if let Some(alias) = seen.get(&sha) {
                items.push(BundleItem {
                    alias: alias.clone(),
                    certificate,
                    outcome: BundleOutcome::AlreadyPresent {
                        alias: alias.clone(),
                    },
                });
                continue;
            }
            let base = template.render(&certificate, i + 1);
            // Rendering parsed it: keep only the bytes, so a large bundle stays small.
            let certificate = certificate.shed();
            let alias = free_alias(store, &taken, &base);
            taken.insert(alias.to_lowercase());
            seen.insert(sha, alias.clone());
            items.push(BundleItem {
                alias,
                certificate,
                outcome: BundleOutcome::Added,
            });
        }
        BundlePlan { items }
    }

    /// How many certificates the plan adds.
    pub fn added(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.outcome == BundleOutcome::Added)
            .count()
    }

    /// How many certificates were already present.
    pub fn present(&self) -> usize {
        self.items.len() - self.added()
    }

    /// The summary line: `144 certificates added, 0 already present`.
    pub fn summary(&self) -> String {
        let added = self.added();
        let noun = if added == 1 {
            "certificate"
        } else {
            "certificates"
        };
        format!("{added} {noun} added, {} already present", self.present())
    }

    /// Inserts the added certificates into `store` as trusted-certificate entries dated
    /// `created`; returns how many it inserted.
    pub fn apply(&self, store: &mut KeyStore, created: Timestamp) -> Result<usize, StoreError> {
        let mut n = 0;
        for item in self
            .items
            .iter()
            .filter(|i| i.outcome == BundleOutcome::Added)
        {
            let entry: Entry = TrustedCertEntry::new(item.certificate.clone(), created).into();
            store.insert(&item.alias, entry)?;
            n += 1;
        }
        Ok(n)
    }
}

/// `base`, or `base-2`, `base-3`, ... : the first alias neither in the store nor planned.
fn free_alias(store: &KeyStore, taken: &HashSet<String>, base: &str) -> String {
    let free = |a: &str| !store.contains_alias(a) && !taken.contains(&a.to_lowercase());
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|a| free(a))
        .unwrap_or_else(|| base.to_owned())
}
