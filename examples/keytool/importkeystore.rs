//! `-importkeystore`: all entries or one, between any of JKS, JCEKS and PKCS#12, with keytool's
//! messages, prompts and password rules, and its in-place migration (with a `.old` backup).

use std::path::Path;

use javakeystore::{Entry, Error, Format, KeyError, KeyStore, StoreError};

use crate::cli::{Cmd, Opts, Secret};
use crate::fail::{Fail, key_text};
use crate::session::{self, Session};
use crate::term;
use crate::x509::{Trust, Warnings};

/// The source store and the password that opened it.
struct Source {
    store: KeyStore,
    pass: Option<Secret>,
}

fn canonical(p: &str) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(p).ok()
}

pub fn run(o: &mut Opts, w: &mut Warnings) -> Result<(), Fail> {
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
    let (mut dest, src) = if in_place {
        let src = load_source(o, &src_name)?;
        if o.storepass.is_none() {
            o.storepass = src.pass.clone();
        }
        let format = match o.storetype.as_deref() {
            Some(t) => session::parse_type(t)?,
            None => Format::Pkcs12,
        };
        (session::replacing(o, format)?, src)
    } else {
        eprintln!("Importing keystore {src_name} to {dest_name}...");
        let dest = session::open(o, Cmd::Importkeystore)?;
        (dest, load_source(o, &src_name)?)
    };
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
    let backup = if in_place {
        Some(backup(&src_name)?)
    } else {
        None
    };
    dest.modified = true;
    dest.save(o.verbose)?;
    if let Some(warning) = dest.format_warning() {
        w.0.push(warning);
    }
    if let Some(old) = backup {
        let (was, now) = (src.store.format(), dest.store.format());
        w.0.push(if was == now {
            format!("The original keystore \"{src_name}\" is backed up as \"{old}\"...")
        } else {
            format!(
                "Migrated \"{src_name}\" to {now}. The {was} keystore is backed up as \"{old}\"."
            )
        });
    }
    Ok(())
}

/// Copies the source file to `<file>.old` (or `.old2`, `.old3`, ...) before it is replaced.
fn backup(src: &str) -> Result<String, Fail> {
    for n in 1.. {
        let name = if n == 1 {
            format!("{src}.old")
        } else {
            format!("{src}.old{n}")
        };
        if !Path::new(&name).exists() {
            let bytes =
                javakeystore::read_file(Path::new(src)).map_err(|e| Fail::from_error(&e, None))?;
            javakeystore::write_atomic(Path::new(&name), &bytes)
                .map_err(|e| Fail::from_error(&e, None))?;
            return Ok(name);
        }
    }
    unreachable!("some backup name is free")
}

fn load_source(o: &Opts, name: &str) -> Result<Source, Fail> {
    let bytes = std::fs::read(name).map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound {
            "No such file or directory".to_owned()
        } else {
            e.to_string()
        };
        Fail::exception(format!("java.io.FileNotFoundException: {name} ({why})"))
    })?;
    let format = Format::detect(&bytes).map_err(|e| Fail::from_error(&Error::Decode(e), None))?;
    if let Some(req) = o
        .srcstoretype
        .as_deref()
        .map(session::parse_type)
        .transpose()?
        && req != format
    {
        eprintln!(
            "Warning: {name} is a {format} keystore, not {req}: it is read as {format}; -srcstoretype {req} is ignored."
        );
    }
    let passwordless = format == Format::Pkcs12 && javakeystore::is_passwordless(&bytes);
    let mut pass = o.srcstorepass.clone();
    if pass.is_none() && !passwordless {
        pass = term::password("Enter source keystore password:  ");
    }
    let store = match &pass {
        Some(p) => KeyStore::from_bytes(&bytes, p),
        None => KeyStore::from_bytes_unverified(&bytes),
    }
    .map_err(|e| Fail::from_error(&e, Some(format)))?;
    if pass.is_none() && !passwordless {
        eprintln!(
            "\n*****************  WARNING WARNING WARNING  *****************\n\
             * The integrity of the information stored in the srckeystore*\n\
             * has NOT been verified!  In order to verify its integrity, *\n\
             * you must provide the srckeystore password.                *\n\
             *****************  WARNING WARNING WARNING  *****************\n"
        );
    }
    Ok(Source { store, pass })
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Imported,
    Skipped,
    Failed,
}

fn import_all(o: &Opts, src: &Source, dest: &mut Session, w: &mut Warnings) -> Result<(), Fail> {
    let aliases = enumeration_order(&src.store);
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

/// The order Java enumerates a loaded store's aliases: PKCS#12 keeps file order
/// (`LinkedHashMap`), JKS and JCEKS use a `Hashtable`, whose order this reproduces.
fn enumeration_order(store: &KeyStore) -> Vec<String> {
    let aliases: Vec<String> = store
        .aliases()
        .map(|a| {
            if store.format() == Format::Pkcs12 {
                a.to_lowercase()
            } else {
                a.to_owned()
            }
        })
        .collect();
    if store.format() == Format::Pkcs12 {
        return aliases;
    }
    hashtable_order(aliases)
}

/// `java.util.Hashtable` with default capacity 11 and load factor 0.75: entries go to the
/// head of bucket `(hash & 0x7FFFFFFF) % capacity`, the table grows to `2n + 1` when full
/// (re-inserting from the last bucket down), and enumeration runs from the last bucket down.
fn hashtable_order(keys: Vec<String>) -> Vec<String> {
    fn hash(s: &str) -> i32 {
        s.encode_utf16()
            .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
    }
    let bucket = |k: &str, cap: usize| ((hash(k) & 0x7FFF_FFFF) as usize) % cap;
    let mut table: Vec<Vec<String>> = vec![Vec::new(); 11];
    let mut count = 0usize;
    let mut threshold = 8usize;
    for key in keys {
        if table.iter().flatten().any(|k| *k == key) {
            continue;
        }
        if count >= threshold {
            let cap = table.len() * 2 + 1;
            let mut grown: Vec<Vec<String>> = vec![Vec::new(); cap];
            for chain in table.into_iter().rev() {
                for k in chain {
                    let i = bucket(&k, cap);
                    grown[i].insert(0, k);
                }
            }
            table = grown;
            threshold = (cap as f64 * 0.75) as usize;
        }
        let i = bucket(&key, table.len());
        table[i].insert(0, key);
        count += 1;
    }
    table.into_iter().rev().flatten().collect()
}

/// keytool's `recoverEntry`: certificates need no password; a key is tried with
/// `-srckeypass` (and nothing else), else the source store password, else a prompt.
fn recover(o: &Opts, src: &Source, alias: &str, entry: &Entry) -> Result<Option<Secret>, Fail> {
    let protection = match entry {
        Entry::TrustedCert(_) => return Ok(None),
        Entry::PrivateKey(k) => Some(k.protected_key().protection()),
        Entry::SecretKey(s) => Some(s.protected_key().protection()),
        _ => None,
    };
    let opens = |p: &str| -> Result<(), KeyError> {
        match entry {
            Entry::PrivateKey(k) => k.open(p).map(drop),
            Entry::SecretKey(s) => s.open(p).map(drop),
            _ => Ok(()),
        }
    };
    let fail = |e: KeyError| Fail::exception(key_text(&e, protection));
    if let Some(k) = &o.srckeypass {
        opens(k).map_err(fail)?;
        return Ok(Some(k.clone()));
    }
    if let Some(p) = &src.pass {
        match opens(p) {
            Ok(()) => return Ok(Some(p.clone())),
            Err(e) if src.store.format() == Format::Pkcs12 => return Err(fail(e)),
            Err(_) => {}
        }
    }
    for _ in 0..3 {
        if let Some(p) = term::password(&format!("Enter key password for <{alias}>")) {
            opens(&p).map_err(fail)?;
            return Ok(Some(p));
        }
    }
    Err(Fail::plain("Too many failures - try later"))
}

fn import_one(
    o: &Opts,
    src: &Source,
    dest: &mut Session,
    w: &mut Warnings,
    alias: &str,
) -> Result<Outcome, Fail> {
    let mut new_alias = o.dest.clone().unwrap_or_else(|| alias.to_owned());
    if dest.store.contains_alias(&new_alias) {
        if o.noprompt {
            eprintln!("Warning: Overwriting existing alias {alias} in destination keystore");
        } else if !term::yes_no(&format!(
            "Existing entry alias {alias} exists, overwrite? [no]:  "
        ))? {
            match term::ask("Enter new alias name\t(RETURN to cancel import for this entry):  ") {
                Some(a) if a.is_empty() => {
                    eprintln!("Entry for alias {alias} not imported.");
                    return Ok(Outcome::Skipped);
                }
                Some(a) => new_alias = a,
                // keytool goes on with no alias at all when input ends here, and fails once
                // the key is recovered.
                None => {
                    let entry = src
                        .store
                        .get(alias)
                        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> does not exist")))?;
                    recover(o, src, alias, entry)?;
                    return Err(Fail::exception(
                        "java.lang.NullPointerException: invalid null input",
                    ));
                }
            }
        }
    }
    let entry = src
        .store
        .get(alias)
        .ok_or_else(|| Fail::plain(format!("Alias <{alias}> does not exist")))?;
    let opened_with = recover(o, src, alias, entry)?;
    let dest_p12 = dest.store.format() == Format::Pkcs12 && !dest.passwordless;
    let store_pass = dest.save_password().unwrap_or_default().to_owned();
    let new_pass: Option<String> = match (&o.destkeypass, &opened_with) {
        (Some(d), _) => Some(d.to_string()),
        (None, Some(_)) if dest_p12 => Some(store_pass.clone()),
        (None, p) => p.as_ref().map(|p| p.to_string()),
    };
    if let Some(cert) = entry.certificate() {
        let trust = Trust::new(Some(&dest.store));
        w.check(&trust, &format!("<{new_alias}>"), cert, Some(cert));
    }
    let open = opened_with.as_deref().map_or("", |p| p.as_str());
    let seal = new_pass.as_deref().unwrap_or("");
    match dest.store.import_entry(&new_alias, entry, open, seal) {
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
        Err(e) => return Err(Fail::from_error(&e, Some(dest.store.format()))),
    }
    if dest_p12 && new_pass.as_deref().is_some_and(|p| p != store_pass) {
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
