//! Certificate serial numbers.

use std::fmt;

/// A certificate's serial number: the two's-complement bytes of the DER INTEGER as the
/// certificate holds them (negative and over-long ones too, as Java accepts them).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SerialNumber(Vec<u8>);

impl SerialNumber {
    pub(crate) fn new(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }

    /// A serial from its two's-complement big-endian bytes (as a DER INTEGER holds them).
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }

    /// Parses a decimal number, with an optional `-` (Java's `new BigInteger(text)`), into
    /// the fewest two's-complement bytes. `None` for anything else, or more than 1000 digits.
    pub fn from_decimal(text: &str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        if digits.is_empty() || digits.len() > 1000 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // The magnitude, big-endian, by repeated multiply-and-add in base 256.
        let mut magnitude: Vec<u8> = vec![0];
        for d in digits.bytes() {
            let mut carry = u32::from(d - b'0');
            for byte in magnitude.iter_mut().rev() {
                let v = u32::from(*byte) * 10 + carry;
                *byte = v.to_le_bytes()[0];
                carry = v >> 8;
            }
            while carry > 0 {
                magnitude.insert(0, carry.to_le_bytes()[0]);
                carry >>= 8;
            }
        }
        Some(Self(twos_complement(&magnitude, negative)))
    }

    /// The two's-complement big-endian bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// True for a negative serial (which RFC 5280 forbids and old CAs issued).
    pub fn is_negative(&self) -> bool {
        self.0.first().is_some_and(|b| b & 0x80 != 0)
    }

    /// `BigInteger.toString()`: decimal, `-` for negatives (how Go and monitoring tools
    /// print serials).
    pub fn to_decimal(&self) -> String {
        let hex = self.to_java_hex();
        let (negative, digits) = match hex.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, hex.as_str()),
        };
        // Base conversion of the magnitude, little-endian base 10^9 limbs.
        let mut limbs: Vec<u32> = vec![0];
        for c in digits.chars() {
            let mut carry = u64::from(c.to_digit(16).unwrap_or(0));
            for limb in &mut limbs {
                let v = u64::from(*limb) * 16 + carry;
                *limb = u32::try_from(v % 1_000_000_000).unwrap_or(0);
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.push(u32::try_from(carry).unwrap_or(0));
            }
        }
        let mut out = String::from(if negative { "-" } else { "" });
        let mut rev = limbs.iter().rev();
        if let Some(top) = rev.next() {
            out.push_str(&top.to_string());
        }
        for limb in rev {
            out.push_str(&format!("{limb:09}"));
        }
        out
    }

    /// `BigInteger.toString(16)`: lower-case hex without leading zeros, `-` for negatives;
    /// what keytool prints as "Serial number".
    pub fn to_java_hex(&self) -> String {
        let magnitude: Vec<u8> = if self.is_negative() {
            // Two's complement negation of the whole number.
            let mut m: Vec<u8> = self.0.iter().map(|b| !b).collect();
            for b in m.iter_mut().rev() {
                let (v, carry) = b.overflowing_add(1);
                *b = v;
                if !carry {
                    break;
                }
            }
            m
        } else {
            self.0.clone()
        };
        let hex: String = magnitude.iter().map(|b| format!("{b:02x}")).collect();
        let trimmed = hex.trim_start_matches('0');
        let digits = if trimmed.is_empty() { "0" } else { trimmed };
        if self.is_negative() {
            format!("-{digits}")
        } else {
            digits.to_owned()
        }
    }
}

/// The fewest two's-complement bytes of `magnitude` (big-endian), negated when `negative`.
fn twos_complement(magnitude: &[u8], negative: bool) -> Vec<u8> {
    let trimmed: Vec<u8> = match magnitude.iter().position(|b| *b != 0) {
        Some(i) => magnitude[i..].to_vec(),
        None => return vec![0],
    };
    let mut out = Vec::with_capacity(trimmed.len() + 1);
    out.push(0);
    out.extend_from_slice(&trimmed);
    if negative {
        for b in &mut out {
            *b = !*b;
        }
        for b in out.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
    }
    // Drop sign bytes the next byte makes redundant.
    while out.len() > 1
        && ((out[0] == 0 && out[1] & 0x80 == 0) || (out[0] == 0xFF && out[1] & 0x80 != 0))
    {
        out.remove(0);
    }
    out
}

impl fmt::Display for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_java_hex())
    }
}

impl fmt::Debug for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SerialNumber({})", self.to_java_hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_round_trips() {
        for text in [
            "0",
            "1",
            "255",
            "-1",
            "-129",
            "999999999",
            "1000000000",
            "340282366920938463463374607431768211457",
            "-98765432109876543210",
        ] {
            let serial = SerialNumber::from_decimal(text).expect("parse");
            assert_eq!(serial.to_decimal(), text);
        }
    }

    #[test]
    fn java_hex_of_positive_negative_and_zero() {
        assert_eq!(SerialNumber::new(&[0x00, 0x8F, 0x01]).to_java_hex(), "8f01");
        assert_eq!(SerialNumber::new(&[0xFF]).to_java_hex(), "-1");
        assert_eq!(SerialNumber::new(&[0x80, 0x00]).to_java_hex(), "-8000");
        assert_eq!(SerialNumber::new(&[0x00]).to_java_hex(), "0");
    }

    #[test]
    fn decimals_parse_as_big_integer_does() {
        let bytes = |t: &str| SerialNumber::from_decimal(t).map(|s| s.as_bytes().to_vec());
        assert_eq!(bytes("1234"), Some(vec![0x04, 0xD2]));
        assert_eq!(bytes("255"), Some(vec![0x00, 0xFF]));
        assert_eq!(bytes("-5"), Some(vec![0xFB]));
        assert_eq!(bytes("-128"), Some(vec![0x80]));
        assert_eq!(bytes("-129"), Some(vec![0xFF, 0x7F]));
        assert_eq!(bytes("0"), Some(vec![0x00]));
        assert_eq!(
            bytes("18446744073709551616"),
            Some(vec![1, 0, 0, 0, 0, 0, 0, 0, 0])
        );
        for bad in ["", "-", "0x10", "12a", " 1"] {
            assert_eq!(bytes(bad), None, "{bad:?}");
        }
        let s = SerialNumber::from_decimal("-1234567890123").unwrap();
        assert_eq!(s.to_java_hex(), "-11f71fb04cb");
    }
}
