//! Opening the keystore the way keytool does, but safely: the format is always the one the
//! bytes have (a contradicting `-storetype` is reported and ignored, so nothing is ever
//! converted by accident), commands that write hold the store's lock from read to save, and
//! saving replaces the file atomically. The library's `KeyStoreFile` does the work; this adds
//! keytool's prompts and messages.

use std::path::PathBuf;
use std::time::Duration;

use javakeystore::error::DecodeError;
use javakeystore::format::{Pkcs12Options, WriteOptions};
use javakeystore::keytool::{self, Command, Options, Pkcs12Properties, Secret};
use javakeystore::{
    EntryKind, Error, FileLock, Format, KeyStore, KeyStoreFile, Peeked, Protection,
};

use crate::fail::Fail;
use crate::term;

/// An open keystore and everything keytool tracks about it.
pub struct Session {
    /// The path as the user gave it, for messages.
    pub name: String,
    pub file: KeyStoreFile,
    pub storepass: Option<Secret>,
    /// The password to save with, when `-storepasswd` changes it.
    pub new_storepass: Option<Secret>,
    pub modified: bool,
    /// The `-J-Dkeystore.pkcs12.*` properties.
    pkcs12: Option<Pkcs12Properties>,
    /// True for a store made by this run (new file, or in-place `-importkeystore`), which
    /// takes its PKCS#12 form from the properties.
    fresh: bool,
}

/// The keystore path: `-cacerts`, `-keystore`, or `~/.keystore`.
pub fn keystore_name(o: &Options) -> Result<String, Fail> {
    if o.cacerts {
        if o.keystore.is_some() || o.storetype.is_some() {
            return Err(Fail::exception(
                "java.lang.IllegalArgumentException: The -keystore or -storetype option cannot be used with the -cacerts option",
            ));
        }
        return javakeystore::cacerts::locate()
            .map(|p| p.display().to_string())
            .ok_or_else(|| {
                Fail::plain("No Java cacerts found: set JAVA_HOME or put java on the PATH")
            });
    }
    if let Some(k) = &o.keystore {
        return Ok(k.clone());
    }
    Ok(javakeystore::keytool::account_home()
        .join(".keystore")
        .display()
        .to_string())
}

/// How long to wait for another process's lock on the store: `JAVAKEYSTORE_LOCK_TIMEOUT_MS`
/// milliseconds, or the library's default (10 s). A fleet script that would rather fail fast
/// than queue sets it low.
pub fn lock_timeout() -> Duration {
    std::env::var("JAVAKEYSTORE_LOCK_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or(FileLock::DEFAULT_TIMEOUT, Duration::from_millis)
}

/// Opens (or starts) the keystore for `cmd`, asking for the password where keytool would.
pub fn open(o: &mut Options, cmd: Command) -> Result<Session, Fail> {
    let session = open_store(o, cmd)?;
    // The properties only matter when the store is written (keytool reads them then).
    let session = if cmd.modifies() {
        session.with_properties(o)?
    } else {
        session
    };
    // keytool refuses -keypasswd on PKCS#12 before it gets to these warnings; -exportkey's
    // -destkeypass protects the PEM file, not an entry.
    if session.store().format() == Format::Pkcs12
        && !matches!(cmd, Command::Keypasswd | Command::Exportkey)
    {
        pkcs12_passwords(o, cmd);
    }
    Ok(session)
}

/// PKCS#12 keys share the store password: keytool says so, once the store is open, about
/// every other password given, and uses the store password instead.
fn pkcs12_passwords(o: &mut Options, cmd: Command) {
    let Some(store_pass) = o.storepass.clone() else {
        return;
    };
    // keytool says nothing about -new: -storepasswd takes it as the store password and
    // -keyclone ignores it for PKCS#12.
    let _ = cmd;
    for (flag, value) in [
        ("-keypass", &mut o.keypass),
        ("-destkeypass", &mut o.destkeypass),
    ] {
        if value.as_ref().is_some_and(|v| *v != store_pass) {
            eprintln!(
                "Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified {flag} value."
            );
            *value = Some(store_pass.clone());
        }
    }
}

/// Reads the keystore file (under its lock when `cmd` writes), before any password.
pub fn peek(name: &str, lock: bool) -> Result<Peeked, Fail> {
    let timeout = lock.then(lock_timeout);
    KeyStoreFile::peek(name, timeout).map_err(|e| Fail::from_error(&e, None))
}

fn open_store(o: &mut Options, cmd: Command) -> Result<Session, Fail> {
    let name = keystore_name(o)?;
    if !o.cacerts && o.keystore.is_some() && is_cacerts(&name) {
        eprintln!("Warning: use -cacerts option to access cacerts keystore");
    }
    let peeked = peek(&name, cmd.modifies())?;
    if peeked.format() == Err(DecodeError::Empty) {
        return Err(Fail::plain(format!(
            "Keystore file exists, but is empty: {name}"
        )));
    }
    let requested = o.storetype.as_deref().map(parse_type).transpose()?;
    if !peeked.exists() {
        if !cmd.creates() {
            return Err(Fail::plain(format!("Keystore file does not exist: {name}")));
        }
        return new_store(o, cmd, name, peeked, requested.unwrap_or(Format::Pkcs12));
    }
    let format = peeked
        .format()
        .map_err(|e| Fail::from_error(&Error::Decode(e), None))?
        .unwrap_or(Format::Pkcs12);
    if let Some(req) = requested.filter(|r| *r != format) {
        eprintln!(
            "Warning: {name} is a {format} keystore, not {req}: it is read and kept as {format}; -storetype {req} is ignored."
        );
    }
    if o.storepass.is_none() && peeked.needs_password() {
        // keytool reads the file before it asks: a cut-off store fails without a prompt.
        peeked
            .check()
            .map_err(|e| Fail::from_error(&e, Some(format)))?;
        o.storepass = prompt_existing(cmd)?;
    }
    // `-storepasswd -ensure`, run again: the store already opens with the new password.
    if o.ensure
        && cmd == Command::Storepasswd
        && let Some(new) = o.newpass.clone()
        && o.storepass.as_ref() != Some(&new)
        && peeked.opens_with(&new)
    {
        o.storepass = Some(new);
    }
    let file = peeked
        .open(o.storepass.as_deref().map(String::as_str))
        .map_err(|e| Fail::from_error(&e, Some(format)))?;
    Ok(Session::new(name, file, o.storepass.clone()))
}

pub fn parse_type(t: &str) -> Result<Format, Fail> {
    t.parse::<Format>()
        .map_err(|_| Fail::exception(format!("java.security.KeyStoreException: {t} not found")))
}

fn is_cacerts(name: &str) -> bool {
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    javakeystore::cacerts::locate()
        .is_some_and(|c| canon(&c).is_some() && canon(&c) == canon(&PathBuf::from(name)))
}

/// An empty store of `format` that will replace the `-keystore` file (in-place
/// `-importkeystore`), holding the file's lock from now until it is saved.
pub fn replacing(o: &Options, format: Format) -> Result<Session, Fail> {
    let name = keystore_name(o)?;
    let file = peek(&name, true)?.create(format);
    let mut s = Session::new(name, file, o.storepass.clone()).with_properties(o)?;
    s.modified = true;
    s.fresh = true;
    Ok(s)
}

/// keytool asks for an existing store's password: commands that change it insist (three
/// tries); `-list` and `-exportcert` accept an empty answer and skip the integrity check.
fn prompt_existing(cmd: Command) -> Result<Option<Secret>, Fail> {
    if matches!(cmd, Command::Printcert | Command::Printcrl) {
        return Ok(None);
    }
    if !cmd.modifies() {
        return Ok(term::password("Enter keystore password:  "));
    }
    for _ in 0..3 {
        match term::password(enter_prompt(cmd)) {
            Some(p) if p.chars().count() >= 6 => return Ok(Some(p)),
            // An existing store may have a short password: keytool still refuses it here.
            _ => eprintln!("Keystore password is too short - must be at least 6 characters"),
        }
    }
    Err(Fail::Soft("Too many failures - try later".into()))
}

fn enter_prompt(cmd: Command) -> &'static str {
    if cmd == Command::Importkeystore {
        "Enter destination keystore password:  "
    } else {
        "Enter keystore password:  "
    }
}

fn new_store(
    o: &mut Options,
    cmd: Command,
    name: String,
    peeked: Peeked,
    format: Format,
) -> Result<Session, Fail> {
    match &o.storepass {
        Some(p) if p.chars().count() < 6 => {
            return Err(Fail::plain(
                "Keystore password must be at least 6 characters",
            ));
        }
        Some(_) => {}
        None => o.storepass = Some(prompt_new(cmd)?),
    }
    let mut s = Session::new(name, peeked.create(format), o.storepass.clone());
    s.fresh = true;
    Ok(s)
}

/// A new store's password: asked twice, at least six characters, three tries.
fn prompt_new(cmd: Command) -> Result<Secret, Fail> {
    for _ in 0..3 {
        let Some(p) = term::password(enter_prompt(cmd)).filter(|p| p.chars().count() >= 6) else {
            eprintln!("Keystore password is too short - must be at least 6 characters");
            continue;
        };
        if term::password("Re-enter new password: ").as_deref() == Some(&*p) {
            return Ok(p);
        }
        eprintln!("They don't match. Try again");
    }
    Err(Fail::Soft("Too many failures - try later".into()))
}

impl Session {
    /// A session over an already opened file.
    pub fn from_file(name: String, file: KeyStoreFile, storepass: Option<Secret>) -> Self {
        Self::new(name, file, storepass)
    }

    fn new(name: String, file: KeyStoreFile, storepass: Option<Secret>) -> Self {
        Self {
            name,
            file,
            storepass,
            new_storepass: None,
            modified: false,
            pkcs12: None,
            fresh: false,
        }
    }

    /// Applies the `-J-Dkeystore.pkcs12.*` properties (see [`keytool::pkcs12_properties`]).
    pub fn with_properties(mut self, o: &Options) -> Result<Self, Fail> {
        let props = keytool::pkcs12_properties(o).map_err(|e| Fail::exception(e.keytool_text()))?;
        self.pkcs12 = props.any.then_some(props);
        Ok(self)
    }

    /// The PKCS#12 form this run writes a fresh store in, when properties give one.
    fn fresh_form(&self) -> Option<Pkcs12Options> {
        let fresh = self.fresh && self.format() == Format::Pkcs12;
        self.pkcs12.filter(|_| fresh).map(|p| p.new_store)
    }

    pub fn store(&self) -> &KeyStore {
        self.file.store()
    }

    pub fn store_mut(&mut self) -> &mut KeyStore {
        self.file.store_mut()
    }

    pub fn format(&self) -> Format {
        self.file.store().format()
    }

    /// A password-less PKCS#12 (Java 18+ cacerts): opened and saved without a password.
    pub fn passwordless(&self) -> bool {
        self.file.stored().is_passwordless()
    }

    /// The protection new keys get in this store.
    pub fn key_protection(&self) -> Protection {
        if let Some(form) = self.fresh_form() {
            return form.key_protection;
        }
        match self.pkcs12.and_then(|p| p.key_protection) {
            Some(p) if self.format() == Format::Pkcs12 => p,
            _ => self.file.stored().key_protection(),
        }
    }

    /// The password the store is (or will be) saved with.
    pub fn save_password(&self) -> Option<&str> {
        self.new_storepass
            .as_deref()
            .or(self.storepass.as_deref())
            .map(String::as_str)
            .or(self.passwordless().then_some(""))
    }

    /// True when the store's integrity could not be checked: keytool's banner.
    pub fn unverified(&self) -> bool {
        self.storepass.is_none() && !self.passwordless()
    }

    /// Writes the store back, in its own form, through a temporary file.
    pub fn save(&self, verbose: bool) -> Result<(), Fail> {
        let password = self
            .save_password()
            .ok_or_else(|| Fail::plain("a keystore password is needed to save the keystore"))?;
        if verbose {
            eprintln!("[Storing {}]", self.name);
        }
        let saved = match self.fresh_form() {
            Some(form) => self.file.save_with(password, &WriteOptions::pkcs12(form)),
            None => self.file.save(password),
        };
        saved.map_err(|e| Fail::from_error(&e, Some(self.format())))
    }

    /// The JKS/JCEKS migration warning keytool prints after any command on such a store that
    /// holds more than trusted certificates.
    pub fn format_warning(&self) -> Option<String> {
        let f = self.format();
        let only_trusted = self
            .store()
            .entries()
            .all(|(_, e)| e.kind() == EntryKind::TrustedCert);
        let on_disk = self.file.existed() || self.modified;
        (matches!(f, Format::Jks | Format::Jceks) && !only_trusted && on_disk).then(|| {
            format!(
                "The {f} keystore uses a proprietary format. It is recommended to migrate to PKCS12 which is an industry standard format using \"keytool -importkeystore -srckeystore {0} -destkeystore {0} -deststoretype pkcs12\".",
                self.name
            )
        })
    }
}
