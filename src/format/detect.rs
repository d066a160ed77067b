//! Finding a file's format from its first bytes.

use crate::error::DecodeError;
use crate::kind::{Format, JCEKS_MAGIC, JKS_MAGIC};

impl Format {
    /// Finds the format from the first bytes of a file.
    ///
    /// Bouncy Castle stores (BKS, UBER, BCFKS) and other files get a clear error rather than a
    /// guess.
    pub fn detect(bytes: &[u8]) -> Result<Self, DecodeError> {
        match bytes.get(..4) {
            None if bytes.is_empty() => Err(DecodeError::Empty),
            Some(m) if m == JKS_MAGIC => Ok(Self::Jks),
            Some(m) if m == JCEKS_MAGIC => Ok(Self::Jceks),
            _ if is_pkcs12(bytes) => Ok(Self::Pkcs12),
            _ if is_bouncy_castle(bytes) => Ok(Self::Bks),
            _ => Err(unsupported(bytes)),
        }
    }
}

/// A PFX is `SEQUENCE { INTEGER version, ContentInfo, ... }`; Java probes the same way. The
/// SEQUENCE may have an indefinite length (BER, as Bouncy Castle writes).
fn is_pkcs12(bytes: &[u8]) -> bool {
    let rest = match bytes {
        [0x30, n, rest @ ..] if *n <= 0x80 => rest,
        [0x30, n @ 0x81..=0x84, rest @ ..] => rest.get(usize::from(n & 0x7F)..).unwrap_or(&[]),
        _ => return false,
    };
    matches!(rest, [0x02, 0x01, _, 0x30, ..])
}

/// BKS and UBER start with a version (1 or 2) and a salt length (BC writes 20); which of the
/// two a version-1 file is, the reader finds out (`format::bks`).
fn is_bouncy_castle(bytes: &[u8]) -> bool {
    let word = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    };
    matches!(word(0), Some(1 | 2)) && matches!(word(4), Some(1..=64))
}

/// BCFKS: `SEQUENCE { storeData SEQUENCE, integrityCheck SEQUENCE }` (a PFX starts with its
/// INTEGER version instead).
fn is_bcfks(bytes: &[u8]) -> bool {
    let Some((top, _)) = crate::wire::tlv::read(bytes) else {
        return false;
    };
    let children = crate::wire::tlv::children(top.value).unwrap_or_default();
    top.tag == 0x30 && children.len() == 2 && children.iter().all(|c| c.tag == 0x30)
}

fn unsupported(bytes: &[u8]) -> DecodeError {
    if is_bcfks(bytes) {
        return DecodeError::UnsupportedFormat {
            kind: "BCFKS (Bouncy Castle FIPS)",
            hint: "convert it to PKCS#12 with keytool and the Bouncy Castle provider \
                   (-importkeystore -srcstoretype BCFKS -providerpath bc-fips.jar \
                   -providerclass org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider)",
        };
    }
    if bytes.first() == Some(&0x30) {
        return DecodeError::UnsupportedFormat {
            kind: "DER-encoded non-PKCS#12",
            hint: "the file may be a certificate, key or request: look at it with -printcert or \
                   -printcertreq, or import a certificate with -importcert",
        };
    }
    if bytes.starts_with(b"-----BEGIN") {
        return DecodeError::UnsupportedFormat {
            kind: "PEM files",
            hint: "a PEM file is not a keystore; import certificates with -importcert",
        };
    }
    let magic = bytes
        .iter()
        .take(4)
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    DecodeError::UnrecognizedFormat { magic }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(
            Format::detect(&[0xFE, 0xED, 0xFE, 0xED, 0]),
            Ok(Format::Jks)
        );
        assert_eq!(Format::detect(&[0xCE, 0xCE, 0xCE, 0xCE]), Ok(Format::Jceks));
        assert_eq!(
            Format::detect(&[0x30, 0x82, 0x0A, 0x0B, 0x02, 0x01, 0x03, 0x30, 0x82]),
            Ok(Format::Pkcs12)
        );
        assert_eq!(
            Format::detect(&[0x30, 0x80, 0x02, 0x01, 0x03, 0x30, 0x80]),
            Ok(Format::Pkcs12)
        );
        assert_eq!(Format::detect(&[]), Err(DecodeError::Empty));
        assert_eq!(
            Format::detect(&[0, 0, 0, 2, 0, 0, 0, 20, 1, 2]),
            Ok(Format::Bks)
        );
        assert!(matches!(
            Format::detect(b"hello world"),
            Err(DecodeError::UnrecognizedFormat { .. })
        ));
        assert!(matches!(
            Format::detect(&[0xFE]),
            Err(DecodeError::UnrecognizedFormat { .. })
        ));
    }
}
