//! `plan`: every certificate the matrix moves, fetched or read once, compared with what each
//! target store (or upload folder) holds — without writing anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::inventory::{Inventory, PasswordSource, Server};
use super::matrix::{self, Published, Requirement, TargetKind};
use crate::cert::Certificate;
use crate::entry::Entry;
use crate::extension::GeneralName;
use crate::fetch::{FetchOptions, fetch_chain};
use crate::file::KeyStoreFile;
use crate::fleet::{
    CheckPolicy, Finding, FindingCode, TrustedState, check_certificates, trusted_state,
};
use crate::store::KeyStore;

/// What `apply` does with one required certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Not there: added.
    Add,
    /// Another certificate under the alias (or in the file): replaced.
    Replace,
    /// Already there under the alias.
    Unchanged,
    /// Already there under another alias: left as it is.
    PresentAs(String),
    /// The alias holds a key entry, which the exchange never touches.
    Blocked,
}

impl Action {
    /// `add`, `replace`, `unchanged`, `present`, `blocked`.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Replace => "replace",
            Action::Unchanged => "unchanged",
            Action::PresentAs(_) => "present",
            Action::Blocked => "blocked",
        }
    }

    /// True when the target already trusts the certificate.
    pub fn is_satisfied(&self) -> bool {
        matches!(self, Action::Unchanged | Action::PresentAs(_))
    }
}

/// One required certificate in one target.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanRow {
    /// The target server's FQDN (index in `target_index`).
    pub target: String,
    /// Its index in the inventory.
    pub target_index: usize,
    /// The store, or the file in the upload folder.
    pub location: PathBuf,
    /// The alias (or file name).
    pub alias: String,
    /// The publishing server's FQDN.
    pub source: String,
    /// What it publishes (`wsm_certificate`, `iis`, ...).
    pub what: &'static str,
    /// The certificate.
    pub certificate: Certificate,
    /// What `apply` does.
    pub action: Action,
}

/// A server that could not be used this run; the rest goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The server's FQDN.
    pub server: String,
    /// What went wrong.
    pub message: String,
}

/// A finding about a published certificate, by its server.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanFinding {
    /// The publishing server.
    pub server: String,
    /// What it publishes.
    pub what: &'static str,
    /// The finding (`-check`'s codes).
    pub finding: Finding,
}

/// The plan of a run.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Plan {
    /// Every required certificate whose source and target could be read.
    pub rows: Vec<PlanRow>,
    /// Servers skipped, and why.
    pub problems: Vec<Problem>,
    /// What breaks the procedures' rules among the published certificates.
    pub findings: Vec<PlanFinding>,
}

/// The password of a server's store, from where the inventory (or the role) says.
pub(super) fn store_password(server: &Server) -> Result<Zeroizing<String>, String> {
    let text = match matrix::default_password(server) {
        PasswordSource::Literal(p) => p,
        PasswordSource::Env(v) => {
            std::env::var(&v).map_err(|_| format!("the environment variable {v} is not set"))?
        }
        PasswordSource::File(f) => {
            // The whole file is a secret too: wiped when dropped.
            let text = Zeroizing::new(
                std::fs::read_to_string(&f)
                    .map_err(|e| format!("cannot read the password file {}: {e}", f.display()))?,
            );
            text.lines().next().unwrap_or_default().to_owned()
        }
        PasswordSource::Properties { file, key } => {
            let path = server.root.join(&file);
            let text = Zeroizing::new(
                std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            );
            matrix::property(&text, &key)
                .ok_or_else(|| format!("{} has no {key}", path.display()))?
        }
    };
    Ok(Zeroizing::new(text))
}

/// Opens a server's store (read-only) with its password.
pub(super) fn open_store(
    server: &Server,
) -> Result<(PathBuf, KeyStore, Zeroizing<String>), String> {
    let path = matrix::store_path(server)?;
    let password = store_password(server)?;
    let file = KeyStoreFile::open(&path, password.as_str())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    // The file's own type rules (a store is never converted); an inventory that says
    // otherwise is pointing at the wrong file.
    if let Some(t) = server.storetype.filter(|t| *t != file.store().format()) {
        return Err(format!(
            "{} is a {} store, not {t} as the inventory says",
            path.display(),
            file.store().format()
        ));
    }
    Ok((path, file.into_store(), password))
}

type Sources = BTreeMap<(usize, Published), Certificate>;

/// Fetches or reads every published certificate the requirements need, TLS ones in
/// parallel; what fails is a problem of its server.
fn collect(inv: &Inventory, reqs: &[Requirement], plan: &mut Plan) -> Sources {
    let mut wanted: Vec<(usize, Published)> = reqs.iter().map(|r| (r.source, r.what)).collect();
    wanted.sort();
    wanted.dedup();
    let results: Vec<((usize, Published), Result<Certificate, String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = wanted
            .iter()
            .map(|&(i, what)| s.spawn(move || ((i, what), fetch_one(&inv.servers[i], what))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut out = Sources::new();
    for ((i, what), r) in results {
        match r {
            Ok(c) => {
                out.insert((i, what), c);
            }
            Err(message) => plan.problems.push(Problem {
                server: inv.servers[i].fqdn.clone(),
                message,
            }),
        }
    }
    out
}

fn fetch_one(server: &Server, what: Published) -> Result<Certificate, String> {
    match what {
        Published::Tls(kind) => {
            let endpoint = server.endpoint(kind);
            let options = FetchOptions {
                connect_to: server.connect.clone(),
                ..FetchOptions::default()
            };
            let chain = fetch_chain(&endpoint, &options)
                .map_err(|e| format!("{} ({endpoint}): {e}", kind.name()))?;
            chain
                .into_iter()
                .next()
                .ok_or_else(|| format!("{endpoint} sent no certificate"))
        }
        Published::Own(alias) => {
            let (path, store, _) = open_store(server)?;
            match store.get(alias) {
                Some(Entry::PrivateKey(k)) if !k.chain().is_empty() => Ok(k.chain()[0].clone()),
                _ => Err(format!("{}: no key entry <{alias}>", path.display())),
            }
        }
    }
}

/// The procedures' rules on a published certificate, and its CN against the server's FQDN.
fn findings(
    server: &Server,
    what: Published,
    cert: &Certificate,
    policy: &CheckPolicy,
) -> Vec<PlanFinding> {
    let mut found = check_certificates(std::slice::from_ref(cert), policy);
    let cn = cert
        .subject()
        .ok()
        .and_then(|s| s.common_name())
        .unwrap_or_default();
    let in_san = cert.inspect().is_ok_and(|i| {
        i.subject_alt_names()
            .iter()
            .any(|g| matches!(g, GeneralName::Dns(d) if d.eq_ignore_ascii_case(&server.fqdn)))
    });
    let already = found.iter().any(|f| f.code == FindingCode::ServerName);
    if !cn.eq_ignore_ascii_case(&server.fqdn) && !in_san && !already {
        let message = format!("the CN is {cn:?}, not the server's FQDN {}", server.fqdn);
        found.push(Finding::new(FindingCode::ServerName, message));
    }
    found
        .into_iter()
        .map(|finding| PlanFinding {
            server: server.fqdn.clone(),
            what: what.name(),
            finding,
        })
        .collect()
}

/// What `alias` of `store` means for `cert`.
pub(super) fn store_action(store: &KeyStore, alias: &str, cert: &Certificate) -> Action {
    match trusted_state(store, alias, cert) {
        TrustedState::Present => Action::Unchanged,
        TrustedState::OtherEntry => Action::Blocked,
        state => {
            let elsewhere = store.entries().find(|(_, e)| {
                matches!(e, Entry::TrustedCert(t) if t.certificate().as_der() == cert.as_der())
            });
            match (elsewhere, state) {
                (Some((other, _)), _) => Action::PresentAs(other.to_owned()),
                (None, TrustedState::Different) => Action::Replace,
                (None, _) => Action::Add,
            }
        }
    }
}

/// What a file in an upload folder means for `cert`.
pub(super) fn folder_action(file: &Path, cert: &Certificate) -> Action {
    match std::fs::read(file) {
        Ok(b) if b == cert.to_pem().as_bytes() => Action::Unchanged,
        Ok(_) => Action::Replace,
        Err(_) => Action::Add,
    }
}

/// The upload folder of a server: `<out>/<fqdn>/tomcat-trust`.
pub(super) fn upload_folder(out: &Path, server: &Server) -> PathBuf {
    out.join(&server.fqdn).join("tomcat-trust")
}

/// Plans the exchange: reads and fetches, compares, writes nothing. Certificates go to
/// upload folders under `out`.
pub fn plan(inv: &Inventory, out: &Path, policy: &CheckPolicy) -> Plan {
    let reqs = matrix::requirements(inv);
    let mut plan = Plan::default();
    let sources = collect(inv, &reqs, &mut plan);
    for ((i, what), cert) in &sources {
        plan.findings
            .extend(findings(&inv.servers[*i], *what, cert, policy));
    }
    for (t, target) in inv.servers.iter().enumerate() {
        let mine: Vec<&Requirement> = reqs.iter().filter(|r| r.target == t).collect();
        if mine.is_empty() {
            continue;
        }
        let read = match matrix::target_kind(target.role) {
            TargetKind::Store => open_store(target).map(|(p, s, _)| Some((p, s))),
            _ => Ok(None),
        };
        let store = match read {
            Ok(s) => s,
            Err(message) => {
                plan.problems.push(Problem {
                    server: target.fqdn.clone(),
                    message,
                });
                continue;
            }
        };
        for r in mine {
            let Some(cert) = sources.get(&(r.source, r.what)) else {
                continue;
            };
            let (location, action) = match &store {
                Some((path, s)) => (path.clone(), store_action(s, &r.alias, cert)),
                None => {
                    let file = upload_folder(out, target).join(&r.alias);
                    let action = folder_action(&file, cert);
                    (file, action)
                }
            };
            plan.rows.push(PlanRow {
                target: target.fqdn.clone(),
                target_index: t,
                location,
                alias: r.alias.clone(),
                source: inv.servers[r.source].fqdn.clone(),
                what: r.what.name(),
                certificate: cert.clone(),
                action,
            });
        }
    }
    plan
}
