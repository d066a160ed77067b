//! keytool's commands and options, as its command line names them.

use crate::kind::Release;

/// keytool's commands, in the order `-help` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Command {
    /// `-certreq`
    Certreq,
    /// `-changealias`
    Changealias,
    /// `-delete`
    Delete,
    /// `-exportcert` (`-export`)
    Exportcert,
    /// `-genkeypair` (`-genkey`)
    Genkeypair,
    /// `-genseckey`
    Genseckey,
    /// `-gencert`
    Gencert,
    /// `-importcert` (`-import`)
    Importcert,
    /// `-importpass` (`-importpassword`)
    Importpass,
    /// `-importkeystore`
    Importkeystore,
    /// `-keypasswd`
    Keypasswd,
    /// `-list`
    List,
    /// `-printcert`
    Printcert,
    /// `-printcertreq`
    Printcertreq,
    /// `-printcrl`
    Printcrl,
    /// `-storepasswd`
    Storepasswd,
    /// `-showinfo`
    Showinfo,
    /// `-keyclone`
    Keyclone,
    /// `-selfcert`
    Selfcert,
    /// `-gencrl`
    Gencrl,
    /// `-version` (keytool 25; keytool 17 calls it an illegal option)
    Version,
    /// `-check`: certificate and store hygiene findings (this keytool only).
    Check,
    /// `-exportkey`: a key entry's private key as PKCS#8 PEM (this keytool only).
    Exportkey,
}

const COMMANDS: &[(Command, &str, Option<&str>)] = &[
    (Command::Certreq, "-certreq", None),
    (Command::Changealias, "-changealias", None),
    (Command::Delete, "-delete", None),
    (Command::Exportcert, "-exportcert", Some("-export")),
    (Command::Genkeypair, "-genkeypair", Some("-genkey")),
    (Command::Genseckey, "-genseckey", None),
    (Command::Gencert, "-gencert", None),
    (Command::Importcert, "-importcert", Some("-import")),
    (Command::Importpass, "-importpass", Some("-importpassword")),
    (Command::Importkeystore, "-importkeystore", None),
    (Command::Keypasswd, "-keypasswd", None),
    (Command::List, "-list", None),
    (Command::Printcert, "-printcert", None),
    (Command::Printcertreq, "-printcertreq", None),
    (Command::Printcrl, "-printcrl", None),
    (Command::Storepasswd, "-storepasswd", None),
    (Command::Showinfo, "-showinfo", None),
    (Command::Keyclone, "-keyclone", None),
    (Command::Selfcert, "-selfcert", None),
    (Command::Gencrl, "-gencrl", None),
    (Command::Version, "-version", None),
    (Command::Check, "-check", None),
    (Command::Exportkey, "-exportkey", None),
];

impl Command {
    /// The command's name as keytool spells it (`-list`).
    pub fn name(self) -> &'static str {
        COMMANDS.iter().find(|c| c.0 == self).map_or("", |c| c.1)
    }

    /// The command a flag names, in any case, old names included (`-import`).
    pub fn from_flag(flag: &str) -> Option<Command> {
        COMMANDS.iter().find_map(|&(c, name, alt)| {
            (same(flag, name) || alt.is_some_and(|a| same(flag, a))).then_some(c)
        })
    }

    /// The command a flag names in `release`'s keytool: keytool 17 has no `-version`.
    pub fn from_flag_in(flag: &str, release: Release) -> Option<Command> {
        Command::from_flag(flag).filter(|c| *c != Command::Version || release == Release::Jdk25)
    }

    /// Commands that change the keystore, and so need its password and its lock.
    pub fn modifies(self) -> bool {
        matches!(
            self,
            Command::Certreq
                | Command::Delete
                | Command::Genkeypair
                | Command::Genseckey
                | Command::Importcert
                | Command::Importpass
                | Command::Importkeystore
                | Command::Keyclone
                | Command::Changealias
                | Command::Selfcert
                | Command::Storepasswd
                | Command::Keypasswd
        )
    }

    /// Commands that create the keystore when it does not exist.
    pub fn creates(self) -> bool {
        matches!(
            self,
            Command::Genkeypair
                | Command::Genseckey
                | Command::Importcert
                | Command::Importpass
                | Command::Importkeystore
        )
    }
}

/// keytool compares options with a case-insensitive collator.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.to_lowercase() == b.to_lowercase()
}

/// Every option keytool knows; those with `true` take a value.
pub(crate) const OPTIONS: &[(&str, bool)] = &[
    ("-alias", true),
    ("-srcalias", true),
    ("-dest", true),
    ("-destalias", true),
    ("-dname", true),
    ("-keysize", true),
    ("-groupname", true),
    ("-keyalg", true),
    ("-sigalg", true),
    ("-signer", true),
    ("-signerkeypass", true),
    ("-startdate", true),
    ("-validity", true),
    ("-ext", true),
    ("-id", true),
    ("-file", true),
    ("-infile", true),
    ("-outfile", true),
    ("-sslserver", true),
    ("-jarfile", true),
    ("-srckeystore", true),
    ("-keystore", true),
    ("-destkeystore", true),
    ("-storepass", true),
    ("-deststorepass", true),
    ("-storetype", true),
    ("-deststoretype", true),
    ("-srcstorepass", true),
    ("-srcstoretype", true),
    ("-srckeypass", true),
    ("-srcprovidername", true),
    ("-providername", true),
    ("-destprovidername", true),
    ("-providerpath", true),
    ("-keypass", true),
    ("-new", true),
    ("-destkeypass", true),
    ("-provider", true),
    ("-providerclass", true),
    ("-addprovider", true),
    ("-providerarg", true),
    ("-conf", true),
    ("-format", true),
    ("-dir", true),
    ("-warndays", true),
    ("-critdays", true),
    ("-bundle", false),
    ("-ensure", false),
    ("-v", false),
    ("-debug", false),
    ("-rfc", false),
    ("-noprompt", false),
    ("-trustcacerts", false),
    ("-protected", false),
    ("-destprotected", false),
    ("-srcprotected", false),
    ("-tls", false),
    ("-cacerts", false),
    ("-nowarn", false),
    ("-help", false),
    ("--help", false),
    ("-h", false),
    ("-?", false),
];
