//! Java's text formats as keytool prints them: `Date.toString()`, `DateFormat.MEDIUM`,
//! `HexDumpEncoder`, colon-separated fingerprints, grouped numbers and keytool 17's PEM.

use crate::keytool::zone::Zone;
use crate::timestamp::Timestamp;

/// `java.util.Date.toString()`: `EEE MMM dd HH:mm:ss zzz yyyy` in `zone`.
pub fn java_date(t: Timestamp, zone: &Zone) -> String {
    let secs = t.unix_millis().div_euclid(1000);
    match jiff::Timestamp::from_second(secs) {
        Ok(ts) => ts
            .to_zoned(zone.inner().clone())
            .strftime("%a %b %d %H:%M:%S %Z %Y")
            .to_string(),
        Err(_) => format!("@{secs}"),
    }
}

/// `DateFormat.MEDIUM` in English: `Nov 23, 2026`.
pub fn medium_date(t: Timestamp, zone: &Zone) -> String {
    match jiff::Timestamp::from_millisecond(t.unix_millis()) {
        Ok(ts) => ts
            .to_zoned(zone.inner().clone())
            .strftime("%b %-d, %Y")
            .to_string(),
        Err(_) => format!("@{}", t.unix_millis()),
    }
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
    use std::fmt::Write as _;
    let mut out = String::new();
    for (n, line) in bytes.chunks(16).enumerate() {
        let _ = write!(out, "{:04X}: ", n * 16);
        for (i, b) in line.iter().enumerate() {
            let _ = write!(out, "{b:02X} ");
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
                char::from(b)
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

/// PEM as the release frames it: keytool 17 as [`pem`]; keytool 25 ends every line with CRLF.
pub fn pem_for(label: &str, der: &[u8], release: crate::kind::Release) -> String {
    let text = pem(label, der);
    if release == crate::kind::Release::Jdk17 {
        return text;
    }
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// `1,000`: `MessageFormat`'s `{0,number,integer}` in English.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_formats() {
        let t = Timestamp::from_unix_millis(1_795_422_812_096);
        assert_eq!(java_date(t, &Zone::utc()), "Mon Nov 23 08:33:32 UTC 2026");
        assert_eq!(medium_date(t, &Zone::utc()), "Nov 23, 2026");
        let tokyo = Zone::posix("JST-9").unwrap();
        assert_eq!(java_date(t, &tokyo), "Mon Nov 23 17:33:32 JST 2026");
        assert_eq!(colon_hex(&[0x0A, 0xFF]), "0A:FF");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(12), "12");
        assert_eq!(
            hex_dump(b"0123456789abcdef\x01"),
            "0000: 30 31 32 33 34 35 36 37   38 39 61 62 63 64 65 66  0123456789abcdef\n\
             0010: 01                                                 .\n"
        );
        let p = pem("CERTIFICATE", &[0u8; 60]);
        assert!(p.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(p.contains("\r\n") && p.ends_with("-----END CERTIFICATE-----\n"));
    }
}
