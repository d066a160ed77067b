//! How a run ends when it does not succeed, in keytool's words and with its exit codes.
//!
//! keytool prints exceptions on **stdout** as `keytool error: <exception>` and exits 1; usage
//! errors go to stderr followed by the command's usage, exit 1; a few give-ups ("Too many
//! failures - try later") exit 0. Library errors are mapped to the exception text Java would
//! show; with `-v` the crate's own, more precise explanation follows (where Java prints a stack
//! trace).

use javakeystore::error::{DecodeError, KeyError, StoreError, UsageError};
use javakeystore::keytool::Command;
use javakeystore::{Error, Format, Protection};

/// A failed run.
#[derive(Debug)]
pub enum Fail {
    /// `keytool error: <java exception text>`, exit 1, with an optional detail for `-v`.
    Exception {
        text: String,
        detail: Option<String>,
    },
    /// A usage error: the message and the command's usage on stderr, exit 1.
    Usage {
        message: String,
        command: Option<Command>,
    },
    /// A give-up that keytool reports on stderr with exit code 0.
    Soft(String),
    /// The command printed its result and ends with this exit status (`-check`'s Nagios
    /// codes): nothing more is printed.
    Status(u8),
}

impl Fail {
    pub fn exception(text: impl Into<String>) -> Fail {
        Fail::Exception {
            text: text.into(),
            detail: None,
        }
    }

    /// `java.lang.Exception: <message>`.
    pub fn plain(message: impl AsRef<str>) -> Fail {
        Fail::exception(format!("java.lang.Exception: {}", message.as_ref()))
    }

    /// keytool's handling of a command line it refuses.
    pub fn from_usage(e: UsageError) -> Fail {
        match e {
            UsageError::Usage { message, command } => Fail::Usage {
                message,
                command: command.and_then(Command::from_flag),
            },
            UsageError::TwoCommands { .. } => Fail::exception(format!("java.lang.Exception: {e}")),
            UsageError::NotANumber(_) => {
                Fail::exception(format!("java.lang.NumberFormatException: {e}"))
            }
            other => Fail::plain(other.to_string()),
        }
    }

    /// Maps a crate error for a store of `format` (the wording differs by type in Java).
    pub fn from_error(e: &Error, format: Option<Format>) -> Fail {
        let text = match e {
            Error::WrongStorePassword => {
                "java.io.IOException: keystore password was incorrect".to_owned()
            }
            Error::Integrity if format == Some(Format::Pkcs12) => {
                "java.io.IOException: Integrity check failed: \
                 java.security.UnrecoverableKeyException: Failed PKCS12 integrity checking"
                    .to_owned()
            }
            Error::Integrity => {
                "java.io.IOException: Keystore was tampered with, or password was incorrect"
                    .to_owned()
            }
            Error::Decode(d) => decode_text(d),
            Error::Key(k) => key_text(k, None),
            Error::Store(s) => store_text(s),
            Error::NotFound { path } => format!(
                "java.lang.Exception: Keystore file does not exist: {}",
                path.display()
            ),
            Error::Io {
                action,
                path,
                source,
            } => {
                // Java opens the keystore itself where this crate first takes its lock file.
                let shown = path.display().to_string();
                let shown = match *action {
                    "lock" | "create the lock file" => {
                        shown.strip_suffix(".lock").unwrap_or(&shown).to_owned()
                    }
                    _ => shown,
                };
                file_text(&shown, source)
            }
            Error::Encode(x) => format!("java.security.KeyStoreException: {x}"),
            Error::Name(n) => format!("java.io.IOException: {n}"),
            Error::Date(d) => format!("java.io.IOException: {d}"),
            Error::Ext(x) => format!("java.lang.Exception: {x}"),
            Error::Reply(r) => format!("java.lang.Exception: {r}"),
            other => format!("java.io.IOException: {other}"),
        };
        Fail::Exception {
            text,
            detail: Some(e.to_string()),
        }
    }

    /// [`Fail::from_error`] for any of the crate's concern errors.
    pub fn of(e: impl Into<Error>, format: Option<Format>) -> Fail {
        Fail::from_error(&e.into(), format)
    }
}

/// Java's text for a file it cannot open: `java.io.FileNotFoundException: conf/n.jks (No such
/// file or directory)`, as the JDK on Linux words it; other failures are `IOException`s.
pub fn file_text(path: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let reason = match e.kind() {
        ErrorKind::NotFound => "No such file or directory",
        ErrorKind::PermissionDenied => "Permission denied",
        ErrorKind::IsADirectory => "Is a directory",
        ErrorKind::NotADirectory => "Not a directory",
        _ => return format!("java.io.IOException: {e}"),
    };
    format!("java.io.FileNotFoundException: {path} ({reason})")
}

fn decode_text(d: &DecodeError) -> String {
    match d {
        DecodeError::Truncated { .. } => "java.io.EOFException".into(),
        DecodeError::UnrecognizedFormat { .. } | DecodeError::UnsupportedFormat { .. } => {
            "java.security.KeyStoreException: Unrecognized keystore format. Please load it with a specified type".into()
        }
        DecodeError::UnsupportedVersion { .. } => "java.io.IOException: Invalid keystore format".into(),
        DecodeError::UnknownEntryTag { tag, .. } => {
            format!("java.io.IOException: Unrecognized keystore entry: {tag}")
        }
        DecodeError::Invalid { what: "secret key entry", .. } => {
            "java.io.IOException: Invalid secret key format".into()
        }
        other => format!("java.io.IOException: {other}"),
    }
}

/// The text Java gives for a key that cannot be recovered: the JKS protector and the JCEKS
/// PBE cipher fail differently.
pub fn key_text(k: &KeyError, protection: Option<Protection>) -> String {
    match k {
        KeyError::WrongPassword if protection == Some(Protection::PbeWithMd5AndTripleDes) => {
            "java.security.UnrecoverableKeyException: Given final block not properly padded. \
             Such issues can arise if a bad key is used during decryption."
                .into()
        }
        KeyError::WrongPassword => {
            "java.security.UnrecoverableKeyException: Cannot recover key".into()
        }
        KeyError::PasswordNotAscii => {
            "java.security.KeyStoreException: Password is not ASCII".into()
        }
        KeyError::KeySize { allowed, .. } => {
            format!("java.security.InvalidParameterException: {allowed}")
        }
        other => format!("java.security.UnrecoverableKeyException: {other}"),
    }
}

fn store_text(s: &StoreError) -> String {
    match s {
        StoreError::AliasNotFound { alias } => {
            format!("java.lang.Exception: Alias <{alias}> does not exist")
        }
        StoreError::EntryKindNotSupported { .. } => {
            "java.security.KeyStoreException: Cannot store non-PrivateKeys".into()
        }
        other => format!("java.lang.Exception: {other}"),
    }
}
