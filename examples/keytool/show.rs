//! Small formatters that reproduce Java's text: `Date.toString()`, `DateFormat.MEDIUM`,
//! `HexDumpEncoder.encodeBuffer`, colon-separated fingerprints and keytool 17's PEM.

use std::sync::OnceLock;

use jiff::tz::TimeZone;

/// The local time zone, read directly: jiff's `TimeZone::system()` lists the whole zoneinfo
/// database on first use (about 5 ms, most of a `-list`), which a single zone does not need.
/// `TZ` (a zone name, a file, or a POSIX rule) wins, then `/etc/localtime`; elsewhere, and
/// when those fail, jiff's own lookup (the Windows registry on Windows).
pub fn local_zone() -> TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| read_local_zone().unwrap_or_else(TimeZone::system))
        .clone()
}

fn read_local_zone() -> Option<TimeZone> {
    let tzif = |path: &std::path::Path| {
        let bytes = std::fs::read(path).ok()?;
        TimeZone::tzif("Local", &bytes).ok()
    };
    match std::env::var("TZ") {
        Ok(tz) if !tz.is_empty() => {
            let name = tz.strip_prefix(':').unwrap_or(&tz);
            let path = std::path::Path::new(name);
            if path.is_absolute() {
                return tzif(path);
            }
            let dir = std::env::var_os("TZDIR").unwrap_or_else(|| "/usr/share/zoneinfo".into());
            let dir = std::path::Path::new(&dir);
            // A zone name must stay inside the database; anything else may be a POSIX rule.
            if !name.contains("..")
                && let Some(zone) = tzif(&dir.join(name))
            {
                return Some(zone);
            }
            TimeZone::posix(name).ok()
        }
        _ if cfg!(unix) => tzif(std::path::Path::new("/etc/localtime")),
        _ => None,
    }
}

/// `java.util.Date.toString()`: `EEE MMM dd HH:mm:ss zzz yyyy` in the local time zone.
pub fn java_date(unix_seconds: i64) -> String {
    match jiff::Timestamp::from_second(unix_seconds) {
        Ok(t) => t
            .to_zoned(local_zone())
            .strftime("%a %b %d %H:%M:%S %Z %Y")
            .to_string(),
        Err(_) => format!("@{unix_seconds}"),
    }
}

/// `DateFormat.MEDIUM` in English: `Nov 23, 2026`.
pub fn medium_date(unix_millis: i64) -> String {
    match jiff::Timestamp::from_millisecond(unix_millis) {
        Ok(t) => t.to_zoned(local_zone()).strftime("%b %-d, %Y").to_string(),
        Err(_) => format!("@{unix_millis}"),
    }
}

/// Writes to standard output like Java's `System.out`: a closed pipe (`keytool -list | head`)
/// is not an error, and the command still ends normally.
pub fn out(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Upper-case hex with `:` between bytes, as keytool prints fingerprints.
pub fn colon_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0F)]));
    }
    s
}

/// `HexDumpEncoder.encodeBuffer`: 16 bytes a line, offset, two groups of eight, then the bytes
/// from space to `z` as text and anything else as a dot. Every line ends with a newline.
pub fn hex_dump(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (n, line) in bytes.chunks(16).enumerate() {
        out.push_str(&format!("{:04X}: ", n * 16));
        for (i, b) in line.iter().enumerate() {
            out.push_str(&format!("{b:02X} "));
            if i == 7 {
                out.push_str("  ");
            }
        }
        for i in line.len()..16 {
            out.push_str("   ");
            if i == 7 {
                out.push_str("  ");
            }
        }
        out.push(' ');
        out.extend(line.iter().map(|&b| {
            if (b' '..=b'z').contains(&b) {
                b as char
            } else {
                '.'
            }
        }));
        out.push('\n');
    }
    out
}

/// keytool 17's `-rfc` output: base64 lines of 64 joined by CRLF, LF after the header and the
/// last line, as `Base64.getMimeEncoder(64, CRLF)` inside `println`.
pub fn pem(label: &str, der: &[u8]) -> String {
    let encoded = pem::encode_config(
        &pem::Pem::new(label, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    );
    let body: Vec<&str> = encoded
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        body.join("\r\n")
    )
}
