//! `-ensure` (this keytool only): before a command runs, whether the store already holds what
//! it asks for (then nothing is written and `unchanged` is printed), and what must go first
//! for it to be done (a different certificate or an outdated key under the alias).

use javakeystore::fleet::{self, KeyRequirement, TrustedState};
use javakeystore::keytool::{Command, Options};
use javakeystore::{Entry, Timestamp, parse_certificates};

use crate::fail::Fail;
use crate::keys::parse_dname;
use crate::printcert::read_input;
use crate::session::Session;

/// The commands `-ensure` applies to.
pub fn check_command(o: &Options, cmd: Command) -> Result<(), Fail> {
    let supported = matches!(
        cmd,
        Command::Importcert
            | Command::Importkeystore
            | Command::Genkeypair
            | Command::Delete
            | Command::Changealias
            | Command::Storepasswd
    );
    if o.ensure && !supported {
        return Err(Fail::plain(format!(
            "-ensure is not supported with {}; it applies to -importcert, -importkeystore, -genkeypair, -delete, -changealias and -storepasswd",
            cmd.name()
        )));
    }
    Ok(())
}

/// True when the store already satisfies the command; otherwise it removes what the command
/// replaces, so that the command itself can run as usual.
pub fn satisfied(cmd: Command, o: &Options, s: &mut Session) -> Result<bool, Fail> {
    let alias = o.alias.clone().unwrap_or_else(|| "mykey".into());
    match cmd {
        Command::Importcert if !o.bundle => importcert(o, s, &alias),
        Command::Genkeypair => genkeypair(o, s, &alias),
        Command::Delete => Ok(o.alias.is_some() && !s.store().contains_alias(&alias)),
        Command::Changealias => {
            let dest = o.dest.as_deref().unwrap_or_default();
            Ok(!dest.is_empty()
                && s.store().contains_alias(dest)
                && !s.store().contains_alias(&alias))
        }
        Command::Storepasswd => Ok(o.newpass.is_some() && o.newpass == s.storepass),
        _ => Ok(false),
    }
}

fn importcert(o: &Options, s: &mut Session, alias: &str) -> Result<bool, Fail> {
    if matches!(s.store().get(alias), Some(Entry::PrivateKey(_))) {
        // A CA reply: installed already when the key's chain starts with the reply's first
        // certificate.
        let input = read_input(o.file.as_deref())?;
        let reply = parse_certificates(&input).unwrap_or_default();
        let chain = s
            .store()
            .get(alias)
            .map(|e| e.chain().to_vec())
            .unwrap_or_default();
        return Ok(reply
            .first()
            .is_some_and(|r| chain.first().is_some_and(|c| c.as_der() == r.as_der())));
    }
    let certs = match o.sslserver {
        Some(_) => crate::printcert::input_certificates(o)?,
        None => parse_certificates(&read_input(o.file.as_deref())?).unwrap_or_default(),
    };
    let Some(cert) = certs.into_iter().next() else {
        return Ok(false);
    };
    match fleet::trusted_state(s.store(), alias, &cert) {
        TrustedState::Present => Ok(true),
        TrustedState::Different => {
            eprintln!("Replacing the certificate under <{alias}>");
            s.store_mut()
                .remove(alias)
                .map_err(|e| Fail::plain(e.to_string()))?;
            s.modified = true;
            Ok(false)
        }
        _ => Ok(false),
    }
}

fn genkeypair(o: &Options, s: &mut Session, alias: &str) -> Result<bool, Fail> {
    if !s.store().contains_alias(alias) {
        return Ok(false);
    }
    let mut want = KeyRequirement::new();
    want.dname = o.dname.as_deref().map(parse_dname).transpose()?;
    want.keyalg = o.keyalg.clone();
    want.keysize = o.keysize;
    match fleet::key_mismatch(s.store(), alias, &want, Timestamp::now()) {
        None => Ok(true),
        Some(why) => {
            if !matches!(s.store().get(alias), Some(Entry::PrivateKey(_))) {
                return Ok(false); // keytool's own "already exists" error follows
            }
            eprintln!("Replacing the key entry <{alias}>: {why}");
            s.store_mut()
                .remove(alias)
                .map_err(|e| Fail::plain(e.to_string()))?;
            s.modified = true;
            Ok(false)
        }
    }
}

/// Prints `changed` or `unchanged` on stdout, for the scripts that ran `-ensure`.
pub fn report(o: &Options, changed: bool) {
    if o.ensure {
        println!("{}", if changed { "changed" } else { "unchanged" });
    }
}
