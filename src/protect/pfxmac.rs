//! The PFX integrity MAC in both forms: RFC 7292's HMAC keyed by the PKCS#12 KDF (every Java
//! up to 25, OpenSSL), and RFC 9579's PBMAC1, an HMAC keyed by PBKDF2 (JDK 26, HashiCorp
//! Vault's and cert-manager's 2026 profiles, OpenSSL 3.4+).
//!
//! ```text
//! MacData    ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
//! DigestInfo ::= SEQUENCE { AlgorithmIdentifier, digest OCTET STRING }
//! RFC 7292:  algorithm = the digest;   key = KDF(BMP(password), macSalt, id 3, iterations)
//! RFC 9579:  algorithm = id-PBMAC1 { PBKDF2-params { salt, iterationCount, keyLength, prf },
//!                                    messageAuthScheme hmacWithSHA* };
//!            key = PBKDF2(UTF-8(password), …); macSalt and iterations are not used
//! ```
//! Every PBMAC1 parameter is checked before anything is derived: a known PRF and MAC, at most
//! [`MAX_ITERATIONS`], a salt of at most 1 KiB and a key of 1 to 64 bytes, present as RFC 9579
//! requires (OpenSSL's CVE-2025-11187 came from an unchecked key length).

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use hmac::{Hmac, KeyInit, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::limits::MAX_ITERATIONS;
use crate::protect::pkcs12pbe::bmp;

const PBMAC1: &str = "1.2.840.113549.1.5.14";
const PBKDF2: &str = "1.2.840.113549.1.5.12";
/// The largest PBMAC1 salt read.
const MAX_SALT: usize = 1024;
/// The longest PBMAC1 key derived (an HMAC-SHA-512 block's worth).
const MAX_KEY: usize = 64;

/// A hash a PFX MAC uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The digest algorithm by its OID (RFC 7292 MACs).
    fn from_digest_oid(oid: &str) -> Option<Self> {
        Some(match oid {
            "1.3.14.3.2.26" => Self::Sha1,
            "2.16.840.1.101.3.4.2.4" => Self::Sha224,
            "2.16.840.1.101.3.4.2.1" => Self::Sha256,
            "2.16.840.1.101.3.4.2.2" => Self::Sha384,
            "2.16.840.1.101.3.4.2.3" => Self::Sha512,
            _ => return None,
        })
    }

    /// The HMAC by its OID (`hmacWithSHA*`, PBKDF2's PRF and PBMAC1's MAC).
    fn from_hmac_oid(oid: &str) -> Option<Self> {
        Some(match oid {
            "1.2.840.113549.2.7" => Self::Sha1,
            "1.2.840.113549.2.8" => Self::Sha224,
            "1.2.840.113549.2.9" => Self::Sha256,
            "1.2.840.113549.2.10" => Self::Sha384,
            "1.2.840.113549.2.11" => Self::Sha512,
            _ => return None,
        })
    }

    pub(crate) fn digest_oid(self) -> &'static str {
        match self {
            Self::Sha1 => "1.3.14.3.2.26",
            Self::Sha224 => "2.16.840.1.101.3.4.2.4",
            Self::Sha256 => "2.16.840.1.101.3.4.2.1",
            Self::Sha384 => "2.16.840.1.101.3.4.2.2",
            Self::Sha512 => "2.16.840.1.101.3.4.2.3",
        }
    }

    fn hmac_oid(self) -> &'static str {
        match self {
            Self::Sha1 => "1.2.840.113549.2.7",
            Self::Sha224 => "1.2.840.113549.2.8",
            Self::Sha256 => "1.2.840.113549.2.9",
            Self::Sha384 => "1.2.840.113549.2.10",
            Self::Sha512 => "1.2.840.113549.2.11",
        }
    }

    fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    fn hmac(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        macro_rules! mac {
            ($d:ty) => {{
                // HMAC takes keys of any length.
                let mut m = <Hmac<$d> as KeyInit>::new_from_slice(key).expect("any key length");
                m.update(data);
                m.finalize().into_bytes().to_vec()
            }};
        }
        match self {
            Self::Sha1 => mac!(Sha1),
            Self::Sha224 => mac!(Sha224),
            Self::Sha256 => mac!(Sha256),
            Self::Sha384 => mac!(Sha384),
            Self::Sha512 => mac!(Sha512),
        }
    }

    fn pkcs12_key(self, pass: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<Vec<u8>> {
        let n = self.output_len();
        let i = i32::try_from(iterations).unwrap_or(i32::MAX);
        Zeroizing::new(match self {
            Self::Sha1 => derive_key::<Sha1>(pass, salt, Pkcs12KeyType::Mac, i, n),
            Self::Sha224 => derive_key::<Sha224>(pass, salt, Pkcs12KeyType::Mac, i, n),
            Self::Sha256 => derive_key::<Sha256>(pass, salt, Pkcs12KeyType::Mac, i, n),
            Self::Sha384 => derive_key::<Sha384>(pass, salt, Pkcs12KeyType::Mac, i, n),
            Self::Sha512 => derive_key::<Sha512>(pass, salt, Pkcs12KeyType::Mac, i, n),
        })
    }

    fn pbkdf2(self, pass: &[u8], salt: &[u8], iterations: u32, len: usize) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(vec![0u8; len]);
        match self {
            Self::Sha1 => pbkdf2::pbkdf2_hmac::<Sha1>(pass, salt, iterations, &mut out),
            Self::Sha224 => pbkdf2::pbkdf2_hmac::<Sha224>(pass, salt, iterations, &mut out),
            Self::Sha256 => pbkdf2::pbkdf2_hmac::<Sha256>(pass, salt, iterations, &mut out),
            Self::Sha384 => pbkdf2::pbkdf2_hmac::<Sha384>(pass, salt, iterations, &mut out),
            Self::Sha512 => pbkdf2::pbkdf2_hmac::<Sha512>(pass, salt, iterations, &mut out),
        }
        out
    }
}

/// How the MAC key is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// RFC 7292: the PKCS#12 KDF over the BMPString password.
    Pkcs12 {
        hash: Hash,
        salt: Vec<u8>,
        iterations: u32,
    },
    /// RFC 9579: PBKDF2 over the UTF-8 password.
    Pbmac1 {
        prf: Hash,
        hmac: Hash,
        salt: Vec<u8>,
        iterations: u32,
        key_length: usize,
    },
}

/// A parsed `MacData`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MacData {
    pub(crate) scheme: Scheme,
    pub(crate) digest: Vec<u8>,
}

fn malformed(reason: &'static str) -> KeyError {
    KeyError::Malformed { reason }
}

fn check_iterations(n: u64) -> Result<u32, KeyError> {
    let limit = MAX_ITERATIONS;
    match u32::try_from(n) {
        Ok(v) if n > 0 && n <= limit => Ok(v),
        _ => Err(KeyError::IterationCount { count: n, limit }),
    }
}

fn unsupported(what: String) -> KeyError {
    KeyError::UnsupportedProtection { algorithm: what }
}

/// A non-negative INTEGER that fits in 64 bits.
fn small_integer(r: &mut SliceReader<'_>) -> Result<u64, KeyError> {
    let bad = || malformed("an integer in the MAC is not a small positive number");
    let v: AnyRef<'_> = r.decode().map_err(|_| bad())?;
    if v.tag() != Tag::Integer || v.value().is_empty() || v.value()[0] & 0x80 != 0 {
        return Err(bad());
    }
    let digits = v.value();
    let trimmed = &digits[digits.iter().take_while(|b| **b == 0).count()..];
    if trimmed.len() > 8 {
        return Ok(u64::MAX);
    }
    Ok(trimmed.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b)))
}

impl MacData {
    /// Reads a `MacData`; its explicitly encoded default iteration count (as the RFC 9579
    /// vectors and JDK 26 write it) is accepted.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        let bad = |_| malformed("unreadable MacData");
        let outer = AnyRef::from_der(der).map_err(bad)?;
        outer.tag().assert_eq(Tag::Sequence).map_err(bad)?;
        let mut r = SliceReader::new(outer.value()).map_err(bad)?;
        let info: AnyRef<'_> = r.decode().map_err(bad)?;
        let salt: &OctetStringRef = r.decode().map_err(bad)?;
        let iterations = if r.is_finished() {
            1
        } else {
            small_integer(&mut r)?
        };
        let mut d = SliceReader::new(info.value()).map_err(bad)?;
        let algorithm: AnyRef<'_> = d.decode().map_err(bad)?;
        let digest: &OctetStringRef = d.decode().map_err(bad)?;
        let mut a = SliceReader::new(algorithm.value()).map_err(bad)?;
        let oid: ObjectIdentifier = a.decode().map_err(bad)?;
        let params: Option<AnyRef<'_>> = if a.is_finished() {
            None
        } else {
            Some(a.decode().map_err(bad)?)
        };
        let oid = oid.to_string();
        let scheme = if oid == PBMAC1 {
            pbmac1(params.ok_or_else(|| malformed("PBMAC1 without parameters"))?)?
        } else {
            let hash = Hash::from_digest_oid(&oid)
                .ok_or_else(|| unsupported(format!("MAC digest {oid}")))?;
            Scheme::Pkcs12 {
                hash,
                salt: salt.as_bytes().to_vec(),
                iterations: check_iterations(iterations)?,
            }
        };
        Ok(Self {
            scheme,
            digest: digest.as_bytes().to_vec(),
        })
    }

    /// The key-derivation iterations checking this MAC costs.
    pub(crate) fn iterations(&self) -> u32 {
        match &self.scheme {
            Scheme::Pkcs12 { iterations, .. } | Scheme::Pbmac1 { iterations, .. } => *iterations,
        }
    }

    /// Checks the MAC over `data`; `Ok(false)` for a wrong password or tampered data.
    pub(crate) fn verify(&self, password: &str, data: &[u8]) -> Result<bool, KeyError> {
        let check = |key: &[u8], hash: Hash| bool::from(hash.hmac(key, data).ct_eq(&self.digest));
        match &self.scheme {
            Scheme::Pkcs12 {
                hash,
                salt,
                iterations,
            } => {
                if check(&hash.pkcs12_key(&bmp(password), salt, *iterations), *hash) {
                    return Ok(true);
                }
                // Java's retry for an empty password: no terminator at all.
                Ok(password.is_empty() && check(&hash.pkcs12_key(&[], salt, *iterations), *hash))
            }
            Scheme::Pbmac1 {
                prf,
                hmac,
                salt,
                iterations,
                key_length,
            } => {
                let key = prf.pbkdf2(password.as_bytes(), salt, *iterations, *key_length);
                Ok(check(&key, *hmac))
            }
        }
    }

    /// The DER `MacData`.
    pub(crate) fn to_der(&self) -> Result<Vec<u8>, KeyError> {
        let (algorithm, salt, iterations) = match &self.scheme {
            Scheme::Pkcs12 {
                hash,
                salt,
                iterations,
            } => (
                algorithm(hash.digest_oid(), Some(der::asn1::Null.to_der()))?,
                salt.clone(),
                *iterations,
            ),
            Scheme::Pbmac1 {
                prf,
                hmac,
                salt,
                iterations,
                key_length,
            } => {
                let kdf = pbkdf2_params(*prf, salt, *iterations, *key_length)?;
                let scheme = algorithm(hmac.hmac_oid(), Some(der::asn1::Null.to_der()))?;
                let params = sequence(&[kdf, scheme])?;
                (
                    algorithm(PBMAC1, Some(Ok(params)))?,
                    b"NOT USED".to_vec(),
                    1,
                )
            }
        };
        let digest = OctetStringRef::new(&self.digest).and_then(|o| o.to_der());
        let info = sequence(&[algorithm, digest.map_err(|_| malformed("MAC digest"))?])?;
        let salt = OctetStringRef::new(&salt)
            .and_then(|o| o.to_der())
            .map_err(|_| malformed("MAC salt"))?;
        let mut parts = vec![info, salt];
        // RFC 9579's vectors, OpenSSL 3.4+ and JDK 26 write PBMAC1's unused count explicitly
        // (1); the RFC 7292 count is never 1 here.
        if iterations != 1 || matches!(self.scheme, Scheme::Pbmac1 { .. }) {
            parts.push(
                iterations
                    .to_der()
                    .map_err(|_| malformed("MAC iterations"))?,
            );
        }
        sequence(&parts)
    }
}

/// `SEQUENCE { parts… }` from already encoded parts.
fn sequence(parts: &[Vec<u8>]) -> Result<Vec<u8>, KeyError> {
    let body: Vec<u8> = parts.concat();
    let header = der::Header::new(
        Tag::Sequence,
        der::Length::try_from(body.len()).map_err(|_| malformed("MAC too large"))?,
    );
    let mut out = header.to_der().map_err(|_| malformed("MAC too large"))?;
    out.extend(body);
    Ok(out)
}

fn algorithm(oid: &str, params: Option<der::Result<Vec<u8>>>) -> Result<Vec<u8>, KeyError> {
    let oid = ObjectIdentifier::new(oid).map_err(|_| malformed("MAC algorithm"))?;
    let mut parts = vec![oid.to_der().map_err(|_| malformed("MAC algorithm"))?];
    if let Some(p) = params {
        parts.push(p.map_err(|_| malformed("MAC parameters"))?);
    }
    sequence(&parts)
}

fn pbkdf2_params(
    prf: Hash,
    salt: &[u8],
    iterations: u32,
    key_length: usize,
) -> Result<Vec<u8>, KeyError> {
    let bad = |_| malformed("PBKDF2 parameters");
    let int = |n: u64| n.to_der().map_err(bad);
    let params = sequence(&[
        OctetStringRef::new(salt)
            .and_then(|o| o.to_der())
            .map_err(bad)?,
        int(u64::from(iterations))?,
        int(key_length as u64)?,
        algorithm(prf.hmac_oid(), Some(der::asn1::Null.to_der()))?,
    ])?;
    algorithm(PBKDF2, Some(Ok(params)))
}

/// `PBMAC1-params ::= SEQUENCE { keyDerivationFunc, messageAuthScheme }`, checked.
fn pbmac1(params: AnyRef<'_>) -> Result<Scheme, KeyError> {
    let bad = |_| malformed("unreadable PBMAC1 parameters");
    let mut r = SliceReader::new(params.value()).map_err(bad)?;
    let kdf: AnyRef<'_> = r.decode().map_err(bad)?;
    let mac: AnyRef<'_> = r.decode().map_err(bad)?;
    let hmac = hmac_algorithm(mac, "PBMAC1 MAC")?;
    let mut k = SliceReader::new(kdf.value()).map_err(bad)?;
    let kdf_oid: ObjectIdentifier = k.decode().map_err(bad)?;
    if kdf_oid.to_string() != PBKDF2 {
        return Err(unsupported(format!("PBMAC1 key derivation {kdf_oid}")));
    }
    let p: AnyRef<'_> = k.decode().map_err(bad)?;
    let mut p = SliceReader::new(p.value()).map_err(bad)?;
    let salt: &OctetStringRef = p
        .decode()
        .map_err(|_| malformed("the PBMAC1 salt is not an OCTET STRING"))?;
    if salt.as_bytes().is_empty() || salt.as_bytes().len() > MAX_SALT {
        return Err(malformed("the PBMAC1 salt is empty or longer than 1 KiB"));
    }
    let iterations = check_iterations(small_integer(&mut p)?)?;
    // RFC 9579: keyLength MUST be present (test vector A.6 leaves it out).
    if p.is_finished() || Tag::peek(&p).map_err(bad)? != Tag::Integer {
        return Err(malformed("PBMAC1 without a key length"));
    }
    let key_length = small_integer(&mut p)?;
    if key_length == 0 || key_length > MAX_KEY as u64 {
        return Err(malformed("the PBMAC1 key length is not 1 to 64 bytes"));
    }
    let prf = if p.is_finished() {
        Hash::Sha1 // PBKDF2's DEFAULT
    } else {
        hmac_algorithm(p.decode().map_err(bad)?, "PBKDF2 PRF")?
    };
    Ok(Scheme::Pbmac1 {
        prf,
        hmac,
        salt: salt.as_bytes().to_vec(),
        iterations,
        key_length: usize::try_from(key_length).unwrap_or(MAX_KEY),
    })
}

fn hmac_algorithm(id: AnyRef<'_>, what: &str) -> Result<Hash, KeyError> {
    let mut r =
        SliceReader::new(id.value()).map_err(|_| malformed("unreadable PBMAC1 algorithm"))?;
    let oid: ObjectIdentifier = r
        .decode()
        .map_err(|_| malformed("unreadable PBMAC1 algorithm"))?;
    Hash::from_hmac_oid(&oid.to_string()).ok_or_else(|| unsupported(format!("{what} {oid}")))
}

/// A MAC whose key is derived before the data it covers exists, so that the derivation can
/// run beside the encryption of that data.
pub(crate) struct PendingMac {
    scheme: Scheme,
    key: Zeroizing<Vec<u8>>,
}

impl PendingMac {
    /// A fresh RFC 7292 MAC as Java makes it: 20-byte salt, BMPString password.
    pub(crate) fn pkcs12(password: &str, hash: Hash, iterations: u32) -> Self {
        let mut salt = vec![0u8; 20];
        rand::fill(salt.as_mut_slice());
        let key = hash.pkcs12_key(&bmp(password), &salt, iterations);
        Self {
            scheme: Scheme::Pkcs12 {
                hash,
                salt,
                iterations,
            },
            key,
        }
    }

    /// A fresh PBMAC1 as JDK 26 makes it: the same hash for PBKDF2 and the HMAC, a key as
    /// long as the hash, a 20-byte salt, the UTF-8 password.
    pub(crate) fn pbmac1(password: &str, hash: Hash, iterations: u32) -> Self {
        let mut salt = vec![0u8; 20];
        rand::fill(salt.as_mut_slice());
        let key_length = hash.output_len();
        let key = hash.pbkdf2(password.as_bytes(), &salt, iterations, key_length);
        Self {
            scheme: Scheme::Pbmac1 {
                prf: hash,
                hmac: hash,
                salt,
                iterations,
                key_length,
            },
            key,
        }
    }

    /// The DER `MacData` over `data`.
    pub(crate) fn finish(self, data: &[u8]) -> Result<Vec<u8>, KeyError> {
        let hash = match &self.scheme {
            Scheme::Pkcs12 { hash, .. } => *hash,
            Scheme::Pbmac1 { hmac, .. } => *hmac,
        };
        MacData {
            digest: hash.hmac(&self.key, data),
            scheme: self.scheme,
        }
        .to_der()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemes_round_trip_and_refuse_a_wrong_password() {
        for pending in [
            PendingMac::pkcs12("changeit", Hash::Sha256, 100),
            PendingMac::pbmac1("changeit", Hash::Sha512, 100),
        ] {
            let der = pending.finish(b"authsafe").unwrap();
            let mac = MacData::from_der(&der).unwrap();
            assert!(mac.verify("changeit", b"authsafe").unwrap());
            assert!(!mac.verify("changeiT", b"authsafe").unwrap());
            assert!(!mac.verify("changeit", b"authsafE").unwrap());
            assert_eq!(mac.iterations(), 100);
        }
    }

    #[test]
    fn hostile_pbmac1_parameters_are_refused_before_deriving() {
        let with = |salt: &[u8], iterations: u64, key: Option<u64>| -> Result<MacData, KeyError> {
            let bad = |_| malformed("test");
            let int = |n: u64| n.to_der().map_err(bad);
            let mut p = vec![
                OctetStringRef::new(salt)
                    .and_then(|o| o.to_der())
                    .map_err(bad)?,
                int(iterations)?,
            ];
            if let Some(k) = key {
                p.push(int(k)?);
            }
            let kdf = algorithm(PBKDF2, Some(Ok(sequence(&p)?)))?;
            let mac = algorithm(Hash::Sha256.hmac_oid(), None)?;
            let alg = algorithm(PBMAC1, Some(Ok(sequence(&[kdf, mac])?)))?;
            let info = sequence(&[
                alg,
                OctetStringRef::new(&[0; 32])
                    .and_then(|o| o.to_der())
                    .map_err(bad)?,
            ])?;
            MacData::from_der(&sequence(&[
                info,
                OctetStringRef::new(b"NOT USED")
                    .and_then(|o| o.to_der())
                    .map_err(bad)?,
            ])?)
        };
        assert!(with(b"saltsalt", 2048, Some(32)).is_ok());
        assert!(matches!(
            with(b"saltsalt", 5_000_001, Some(32)),
            Err(KeyError::IterationCount { .. })
        ));
        assert!(matches!(
            with(b"saltsalt", 0, Some(32)),
            Err(KeyError::IterationCount { .. })
        ));
        assert!(
            with(b"saltsalt", 2048, None).is_err(),
            "key length required"
        );
        assert!(with(b"saltsalt", 2048, Some(0)).is_err());
        assert!(with(b"saltsalt", 2048, Some(1 << 40)).is_err());
        assert!(with(&[7; 2000], 2048, Some(32)).is_err());
        assert!(with(b"", 2048, Some(32)).is_err());
    }
}
