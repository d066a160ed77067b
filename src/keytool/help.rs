//! keytool's help texts (`usage.txt` is keytool 17's own `-help` output, per command;
//! keytool 25's differs only by its `-version` command).

use std::borrow::Cow;

use crate::keytool::command::Command;
use crate::kind::Release;

const TEXT: &str = include_str!("usage.txt");

const SHOWINFO: &str = " -showinfo           Displays security-related information\n";
const VERSION_LINE: &str = " -version            Prints the program version\n";
const VERSION_HELP: &str = "keytool -version [OPTION]...\n\nPrints the program version\n\nOptions:\n\n\nUse \"keytool -?, -h, or --help\" for this help message\n";

/// The general help (`None`), or one command's usage, as `release`'s keytool prints it on
/// stderr.
pub fn help_text(command: Option<Command>, release: Release) -> Cow<'static, str> {
    match (command, release) {
        (Some(Command::Version), _) => Cow::Borrowed(VERSION_HELP),
        (None, Release::Jdk25) => {
            let general = section(None);
            Cow::Owned(general.replacen(SHOWINFO, &format!("{SHOWINFO}{VERSION_LINE}"), 1))
        }
        (c, _) => Cow::Borrowed(section(c)),
    }
}

/// What `keytool -version` prints (keytool 25): the release it follows, and this crate's
/// version, so scripts that read the second word see `25`.
pub fn version_text() -> String {
    format!("keytool 25 (javakeystore {})\n", env!("CARGO_PKG_VERSION"))
}

fn section(command: Option<Command>) -> &'static str {
    let mut sections = TEXT.split("================ ");
    let general = sections.next().unwrap_or_default();
    let Some(command) = command else {
        return general;
    };
    sections
        .find_map(|s| {
            let (name, body) = s.split_once('\n')?;
            (name.trim() == command.name()).then_some(body)
        })
        .unwrap_or(general)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_own_help() {
        let r = Release::Jdk17;
        assert!(help_text(None, r).starts_with("Key and Certificate Management Tool"));
        let list = help_text(Some(Command::List), r);
        assert!(list.contains("Lists entries in a keystore"), "{list}");
        for c in [
            Command::Delete,
            Command::Gencrl,
            Command::Selfcert,
            Command::Keyclone,
            Command::Showinfo,
        ] {
            let own = help_text(Some(c), r);
            assert!(
                own.starts_with(&format!("keytool {} [OPTION]", c.name())),
                "{own}"
            );
        }
    }

    #[test]
    fn keytool_25_adds_version() {
        assert!(!help_text(None, Release::Jdk17).contains("-version"));
        let general = help_text(None, Release::Jdk25);
        assert!(
            general.contains(&format!("{SHOWINFO}{VERSION_LINE}")),
            "{general}"
        );
        assert!(help_text(Some(Command::Version), Release::Jdk25).starts_with("keytool -version"));
    }
}
