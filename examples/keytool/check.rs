//! `-check` (this keytool only): hygiene findings over named stores and folders, printed as
//! text, JSON, a Nagios status line or a Prometheus textfile; the exit status is Nagios's
//! (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), and 0 for Prometheus, whose file carries the
//! state.

use std::path::{Path, PathBuf};

use javakeystore::fleet::{self, CheckPolicy, CheckedFile};
use javakeystore::keytool::Options;
use javakeystore::{Timestamp, write_atomic};

use crate::fail::Fail;
use crate::term;

fn days(value: Option<i64>, default: u32, name: &str) -> Result<u32, Fail> {
    match value {
        None => Ok(default),
        Some(v) => u32::try_from(v)
            .map_err(|_| Fail::plain(format!("{name} must be a number of days, 0 or more"))),
    }
}

fn policy(o: &Options) -> Result<CheckPolicy, Fail> {
    let mut p = CheckPolicy::new(Timestamp::now());
    p.warn_days = days(o.warndays, p.warn_days, "-warndays")?;
    p.crit_days = days(o.critdays, p.crit_days, "-critdays")?;
    if p.crit_days > p.warn_days {
        return Err(Fail::plain(format!(
            "-critdays ({}) must not exceed -warndays ({})",
            p.crit_days, p.warn_days
        )));
    }
    Ok(p)
}

/// Every file to report on: `-cacerts`, the `-keystore` files, then what the `-dir`
/// folders hold.
fn checked(o: &Options, policy: &CheckPolicy) -> Result<Vec<CheckedFile>, Fail> {
    let password = o.storepass.as_deref().map(String::as_str);
    let mut named: Vec<PathBuf> = o.keystores.iter().map(PathBuf::from).collect();
    if o.cacerts {
        let path = javakeystore::cacerts::locate().ok_or_else(|| {
            Fail::plain("No Java cacerts found: set JAVA_HOME or put java on the PATH")
        })?;
        named.insert(0, path);
    }
    if named.is_empty() && o.dirs.is_empty() {
        return Err(Fail::plain(
            "-check needs -keystore FILE, -cacerts or -dir FOLDER (-keystore and -dir may be repeated)",
        ));
    }
    let mut results = fleet::check_files(&named, password, policy, true);
    for dir in &o.dirs {
        let (files, problems) = fleet::find_files(Path::new(dir));
        results.extend(problems);
        results.extend(fleet::check_files(&files, password, policy, false));
    }
    Ok(results)
}

pub fn run(o: &Options) -> Result<(), Fail> {
    let policy = policy(o)?;
    let results = checked(o, &policy)?;
    let format = o.format.as_deref().unwrap_or("text");
    let text = match format {
        "json" => format!("{}\n", fleet::check_json(&results).to_text()),
        "nagios" => fleet::check_nagios(&results),
        "prometheus" => {
            fleet::check_prometheus(&results, policy.now.unix_millis().div_euclid(1000))
        }
        _ => fleet::check_text(&results),
    };
    match &o.file {
        // A textfile collector must never see half a file: written aside, then renamed.
        Some(file) => write_atomic(Path::new(file), text.as_bytes())
            .map_err(|e| Fail::plain(format!("cannot write {file}: {e}")))?,
        None => term::out(&text),
    }
    let code = match format {
        "prometheus" => 0,
        _ => fleet::nagios_exit_code(fleet::check_status(&results)),
    };
    match code {
        0 => Ok(()),
        c => Err(Fail::Status(u8::try_from(c).unwrap_or(3))),
    }
}
