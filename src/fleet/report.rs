//! The four outputs of `-check`: text for people, JSON (schema 1), a Nagios status line
//! and a Prometheus textfile-collector file with the x509-certificate-exporter's metric
//! names.

use std::fmt::Write;

use super::describe::SCHEMA;
use super::finding::{Finding, Severity};
use super::json::Json;
use super::scan::CheckedFile;

/// The worst finding of all files, `None` when there is none.
pub fn check_status(files: &[CheckedFile]) -> Option<Severity> {
    files
        .iter()
        .flat_map(|f| &f.findings)
        .map(Finding::severity)
        .max()
}

/// The Nagios exit status of a check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (only
/// unknowns).
pub fn nagios_exit_code(status: Option<Severity>) -> i32 {
    match status {
        None => 0,
        Some(Severity::Warning) => 1,
        Some(Severity::Critical) => 2,
        Some(Severity::Unknown) => 3,
    }
}

fn counts(files: &[CheckedFile]) -> [usize; 3] {
    let mut n = [0; 3];
    for f in files.iter().flat_map(|f| &f.findings) {
        n[match f.severity() {
            Severity::Critical => 0,
            Severity::Warning => 1,
            Severity::Unknown => 2,
        }] += 1;
    }
    n
}

fn finding_line(f: &Finding) -> String {
    let mut line = format!("{:<8} {}", f.severity().as_str(), f.code.as_str());
    if let Some(a) = &f.alias {
        let _ = write!(line, " <{a}>");
    }
    if let Some(s) = &f.subject {
        let _ = write!(line, " {s}");
    }
    let _ = write!(line, ": {}", f.message);
    line
}

/// `-format text`: per file its type, certificate count and findings, then a summary.
pub fn check_text(files: &[CheckedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let kind = f.kind.as_deref().unwrap_or("unreadable");
        let certs = f.certificates.len();
        let verdict = match f.findings.len() {
            0 => "OK".to_owned(),
            1 => "1 finding".to_owned(),
            n => format!("{n} findings"),
        };
        let _ = writeln!(
            out,
            "{}: {kind}, {certs} certificate(s), {verdict}",
            f.path.display()
        );
        for finding in &f.findings {
            let _ = writeln!(out, "  {}", finding_line(finding));
        }
    }
    let [c, w, u] = counts(files);
    let _ = writeln!(
        out,
        "{} file(s) checked: {c} critical, {w} warning(s), {u} unknown",
        files.len()
    );
    out
}

fn finding_json(f: &Finding) -> Json {
    Json::object([
        ("code", Json::str(f.code.as_str())),
        ("severity", Json::str(f.severity().as_str())),
        ("alias", Json::opt_str(f.alias.as_deref())),
        ("subject", Json::opt_str(f.subject.as_deref())),
        ("message", Json::str(&f.message)),
    ])
}

/// `-format json`: the files with their findings, and the overall status.
pub fn check_json(files: &[CheckedFile]) -> Json {
    let status = check_status(files).map_or("OK", Severity::as_str);
    let [c, w, u] = counts(files);
    let as_int = |n: usize| Json::Int(i64::try_from(n).unwrap_or(i64::MAX));
    let list = files
        .iter()
        .map(|f| {
            Json::object([
                ("path", Json::str(f.path.display().to_string())),
                ("type", Json::opt_str(f.kind.as_deref())),
                ("certificates", as_int(f.certificates.len())),
                (
                    "findings",
                    Json::Array(f.findings.iter().map(finding_json).collect()),
                ),
            ])
        })
        .collect();
    Json::object([
        ("schema", Json::Int(SCHEMA)),
        ("status", Json::str(status)),
        (
            "summary",
            Json::object([
                ("files", as_int(files.len())),
                ("critical", as_int(c)),
                ("warning", as_int(w)),
                ("unknown", as_int(u)),
            ]),
        ),
        ("files", Json::Array(list)),
    ])
}

/// `-format nagios`: one status line with the worst finding and performance data.
pub fn check_nagios(files: &[CheckedFile]) -> String {
    let status = check_status(files);
    let [c, w, u] = counts(files);
    let certs: usize = files.iter().map(|f| f.certificates.len()).sum();
    let worst = status.and_then(|s| {
        files
            .iter()
            .flat_map(|f| f.findings.iter().map(move |x| (f, x)))
            .find(|(_, x)| x.severity() == s)
    });
    let detail = worst.map_or_else(
        || format!("{certs} certificates in {} file(s)", files.len()),
        |(f, x)| format!("{}: {}", f.path.display(), finding_line(x)),
    );
    // One line, whatever a message holds.
    let detail = detail.replace(['\r', '\n', '|'], " ");
    format!(
        "KEYSTORE {} - {c} critical, {w} warning(s), {u} unknown; {detail} | files={} \
         certificates={certs} critical={c} warning={w} unknown={u}\n",
        status.map_or("OK", Severity::as_str),
        files.len()
    )
}

/// A Prometheus label value: backslash, quote and line feed escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// `-format prometheus`: `x509_cert_not_after`, `x509_cert_not_before` and
/// `x509_cert_expired` per certificate (labels `filepath`, `alias`, `subject_CN`,
/// `issuer_CN`, `serial_number`), `x509_read_errors`, and the findings by code.
pub fn check_prometheus(files: &[CheckedFile], now_unix_seconds: i64) -> String {
    let mut metrics: [(&str, &str, String); 3] = [
        (
            "x509_cert_not_after",
            "The date after which the certificate expires, in Unix seconds.",
            String::new(),
        ),
        (
            "x509_cert_not_before",
            "The date before which the certificate is not valid, in Unix seconds.",
            String::new(),
        ),
        (
            "x509_cert_expired",
            "1 when the certificate has expired, else 0.",
            String::new(),
        ),
    ];
    for f in files {
        let path = label(&f.path.display().to_string());
        for c in &f.certificates {
            let labels = format!(
                "filepath=\"{path}\",alias=\"{}\",subject_CN=\"{}\",issuer_CN=\"{}\",serial_number=\"{}\"",
                label(c.alias.as_deref().unwrap_or("")),
                label(&c.subject_cn),
                label(&c.issuer_cn),
                label(&c.serial),
            );
            let after = c.not_after.unix_millis().div_euclid(1000);
            let before = c.not_before.unix_millis().div_euclid(1000);
            let expired = u8::from(after < now_unix_seconds);
            for (i, v) in [after, before, i64::from(expired)].into_iter().enumerate() {
                let _ = writeln!(metrics[i].2, "{}{{{labels}}} {v}", metrics[i].0);
            }
        }
    }
    let mut out = String::new();
    for (name, help, body) in &metrics {
        let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{body}");
    }
    out.push_str(&findings_metrics(files));
    out
}

fn findings_metrics(files: &[CheckedFile]) -> String {
    let mut out = String::from(
        "# HELP x509_read_errors Files that could not be read or opened.\n\
         # TYPE x509_read_errors gauge\n",
    );
    let errors = files.iter().filter(|f| f.kind.is_none()).count();
    let _ = writeln!(out, "x509_read_errors {errors}");
    out.push_str(
        "# HELP keystore_check_findings Findings of keytool -check, by file and code.\n\
         # TYPE keystore_check_findings gauge\n",
    );
    for f in files {
        let mut codes: Vec<&str> = f.findings.iter().map(|x| x.code.as_str()).collect();
        codes.sort_unstable();
        let path = label(&f.path.display().to_string());
        for code in codes.chunk_by(|a, b| a == b) {
            let _ = writeln!(
                out,
                "keystore_check_findings{{filepath=\"{path}\",code=\"{}\"}} {}",
                code[0],
                code.len()
            );
        }
    }
    out
}
