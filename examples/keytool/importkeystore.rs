//! `-importkeystore`: all entries or one, between any of JKS, JCEKS and PKCS#12, with keytool's
//! messages and prompts; the password rules, alias order and backup naming are the library's.

use std::path::Path;

use javakeystore::error::{KeyError, StoreError};
use javakeystore::keytool::{self, Command, Options, Secret, SourceKey, Trust, Warnings};
use javakeystore::{Entry, Error, Format, KeyStore, KeyStoreFile};

use crate::fail::{Fail, key_text};
use crate::session::{self, Session};
use crate::term;

/// The source store and the password that opened it.
struct Source {
    store: KeyStore,
    pass: Option<Secret>,
}

fn canonical(p: &str) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(p).ok()
}

pub fn run(o: &mut Options, w: &mut Warnings) -> Result<(), Fail> {
    let src_name = o
        .srckeystore
        .clone()
        .ok_or_else(|| Fail::plain("Please specify -srckeystore"))?;
    let dest_name = session::keystore_name(o)?;
    if std::fs::metadata(&src_name).is_ok_and(|m| m.len() == 0) {
        return Err(Fail::plain(format!(
            "Source keystore file exists, but is empty: {src_name}"
        )));
    }
    let in_place = canonical(&src_name).is_some() && canonical(&src_name) == canonical(&dest_name);
    let (mut dest, src) = open_both(o, &src_name, &dest_name, in_place)?;
    if o.ensure && !in_place && already_imported(o, &src, &dest) {
        crate::ensure::report(o, false);
        return Ok(());
    }
    match o.alias.clone() {
        // A single import reports a failure only through its own messages, as keytool does.
        Some(alias) => {
            import_one(o, &src, &mut dest, w, &alias)?;
        }
        None => {
            if o.dest.is_some() || o.srckeypass.is_some() {
                return Err(Fail::plain(
                    "if alias not specified, destalias and srckeypass must not be specified",
                ));
            }
            import_all(o, &src, &mut dest, w)?;
        }
    }
    let backup = in_place.then(|| backup(&src_name)).transpose()?;
    dest.modified = true;
    dest.save(o.verbose)?;
    if let Some(warning) = dest.format_warning() {
        w.push(warning);
    }
    crate::ensure::report(o, true);
    if let Some(old) = backup {
        let (was, now) = (src.store.format(), dest.format());
        w.push(if was == now {
            format!("The original keystore \"{src_name}\" is backed up as \"{old}\"...")
        } else {
            format!(
                "Migrated \"{src_name}\" to {now}. The {was} keystore is backed up as \"{old}\"."
            )
        });
    }
    Ok(())
}

/// `-ensure`: every entry to import is in the destination already, with the same content.
fn already_imported(o: &Options, src: &Source, dest: &Session) -> bool {
    let pairs: Vec<(String, String)> = match &o.alias {
        Some(a) => vec![(a.clone(), o.dest.clone().unwrap_or_else(|| a.clone()))],
        None => src
            .store
            .aliases()
            .map(|a| (a.to_owned(), a.to_owned()))
            .collect(),
    };
    let src_pass = o.srckeypass.as_ref().or(src.pass.as_ref());
    let dest_pass = o.destkeypass.as_ref().or(dest.storepass.as_ref());
    pairs.iter().all(|(from, to)| {
        let (Some(a), Some(b)) = (src.store.get(from), dest.store().get(to)) else {
            return false;
        };
        match (javakeystore::fleet::same_entry(a, b), a, b) {
            (Some(same), _, _) => same,
            (None, Entry::SecretKey(x), Entry::SecretKey(y)) => {
                let open = |e: &javakeystore::SecretKeyEntry, p: Option<&Secret>| {
                    p.and_then(|p| e.open(p).ok())
                };
                match (open(x, src_pass), open(y, dest_pass)) {
                    (Some(k1), Some(k2)) => {
                        k1.algorithm() == k2.algorithm() && k1.as_bytes() == k2.as_bytes()
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    })
}

/// The destination session and the source store; in place, the destination is a new store
/// that replaces the file.
fn open_both(
    o: &mut Options,
    src_name: &str,
    dest_name: &str,
    in_place: bool,
) -> Result<(Session, Source), Fail> {
    let pem = crate::pemkeys::is_pem_source(o);
    if pem && in_place {
        return Err(Fail::plain(
            "-srcstoretype PEM needs a -destkeystore other than the PEM file",
        ));
    }
    if !in_place {
        eprintln!("Importing keystore {src_name} to {dest_name}...");
        let dest = session::open(o, Command::Importkeystore)?;
        let src = if pem {
            let pass = dest.save_password().unwrap_or_default().to_owned();
            let (store, pass) = crate::pemkeys::load(o, src_name, &pass)?;
            Source {
                store,
                pass: Some(pass),
            }
        } else {
            load_source(o, src_name)?
        };
        return Ok((dest, src));
    }
    let src = load_source(o, src_name)?;
    if o.storepass.is_none() {
        o.storepass = src.pass.clone();
    }
    let format = match o.storetype.as_deref() {
        Some(t) => session::parse_type(t)?,
        None => Format::Pkcs12,
    };
    Ok((session::replacing(o, format)?, src))
}

/// Copies the source file to `<file>.old` (or `.old2`, `.old3`, ...) before it is replaced.
fn backup(src: &str) -> Result<String, Fail> {
    let name = keytool::backup_path(Path::new(src));
    let bytes = javakeystore::read_file(Path::new(src)).map_err(|e| Fail::from_error(&e, None))?;
    javakeystore::write_atomic(&name, &bytes).map_err(|e| Fail::from_error(&e, None))?;
    Ok(name.display().to_string())
}

fn load_source(o: &Options, name: &str) -> Result<Source, Fail> {
    let peeked = KeyStoreFile::peek(name, None).map_err(|e| Fail::from_error(&e, None))?;
    if !peeked.exists() {
        return Err(Fail::exception(format!(
            "java.io.FileNotFoundException: {name} (No such file or directory)"
        )));
    }
    let format = peeked
        .format()
        .map_err(|e| Fail::from_error(&Error::Decode(e), None))?
        .unwrap_or(Format::Pkcs12);
    let requested = o
        .srcstoretype
        .as_deref()
        .map(session::parse_type)
        .transpose()?;
    if let Some(req) = requested.filter(|r| *r != format) {
        eprintln!(
            "Warning: {name} is a {format} keystore, not {req}: it is read as {format}; -srcstoretype {req} is ignored."
        );
    }
    let needs_password = peeked.needs_password();
    let mut pass = o.srcstorepass.clone();
    if pass.is_none() && needs_password {
        peeked
            .check()
            .map_err(|e| Fail::from_error(&e, Some(format)))?;
        pass = term::password("Enter source keystore password:  ");
    }
    let file = peeked
        .open(pass.as_deref().map(String::as_str))
        .map_err(|e| Fail::from_error(&e, Some(format)))?;
    if pass.is_none() && needs_password {
        eprint!("{}", keytool::NO_INTEGRITY_BANNER_SOURCE);
    }
    Ok(Source {
        store: file.into_store(),
        pass,
    })
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Imported,
    Skipped,
    Failed,
}

fn import_all(o: &Options, src: &Source, dest: &mut Session, w: &mut Warnings) -> Result<(), Fail> {
    let aliases = keytool::enumeration_order(&src.store);
    let mut ok = 0;
    for alias in &aliases {
        match import_one(o, src, dest, w, alias)? {
            Outcome::Imported => {
                ok += 1;
                eprintln!("Entry for alias {alias} successfully imported.");
            }
            Outcome::Failed
                if !o.noprompt
                    && term::yes_no("Do you want to quit the import process? [no]:  ")? =>
            {
                break;
            }
            _ => {}
        }
    }
    eprintln!(
        "Import command completed:  {ok} entries successfully imported, {} entries failed or cancelled",
        aliases.len() - ok
    );
    Ok(())
}

/// keytool's `recoverEntry`, with the prompt the library leaves to the caller.
fn recover(o: &Options, src: &Source, alias: &str, entry: &Entry) -> Result<Option<Secret>, Fail> {
    let protection = match entry {
        Entry::PrivateKey(k) => Some(k.protected_key().protection()),
        Entry::SecretKey(s) => Some(s.protected_key().protection()),
        _ => None,
    };
    let fail = |e: KeyError| Fail::exception(key_text(&e, protection));
    let srckeypass = o.srckeypass.as_deref().map(String::as_str);
    let srcstorepass = src.pass.as_deref().map(String::as_str);
    match keytool::source_key(entry, srckeypass, srcstorepass, src.store.format()) {
        Ok(SourceKey::NotNeeded) => return Ok(None),
        Ok(SourceKey::Opened(p)) => return Ok(Some(zeroize::Zeroizing::new(p.to_owned()))),
        Ok(_) => {}
        Err(e) => return Err(fail(e)),
    }
    for _ in 0..3 {
        if let Some(p) = term::password(&format!("Enter key password for <{alias}>")) {
            keytool::check_key_password(entry, &p).map_err(fail)?;
            return Ok(Some(p));
        }
    }
    Err(Fail::plain("Too many failures - try later"))
}

/// The alias to import under: `-destalias`, or the source alias, after keytool's overwrite
/// question; `None` when the user cancels this entry.
fn target_alias(
    o: &Options,
    src: &Source,
    dest: &Session,
    alias: &str,
) -> Result<Option<String>, Fail> {
    let new_alias = o.dest.clone().unwrap_or_else(|| alias.to_owned());
    if !dest.store().contains_alias(&new_alias) {
        return Ok(Some(new_alias));
    }
    if o.noprompt {
        eprintln!("Warning: Overwriting existing alias {alias} in destination keystore");
        return Ok(Some(new_alias));
    }
    if term::yes_no(&format!(
        "Existing entry alias {alias} exists, overwrite? [no]:  "
    ))? {
        return Ok(Some(new_alias));
    }
    match term::ask("Enter new alias name\t(RETURN to cancel import for this entry):  ") {
        Some(a) if a.is_empty() => {
            eprintln!("Entry for alias {alias} not imported.");
            Ok(None)
        }
        Some(a) => Ok(Some(a)),
        // keytool goes on with no alias at all when input ends here, and fails once the key
        // is recovered.
        None => {
            let entry = source_entry(src, alias)?;
            recover(o, src, alias, entry)?;
            Err(Fail::exception(
                "java.lang.NullPointerException: invalid null input",
            ))
        }
    }
}

fn source_entry<'a>(src: &'a Source, alias: &str) -> Result<&'a Entry, Fail> {
    src.store
        .get(alias)
        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> does not exist")))
}

fn import_one(
    o: &Options,
    src: &Source,
    dest: &mut Session,
    w: &mut Warnings,
    alias: &str,
) -> Result<Outcome, Fail> {
    let Some(new_alias) = target_alias(o, src, dest, alias)? else {
        return Ok(Outcome::Skipped);
    };
    let entry = source_entry(src, alias)?;
    let opened_with = recover(o, src, alias, entry)?;
    let dest_p12 = dest.format() == Format::Pkcs12 && !dest.passwordless();
    let store_pass = dest.save_password().unwrap_or_default().to_owned();
    let new_pass = keytool::destination_key_password(
        o.destkeypass.as_deref().map(String::as_str),
        opened_with.as_deref().map(String::as_str),
        dest_p12,
        &store_pass,
    )
    .map(str::to_owned);
    if let Some(cert) = entry.certificate() {
        // keytool consults cacerts here only under -trustcacerts: the system's own roots
        // are warned about when they are imported.
        let cacerts = crate::trusted::cacerts(o);
        let trust = Trust::with_cacerts(Some(dest.store()), cacerts);
        w.check(&trust, &format!("<{new_alias}>"), cert, Some(cert));
    }
    let open = opened_with.as_deref().map_or("", |p| p.as_str());
    let seal = new_pass.as_deref().unwrap_or("");
    let protection = dest.key_protection();
    match dest
        .store_mut()
        .import_entry(&new_alias, entry, open, seal, protection)
    {
        Ok(_) => {}
        Err(Error::Store(StoreError::EntryKindNotSupported { .. })) => {
            return Ok(problem(
                alias,
                "java.security.KeyStoreException: Cannot store non-PrivateKeys",
            ));
        }
        Err(Error::Store(StoreError::KeyNotConverted { reason, .. })) => {
            return Ok(problem(
                alias,
                &format!("java.security.KeyStoreException: {reason}"),
            ));
        }
        Err(e) => return Err(Fail::from_error(&e, Some(dest.format()))),
    }
    if keytool::pkcs12_password_mismatch(dest_p12, new_pass.as_deref(), &store_pass) {
        return Err(Fail::plain(
            "The destination pkcs12 keystore has different storepass and keypass. Please retry with -destkeypass specified.",
        ));
    }
    Ok(Outcome::Imported)
}

fn problem(alias: &str, exception: &str) -> Outcome {
    eprintln!(
        "Problem importing entry for alias {alias}: {exception}.\nEntry for alias {alias} not imported."
    );
    Outcome::Failed
}
