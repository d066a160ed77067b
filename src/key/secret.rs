//! Plaintext secret keys: raw bytes plus a Java algorithm name, zeroized when dropped.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::KeyError;

/// A decrypted secret (symmetric) key: raw bytes and the Java algorithm name, such as `AES`,
/// `HmacSHA256`, `DESede` or `PBEWithMD5AndDES` (a password stored with `keytool -importpass`).
#[derive(Clone)]
pub struct SecretKey {
    algorithm: String,
    bytes: Zeroizing<Vec<u8>>,
}

impl SecretKey {
    /// A secret key from its Java algorithm name and raw bytes.
    pub fn new(algorithm: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            algorithm: algorithm.into(),
            bytes: Zeroizing::new(bytes.into()),
        }
    }

    /// The Java algorithm name.
    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    /// The raw key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Generates a key for Java's `KeyGenerator` algorithm `algorithm` with `bits` bits:
    /// `AES` (128, 192, 256), `DES` (56), `DESede` (112 or 168; keys carry DES parity bits as
    /// Java's do) and `HmacMD5`/`HmacSHA1`/`HmacSHA224`/`HmacSHA256`/`HmacSHA384`/
    /// `HmacSHA512` (any whole number of bytes). `bits` may be `None` only for DES and DESede.
    pub fn generate(algorithm: &str, bits: Option<usize>) -> Result<Self, KeyError> {
        let size = |b: Option<usize>| b.map_or(0, |b| u32::try_from(b).unwrap_or(u32::MAX));
        let bad = |b: Option<usize>, allowed: &'static str| KeyError::KeySize {
            algorithm: algorithm.to_owned(),
            size: size(b),
            allowed,
        };
        let canonical = [
            "AES",
            "DES",
            "DESede",
            "HmacMD5",
            "HmacSHA1",
            "HmacSHA224",
            "HmacSHA256",
            "HmacSHA384",
            "HmacSHA512",
        ]
        .into_iter()
        .find(|a| a.eq_ignore_ascii_case(algorithm))
        .ok_or_else(|| KeyError::UnsupportedProtection {
            algorithm: format!("{algorithm} secret keys cannot be generated here"),
        })?;
        let bytes = match (canonical, bits) {
            ("AES", Some(b @ (128 | 192 | 256))) => b / 8,
            ("AES", b) => return Err(bad(b, "Wrong keysize: must be equal to 128, 192 or 256")),
            ("DES", None | Some(56 | 64)) => 8,
            ("DESede", None | Some(112 | 168 | 128 | 192)) => 24,
            ("DES", b) => return Err(bad(b, "Wrong keysize: must be equal to 56")),
            ("DESede", b) => return Err(bad(b, "Wrong keysize: must be equal to 112 or 168")),
            (_, Some(b)) if (40..=8192).contains(&b) && b % 8 == 0 => b / 8,
            (_, b @ Some(40..)) => return Err(bad(b, "Key length must be a multiple of 8 bits")),
            (_, b) => return Err(bad(b, "Key length must be at least 40 bits")),
        };
        let mut key = Zeroizing::new(vec![0u8; bytes]);
        rand::fill(key.as_mut_slice());
        if canonical.starts_with("DES") {
            if canonical == "DESede" && matches!(bits, Some(112 | 128)) {
                // Two-key triple DES: the third key is the first.
                let (k1, rest) = key.split_at_mut(8);
                rest[8..].copy_from_slice(k1);
            }
            for b in key.iter_mut() {
                // Odd parity in the low bit of every byte.
                *b = (*b & 0xFE) | u8::from((*b >> 1).count_ones() % 2 == 0);
            }
        }
        Ok(Self {
            algorithm: canonical.to_owned(),
            bytes: key,
        })
    }

    /// The key length in bits, as keytool reports it.
    pub fn bits(&self) -> usize {
        self.bytes.len() * 8
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKey")
            .field("algorithm", &self.algorithm)
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

impl PartialEq for SecretKey {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.algorithm == other.algorithm
            && bool::from(self.bytes.as_slice().ct_eq(other.bytes.as_slice()))
    }
}

impl Eq for SecretKey {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secret_keys_have_java_shapes() {
        assert_eq!(SecretKey::generate("aes", Some(256)).unwrap().bits(), 256);
        assert_eq!(
            SecretKey::generate("AES", Some(256)).unwrap().algorithm(),
            "AES"
        );
        let des3 = SecretKey::generate("DESede", None).unwrap();
        assert_eq!(des3.algorithm(), "DESede");
        assert!(
            des3.as_bytes().iter().all(|b| b.count_ones() % 2 == 1),
            "odd parity"
        );
        let two = SecretKey::generate("DESede", Some(112)).unwrap();
        assert_eq!(two.as_bytes()[..8], two.as_bytes()[16..]);
        assert_eq!(
            SecretKey::generate("HmacSHA256", Some(256)).unwrap().bits(),
            256
        );
        assert!(SecretKey::generate("AES", None).is_err());
        assert!(SecretKey::generate("AES", Some(100)).is_err());
        assert!(SecretKey::generate("Blowfish", Some(128)).is_err());
    }
}
