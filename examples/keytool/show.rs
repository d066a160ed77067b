//! Small formatters that reproduce Java's text: `Date.toString()`, `DateFormat.MEDIUM`,
//! `HexDumpEncoder.encodeBuffer`, colon-separated fingerprints and keytool 17's PEM.

use jiff::tz::TimeZone;

/// `java.util.Date.toString()`: `EEE MMM dd HH:mm:ss zzz yyyy` in the local time zone.
pub fn java_date(unix_seconds: i64) -> String {
    match jiff::Timestamp::from_second(unix_seconds) {
        Ok(t) => t
            .to_zoned(TimeZone::system())
            .strftime("%a %b %d %H:%M:%S %Z %Y")
            .to_string(),
        Err(_) => format!("@{unix_seconds}"),
    }
}

/// `DateFormat.MEDIUM` in English: `Nov 23, 2026`.
pub fn medium_date(unix_millis: i64) -> String {
    match jiff::Timestamp::from_millisecond(unix_millis) {
        Ok(t) => t
            .to_zoned(TimeZone::system())
            .strftime("%b %-d, %Y")
            .to_string(),
        Err(_) => format!("@{unix_millis}"),
    }
}

/// Upper-case hex with `:` between bytes, as keytool prints fingerprints.
pub fn colon_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push_str(&format!("{b:02X}"));
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
