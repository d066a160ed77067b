//! Prompts and output, as keytool does them: questions on stderr, answers from the terminal
//! (passwords without echo) or, when stdin is not a terminal, one line at a time from stdin
//! so that scripts and documented procedures can pipe the answers in.

use std::io::{BufRead, IsTerminal, Write};

use javakeystore::keytool::{Secret, Warnings};
use zeroize::Zeroizing;

use crate::fail::Fail;

/// Writes to standard output like Java's `System.out`: a closed pipe (`keytool -list | head`)
/// is not an error, and the command still ends normally.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Writes bytes to stdout, where a failure is keytool's `IOException`.
pub fn out_bytes(bytes: &[u8]) -> Result<(), Fail> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Fail::exception(format!("java.io.IOException: {e}")))
}

/// Writes a command's output to `path` (through a temporary file renamed into place) or, with
/// no path, to stdout; failures in keytool's words.
pub fn write_output(path: Option<&str>, bytes: &[u8]) -> Result<(), Fail> {
    let Some(path) = path else {
        return out_bytes(bytes);
    };
    javakeystore::write_atomic(std::path::Path::new(path), bytes).map_err(|e| match &e {
        javakeystore::Error::Io { source, .. } => {
            Fail::exception(crate::fail::file_text(path, source))
        }
        other => Fail::from_error(other, None),
    })
}

/// keytool's `printWeakWarnings` on stderr (unless `-nowarn`); the warnings are forgotten.
pub fn warn(w: &mut Warnings, nowarn: bool, newline: bool) {
    let text = w.take_text(newline);
    if !nowarn {
        eprint!("{text}");
    }
}

/// Prints `prompt` on stderr without a newline.
pub fn say(prompt: &str) {
    // Whatever was printed on stdout (a certificate to judge) must show before the question.
    let _ = std::io::stdout().flush();
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(prompt.as_bytes());
    let _ = e.flush();
}

/// Reads one line from stdin without its line ending; `None` at end of input.
pub fn read_line() -> Option<String> {
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let trimmed = line.trim_end_matches(['\n', '\r']).len();
            line.truncate(trimmed);
            Some(line)
        }
    }
}

/// Prints a prompt and reads a line (keytool's `inputStringFromStdin`).
pub fn ask(prompt: &str) -> Option<String> {
    say(prompt);
    read_line()
}

/// keytool's `Password.readPassword`: no echo on a terminal; an empty answer is no password.
pub fn password(prompt: &str) -> Option<Secret> {
    say(prompt);
    let entered = if std::io::stdin().is_terminal() {
        rpassword::read_password().ok().map(Zeroizing::new)
    } else {
        read_line().map(Zeroizing::new)
    };
    entered.filter(|p| !p.is_empty())
}

/// keytool's `getYesNoReply`: `y`/`yes` is yes; empty, `n`, `no` or end of input is no.
pub fn yes_no(prompt: &str) -> Result<bool, Fail> {
    for _ in 0..=20 {
        say(prompt);
        let reply = read_line().unwrap_or_default().to_lowercase();
        match reply.as_str() {
            "" | "n" | "no" => return Ok(false),
            "y" | "yes" => return Ok(true),
            _ => eprintln!("Wrong answer, try again"),
        }
    }
    Err(Fail::exception(
        "java.lang.RuntimeException: Too many retries, program terminated",
    ))
}

/// Asks for a new password twice (keytool's `getNewPasswd`), refusing short or unchanged ones.
pub fn new_password(what: &str, old: Option<&str>) -> Result<Secret, Fail> {
    for _ in 0..3 {
        match password(&format!("New {what}: ")) {
            Some(p) if p.chars().count() >= 6 => {
                if old == Some(p.as_str()) {
                    eprintln!("Passwords must differ");
                    continue;
                }
                if password(&format!("Re-enter new {what}: ")).as_deref() == Some(&*p) {
                    return Ok(p);
                }
                eprintln!("They don't match. Try again");
            }
            _ => eprintln!("Password is too short - must be at least 6 characters"),
        }
    }
    Err(Fail::plain("Too many failures - try later"))
}

/// Reads what a parent has written or is about to write to a piped stdin, for at most
/// `bound`, before the process exits. Scripts (Ansible's keytool modules among them) start
/// keytool and then write the password; a run that ends first would fail their write with
/// EPIPE. keytool is only saved from that by the JVM's start-up time.
pub fn drain_stdin(bound: std::time::Duration) {
    if std::io::stdin().is_terminal() {
        return;
    }
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = done.send(());
    });
    // End of input comes at once when the parent has written and closed (or for
    // /dev/null); a parent that keeps the pipe open costs at most `bound`.
    let _ = wait.recv_timeout(bound);
}
