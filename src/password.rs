//! Password → bytes, the way each Java algorithm does it. Every buffer is zeroized on drop.
//!
//! | where | bytes |
//! | --- | --- |
//! | JKS/JCEKS integrity digest, JKS key protector | UTF-16BE code units |
//! | JCEKS PBEWithMD5AndTripleDES | one byte per char, printable ASCII only (JDK 8–21); UTF-8 (JDK 25) |

use zeroize::Zeroizing;

use crate::error::KeyError;

/// UTF-16BE code units, no BOM and no terminator (Java `char[]` as bytes).
pub(crate) fn utf16be(password: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(password.len() * 2));
    for unit in password.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// True when every character is printable ASCII, the only ones JDK 8 to 21 accept in a
/// `PBEKeySpec`.
pub(crate) fn is_printable_ascii(password: &str) -> bool {
    password.bytes().all(|b| (0x20..=0x7E).contains(&b))
}

/// Bytes for sealing a JCEKS key: refused unless every JDK can read the result.
pub(crate) fn pbe_for_sealing(password: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    if !is_printable_ascii(password) {
        return Err(KeyError::PasswordNotAscii);
    }
    Ok(Zeroizing::new(password.as_bytes().to_vec()))
}

/// Bytes for opening a JCEKS key: ASCII as is, anything else as UTF-8 as JDK 25 writes it.
pub(crate) fn pbe_for_opening(password: &str) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(password.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_uses_surrogates_for_supplementary_characters() {
        assert_eq!(utf16be("a😀").as_slice(), [0, 0x61, 0xD8, 0x3D, 0xDE, 0x00]);
    }

    #[test]
    fn sealing_refuses_what_old_jdks_cannot_read() {
        assert!(pbe_for_sealing("changeit").is_ok());
        assert!(pbe_for_sealing("").is_ok());
        assert_eq!(pbe_for_sealing("pässwörd"), Err(KeyError::PasswordNotAscii));
        assert_eq!(
            pbe_for_sealing("tab\there"),
            Err(KeyError::PasswordNotAscii)
        );
    }
}
