//! keytool's command line: single-dash options matched case-insensitively, old command names,
//! password modifiers (`-storepass:env VAR`, `-storepass:file F`), and keytool's own usage
//! errors and warnings.

use std::io::BufRead;

use zeroize::Zeroizing;

use crate::error::UsageError;
use crate::keytool::command::{Command, OPTIONS, same};
use crate::keytool::style::Style;
use crate::keytool::zone::Zone;
use crate::kind::Release;

/// A secret from the command line, an environment variable, a file or a prompt.
pub type Secret = Zeroizing<String>;

/// A parsed keytool command line.
#[derive(Default)]
#[non_exhaustive]
pub struct Options {
    /// The command (`None` with `-help` alone, or no arguments).
    pub command: Option<Command>,
    /// `-alias` or `-srcalias`.
    pub alias: Option<String>,
    /// `-dest` or `-destalias`.
    pub dest: Option<String>,
    /// `-dname`.
    pub dname: Option<String>,
    /// `-keysize`.
    pub keysize: Option<u32>,
    /// `-groupname`.
    pub groupname: Option<String>,
    /// `-keyalg`.
    pub keyalg: Option<String>,
    /// `-sigalg`.
    pub sigalg: Option<String>,
    /// `-startdate`.
    pub startdate: Option<String>,
    /// `-validity`.
    pub validity: Option<i64>,
    /// Every `-ext`, in order.
    pub ext: Vec<String>,
    /// `-file`.
    pub file: Option<String>,
    /// `-infile`.
    pub infile: Option<String>,
    /// `-outfile`.
    pub outfile: Option<String>,
    /// `-keystore` or `-destkeystore`.
    pub keystore: Option<String>,
    /// `-srckeystore`.
    pub srckeystore: Option<String>,
    /// `-storetype` or `-deststoretype`, upper-cased.
    pub storetype: Option<String>,
    /// `-srcstoretype`, upper-cased.
    pub srcstoretype: Option<String>,
    /// `-storepass` or `-deststorepass`.
    pub storepass: Option<Secret>,
    /// `-srcstorepass`.
    pub srcstorepass: Option<Secret>,
    /// `-keypass`.
    pub keypass: Option<Secret>,
    /// `-srckeypass`.
    pub srckeypass: Option<Secret>,
    /// `-destkeypass`.
    pub destkeypass: Option<Secret>,
    /// `-new`.
    pub newpass: Option<Secret>,
    /// `-signer`.
    pub signer: Option<String>,
    /// `-signerkeypass`.
    pub signerkeypass: Option<Secret>,
    /// `-cacerts`.
    pub cacerts: bool,
    /// `-v`.
    pub verbose: bool,
    /// `-rfc`.
    pub rfc: bool,
    /// `-noprompt`.
    pub noprompt: bool,
    /// `-trustcacerts`.
    pub trustcacerts: bool,
    /// `-protected` (and the `-src`/`-dest` forms).
    pub protected: bool,
    /// `-nowarn`.
    pub nowarn: bool,
    /// `-help` (or no arguments at all).
    pub help: bool,
    /// `-id` values (`-gencrl`), in order.
    pub ids: Vec<String>,
    /// `-tls` (`-showinfo`).
    pub tls: bool,
    /// `-providername`, `-srcprovidername` and `-destprovidername` values.
    pub provider_names: Vec<String>,
    /// `-addprovider` values.
    pub add_providers: Vec<String>,
    /// `-providerclass` (and the old `-provider`) values.
    pub provider_classes: Vec<String>,
    /// `-jarfile` (`-printcert`), which this keytool does not read.
    pub jarfile: Option<String>,
    /// `-sslserver host:port` (`-printcert`).
    pub sslserver: Option<String>,
    /// `-bundle` (`-importcert`): every certificate of the file or folder (this keytool only).
    pub bundle: bool,
    /// `-ensure`: change nothing when the store already holds what is asked, and say
    /// `changed` or `unchanged` (this keytool only).
    pub ensure: bool,
    /// `-format text|json|nagios|prometheus` (this keytool only; `None` is keytool's text).
    pub format: Option<String>,
    /// Every `-keystore` value in order (`-check` takes several; other commands the last).
    pub keystores: Vec<String>,
    /// `-dir` values (`-check`).
    pub dirs: Vec<String>,
    /// `-warndays` (`-check`; default 30).
    pub warndays: Option<i64>,
    /// `-critdays` (`-check`; default 7).
    pub critdays: Option<i64>,
    /// Warnings collected while parsing ("option specified multiple times"), printed at exit.
    pub warnings: Vec<String>,
    /// The keytool whose commands, defaults and texts to follow.
    pub release: Release,
    /// `-J` options (for the JVM), in order, without the `-J`: accepted anywhere, as the
    /// JDK's launcher does; the few system properties that change keytool's behaviour are
    /// read from here (see [`Options::java_property`]).
    pub java_options: Vec<String>,
}

impl Options {
    /// How this run shows things: the local time zone and the chosen release.
    pub fn style(&self) -> Style {
        Style::new(Zone::local(), self.release)
    }

    /// The `-J` options this keytool has no use for (JVM flags, properties it does not read):
    /// accepted, as the JDK launcher accepts them, and named under `-v`.
    pub fn ignored_java_options(&self) -> Vec<&str> {
        const READ: &[&str] = &[
            "-Dkeystore.pkcs12.",
            "-Dhttps.proxy",
            "-Dsun.net.client.defaultConnectTimeout",
            "-Dsun.net.client.defaultReadTimeout",
        ];
        self.java_options
            .iter()
            .map(String::as_str)
            .filter(|o| !READ.iter().any(|r| o.starts_with(r)))
            .collect()
    }

    /// The last `-J-D<name>=<value>` given for `name`.
    pub fn java_property(&self, name: &str) -> Option<&str> {
        self.java_options.iter().rev().find_map(|o| {
            let (n, v) = o.strip_prefix("-D")?.split_once('=')?;
            (n == name).then_some(v)
        })
    }
}

/// Parses keytool 17's arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Options, UsageError> {
    parse_args_in(args, Release::Jdk17)
}

/// Parses `release`'s keytool arguments (without the program name): keytool 25 adds
/// `-version`.
pub fn parse_args_in(args: &[String], release: Release) -> Result<Options, UsageError> {
    // The launcher takes `-J` options out wherever they are, even between an option and
    // its value, before keytool sees the rest.
    let (java, args): (Vec<&String>, Vec<&String>) = args.iter().partition(|a| a.starts_with("-J"));
    let args: Vec<String> = args.into_iter().cloned().collect();
    let mut o = Options {
        help: args.is_empty(),
        release,
        java_options: java.iter().map(|a| a[2..].to_owned()).collect(),
        ..Options::default()
    };
    let args = args.as_slice();
    first_pass(args, &mut o)?;
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        i = option(args, i, &mut o)?;
    }
    if i < args.len() {
        return Err(usage(format!("Illegal option:  {}", args[i]), o.command));
    }
    if o.command.is_none() && !o.help {
        return Err(usage("Usage error: no command provided".into(), None));
    }
    Ok(o)
}

fn usage(message: String, command: Option<Command>) -> UsageError {
    UsageError::Usage {
        message,
        command: command.map(Command::name),
    }
}

/// keytool's first pass: repeated options, and the single command.
fn first_pass(args: &[String], o: &mut Options) -> Result<(), UsageError> {
    let mut seen: Vec<String> = Vec::new();
    // `-check` takes any number of `-keystore` options.
    let checking = args.iter().any(|a| same(a, "-check"));
    for a in args.iter().filter(|a| a.starts_with('-')) {
        let lower = a.to_lowercase();
        if seen.contains(&lower) {
            let repeatable = matches!(
                lower.as_str(),
                "-ext"
                    | "-id"
                    | "-provider"
                    | "-addprovider"
                    | "-providerclass"
                    | "-providerarg"
                    | "-dir"
            ) || (lower == "-keystore" && checking);
            if !repeatable {
                o.warnings.push(format!(
                    "The {lower} option is specified multiple times. All except the last one will be ignored."
                ));
            }
        } else {
            seen.push(lower);
        }
        if let Some(c) = Command::from_flag_in(a, o.release) {
            match o.command {
                None => o.command = Some(c),
                Some(first) => {
                    return Err(UsageError::TwoCommands {
                        first: first.name(),
                        second: c.name(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Reads the option at `i` (and its value); returns where the next one starts.
fn option(args: &[String], i: usize, o: &mut Options) -> Result<usize, UsageError> {
    let raw = &args[i];
    let (flag, modifier) = match raw.find(':') {
        Some(p) if p > 0 => (&raw[..p], Some(&raw[p + 1..])),
        _ => (raw.as_str(), None),
    };
    let needs_argument = || {
        usage(
            format!("Command option {raw} needs an argument."),
            o.command,
        )
    };
    if i == args.len() - 1 && OPTIONS.iter().any(|(n, takes)| *takes && same(raw, n)) {
        return Err(needs_argument());
    }
    if Command::from_flag_in(flag, o.release).is_some() {
        return Ok(i + 1);
    }
    let Some(&(name, takes_value)) = OPTIONS.iter().find(|(n, _)| same(flag, n)) else {
        return Err(usage(format!("Illegal option:  {flag}"), o.command));
    };
    if !takes_value {
        set(o, name, modifier, None)?;
        return Ok(i + 1);
    }
    let value = args.get(i + 1).ok_or_else(needs_argument)?;
    set(o, name, modifier, Some(value.clone()))?;
    Ok(i + 2)
}

fn number<T: std::str::FromStr>(v: &str) -> Result<T, UsageError> {
    v.trim()
        .parse()
        .map_err(|_| UsageError::NotANumber(v.to_owned()))
}

fn set(
    o: &mut Options,
    name: &str,
    modifier: Option<&str>,
    value: Option<String>,
) -> Result<(), UsageError> {
    let v = value.unwrap_or_default();
    let command = o.command;
    let pass = |v: String| password(modifier, v, command);
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
        "-id" => o.ids.push(v),
        "-file" => o.file = Some(v),
        "-infile" => o.infile = Some(v),
        "-outfile" => o.outfile = Some(v),
        "-srckeystore" => o.srckeystore = Some(v),
        "-keystore" | "-destkeystore" => {
            o.keystores.push(v.clone());
            o.keystore = Some(v);
        }
        "-format" => o.format = Some(v.to_lowercase()),
        "-dir" => o.dirs.push(v),
        "-warndays" => o.warndays = Some(number(&v)?),
        "-critdays" => o.critdays = Some(number(&v)?),
        "-storepass" | "-deststorepass" => o.storepass = Some(pass(v)?),
        "-storetype" | "-deststoretype" => o.storetype = Some(v.to_uppercase()),
        "-srcstorepass" => o.srcstorepass = Some(pass(v)?),
        "-srcstoretype" => o.srcstoretype = Some(v.to_uppercase()),
        "-srckeypass" => o.srckeypass = Some(pass(v)?),
        "-keypass" => o.keypass = Some(pass(v)?),
        "-new" => o.newpass = Some(pass(v)?),
        "-destkeypass" => o.destkeypass = Some(pass(v)?),
        "-providername" | "-srcprovidername" | "-destprovidername" => o.provider_names.push(v),
        "-addprovider" => o.add_providers.push(v),
        "-providerclass" | "-provider" => o.provider_classes.push(v),
        // A class path only matters with a class to load, which check_providers refuses.
        "-providerpath" | "-providerarg" => {}
        "-jarfile" => o.jarfile = Some(v),
        "-sslserver" => o.sslserver = Some(v),
        _ => set_flag(o, name),
    }
    Ok(())
}

fn set_flag(o: &mut Options, name: &str) {
    match name {
        "-cacerts" => o.cacerts = true,
        "-v" => o.verbose = true,
        "-rfc" => o.rfc = true,
        "-noprompt" => o.noprompt = true,
        "-trustcacerts" => o.trustcacerts = true,
        "-protected" | "-destprotected" | "-srcprotected" => o.protected = true,
        "-nowarn" => o.nowarn = true,
        "-tls" => o.tls = true,
        "-bundle" => o.bundle = true,
        "-ensure" => o.ensure = true,
        "-help" | "--help" | "-h" | "-?" => o.help = true,
        // Java security providers and the rest have no meaning here.
        _ => o
            .warnings
            .push(format!("The {name} option is ignored by this keytool.")),
    }
}

/// keytool's `getPassWithModifier`: the value itself, `:env VAR`, or the first line of
/// `:file PATH`.
fn password(
    modifier: Option<&str>,
    arg: String,
    command: Option<Command>,
) -> Result<Secret, UsageError> {
    let arg = Zeroizing::new(arg);
    match modifier {
        None => Ok(arg),
        Some(m) if same(m, "env") => {
            std::env::var(arg.as_str())
                .map(Zeroizing::new)
                .map_err(|_| {
                    usage(
                        format!("Cannot find environment variable: {}", arg.as_str()),
                        command,
                    )
                })
        }
        Some(m) if same(m, "file") => {
            let file = std::fs::File::open(arg.as_str())
                .map_err(|_| usage(format!("Cannot find file: {}", arg.as_str()), command))?;
            let mut line = Zeroizing::new(String::new());
            // One line, as keytool reads; a bounded one, so `/dev/zero` cannot eat memory.
            std::io::BufReader::new(std::io::Read::take(file, 64 * 1024))
                .read_line(&mut line)
                .map_err(|e| usage(format!("java.io.IOException: {e}"), command))?;
            let trimmed = line.trim_end_matches(['\n', '\r']).to_owned();
            Ok(Zeroizing::new(trimmed))
        }
        Some(m) => Err(usage(format!("Unknown password type: {m}"), command)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn options_in_any_case_and_old_command_names() {
        let o = parse_args(&args(&[
            "-IMPORT",
            "-Alias",
            "a",
            "-file",
            "f",
            "-noprompt",
        ]))
        .unwrap();
        assert_eq!(o.command, Some(Command::Importcert));
        assert_eq!((o.alias.as_deref(), o.noprompt), (Some("a"), true));
        assert!(parse_args(&[]).unwrap().help);
    }

    #[test]
    fn usage_errors_carry_keytools_words() {
        let e = parse_args(&args(&["-list", "-bogus"])).err().unwrap();
        assert_eq!(e.to_string(), "Illegal option:  -bogus");
        let e = parse_args(&args(&["-list", "-delete"])).err().unwrap();
        assert!(matches!(e, UsageError::TwoCommands { .. }));
        let e = parse_args(&args(&["-list", "-alias"])).err().unwrap();
        assert_eq!(e.to_string(), "Command option -alias needs an argument.");
        let e = parse_args(&args(&["-genkeypair", "-keysize", "big"]))
            .err()
            .unwrap();
        assert_eq!(e, UsageError::NotANumber("big".into()));
        let e = parse_args(&args(&["-list", "-storepass:env", "NO_SUCH_VAR_JKS"]))
            .err()
            .unwrap();
        assert!(e.to_string().contains("Cannot find environment variable"));
        let o = parse_args(&args(&["-list", "-v", "-v"])).unwrap();
        assert_eq!(o.warnings.len(), 1);
        let e = parse_args(&args(&["-version"])).err().unwrap();
        assert_eq!(e.to_string(), "Illegal option:  -version");
    }

    #[test]
    fn java_options_go_anywhere_and_version_is_25s() {
        let a = args(&["-list", "-alias", "-J-Duser.language=en", "a", "-J-Xmx64m"]);
        let o = parse_args(&a).unwrap();
        assert_eq!(o.alias.as_deref(), Some("a"));
        assert_eq!(o.java_options, ["-Duser.language=en", "-Xmx64m"]);
        assert_eq!(o.java_property("user.language"), Some("en"));
        assert_eq!(o.java_property("user.country"), None);
        let o = parse_args_in(&args(&["-version"]), Release::Jdk25).unwrap();
        assert_eq!(o.command, Some(Command::Version));
        let e = parse_args_in(&args(&["-list", "-version"]), Release::Jdk25);
        assert!(matches!(e, Err(UsageError::TwoCommands { .. })));
    }
}
