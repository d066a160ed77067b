//! A drop-in `keytool` built on `javakeystore`: keytool's command lines, prompts, output and
//! exit codes, without a JVM, and with safe writes (temporary file and rename, a lock held
//! from read to save, and a `-storetype` that contradicts the file never converts it).
//!
//! ```text
//! cargo run --release --example keytool -- -list -cacerts
//! cargo run --release --example keytool -- -storetype JCEKS -keystore .keystore -list -v
//! ```

// A binary: `pub` items in its modules are for its other modules.
#![allow(unreachable_pub)]

mod algs;
mod cli;
mod dates;
mod edit;
mod export;
mod ext;
mod fail;
mod import;
mod importkeystore;
mod keys;
mod list;
mod printcert;
mod reply;
mod requests;
mod session;
mod show;
mod term;
mod usage;
mod x509;

use std::process::ExitCode;

use cli::{Cmd, Opts};
use fail::Fail;
use x509::Warnings;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut warnings = Warnings::default();
    let (result, verbose, nowarn) = match cli::parse(&args) {
        Ok(mut o) => {
            warnings.0.append(&mut o.warnings);
            let r = run(&mut o, &mut warnings);
            (r, o.verbose, o.nowarn)
        }
        Err(f) => (Err(f), false, false),
    };
    let code = match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Exception { text, detail }) => {
            show::out(&format!("keytool error: {text}\n"));
            if let Some(d) = detail.filter(|_| verbose) {
                show::out(&format!("\tcaused by: {d}\n"));
            }
            ExitCode::FAILURE
        }
        Err(Fail::Usage { message, cmd }) => {
            eprintln!("{message}");
            usage::print(cmd);
            ExitCode::FAILURE
        }
        Err(Fail::Soft(message)) => {
            eprintln!("{message}");
            ExitCode::SUCCESS
        }
    };
    warnings.flush(nowarn, false);
    code
}

/// keytool's checks that come before any keystore is opened.
fn validate(o: &Opts, cmd: Cmd) -> Result<(), Fail> {
    if o.validity.is_some_and(|v| v <= 0) {
        return Err(Fail::plain("Validity must be greater than zero"));
    }
    if cmd == Cmd::List && o.verbose && o.rfc {
        return Err(Fail::usage(
            "Must not specify both -v and -rfc with 'list' command".into(),
            Some(cmd),
        ));
    }
    let short = |p: &Option<cli::Secret>| p.as_ref().is_some_and(|p| p.chars().count() < 6);
    if cmd == Cmd::Genkeypair && short(&o.keypass) {
        return Err(Fail::plain("Key password must be at least 6 characters"));
    }
    if short(&o.newpass) || short(&o.destkeypass) {
        return Err(Fail::plain("New password must be at least 6 characters"));
    }
    Ok(())
}

fn run(o: &mut Opts, w: &mut Warnings) -> Result<(), Fail> {
    let Some(cmd) = o.cmd else {
        usage::print(None);
        return Ok(());
    };
    if o.help {
        usage::print(Some(cmd));
        return Ok(());
    }
    validate(o, cmd)?;
    match cmd {
        Cmd::Printcert => return printcert::run(o, w),
        Cmd::Printcertreq => return requests::printcertreq(o),
        Cmd::Importkeystore => return importkeystore::run(o, w),
        Cmd::Printcrl | Cmd::Showinfo | Cmd::Keyclone | Cmd::Selfcert | Cmd::Gencrl => {
            return Err(Fail::plain(format!(
                "{} is not supported by this keytool",
                cmd.name()
            )));
        }
        _ => {}
    }
    let mut s = session::open(o, cmd)?;
    let outcome = match cmd {
        Cmd::List => list::run(o, &s, w),
        Cmd::Exportcert => export::run(o, &s, w),
        Cmd::Delete => edit::delete(o, &mut s),
        Cmd::Changealias => edit::changealias(o, &mut s),
        Cmd::Storepasswd => edit::storepasswd(o, &mut s),
        Cmd::Importcert => importcert(o, &mut s, w),
        Cmd::Genkeypair => keys::genkeypair(o, &mut s, w),
        Cmd::Genseckey => keys::genseckey(o, &mut s, false),
        Cmd::Importpass => keys::genseckey(o, &mut s, true),
        Cmd::Keypasswd => keys::keypasswd(o, &mut s),
        Cmd::Certreq => requests::certreq(o, &s),
        Cmd::Gencert => requests::gencert(o, &s, w),
        _ => Err(Fail::plain(format!(
            "{} is not supported by this keytool yet",
            cmd.name()
        ))),
    };
    if outcome.is_ok() && s.modified {
        s.save(o.verbose)?;
    }
    // keytool adds this warning at the very end of a successful command only.
    if outcome.is_ok()
        && let Some(warning) = s.format_warning()
    {
        w.0.push(warning);
    }
    outcome
}

fn importcert(o: &Opts, s: &mut session::Session, w: &mut Warnings) -> Result<(), Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    match s.store.get(&alias) {
        Some(javakeystore::Entry::PrivateKey(_)) => {
            if reply::install(o, s, w, &alias)? {
                eprintln!("Certificate reply was installed in keystore");
            } else {
                eprintln!("Certificate reply was not installed in keystore");
            }
            Ok(())
        }
        // keytool does nothing, silently, for a secret key alias.
        Some(javakeystore::Entry::SecretKey(_)) => Ok(()),
        _ => {
            let added = import::trusted(o, s, w, &alias)?;
            if added {
                s.modified = true;
                eprintln!("Certificate was added to keystore");
            } else {
                eprintln!("Certificate was not added to keystore");
            }
            Ok(())
        }
    }
}
