//! The keystore formats, as plain vocabulary: every layer names them, so they live at the
//! bottom, apart from the codecs that read and write them.

use std::fmt;
use std::str::FromStr;

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
    /// Bouncy Castle's BKS (versions 1 and 2), read to be converted: Android apps and older
    /// middleware use it. Not written.
    Bks,
    /// Bouncy Castle's UBER (BKS encrypted whole with Twofish), read to be converted. Not
    /// written.
    Uber,
}

/// The first four bytes of a JKS file.
pub(crate) const JKS_MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
/// The first four bytes of a JCEKS file.
pub(crate) const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

impl Format {
    /// The name keytool uses for `-storetype` and prints as "Keystore type".
    pub fn name(self) -> &'static str {
        match self {
            Self::Jks => "JKS",
            Self::Jceks => "JCEKS",
            Self::Pkcs12 => "PKCS12",
            Self::Bks => "BKS",
            Self::Uber => "UBER",
        }
    }

    /// True for the formats this crate writes (JKS, JCEKS, PKCS#12); BKS and UBER are read
    /// to be converted.
    pub fn is_writable(self) -> bool {
        matches!(self, Self::Jks | Self::Jceks | Self::Pkcs12)
    }

    /// True when the format can hold secret keys (JCEKS and PKCS#12).
    pub fn holds_secret_keys(self) -> bool {
        self != Self::Jks
    }

    /// The magic number a JKS-family file starts with, or `None` for PKCS#12.
    pub(crate) fn magic(self) -> Option<[u8; 4]> {
        match self {
            Self::Jks => Some(JKS_MAGIC),
            Self::Jceks => Some(JCEKS_MAGIC),
            Self::Pkcs12 | Self::Bks | Self::Uber => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which keytool's behaviour to follow where keytool 17 and 25 differ: default key sizes and
/// signature algorithms, message texts, PEM line endings, key names, `-version`.
///
/// The default is keytool 17's: the field procedures require SHA256withRSA for `-keysize
/// 2048`, which keytool 25 no longer gives (it signs with SHA384withRSA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Release {
    /// keytool 17 (JDK 17 LTS).
    #[default]
    Jdk17,
    /// keytool 25 (JDK 25 LTS).
    Jdk25,
}

impl Release {
    /// The release that `JAVAKEYSTORE_KEYTOOL` names (`25`, `jdk25`, `17`), else keytool 17.
    pub fn from_env() -> Self {
        match std::env::var("JAVAKEYSTORE_KEYTOOL")
            .as_deref()
            .map(str::trim)
        {
            Ok("25" | "jdk25" | "JDK25" | "keytool25") => Self::Jdk25,
            _ => Self::Jdk17,
        }
    }
}

/// A store type name that is not JKS, JCEKS or PKCS12.
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
            "BKS" | "BKS-V1" => Ok(Self::Bks),
            "UBER" => Ok(Self::Uber),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_like_keytool() {
        assert_eq!("jceks".parse::<Format>(), Ok(Format::Jceks));
        assert_eq!("pkcs12".parse::<Format>(), Ok(Format::Pkcs12));
        assert_eq!("bks".parse::<Format>(), Ok(Format::Bks));
        assert!("BCFKS".parse::<Format>().is_err());
        assert!(!Format::Uber.is_writable() && Format::Pkcs12.is_writable());
        assert_eq!(Format::Jks.to_string(), "JKS");
    }
}
