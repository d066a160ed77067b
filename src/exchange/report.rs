//! The exchange's outputs: the plan per target, the findings, the problems, what `apply`
//! wrote and what to restart; as text, and as JSON (schema 1) for the plan.

use std::fmt::Write;

use super::apply::ApplyReport;
use super::plan::{Action, Plan};
use crate::fleet::{Json, SCHEMA};
use crate::keytool::colon_hex;

fn short_sha(row_cert: &crate::cert::Certificate) -> String {
    colon_hex(&row_cert.sha256_fingerprint()[..8])
}

/// The plan as text: per target and location, one line per certificate
/// (`add`, `replace`, `unchanged`, `present`, `blocked`), then findings and problems.
pub fn plan_text(plan: &Plan) -> String {
    let mut out = String::new();
    let mut last = None;
    for row in &plan.rows {
        // Files of an upload folder are listed under the folder.
        let is_file = row.location.file_name().is_some_and(|n| *n == *row.alias);
        let place = match row.location.parent() {
            Some(folder) if is_file => folder,
            _ => row.location.as_path(),
        };
        let here = (&row.target, place);
        if last != Some(here) {
            let _ = writeln!(out, "{} ({})", row.target, place.display());
            last = Some(here);
        }
        let extra = match &row.action {
            Action::PresentAs(a) => format!(" (already trusted as <{a}>)"),
            Action::Blocked => " (the alias holds a key entry: left alone)".to_owned(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {:<9} {:<40} {} {} from {}{extra}",
            row.action.name(),
            row.alias,
            short_sha(&row.certificate),
            row.what,
            row.source
        );
    }
    let adds = plan
        .rows
        .iter()
        .filter(|r| matches!(r.action, Action::Add | Action::Replace))
        .count();
    let _ = writeln!(
        out,
        "{adds} to add or replace, {} already in place",
        plan.rows.len() - adds
    );
    for f in &plan.findings {
        let _ = writeln!(
            out,
            "finding {} {} {}: {}",
            f.server,
            f.what,
            f.finding.code.as_str(),
            f.finding.message
        );
    }
    for p in &plan.problems {
        let _ = writeln!(out, "problem {}: {}", p.server, p.message);
    }
    out
}

/// The plan as JSON: `rows[]` (target, location, alias, source, what, sha256, action),
/// `findings[]`, `problems[]`.
pub fn plan_json(plan: &Plan) -> Json {
    let rows = plan
        .rows
        .iter()
        .map(|r| {
            Json::object([
                ("target", Json::str(&r.target)),
                ("location", Json::str(r.location.display().to_string())),
                ("alias", Json::str(&r.alias)),
                ("source", Json::str(&r.source)),
                ("what", Json::str(r.what)),
                (
                    "sha256",
                    Json::str(colon_hex(&r.certificate.sha256_fingerprint())),
                ),
                ("action", Json::str(r.action.name())),
            ])
        })
        .collect();
    let findings = plan
        .findings
        .iter()
        .map(|f| {
            Json::object([
                ("server", Json::str(&f.server)),
                ("what", Json::str(f.what)),
                ("code", Json::str(f.finding.code.as_str())),
                ("severity", Json::str(f.finding.severity().as_str())),
                ("message", Json::str(&f.finding.message)),
            ])
        })
        .collect();
    let problems = plan
        .problems
        .iter()
        .map(|p| {
            Json::object([
                ("server", Json::str(&p.server)),
                ("message", Json::str(&p.message)),
            ])
        })
        .collect();
    Json::object([
        ("schema", Json::Int(SCHEMA)),
        ("rows", Json::Array(rows)),
        ("findings", Json::Array(findings)),
        ("problems", Json::Array(problems)),
    ])
}

/// What `apply` did: regenerated entries, backups, writes, problems, restarts.
pub fn apply_text(report: &ApplyReport) -> String {
    let mut out = String::new();
    for r in &report.regenerated {
        let _ = writeln!(out, "regenerated {r}");
    }
    for b in &report.backups {
        let _ = writeln!(out, "backup {}", b.display());
    }
    for w in &report.written {
        let _ = writeln!(out, "wrote {}", w.display());
    }
    if report.written.is_empty() {
        let _ = writeln!(out, "nothing to change");
    }
    for p in report.plan.problems.iter().chain(&report.problems) {
        let _ = writeln!(out, "problem {}: {}", p.server, p.message);
    }
    if !report.restarts.is_empty() {
        let _ = writeln!(out, "restart:");
        for r in &report.restarts {
            let _ = writeln!(out, "  {r}");
        }
    }
    out
}
