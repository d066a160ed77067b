//! The files `-check` looks at: named stores, or every store and certificate file under a
//! folder (recursively, symbolic links followed once, never a loop), checked on all cores.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::check::{check_certificates_recorded, check_store_recorded};
use super::finding::{CertRecord, CheckPolicy, Finding, FindingCode};
use crate::certio::parse_certificates;
use crate::kind::Format;
use crate::store::KeyStore;

/// Files bigger than this under a folder are not keystores or certificates and are passed
/// over unread.
const MAX_SCANNED_FILE: u64 = 64 << 20;
/// How deep a folder walk goes.
const MAX_DEPTH: usize = 64;

/// What `-check` found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckedFile {
    /// The file.
    pub path: PathBuf,
    /// `JKS`, `JCEKS`, `PKCS12`, ... for a store, `certificates` for a certificate file,
    /// `None` when it could not be read.
    pub kind: Option<String>,
    /// Every certificate seen, for metrics.
    pub certificates: Vec<CertRecord>,
    /// The findings.
    pub findings: Vec<Finding>,
}

impl CheckedFile {
    fn unreadable(path: &Path, message: String) -> Self {
        CheckedFile {
            path: path.to_owned(),
            kind: None,
            certificates: Vec::new(),
            findings: vec![Finding::new(FindingCode::Unreadable, message)],
        }
    }
}

/// Checks one file: a store of any format (opened with `password`, or listed without one
/// as keytool does), or a PEM/DER/PKCS#7 certificate file. `None` when `listed` is false
/// and the file is neither (a folder's README); a file named by the user that is neither,
/// or any file that cannot be read, is an `unreadable` finding.
pub fn check_file(
    path: &Path,
    password: Option<&str>,
    policy: &CheckPolicy,
    listed: bool,
) -> Option<CheckedFile> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return Some(CheckedFile::unreadable(path, format!("cannot read: {e}"))),
    };
    if Format::detect(&bytes).is_ok() {
        return Some(match KeyStore::decode(bytes, password) {
            Ok((store, stored)) => {
                let (findings, certificates) =
                    check_store_recorded(&store, &stored, password, policy);
                CheckedFile {
                    path: path.to_owned(),
                    kind: Some(stored.format.to_string()),
                    certificates,
                    findings,
                }
            }
            Err(e) => CheckedFile::unreadable(path, e.to_string()),
        });
    }
    match parse_certificates(&bytes) {
        Ok(certs) => {
            let (findings, certificates) = check_certificates_recorded(&certs, policy);
            Some(CheckedFile {
                path: path.to_owned(),
                kind: Some("certificates".to_owned()),
                certificates,
                findings,
            })
        }
        Err(e) if listed => Some(CheckedFile::unreadable(
            path,
            format!("neither a keystore nor certificates: {e}"),
        )),
        Err(_) => None,
    }
}

/// Every regular file under `dir`, sorted, for [`check_file`]; folders that cannot be
/// read and broken links come back as `unreadable` results. Links are followed, each
/// folder visited once (so a loop ends), at most 64 levels deep; FIFOs and devices are
/// skipped, as are files over 64 MiB.
pub fn find_files(dir: &Path) -> (Vec<PathBuf>, Vec<CheckedFile>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    walk(dir, 0, &mut seen, &mut files, &mut problems);
    files.sort();
    (files, problems)
}

fn walk(
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<CheckedFile>,
) {
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if depth > MAX_DEPTH || !seen.insert(real) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let m = format!("cannot read the folder: {e}");
            problems.push(CheckedFile::unreadable(dir, m));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        // fs::metadata follows links: a link to a folder is walked, a broken one reported.
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, depth + 1, seen, files, problems),
            Ok(m) if m.is_file() && m.len() <= MAX_SCANNED_FILE => files.push(path),
            Ok(_) => {}
            Err(e) => {
                let m = format!("cannot follow: {e}");
                problems.push(CheckedFile::unreadable(&path, m));
            }
        }
    }
}

/// Checks `files` on all cores, in order. `listed` is as for [`check_file`]; files it
/// passes over are left out.
pub fn check_files(
    files: &[PathBuf],
    password: Option<&str>,
    policy: &CheckPolicy,
    listed: bool,
) -> Vec<CheckedFile> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 16)
        .min(files.len().max(1));
    // Workers take the next file as they finish one, so a big store does not hold up a
    // whole share of the list.
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, CheckedFile)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        if let Some(c) = check_file(path, password, policy, listed) {
                            mine.push((i, c));
                        }
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker that panicked is a bug: pass it on rather than drop its files.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, c)| c).collect()
}
