//! keytool's command line: single-dash options matched case-insensitively, old command names,
//! password modifiers (`-storepass:env VAR`, `-storepass:file F`), and keytool's own usage
//! errors, warnings and exit codes.

use std::io::BufRead;

use zeroize::Zeroizing;

use crate::fail::Fail;

/// A secret from the command line, an environment variable, a file or a prompt.
pub type Secret = Zeroizing<String>;

/// keytool's commands, in the order `-help` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Certreq,
    Changealias,
    Delete,
    Exportcert,
    Genkeypair,
    Genseckey,
    Gencert,
    Importcert,
    Importpass,
    Importkeystore,
    Keypasswd,
    List,
    Printcert,
    Printcertreq,
    Printcrl,
    Storepasswd,
    Showinfo,
    Keyclone,
    Selfcert,
    Gencrl,
}

const COMMANDS: &[(Cmd, &str, Option<&str>)] = &[
    (Cmd::Certreq, "-certreq", None),
    (Cmd::Changealias, "-changealias", None),
    (Cmd::Delete, "-delete", None),
    (Cmd::Exportcert, "-exportcert", Some("-export")),
    (Cmd::Genkeypair, "-genkeypair", Some("-genkey")),
    (Cmd::Genseckey, "-genseckey", None),
    (Cmd::Gencert, "-gencert", None),
    (Cmd::Importcert, "-importcert", Some("-import")),
    (Cmd::Importpass, "-importpass", Some("-importpassword")),
    (Cmd::Importkeystore, "-importkeystore", None),
    (Cmd::Keypasswd, "-keypasswd", None),
    (Cmd::List, "-list", None),
    (Cmd::Printcert, "-printcert", None),
    (Cmd::Printcertreq, "-printcertreq", None),
    (Cmd::Printcrl, "-printcrl", None),
    (Cmd::Storepasswd, "-storepasswd", None),
    (Cmd::Showinfo, "-showinfo", None),
    (Cmd::Keyclone, "-keyclone", None),
    (Cmd::Selfcert, "-selfcert", None),
    (Cmd::Gencrl, "-gencrl", None),
];

impl Cmd {
    pub fn name(self) -> &'static str {
        COMMANDS.iter().find(|c| c.0 == self).map_or("", |c| c.1)
    }

    fn from_flag(flag: &str) -> Option<Cmd> {
        COMMANDS.iter().find_map(|&(c, name, alt)| {
            (same(flag, name) || alt.is_some_and(|a| same(flag, a))).then_some(c)
        })
    }

    /// Commands that change the keystore, and so need its password and its lock.
    pub fn modifies(self) -> bool {
        matches!(
            self,
            Cmd::Certreq
                | Cmd::Delete
                | Cmd::Genkeypair
                | Cmd::Genseckey
                | Cmd::Importcert
                | Cmd::Importpass
                | Cmd::Importkeystore
                | Cmd::Keyclone
                | Cmd::Changealias
                | Cmd::Selfcert
                | Cmd::Storepasswd
                | Cmd::Keypasswd
        )
    }
}

/// keytool compares options with a case-insensitive collator.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.to_lowercase() == b.to_lowercase()
}

/// Every option keytool knows; those with `true` take a value.
const OPTIONS: &[(&str, bool)] = &[
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

/// The parsed command line.
#[derive(Default)]
pub struct Opts {
    pub cmd: Option<Cmd>,
    pub alias: Option<String>,
    pub dest: Option<String>,
    pub dname: Option<String>,
    pub keysize: Option<u32>,
    pub groupname: Option<String>,
    pub keyalg: Option<String>,
    pub sigalg: Option<String>,
    pub startdate: Option<String>,
    pub validity: Option<i64>,
    pub ext: Vec<String>,
    pub file: Option<String>,
    pub infile: Option<String>,
    pub outfile: Option<String>,
    pub keystore: Option<String>,
    pub srckeystore: Option<String>,
    pub storetype: Option<String>,
    pub srcstoretype: Option<String>,
    pub storepass: Option<Secret>,
    pub srcstorepass: Option<Secret>,
    pub keypass: Option<Secret>,
    pub srckeypass: Option<Secret>,
    pub destkeypass: Option<Secret>,
    pub newpass: Option<Secret>,
    pub signer: Option<String>,
    pub signerkeypass: Option<Secret>,
    pub cacerts: bool,
    pub verbose: bool,
    pub rfc: bool,
    pub noprompt: bool,
    pub trustcacerts: bool,
    pub protected: bool,
    pub nowarn: bool,
    pub help: bool,
    /// Warnings collected while parsing ("option specified multiple times"), printed at exit.
    pub warnings: Vec<String>,
}

/// Parses keytool's arguments. Errors carry keytool's text and exit code.
pub fn parse(args: &[String]) -> Result<Opts, Fail> {
    let mut o = Opts {
        help: args.is_empty(),
        ..Opts::default()
    };
    // First pass, as keytool: repeated options and the single command.
    let mut seen: Vec<String> = Vec::new();
    for a in args.iter().filter(|a| a.starts_with('-')) {
        let lower = a.to_lowercase();
        if seen.contains(&lower) {
            if !matches!(
                lower.as_str(),
                "-ext" | "-id" | "-provider" | "-addprovider" | "-providerclass" | "-providerarg"
            ) {
                o.warnings.push(format!(
                    "The {lower} option is specified multiple times. All except the last one will be ignored."
                ));
            }
        } else {
            seen.push(lower);
        }
        if let Some(c) = Cmd::from_flag(a) {
            match o.cmd {
                None => o.cmd = Some(c),
                Some(first) => {
                    return Err(Fail::exception(format!(
                        "java.lang.Exception: Only one command is allowed: both {} and {} were specified.",
                        first.name(),
                        c.name()
                    )));
                }
            }
        }
    }
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        let raw = &args[i];
        let (flag, modifier) = match raw.find(':') {
            Some(p) if p > 0 => (&raw[..p], Some(&raw[p + 1..])),
            _ => (raw.as_str(), None),
        };
        if i == args.len() - 1 && OPTIONS.iter().any(|(n, takes)| *takes && same(raw, n)) {
            return Err(Fail::usage(
                format!("Command option {raw} needs an argument."),
                o.cmd,
            ));
        }
        if Cmd::from_flag(flag).is_some() {
            i += 1;
            continue;
        }
        let known = OPTIONS.iter().find(|(n, _)| same(flag, n));
        let Some(&(name, takes_value)) = known else {
            return Err(Fail::usage(format!("Illegal option:  {flag}"), o.cmd));
        };
        if takes_value && i + 1 >= args.len() {
            return Err(Fail::usage(
                format!("Command option {raw} needs an argument."),
                o.cmd,
            ));
        }
        let value = if takes_value {
            i += 1;
            Some(args[i].clone())
        } else {
            None
        };
        set(&mut o, name, modifier, value)?;
        i += 1;
    }
    if i < args.len() {
        return Err(Fail::usage(format!("Illegal option:  {}", args[i]), o.cmd));
    }
    if o.cmd.is_none() && !o.help {
        return Err(Fail::usage("Usage error: no command provided".into(), None));
    }
    Ok(o)
}

fn number<T: std::str::FromStr>(v: &str) -> Result<T, Fail> {
    v.trim().parse().map_err(|_| {
        Fail::exception(format!(
            "java.lang.NumberFormatException: For input string: \"{v}\""
        ))
    })
}

fn set(
    o: &mut Opts,
    name: &str,
    modifier: Option<&str>,
    value: Option<String>,
) -> Result<(), Fail> {
    let v = value.unwrap_or_default();
    let cmd = o.cmd;
    let pass = |v: String| password(modifier, v, cmd);
    match name {
        "-alias" | "-srcalias" => o.alias = Some(v),
        "-dest" | "-destalias" => o.dest = Some(v),
        "-dname" => o.dname = Some(v),
        "-keysize" => o.keysize = Some(number(&v)?),
        "-groupname" => o.groupname = Some(v),
        "-keyalg" => o.keyalg = Some(v),
        "-sigalg" => o.sigalg = Some(v),
        "-signer" => o.signer = Some(v),
        "-signerkeypass" => o.signerkeypass = Some(pass(v)?),
        "-startdate" => o.startdate = Some(v),
        "-validity" => o.validity = Some(number(&v)?),
        "-ext" => o.ext.push(v),
        "-file" => o.file = Some(v),
        "-infile" => o.infile = Some(v),
        "-outfile" => o.outfile = Some(v),
        "-srckeystore" => o.srckeystore = Some(v),
        "-keystore" | "-destkeystore" => o.keystore = Some(v),
        "-storepass" | "-deststorepass" => o.storepass = Some(pass(v)?),
        "-storetype" | "-deststoretype" => o.storetype = Some(v.to_uppercase()),
        "-srcstorepass" => o.srcstorepass = Some(pass(v)?),
        "-srcstoretype" => o.srcstoretype = Some(v.to_uppercase()),
        "-srckeypass" => o.srckeypass = Some(pass(v)?),
        "-keypass" => o.keypass = Some(pass(v)?),
        "-new" => o.newpass = Some(pass(v)?),
        "-destkeypass" => o.destkeypass = Some(pass(v)?),
        "-cacerts" => o.cacerts = true,
        "-v" => o.verbose = true,
        "-rfc" => o.rfc = true,
        "-noprompt" => o.noprompt = true,
        "-trustcacerts" => o.trustcacerts = true,
        "-protected" | "-destprotected" | "-srcprotected" => o.protected = true,
        "-nowarn" => o.nowarn = true,
        "-help" | "--help" | "-h" | "-?" => o.help = true,
        // Java security providers and the rest have no meaning here.
        _ => o
            .warnings
            .push(format!("The {name} option is ignored by this keytool.")),
    }
    Ok(())
}

/// keytool's `getPassWithModifier`: the value itself, `:env VAR`, or the first line of
/// `:file PATH`.
fn password(modifier: Option<&str>, arg: String, cmd: Option<Cmd>) -> Result<Secret, Fail> {
    let arg = Zeroizing::new(arg);
    match modifier {
        None => Ok(arg),
        Some(m) if same(m, "env") => {
            std::env::var(arg.as_str())
                .map(Zeroizing::new)
                .map_err(|_| {
                    Fail::usage(
                        format!("Cannot find environment variable: {}", arg.as_str()),
                        cmd,
                    )
                })
        }
        Some(m) if same(m, "file") => {
            let file = std::fs::File::open(arg.as_str())
                .map_err(|_| Fail::usage(format!("Cannot find file: {}", arg.as_str()), cmd))?;
            let mut line = Zeroizing::new(String::new());
            // One line, as keytool reads; a bounded one, so `/dev/zero` cannot eat memory.
            std::io::BufReader::new(std::io::Read::take(file, 64 * 1024))
                .read_line(&mut line)
                .map_err(|e| Fail::usage(format!("java.io.IOException: {e}"), cmd))?;
            let trimmed = line.trim_end_matches(['\n', '\r']).to_owned();
            Ok(Zeroizing::new(trimmed))
        }
        Some(m) => Err(Fail::usage(format!("Unknown password type: {m}"), cmd)),
    }
}
