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

    /// The two's-complement big-endian bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// True for a negative serial (which RFC 5280 forbids and old CAs issued).
    pub fn is_negative(&self) -> bool {
        self.0.first().is_some_and(|b| b & 0x80 != 0)
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
    fn java_hex_of_positive_negative_and_zero() {
        assert_eq!(SerialNumber::new(&[0x00, 0x8F, 0x01]).to_java_hex(), "8f01");
        assert_eq!(SerialNumber::new(&[0xFF]).to_java_hex(), "-1");
        assert_eq!(SerialNumber::new(&[0x80, 0x00]).to_java_hex(), "-8000");
        assert_eq!(SerialNumber::new(&[0x00]).to_java_hex(), "0");
    }
}
