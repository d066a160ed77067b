//! keytool 17's help texts (`usage.txt` is keytool's own `-help` output, per command).

use crate::keytool::command::Command;

const TEXT: &str = include_str!("usage.txt");

/// The general help (`None`), or one command's usage, as keytool prints it on stderr.
pub fn help_text(command: Option<Command>) -> &'static str {
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
        assert!(help_text(None).starts_with("Key and Certificate Management Tool"));
        let list = help_text(Some(Command::List));
        assert!(list.contains("Lists entries in a keystore"), "{list}");
        assert_ne!(help_text(Some(Command::Delete)), help_text(None));
    }
}
