//! Java's text formats as keytool prints them: `Date.toString()`, `DateFormat.MEDIUM`,
//! `HexDumpEncoder`, colon-separated fingerprints, grouped numbers and keytool 17's PEM.

use crate::keytool::zone::Zone;
use crate::sign::SignatureAlgorithm;
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

/// PEM as the release frames it: keytool 17 as [`pem()`]; keytool 25 ends every line with CRLF.
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

/// `PSSParameterSpec.toString()`, as Java's `AlgorithmId` shows RSASSA-PSS parameters.
pub(crate) fn pss_parameters(alg: SignatureAlgorithm) -> Option<String> {
    let (hash, salt) = match alg {
        SignatureAlgorithm::RsassaPssSha256 => ("SHA-256", 32),
        SignatureAlgorithm::RsassaPssSha384 => ("SHA-384", 48),
        SignatureAlgorithm::RsassaPssSha512 => ("SHA-512", 64),
        _ => return None,
    };
    Some(format!(
        "PSSParameterSpec[hashAlgorithm={hash}, maskGenAlgorithm=MGF1ParameterSpec[hashAlgorithm={hash}], saltLength={salt}, trailerField=1]"
    ))
}

/// Java's `Debug.toHexString(BigInteger)`: four spaces (or three and `-`), then the hex
/// digits in pairs, a space every four bytes and a new line every 32.
pub(crate) fn debug_hex(content: &[u8]) -> String {
    let negative = content.first().is_some_and(|b| b & 0x80 != 0);
    let serial = crate::inspect::SerialNumber::from_bytes(content);
    let hex = serial.to_java_hex();
    let digits = hex.trim_start_matches('-');
    let digits = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits.to_owned()
    };
    let mut out = String::from(if negative { "   -" } else { "    " });
    let pairs: Vec<&str> = (0..digits.len())
        .step_by(2)
        .map(|i| &digits[i..i + 2])
        .collect();
    for (n, pair) in pairs.iter().enumerate() {
        out.push_str(pair);
        let i = (n + 1) * 2;
        if i != digits.len() {
            if i % 64 == 0 {
                out.push_str("\n    ");
            } else if i % 8 == 0 {
                out.push(' ');
            }
        }
    }
    out
}

/// `BigInteger.toString()` of an unsigned big-endian magnitude: decimal digits.
pub(crate) fn decimal(magnitude: &[u8]) -> String {
    // Repeated division by 10^9 over base-2^32 limbs; keys are at most a few kilobytes.
    let mut limbs: Vec<u32> = Vec::with_capacity(magnitude.len() / 4 + 1);
    let pad = (4 - magnitude.len() % 4) % 4;
    let padded: Vec<u8> = std::iter::repeat_n(0, pad)
        .chain(magnitude.iter().copied())
        .collect();
    limbs.extend(
        padded
            .chunks(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]])),
    );
    let mut groups = Vec::new();
    while limbs.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for l in &mut limbs {
            let cur = (rem << 32) | u64::from(*l);
            *l = u32::try_from(cur / 1_000_000_000).unwrap_or(u32::MAX);
            rem = cur % 1_000_000_000;
        }
        groups.push(rem);
        while limbs.first() == Some(&0) {
            limbs.remove(0);
        }
    }
    let mut out = groups
        .pop()
        .map_or_else(|| "0".to_owned(), |g| g.to_string());
    for g in groups.iter().rev() {
        out.push_str(&format!("{g:09}"));
    }
    out
}

/// A DER length field for `len` content bytes.
pub(crate) fn der_length(len: usize) -> Vec<u8> {
    match u8::try_from(len) {
        Ok(l) if l < 0x80 => vec![l],
        _ => {
            let bytes: Vec<u8> = len
                .to_be_bytes()
                .into_iter()
                .skip_while(|b| *b == 0)
                .collect();
            let mut out = vec![0x80 | u8::try_from(bytes.len()).unwrap_or(0)];
            out.extend(bytes);
            out
        }
    }
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

    #[test]
    fn big_numbers_print_in_decimal_as_java_does() {
        assert_eq!(decimal(&[]), "0");
        assert_eq!(decimal(&[0x01, 0x00, 0x01]), "65537");
        assert_eq!(decimal(&[0x3b, 0x9a, 0xca, 0x00]), "1000000000");
        // 2^64 = 18446744073709551616, across limbs and 10^9 groups with inner zeros.
        assert_eq!(
            decimal(&[1, 0, 0, 0, 0, 0, 0, 0, 0]),
            "18446744073709551616"
        );
        assert_eq!(der_length(5), [5]);
        assert_eq!(der_length(300), [0x82, 0x01, 0x2c]);
    }
}
