//! A drop-in `keytool` built on `javakeystore`: keytool's command lines, prompts, output and
//! exit codes, without a JVM, and with safe writes (temporary file and rename, a lock held
//! from read to save, and a `-storetype` that contradicts the file never converts it).
//!
//! The library's `keytool` module holds keytool's knowledge (texts, policy, rules, the
//! command line); this binary is the shell: prompts, terminal, exit codes, exception wording
//! and dispatch.
//!
//! ```text
//! cargo run --release --example keytool -- -list -cacerts
//! cargo run --release --example keytool -- -storetype JCEKS -keystore .keystore -list -v
//! ```

// A binary: `pub` items in its modules are for its other modules.
#![allow(unreachable_pub)]

mod bundle;
mod check;
mod crl;
mod edit;
mod ensure;
mod entries;
mod fail;
mod importkeystore;
mod keys;
mod list;
mod pemkeys;
mod printcert;
mod requests;
mod session;
mod term;
mod trusted;

use std::process::ExitCode;

use javakeystore::keytool::{self, Command, Options, Release, Warnings};

use fail::Fail;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let release = Release::from_env();
    let mut warnings = Warnings::new(release);
    let (result, verbose, nowarn, json) = match keytool::parse_args_in(&args, release) {
        Ok(mut o) => {
            for line in o.warnings.drain(..) {
                warnings.push(line);
            }
            let r = run(&mut o, &mut warnings);
            (r, o.verbose, o.nowarn, json_output(&o))
        }
        // A command line that does not parse still asked for JSON errors.
        Err(e) => {
            let json = args
                .windows(2)
                .any(|w| w[0].eq_ignore_ascii_case("-format") && w[1].eq_ignore_ascii_case("json"));
            (Err(Fail::from_usage(e)), false, false, json)
        }
    };
    let code = match (&result, json) {
        (Err(f), true) => report_json(f),
        _ => report(result, verbose, release),
    };
    term::warn(&mut warnings, nowarn || json, false);
    term::drain_stdin(std::time::Duration::from_millis(250));
    code
}

/// Prints how the run ended, as keytool does, and gives its exit code.
fn report(result: Result<(), Fail>, verbose: bool, release: Release) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Exception { text, detail }) => {
            term::out(&format!("keytool error: {text}\n"));
            if let Some(d) = detail.filter(|_| verbose) {
                term::out(&format!("\tcaused by: {d}\n"));
            }
            ExitCode::FAILURE
        }
        Err(Fail::Usage { message, command }) => {
            eprintln!("{message}");
            eprint!("{}", keytool::help_text(command, release));
            ExitCode::FAILURE
        }
        Err(Fail::Soft(message)) => {
            eprintln!("{message}");
            ExitCode::SUCCESS
        }
        Err(Fail::Status(code)) => ExitCode::from(code),
    }
}

/// True with `-format json`.
pub fn json_output(o: &Options) -> bool {
    o.format.as_deref() == Some("json")
}

/// A failure as `-format json` reports it: one object on stderr, keytool's exit code.
fn report_json(f: &Fail) -> ExitCode {
    let (kind, message, code) = match f {
        Fail::Exception { text, .. } => (javakeystore::fleet::error_kind(text), text.clone(), 1),
        Fail::Usage { message, .. } => ("usage", message.clone(), 1),
        Fail::Soft(message) => ("gave_up", message.clone(), 0),
        Fail::Status(code) => return ExitCode::from(*code),
    };
    eprintln!(
        "{}",
        javakeystore::fleet::error_json(kind, &message).to_text()
    );
    ExitCode::from(code)
}

/// keytool's checks that come before any keystore is opened.
fn validate(o: &Options, cmd: Command) -> Result<(), Fail> {
    let formats: &[&str] = if cmd == Command::Check {
        &["text", "json", "nagios", "prometheus"]
    } else {
        &["text", "json"]
    };
    if let Some(f) = o.format.as_deref().filter(|f| !formats.contains(f)) {
        return Err(Fail::plain(format!(
            "-format {f} is not known for {}; use one of: {}",
            cmd.name(),
            formats.join(", ")
        )));
    }
    if o.validity.is_some_and(|v| v <= 0) {
        return Err(Fail::plain("Validity must be greater than zero"));
    }
    if cmd == Command::List && o.verbose && o.rfc {
        return Err(Fail::Usage {
            message: "Must not specify both -v and -rfc with 'list' command".into(),
            command: Some(cmd),
        });
    }
    let short = |p: &Option<keytool::Secret>| p.as_ref().is_some_and(|p| p.chars().count() < 6);
    if cmd == Command::Genkeypair && short(&o.keypass) {
        return Err(Fail::plain("Key password must be at least 6 characters"));
    }
    if short(&o.newpass) || short(&o.destkeypass) {
        return Err(Fail::plain("New password must be at least 6 characters"));
    }
    Ok(())
}

/// What this keytool cannot do, refused before anything runs: Java providers it cannot
/// load, signed JARs. JVM options are named under `-v`.
fn refuse_unavailable(o: &Options) -> Result<(), Fail> {
    if o.verbose {
        for j in o.ignored_java_options() {
            eprintln!("Note: -J{j} is for a JVM; this keytool has none and ignores it.");
        }
    }
    keytool::check_providers(o).map_err(|r| Fail::exception(r.keytool_text()))?;
    if o.jarfile.is_some() {
        return Err(Fail::plain(
            "-jarfile is not supported by this keytool (it does not read signed JAR files)",
        ));
    }
    Ok(())
}

fn run(o: &mut Options, w: &mut Warnings) -> Result<(), Fail> {
    let Some(cmd) = o.command else {
        eprint!("{}", keytool::help_text(None, o.release));
        return Ok(());
    };
    if o.help {
        eprint!("{}", keytool::help_text(Some(cmd), o.release));
        return Ok(());
    }
    validate(o, cmd)?;
    refuse_unavailable(o)?;
    ensure::check_command(o, cmd)?;
    match cmd {
        Command::Printcert => return printcert::run(o, w),
        Command::Printcertreq => return requests::printcertreq(o),
        Command::Importkeystore => return importkeystore::run(o, w),
        Command::Printcrl => return crl::printcrl(o, w),
        Command::Check => return check::run(o),
        Command::Version => {
            term::out(&keytool::version_text());
            return Ok(());
        }
        Command::Showinfo => {
            term::out(&keytool::showinfo_text(o.tls));
            return Ok(());
        }
        Command::Keyclone if o.dest.is_none() => {
            // keytool asks for the destination before it opens the store.
            let dest = term::ask("Enter destination alias name:  ").unwrap_or_default();
            if dest.is_empty() {
                return Err(Fail::plain("Must specify destination alias"));
            }
            o.dest = Some(dest);
        }
        _ => {}
    }
    let mut s = session::open(o, cmd)?;
    let outcome = if o.ensure && ensure::satisfied(cmd, o, &mut s)? {
        Ok(())
    } else {
        dispatch(cmd, o, &mut s, w)
    };
    if outcome.is_ok() && s.modified {
        s.save(o.verbose)?;
    }
    if outcome.is_ok() {
        ensure::report(o, s.modified);
    }
    // keytool adds this warning at the very end of a successful command only.
    if outcome.is_ok()
        && let Some(warning) = s.format_warning()
    {
        w.push(warning);
    }
    outcome
}

fn dispatch(
    cmd: Command,
    o: &Options,
    s: &mut session::Session,
    w: &mut Warnings,
) -> Result<(), Fail> {
    match cmd {
        Command::List => list::run(o, s, w),
        Command::Exportcert => list::export(o, s, w),
        Command::Delete => edit::delete(o, s),
        Command::Changealias => edit::changealias(o, s),
        Command::Storepasswd => edit::storepasswd(o, s),
        Command::Importcert => trusted::importcert(o, s, w),
        Command::Genkeypair => keys::genkeypair(o, s, w),
        Command::Genseckey => keys::genseckey(o, s, false),
        Command::Importpass => keys::genseckey(o, s, true),
        Command::Keypasswd => keys::keypasswd(o, s),
        Command::Certreq => requests::certreq(o, s),
        Command::Gencert => requests::gencert(o, s, w),
        Command::Gencrl => crl::gencrl(o, s, w),
        Command::Selfcert => entries::selfcert(o, s),
        Command::Keyclone => entries::keyclone(o, s),
        Command::Exportkey => pemkeys::exportkey(o, s),
        _ => Err(Fail::plain(format!(
            "{} is not supported by this keytool yet",
            cmd.name()
        ))),
    }
}
