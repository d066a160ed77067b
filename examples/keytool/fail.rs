//! How a run ends when it does not succeed, in keytool's words and with its exit codes.
//!
//! keytool prints exceptions on **stdout** as `keytool error: <exception>` and exits 1; usage
//! errors go to stderr followed by the command's usage, exit 1; a few give-ups ("Too many
//! failures - try later") exit 0. Library errors are mapped to the exception text Java would
//! show; with `-v` the crate's own, more precise explanation follows (where Java prints a stack
//! trace).

use javakeystore::{DecodeError, Error, Format, KeyError, StoreError};

use crate::cli::Cmd;

/// A failed run.
#[derive(Debug)]
pub enum Fail {
    /// `keytool error: <java exception text>`, exit 1, with an optional detail for `-v`.
    Exception {
        text: String,
        detail: Option<String>,
    },
    /// A usage error: the message and the command's usage on stderr, exit 1.
    Usage { message: String, cmd: Option<Cmd> },
    /// A give-up that keytool reports on stderr with exit code 0.
    Soft(String),
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

    pub fn usage(message: String, cmd: Option<Cmd>) -> Fail {
        Fail::Usage { message, cmd }
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
            Error::Io { path, source, .. }
                if source.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                format!(
                    "java.io.FileNotFoundException: {} (Permission denied)",
                    path.display()
                )
            }
            Error::Io { source, .. } => format!("java.io.IOException: {source}"),
            Error::Encode(x) => format!("java.security.KeyStoreException: {x}"),
            other => format!("java.io.IOException: {other}"),
        };
        Fail::Exception {
            text,
            detail: Some(e.to_string()),
        }
    }
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
pub fn key_text(k: &KeyError, protection: Option<javakeystore::Protection>) -> String {
    match k {
        KeyError::WrongPassword
            if protection == Some(javakeystore::Protection::PbeWithMd5AndTripleDes) =>
        {
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
