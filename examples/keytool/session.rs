//! Opening the keystore the way keytool does, but safely: the format is always the one the
//! bytes have (a contradicting `-storetype` is reported and ignored, so nothing is ever
//! converted by accident), commands that write hold the store's lock from read to save, and
//! saving replaces the file atomically.

use std::path::PathBuf;
use std::time::Duration;

use javakeystore::{Error, FileLock, Format, KeyStore};

use crate::cli::{Cmd, Opts, Secret};
use crate::fail::Fail;
use crate::term;

/// An open keystore and everything keytool tracks about it.
pub struct Session {
    /// The path as the user gave it, for messages.
    pub name: String,
    pub path: PathBuf,
    pub store: KeyStore,
    /// True when the file existed before this run.
    pub existed: bool,
    pub storepass: Option<Secret>,
    /// A password-less PKCS#12 (Java 18+ cacerts): opened and saved without a password.
    pub passwordless: bool,
    /// The password to save with, when `-storepasswd` changes it.
    pub new_storepass: Option<Secret>,
    pub modified: bool,
    lock: Option<FileLock>,
}

/// Commands that may create the keystore.
fn creates(cmd: Cmd) -> bool {
    matches!(
        cmd,
        Cmd::Genkeypair | Cmd::Genseckey | Cmd::Importcert | Cmd::Importpass | Cmd::Importkeystore
    )
}

/// The keystore path: `-cacerts`, `-keystore`, or `~/.keystore`.
pub fn keystore_name(o: &Opts) -> Result<String, Fail> {
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
    let home = std::env::home_dir().unwrap_or_default();
    Ok(home.join(".keystore").display().to_string())
}

/// Opens (or starts) the keystore for `cmd`, asking for the password where keytool would.
pub fn open(o: &mut Opts, cmd: Cmd) -> Result<Session, Fail> {
    let session = open_store(o, cmd)?;
    // keytool refuses -keypasswd on PKCS#12 before it gets to these warnings.
    if session.store.format() == Format::Pkcs12 && cmd != Cmd::Keypasswd {
        pkcs12_passwords(o, cmd);
    }
    Ok(session)
}

/// PKCS#12 keys share the store password: keytool says so, once the store is open, about
/// every other password given, and uses the store password instead.
fn pkcs12_passwords(o: &mut Opts, cmd: Cmd) {
    let Some(store_pass) = o.storepass.clone() else {
        return;
    };
    // -storepasswd takes -new as the new store password, not a key password.
    let storepasswd = cmd == Cmd::Storepasswd;
    for (flag, value) in [
        ("-keypass", &mut o.keypass),
        ("-new", &mut o.newpass),
        ("-destkeypass", &mut o.destkeypass),
    ] {
        if (flag != "-new" || !storepasswd) && value.as_ref().is_some_and(|v| *v != store_pass) {
            eprintln!(
                "Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified {flag} value."
            );
            *value = Some(store_pass.clone());
        }
    }
}

/// How long to wait for another process's lock on the store: `JAVAKEYSTORE_LOCK_TIMEOUT_MS`
/// milliseconds, or the library's default (10 s). A fleet script that would rather fail fast
/// than queue sets it low.
fn lock_timeout() -> Duration {
    std::env::var("JAVAKEYSTORE_LOCK_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or(FileLock::DEFAULT_TIMEOUT, Duration::from_millis)
}

fn open_store(o: &mut Opts, cmd: Cmd) -> Result<Session, Fail> {
    let name = keystore_name(o)?;
    let path = PathBuf::from(&name);
    if !o.cacerts && o.keystore.is_some() && is_cacerts(&path) {
        eprintln!("Warning: use -cacerts option to access cacerts keystore");
    }
    let lock = if cmd.modifies() {
        Some(FileLock::acquire(&path, lock_timeout()).map_err(|e| Fail::from_error(&e, None))?)
    } else {
        None
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) if b.is_empty() => {
            return Err(Fail::plain(format!(
                "Keystore file exists, but is empty: {name}"
            )));
        }
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Fail::from_error(
                &Error::Io {
                    action: "read",
                    path: path.clone(),
                    source: e,
                },
                None,
            ));
        }
    };
    let requested = o.storetype.as_deref().map(parse_type).transpose()?;
    let Some(bytes) = bytes else {
        if !creates(cmd) {
            return Err(Fail::plain(format!("Keystore file does not exist: {name}")));
        }
        return new_store(
            o,
            cmd,
            name,
            path,
            requested.unwrap_or(Format::Pkcs12),
            lock,
        );
    };
    let format = Format::detect(&bytes).map_err(|e| Fail::from_error(&Error::Decode(e), None))?;
    if let Some(req) = requested.filter(|r| *r != format) {
        eprintln!(
            "Warning: {name} is a {format} keystore, not {req}: it is read and kept as {format}; -storetype {req} is ignored."
        );
    }
    let passwordless = format == Format::Pkcs12 && javakeystore::is_passwordless(&bytes);
    if o.storepass.is_none() && !passwordless {
        o.storepass = prompt_existing(cmd)?;
    }
    let store = match &o.storepass {
        Some(p) => KeyStore::from_bytes(&bytes, p),
        None => KeyStore::from_bytes_unverified(&bytes),
    }
    .map_err(|e| Fail::from_error(&e, Some(format)))?;
    Ok(Session {
        name,
        path,
        store,
        existed: true,
        storepass: o.storepass.clone(),
        passwordless,
        new_storepass: None,
        modified: false,
        lock,
    })
}

pub fn parse_type(t: &str) -> Result<Format, Fail> {
    t.parse::<Format>()
        .map_err(|_| Fail::exception(format!("java.security.KeyStoreException: {t} not found")))
}

fn is_cacerts(path: &std::path::Path) -> bool {
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    javakeystore::cacerts::locate().is_some_and(|c| canon(&c).is_some() && canon(&c) == canon(path))
}

/// An empty store of `format` that will replace the `-keystore` file (in-place
/// `-importkeystore`), holding the file's lock from now until it is saved.
pub fn replacing(o: &Opts, format: Format) -> Result<Session, Fail> {
    let name = keystore_name(o)?;
    let path = PathBuf::from(&name);
    let lock = FileLock::acquire(&path, lock_timeout()).map_err(|e| Fail::from_error(&e, None))?;
    Ok(Session {
        name,
        path,
        store: KeyStore::new(format),
        existed: true,
        storepass: o.storepass.clone(),
        passwordless: false,
        new_storepass: None,
        modified: false,
        lock: Some(lock),
    })
}

/// keytool asks for an existing store's password: commands that change it insist (three
/// tries); `-list` and `-exportcert` accept an empty answer and skip the integrity check.
fn prompt_existing(cmd: Cmd) -> Result<Option<Secret>, Fail> {
    if matches!(cmd, Cmd::Printcert | Cmd::Printcrl) {
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

fn enter_prompt(cmd: Cmd) -> &'static str {
    if cmd == Cmd::Importkeystore {
        "Enter destination keystore password:  "
    } else {
        "Enter keystore password:  "
    }
}

fn new_store(
    o: &mut Opts,
    cmd: Cmd,
    name: String,
    path: PathBuf,
    format: Format,
    lock: Option<FileLock>,
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
    Ok(Session {
        name,
        path,
        store: KeyStore::new(format),
        existed: false,
        storepass: o.storepass.clone(),
        passwordless: false,
        new_storepass: None,
        modified: false,
        lock,
    })
}

/// A new store's password: asked twice, at least six characters, three tries.
fn prompt_new(cmd: Cmd) -> Result<Secret, Fail> {
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
    /// The password the store is (or will be) saved with.
    pub fn save_password(&self) -> Option<&str> {
        self.new_storepass
            .as_deref()
            .or(self.storepass.as_deref())
            .map(String::as_str)
            .or(self.passwordless.then_some(""))
    }

    /// True when the store's integrity could not be checked: keytool's banner.
    pub fn unverified(&self) -> bool {
        self.storepass.is_none() && !self.passwordless
    }

    /// Writes the store back, in its own format, through a temporary file.
    pub fn save(&self, verbose: bool) -> Result<(), Fail> {
        let password = self
            .save_password()
            .ok_or_else(|| Fail::plain("a keystore password is needed to save the keystore"))?;
        if verbose {
            eprintln!("[Storing {}]", self.name);
        }
        let bytes = self
            .store
            .to_bytes(password)
            .map_err(|e| Fail::from_error(&Error::Encode(e), Some(self.store.format())))?;
        let result = match &self.lock {
            Some(lock) => lock.write(&bytes),
            None => javakeystore::write_atomic(&self.path, &bytes),
        };
        result.map_err(|e| Fail::from_error(&e, Some(self.store.format())))
    }

    /// The JKS/JCEKS migration warning keytool prints after any command on such a store that
    /// holds more than trusted certificates.
    pub fn format_warning(&self) -> Option<String> {
        let f = self.store.format();
        let only_trusted = self
            .store
            .entries()
            .all(|(_, e)| e.kind() == javakeystore::EntryKind::TrustedCert);
        let on_disk = self.existed || self.modified;
        (matches!(f, Format::Jks | Format::Jceks) && !only_trusted && on_disk).then(|| {
            format!(
                "The {f} keystore uses a proprietary format. It is recommended to migrate to PKCS12 which is an industry standard format using \"keytool -importkeystore -srckeystore {0} -destkeystore {0} -deststoretype pkcs12\".",
                self.name
            )
        })
    }
}
