//! Keystore formats: detection from the bytes, and the byte-facing methods of [`KeyStore`].

pub(crate) mod datastream;
pub(crate) mod javaser;
mod jks;
mod pkcs12;

pub use pkcs12::{CertProtection, MacAlgorithm, Pkcs12Options, is_passwordless};

use std::fmt;

use bytes::Bytes;
use std::str::FromStr;

use crate::error::{DecodeError, EncodeError, Error};
use crate::store::KeyStore;

/// A keystore file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Sun's JKS (`FE ED FE ED`): private keys and trusted certificates.
    Jks,
    /// SunJCE's JCEKS (`CE CE CE CE`): JKS plus secret keys and stronger key protection.
    Jceks,
    /// PKCS#12 (RFC 7292), keytool's default since Java 9.
    Pkcs12,
}

const JKS_MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

impl Format {
    /// The name keytool uses for `-storetype` and prints as "Keystore type".
    pub fn name(self) -> &'static str {
        match self {
            Self::Jks => "JKS",
            Self::Jceks => "JCEKS",
            Self::Pkcs12 => "PKCS12",
        }
    }

    /// Finds the format from the first bytes of a file.
    ///
    /// Bouncy Castle stores (BKS, UBER, BCFKS) and other files get a clear error rather than a
    /// guess.
    pub fn detect(bytes: &[u8]) -> Result<Self, DecodeError> {
        let head = bytes.get(..4);
        match head {
            None if bytes.is_empty() => Err(DecodeError::Empty),
            Some(m) if m == JKS_MAGIC => Ok(Self::Jks),
            Some(m) if m == JCEKS_MAGIC => Ok(Self::Jceks),
            _ if is_pkcs12(bytes) => Ok(Self::Pkcs12),
            _ => Err(unsupported(bytes)),
        }
    }
}

/// A PFX is `SEQUENCE { INTEGER version, ContentInfo, ... }`; Java probes the same way.
fn is_pkcs12(bytes: &[u8]) -> bool {
    let rest = match bytes {
        [0x30, n, rest @ ..] if *n < 0x80 => rest,
        [0x30, n @ 0x81..=0x84, rest @ ..] => rest.get(usize::from(n & 0x7F)..).unwrap_or(&[]),
        _ => return false,
    };
    matches!(rest, [0x02, 0x01, _, 0x30, ..])
}

fn unsupported(bytes: &[u8]) -> DecodeError {
    let word = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    };
    if matches!(word(0), Some(1 | 2)) && matches!(word(4), Some(1..=64)) {
        return DecodeError::UnsupportedFormat {
            kind: "BKS or UBER (Bouncy Castle)",
            hint: "convert it to PKCS#12 with keytool and the Bouncy Castle provider",
        };
    }
    if bytes.first() == Some(&0x30) {
        return DecodeError::UnsupportedFormat {
            kind: "BCFKS or other DER-encoded",
            hint: "convert it to PKCS#12 with the tool that made it",
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

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for a store type name that is not JKS, JCEKS or PKCS12.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} not found: use JKS, JCEKS or PKCS12")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a `-storetype` value, case-insensitively, as keytool does.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "JKS" => Ok(Self::Jks),
            "JCEKS" => Ok(Self::Jceks),
            "PKCS12" | "PKCS#12" | "P12" => Ok(Self::Pkcs12),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

impl KeyStore {
    /// Reads a keystore of any supported format, verifying its integrity with `password`.
    ///
    /// A wrong password gives [`Error::Integrity`]; damaged bytes give [`Error::Decode`].
    pub fn from_bytes(bytes: &[u8], password: &str) -> Result<Self, Error> {
        Self::decode(&Bytes::copy_from_slice(bytes), Some(password))
    }

    /// Like [`KeyStore::from_bytes`], taking ownership of the buffer so that certificates can
    /// point into it without a copy.
    pub fn from_vec(bytes: Vec<u8>, password: Option<&str>) -> Result<Self, Error> {
        Self::decode(&Bytes::from(bytes), password)
    }

    /// Reads a keystore without a password, as keytool does when none is given: JKS and JCEKS
    /// are read completely but their integrity is **not** verified.
    pub fn from_bytes_unverified(bytes: &[u8]) -> Result<Self, Error> {
        Self::decode(&Bytes::copy_from_slice(bytes), None)
    }

    fn decode(bytes: &Bytes, password: Option<&str>) -> Result<Self, Error> {
        Self::decode_with_budget(bytes, password, crate::limits::MAX_LOAD_ITERATIONS)
    }

    /// Like `decode`, with another cap on key-derivation work (the fuzzers use a small one).
    pub(crate) fn decode_with_budget(
        bytes: &Bytes,
        password: Option<&str>,
        budget: u64,
    ) -> Result<Self, Error> {
        match Format::detect(bytes)? {
            f @ (Format::Jks | Format::Jceks) => jks::decode(bytes, f, password),
            Format::Pkcs12 => pkcs12::decode(bytes, password, budget),
        }
    }

    /// Writes the keystore in its [`format`](KeyStore::format), protected by `password`.
    ///
    /// Keys are written as they are held, so loading and saving with the same password gives
    /// back the same bytes (JKS and JCEKS).
    pub fn to_bytes(&self, password: &str) -> Result<Vec<u8>, EncodeError> {
        match self.format() {
            f @ (Format::Jks | Format::Jceks) => jks::encode(self, f, password),
            Format::Pkcs12 => pkcs12::encode(self, password),
        }
    }
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
        assert_eq!(Format::detect(&[]), Err(DecodeError::Empty));
        assert!(matches!(
            Format::detect(&[0, 0, 0, 2, 0, 0, 0, 20, 1, 2]),
            Err(DecodeError::UnsupportedFormat { .. })
        ));
        assert!(matches!(
            Format::detect(b"hello world"),
            Err(DecodeError::UnrecognizedFormat { .. })
        ));
        assert!(matches!(
            Format::detect(&[0xFE]),
            Err(DecodeError::UnrecognizedFormat { .. })
        ));
    }

    #[test]
    fn names_parse_like_keytool() {
        assert_eq!("jceks".parse::<Format>(), Ok(Format::Jceks));
        assert_eq!("pkcs12".parse::<Format>(), Ok(Format::Pkcs12));
        assert!("BKS".parse::<Format>().is_err());
    }
}
