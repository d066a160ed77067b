//! Java's *modified* UTF-8 (`DataOutput.writeUTF` without the length): U+0000 is `C0 80`,
//! characters outside the BMP are two 3-byte surrogates.

/// Decodes Java's modified UTF-8, or `None` if the bytes are malformed or hold an unpaired
/// surrogate (which a Rust `String` cannot represent).
pub(crate) fn decode_modified_utf8(bytes: &[u8]) -> Option<String> {
    // Modified UTF-8 differs from UTF-8 only in NUL (C0 80), supplementary characters
    // (surrogate pairs) and the forbidden raw 00 and 4-byte forms: text that is valid UTF-8
    // without those bytes needs no conversion. That is nearly every alias.
    if bytes.iter().all(|&b| b.wrapping_sub(1) < 0x7F) {
        return String::from_utf8(bytes.to_vec()).ok();
    }
    if let Ok(s) = std::str::from_utf8(bytes)
        && !bytes.iter().any(|&b| b == 0 || b >= 0xF0)
    {
        return Some(s.to_owned());
    }
    let mut units = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (unit, width) = match b {
            0x01..=0x7F => (u16::from(b), 1),
            0xC0..=0xDF => {
                let b2 = continuation(bytes, i + 1)?;
                (u16::from(b & 0x1F) << 6 | b2, 2)
            }
            0xE0..=0xEF => {
                let b2 = continuation(bytes, i + 1)?;
                let b3 = continuation(bytes, i + 2)?;
                (u16::from(b & 0x0F) << 12 | b2 << 6 | b3, 3)
            }
            _ => return None,
        };
        units.push(unit);
        i += width;
    }
    String::from_utf16(&units).ok()
}

fn continuation(bytes: &[u8], i: usize) -> Option<u16> {
    match bytes.get(i) {
        Some(&b) if b & 0xC0 == 0x80 => Some(u16::from(b & 0x3F)),
        _ => None,
    }
}

/// Encodes a string as Java's modified UTF-8 (without the length prefix).
pub(crate) fn encode_modified_utf8(s: &str, out: &mut Vec<u8>) {
    for unit in s.encode_utf16() {
        match unit {
            0x0001..=0x007F => out.push(low(unit)),
            0x0000 | 0x0080..=0x07FF => {
                out.push(0xC0 | low(unit >> 6));
                out.push(0x80 | low(unit & 0x3F));
            }
            _ => {
                out.push(0xE0 | low(unit >> 12));
                out.push(0x80 | low((unit >> 6) & 0x3F));
                out.push(0x80 | low(unit & 0x3F));
            }
        }
    }
}

/// The low byte of a UTF-16 unit whose higher bits the caller has shifted or masked away.
fn low(unit: u16) -> u8 {
    unit.to_be_bytes()[1]
}
