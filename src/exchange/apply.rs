//! `apply` and `verify`: the plan carried out — one locked read-modify-write per store, in
//! its own format, after a timestamped backup next to it; upload folders written; key
//! entries never touched except by `--regenerate`; a second run writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::inventory::{Inventory, Role, Server};
use super::matrix;
use super::plan::{Action, Plan, PlanRow, Problem, plan, store_action, store_password};
use crate::certgen::CertificateParams;
use crate::entry::{Entry, PrivateKeyEntry, TrustedCertEntry};
use crate::file::{KeyStoreFile, write_atomic};
use crate::fleet::CheckPolicy;
use crate::key::PrivateKey;
use crate::name::DistinguishedName;
use crate::sign::{KeySpec, SignatureAlgorithm};
use crate::timestamp::Timestamp;

/// How `apply` runs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApplyOptions {
    /// Where upload folders go.
    pub out: PathBuf,
    /// Re-create CVP certificates whose CN is not the server's FQDN first.
    pub regenerate: bool,
    /// Expiry thresholds for the findings.
    pub policy: CheckPolicy,
}

impl ApplyOptions {
    /// Upload folders under `out`, no regeneration, `-check`'s default thresholds now.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        ApplyOptions {
            out: out.into(),
            regenerate: false,
            policy: CheckPolicy::new(Timestamp::now()),
        }
    }
}

/// What `apply` did.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ApplyReport {
    /// The plan it carried out (made after any regeneration).
    pub plan: Plan,
    /// Stores and files written.
    pub written: Vec<PathBuf>,
    /// Backups made, one per store changed.
    pub backups: Vec<PathBuf>,
    /// CVP key entries re-created (`server: alias`).
    pub regenerated: Vec<String>,
    /// What to restart, per server, in the procedures' words.
    pub restarts: Vec<String>,
    /// Servers that failed while writing.
    pub problems: Vec<Problem>,
}

impl ApplyReport {
    /// True when nothing failed.
    pub fn is_success(&self) -> bool {
        self.problems.is_empty() && self.plan.problems.is_empty()
    }
}

/// `<file>.<YYYYMMDD-HHMMSS>.bak` next to the file (`-2`, `-3`... when taken), a copy made
/// before the store is replaced.
fn backup(path: &Path) -> Result<PathBuf, String> {
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let name = path
        .file_name()
        .map_or_else(|| "keystore".into(), |n| n.to_string_lossy());
    let mut candidate = path.with_file_name(format!("{name}.{stamp}.bak"));
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{stamp}-{n}.bak"));
        n += 1;
    }
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot back up {}: {e}", path.display()))?;
    write_atomic(&candidate, &bytes).map_err(|e| e.to_string())?;
    Ok(candidate)
}

/// Applies one store's rows under its lock, re-judged against what the locked file holds.
fn apply_store(
    server: &Server,
    rows: &[&PlanRow],
    report: &mut ApplyReport,
) -> Result<bool, String> {
    let path = matrix::store_path(server)?;
    let password = store_password(server)?;
    let mut file = KeyStoreFile::open_for_update(&path, password.as_str())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let now = Timestamp::now();
    let mut changes = Vec::new();
    for row in rows {
        let action = store_action(file.store(), &row.alias, &row.certificate);
        if matches!(action, Action::Add | Action::Replace) {
            changes.push(*row);
        }
    }
    if changes.is_empty() {
        return Ok(false);
    }
    report.backups.push(backup(&path)?);
    for row in changes {
        let entry = TrustedCertEntry::new(row.certificate.clone(), now);
        file.store_mut()
            .insert(&row.alias, entry.into())
            .map_err(|e| e.to_string())?;
    }
    // The form it was read in: a JCEKS .keystore stays JCEKS.
    file.save(password.as_str())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    report.written.push(path);
    Ok(true)
}

fn apply_folder(rows: &[&PlanRow], report: &mut ApplyReport) -> Result<bool, String> {
    let mut changed = false;
    for row in rows
        .iter()
        .filter(|r| matches!(r.action, Action::Add | Action::Replace))
    {
        if let Some(dir) = row.location.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        write_atomic(&row.location, row.certificate.to_pem().as_bytes())
            .map_err(|e| e.to_string())?;
        report.written.push(row.location.clone());
        changed = true;
    }
    Ok(changed)
}

/// What the procedures restart after a change on a server of `role`.
fn restart(server: &Server, out: &Path) -> String {
    let fqdn = &server.fqdn;
    match server.role {
        Role::Ads => format!("{fqdn}: restart Apache Tomcat"),
        Role::Cvp => format!("{fqdn}: restart the Cisco CVP Call Server and VXML Server"),
        Role::CvpReporting => format!("{fqdn}: restart the Cisco CVP Reporting Server"),
        _ => format!(
            "{fqdn}: upload the files in {} to tomcat-trust, then restart Cisco Tomcat \
             (utils service restart Cisco Tomcat)",
            super::plan::upload_folder(out, server).display()
        ),
    }
}

/// Carries out the plan (after `--regenerate`, if asked). A server that fails is reported
/// and skipped; the others go on.
pub fn apply(inv: &Inventory, options: &ApplyOptions) -> ApplyReport {
    let mut report = ApplyReport::default();
    if options.regenerate {
        for server in inv.servers.iter().filter(|s| s.role.is_cvp()) {
            if let Err(message) = regenerate(inv, server, &mut report) {
                report.problems.push(Problem {
                    server: server.fqdn.clone(),
                    message,
                });
            }
        }
    }
    let planned = plan(inv, &options.out, &options.policy);
    let mut by_target: BTreeMap<usize, Vec<&PlanRow>> = BTreeMap::new();
    for row in &planned.rows {
        by_target.entry(row.target_index).or_default().push(row);
    }
    for (t, rows) in by_target {
        let server = &inv.servers[t];
        let result = match matrix::target_kind(server.role) {
            matrix::TargetKind::Store => apply_store(server, &rows, &mut report),
            _ => apply_folder(&rows, &mut report),
        };
        match result {
            Ok(true) => report.restarts.push(restart(server, &options.out)),
            Ok(false) => {}
            Err(message) => report.problems.push(Problem {
                server: server.fqdn.clone(),
                message,
            }),
        }
    }
    report.plan = planned;
    report
}

/// The CVP aliases `--regenerate` re-creates.
const CVP_ALIASES: [&str; 3] = [
    "wsm_certificate",
    "vxml_certificate",
    "callserver_certificate",
];

/// Re-creates, as the procedures do (`-genkeypair` RSA 2048, SHA256withRSA, CN = FQDN, the
/// inventory's DN fields and validity), the CVP key entries whose CN is not the FQDN.
fn regenerate(inv: &Inventory, server: &Server, report: &mut ApplyReport) -> Result<(), String> {
    let path = matrix::store_path(server)?;
    let password = store_password(server)?;
    let mut file = KeyStoreFile::open_for_update(&path, password.as_str())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let stale: Vec<&str> = CVP_ALIASES
        .into_iter()
        .filter(|a| match file.store().get(a) {
            Some(Entry::PrivateKey(k)) => k
                .chain()
                .first()
                .and_then(|c| c.subject().ok())
                .and_then(|s| s.common_name())
                .is_none_or(|cn| !cn.eq_ignore_ascii_case(&server.fqdn)),
            _ => false,
        })
        .collect();
    if stale.is_empty() {
        return Ok(());
    }
    report.backups.push(backup(&path)?);
    let d = &inv.defaults;
    let field = |v: &Option<String>| v.clone().unwrap_or_default();
    let subject = DistinguishedName::from_components(
        &server.fqdn,
        &field(&d.ou),
        &field(&d.o),
        &field(&d.l),
        &field(&d.st),
        &field(&d.c),
    );
    let protection = file
        .stored()
        .write_options()
        .map_err(|e| e.to_string())?
        .key_protection(file.store().format());
    for alias in stale {
        let key = PrivateKey::generate(KeySpec::Rsa { bits: 2048 }).map_err(|e| e.to_string())?;
        let mut params =
            CertificateParams::new(subject.clone()).validity_days(d.validity.unwrap_or(1095));
        params.signature_algorithm = Some(SignatureAlgorithm::Sha256WithRsa);
        let cert = params.self_signed(&key).map_err(|e| e.to_string())?;
        let entry = PrivateKeyEntry::seal(&key, vec![cert], password.as_str(), protection)
            .map_err(|e| e.to_string())?;
        file.store_mut()
            .insert(alias, entry.into())
            .map_err(|e| e.to_string())?;
        report.regenerated.push(format!("{}: {alias}", server.fqdn));
    }
    file.save(password.as_str())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    report.written.push(path);
    report.restarts.push(restart(server, Path::new("")));
    Ok(())
}

/// `verify`: the rows of a plan the targets do not satisfy yet (with the plan's
/// problems, a non-empty answer means exit 1).
pub fn missing(plan: &Plan) -> Vec<&PlanRow> {
    plan.rows
        .iter()
        .filter(|r| !r.action.is_satisfied())
        .collect()
}
