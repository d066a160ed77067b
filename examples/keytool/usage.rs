//! keytool 17's help texts (`usage.txt` is keytool's own `-help` output, per command).

use crate::cli::Cmd;

const TEXT: &str = include_str!("usage.txt");

/// The general help, or one command's usage.
pub fn text(cmd: Option<Cmd>) -> &'static str {
    let mut sections = TEXT.split("================ ");
    let general = sections.next().unwrap_or_default();
    let Some(cmd) = cmd else { return general };
    sections
        .find_map(|s| {
            let (name, body) = s.split_once('\n')?;
            (name.trim() == cmd.name()).then_some(body)
        })
        .unwrap_or(general)
}

/// Prints the usage on stderr, as keytool does.
pub fn print(cmd: Option<Cmd>) {
    eprint!("{}", text(cmd));
}
