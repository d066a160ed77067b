//! Signature algorithms by their Java names: what each signs with, how it hashes, its OID.

use std::fmt;
use std::str::FromStr;

use der::asn1::{AnyRef, ObjectIdentifier};
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::error::KeyError;
use crate::key::{KeyAlgorithm, PrivateKey};
use crate::kind::Release;
use crate::sign::family::{Family, Hash};
use crate::sign::pss;

macro_rules! algorithms {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $oid:literal, $family:ident, $hash:ident;)*) => {
        /// A signature algorithm, named as Java names it (`-sigalg`).
        ///
        /// `RsassaPss`, `EdDsa` and `MlDsa` are the names that leave the parameters to the
        /// key, as keytool's `-sigalg RSASSA-PSS`, `EdDSA` and `ML-DSA` do:
        /// [`SignatureAlgorithm::resolve`] picks the concrete one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum SignatureAlgorithm {
            $($(#[$doc])* $variant,)*
        }

        const TABLE: &[(SignatureAlgorithm, &str, &str, Family, Hash)] = &[
            $((SignatureAlgorithm::$variant, $name, $oid, Family::$family, Hash::$hash),)*
        ];
    };
}

algorithms! {
    /// `MD5withRSA` (disabled by the JDK's policy: read and verified, not made).
    Md5WithRsa = "MD5withRSA", "1.2.840.113549.1.1.4", Rsa, Md5;
    /// `SHA1withRSA`.
    Sha1WithRsa = "SHA1withRSA", "1.2.840.113549.1.1.5", Rsa, Sha1;
    /// `SHA224withRSA`.
    Sha224WithRsa = "SHA224withRSA", "1.2.840.113549.1.1.14", Rsa, Sha224;
    /// `SHA256withRSA`.
    Sha256WithRsa = "SHA256withRSA", "1.2.840.113549.1.1.11", Rsa, Sha256;
    /// `SHA384withRSA`.
    Sha384WithRsa = "SHA384withRSA", "1.2.840.113549.1.1.12", Rsa, Sha384;
    /// `SHA512withRSA`.
    Sha512WithRsa = "SHA512withRSA", "1.2.840.113549.1.1.13", Rsa, Sha512;
    /// `SHA512/224withRSA`.
    Sha512_224WithRsa = "SHA512/224withRSA", "1.2.840.113549.1.1.15", Rsa, Sha512_224;
    /// `SHA512/256withRSA`.
    Sha512_256WithRsa = "SHA512/256withRSA", "1.2.840.113549.1.1.16", Rsa, Sha512_256;
    /// `SHA3-224withRSA`.
    Sha3_224WithRsa = "SHA3-224withRSA", "2.16.840.1.101.3.4.3.13", Rsa, Sha3_224;
    /// `SHA3-256withRSA`.
    Sha3_256WithRsa = "SHA3-256withRSA", "2.16.840.1.101.3.4.3.14", Rsa, Sha3_256;
    /// `SHA3-384withRSA`.
    Sha3_384WithRsa = "SHA3-384withRSA", "2.16.840.1.101.3.4.3.15", Rsa, Sha3_384;
    /// `SHA3-512withRSA`.
    Sha3_512WithRsa = "SHA3-512withRSA", "2.16.840.1.101.3.4.3.16", Rsa, Sha3_512;
    /// `RSASSA-PSS` with the parameters the key's size calls for.
    RsassaPss = "RSASSA-PSS", "1.2.840.113549.1.1.10", RsaPss, Internal;
    /// `RSASSA-PSS` with SHA-256, MGF1-SHA-256 and a 32-byte salt.
    RsassaPssSha256 = "RSASSA-PSS", "1.2.840.113549.1.1.10", RsaPss, Sha256;
    /// `RSASSA-PSS` with SHA-384, MGF1-SHA-384 and a 48-byte salt.
    RsassaPssSha384 = "RSASSA-PSS", "1.2.840.113549.1.1.10", RsaPss, Sha384;
    /// `RSASSA-PSS` with SHA-512, MGF1-SHA-512 and a 64-byte salt.
    RsassaPssSha512 = "RSASSA-PSS", "1.2.840.113549.1.1.10", RsaPss, Sha512;
    /// `SHA1withECDSA`.
    Sha1WithEcdsa = "SHA1withECDSA", "1.2.840.10045.4.1", Ecdsa, Sha1;
    /// `SHA224withECDSA`.
    Sha224WithEcdsa = "SHA224withECDSA", "1.2.840.10045.4.3.1", Ecdsa, Sha224;
    /// `SHA256withECDSA`.
    Sha256WithEcdsa = "SHA256withECDSA", "1.2.840.10045.4.3.2", Ecdsa, Sha256;
    /// `SHA384withECDSA`.
    Sha384WithEcdsa = "SHA384withECDSA", "1.2.840.10045.4.3.3", Ecdsa, Sha384;
    /// `SHA512withECDSA`.
    Sha512WithEcdsa = "SHA512withECDSA", "1.2.840.10045.4.3.4", Ecdsa, Sha512;
    /// `SHA3-224withECDSA`.
    Sha3_224WithEcdsa = "SHA3-224withECDSA", "2.16.840.1.101.3.4.3.9", Ecdsa, Sha3_224;
    /// `SHA3-256withECDSA`.
    Sha3_256WithEcdsa = "SHA3-256withECDSA", "2.16.840.1.101.3.4.3.10", Ecdsa, Sha3_256;
    /// `SHA3-384withECDSA`.
    Sha3_384WithEcdsa = "SHA3-384withECDSA", "2.16.840.1.101.3.4.3.11", Ecdsa, Sha3_384;
    /// `SHA3-512withECDSA`.
    Sha3_512WithEcdsa = "SHA3-512withECDSA", "2.16.840.1.101.3.4.3.12", Ecdsa, Sha3_512;
    /// `SHA1withDSA`.
    Sha1WithDsa = "SHA1withDSA", "1.2.840.10040.4.3", Dsa, Sha1;
    /// `SHA224withDSA`.
    Sha224WithDsa = "SHA224withDSA", "2.16.840.1.101.3.4.3.1", Dsa, Sha224;
    /// `SHA256withDSA`.
    Sha256WithDsa = "SHA256withDSA", "2.16.840.1.101.3.4.3.2", Dsa, Sha256;
    /// `SHA384withDSA`.
    Sha384WithDsa = "SHA384withDSA", "2.16.840.1.101.3.4.3.3", Dsa, Sha384;
    /// `SHA512withDSA`.
    Sha512WithDsa = "SHA512withDSA", "2.16.840.1.101.3.4.3.4", Dsa, Sha512;
    /// `SHA3-224withDSA`.
    Sha3_224WithDsa = "SHA3-224withDSA", "2.16.840.1.101.3.4.3.5", Dsa, Sha3_224;
    /// `SHA3-256withDSA`.
    Sha3_256WithDsa = "SHA3-256withDSA", "2.16.840.1.101.3.4.3.6", Dsa, Sha3_256;
    /// `SHA3-384withDSA`.
    Sha3_384WithDsa = "SHA3-384withDSA", "2.16.840.1.101.3.4.3.7", Dsa, Sha3_384;
    /// `SHA3-512withDSA`.
    Sha3_512WithDsa = "SHA3-512withDSA", "2.16.840.1.101.3.4.3.8", Dsa, Sha3_512;
    /// `Ed25519` (PureEdDSA, RFC 8032).
    Ed25519 = "Ed25519", "1.3.101.112", Ed25519, Internal;
    /// `Ed448`.
    Ed448 = "Ed448", "1.3.101.113", Ed448, Internal;
    /// `EdDSA`: Ed25519 or Ed448, as the key is.
    EdDsa = "EdDSA", "1.3.101.112", Ed25519, Internal;
    /// `ML-DSA-44` (FIPS 204).
    MlDsa44 = "ML-DSA-44", "2.16.840.1.101.3.4.3.17", MlDsa44, Internal;
    /// `ML-DSA-65`.
    MlDsa65 = "ML-DSA-65", "2.16.840.1.101.3.4.3.18", MlDsa65, Internal;
    /// `ML-DSA-87`.
    MlDsa87 = "ML-DSA-87", "2.16.840.1.101.3.4.3.19", MlDsa87, Internal;
    /// `ML-DSA`: the parameter set of the key.
    MlDsa = "ML-DSA", "2.16.840.1.101.3.4.3.18", MlDsa65, Internal;
}

impl SignatureAlgorithm {
    fn row(self) -> &'static (SignatureAlgorithm, &'static str, &'static str, Family, Hash) {
        TABLE.iter().find(|r| r.0 == self).unwrap_or(&TABLE[3])
    }

    /// The Java name (`-sigalg`).
    pub fn java_name(self) -> &'static str {
        self.row().1
    }

    /// The algorithm's OID.
    pub fn oid(self) -> crate::oid::Oid {
        crate::oid::Oid::from_der_oid(self.der_oid())
    }

    pub(crate) fn der_oid(self) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(self.row().2)
    }

    pub(crate) fn family(self) -> Family {
        self.row().3
    }

    pub(crate) fn hash(self) -> Hash {
        self.row().4
    }

    /// The `AlgorithmIdentifier` as Java writes it: NULL parameters for RSA, the PSS
    /// parameters for RSASSA-PSS, none for the others.
    pub(crate) fn identifier(self) -> AlgorithmIdentifierOwned {
        let parameters = match self.family() {
            Family::Rsa => Some(AnyRef::NULL.into()),
            Family::RsaPss => pss::parameters(self.hash()),
            _ => None,
        };
        AlgorithmIdentifierOwned {
            oid: self.der_oid(),
            parameters,
        }
    }

    /// keytool 17's default for a key (see [`SignatureAlgorithm::default_for_release`]).
    pub fn default_for(key: &PrivateKey) -> Result<Self, KeyError> {
        Self::default_for_release(key, Release::Jdk17)
    }

    /// keytool's default for a key. keytool 17: SHA-256 up to RSA-3072 and P-256, SHA-384 up
    /// to RSA-7680 and P-384, SHA-512 above; keytool 25: SHA-384 from RSA-624 and for every
    /// curve below P-521, SHA-512 for RSA above 7680 and for P-521. DSA: SHA-256. EdDSA and
    /// ML-DSA sign with the key's own algorithm; X25519, X448 and ML-KEM cannot sign.
    pub fn default_for_release(key: &PrivateKey, release: Release) -> Result<Self, KeyError> {
        let modern = release >= Release::Jdk25;
        let by_strength = |bits: u32, rsa: bool| match (modern, rsa, bits) {
            (false, true, 0..=3072) | (false, false, 0..=256) => Hash::Sha256,
            (true, true, 0..=623) => Hash::Sha256,
            (_, true, 0..=7680) | (_, false, 0..=384) => Hash::Sha384,
            _ => Hash::Sha512,
        };
        let pick = |family: Family, hash: Hash| {
            TABLE
                .iter()
                .find(|r| r.3 == family && r.4 == hash)
                .map(|r| r.0)
                .ok_or_else(|| cannot_derive(key))
        };
        match key.algorithm() {
            KeyAlgorithm::Rsa => pick(Family::Rsa, by_strength(key.bits()?, true)),
            KeyAlgorithm::RsaPss => pick(Family::RsaPss, by_strength(key.bits()?, true)),
            KeyAlgorithm::Ec => pick(Family::Ecdsa, by_strength(key.bits()?, false)),
            KeyAlgorithm::Dsa => Ok(Self::Sha256WithDsa),
            KeyAlgorithm::Ed25519 => Ok(Self::Ed25519),
            KeyAlgorithm::Ed448 => Ok(Self::Ed448),
            KeyAlgorithm::MlDsa44 => Ok(Self::MlDsa44),
            KeyAlgorithm::MlDsa65 => Ok(Self::MlDsa65),
            KeyAlgorithm::MlDsa87 => Ok(Self::MlDsa87),
            _ => Err(cannot_derive(key)),
        }
    }

    /// The concrete algorithm a generic name gives with `key`: `RSASSA-PSS` takes the
    /// parameters of the key's size (by `release`), `EdDSA` and `ML-DSA` the key's own
    /// algorithm. Concrete algorithms come back unchanged.
    pub fn resolve(self, key: &PrivateKey, release: Release) -> Result<Self, KeyError> {
        match self {
            Self::RsassaPss | Self::EdDsa | Self::MlDsa => {
                let default = Self::default_for_release(key, release)?;
                if self == Self::RsassaPss && key.algorithm() == &KeyAlgorithm::Rsa {
                    let hash = default.hash();
                    let pss = TABLE
                        .iter()
                        .find(|r| r.3 == Family::RsaPss && r.4 == hash)
                        .map_or(Self::RsassaPssSha256, |r| r.0);
                    return Ok(pss);
                }
                Ok(default)
            }
            concrete => Ok(concrete),
        }
    }

    /// True when this algorithm can sign with `key` (Java's `Signature.initSign` accepting
    /// it): RSA names with RSA keys, RSASSA-PSS with RSA and RSASSA-PSS keys, ECDSA with EC,
    /// DSA with DSA, EdDSA and ML-DSA with their own parameter sets.
    pub fn fits(self, key: &PrivateKey) -> bool {
        match (self.family(), key.algorithm()) {
            // Java signs PKCS#1 v1.5 with an RSASSA-PSS key too.
            (Family::Rsa, KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss)
            | (Family::RsaPss, KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss)
            | (Family::Ecdsa, KeyAlgorithm::Ec)
            | (Family::Dsa, KeyAlgorithm::Dsa) => true,
            (_, KeyAlgorithm::Ed25519) => matches!(self, Self::Ed25519 | Self::EdDsa),
            (_, KeyAlgorithm::Ed448) => matches!(self, Self::Ed448 | Self::EdDsa),
            (_, KeyAlgorithm::MlDsa44) => matches!(self, Self::MlDsa44 | Self::MlDsa),
            (_, KeyAlgorithm::MlDsa65) => matches!(self, Self::MlDsa65 | Self::MlDsa),
            (_, KeyAlgorithm::MlDsa87) => matches!(self, Self::MlDsa87 | Self::MlDsa),
            _ => false,
        }
    }

    /// The algorithm a certificate's `AlgorithmIdentifier` names, if this crate knows it
    /// (the PSS parameters decide which RSASSA-PSS variant).
    pub(crate) fn from_identifier(oid: &ObjectIdentifier, params: Option<&[u8]>) -> Option<Self> {
        let dotted = oid.to_string();
        if dotted == "1.2.840.113549.1.1.10" {
            return match pss::hash_of(params?)? {
                Hash::Sha256 => Some(Self::RsassaPssSha256),
                Hash::Sha384 => Some(Self::RsassaPssSha384),
                Hash::Sha512 => Some(Self::RsassaPssSha512),
                _ => None,
            };
        }
        TABLE
            .iter()
            .find(|r| r.2 == dotted && !matches!(r.0, Self::EdDsa | Self::MlDsa))
            .map(|r| r.0)
    }
}

fn cannot_derive(key: &PrivateKey) -> KeyError {
    KeyError::UnsupportedAlgorithm {
        algorithm: key.algorithm().java_name().to_owned(),
        what: "deriving a signature algorithm",
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.java_name())
    }
}

impl FromStr for SignatureAlgorithm {
    type Err = KeyError;

    /// Parses a Java name, case-insensitively (`sha256withrsa` works, as in keytool). Java's
    /// aliases are accepted too (`SHA-256withRSA`, `SHA256withECDSAinP1363Format` is not).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.replace("SHA-", "SHA").replace("sha-", "sha");
        // The concrete RSASSA-PSS rows share the name; the first row, the generic one, wins.
        TABLE
            .iter()
            .find(|r| r.1.eq_ignore_ascii_case(&wanted))
            .map(|r| r.0)
            .ok_or_else(|| KeyError::UnknownSignatureAlgorithm(s.to_owned()))
    }
}
