//! The password-based cryptography of PKCS#12, composed from RustCrypto building blocks:
//! PBES2 (`pkcs5`: PBKDF2 + AES-CBC, what Java 16+ writes), PKCS#12 PBE v1 (the `pkcs12` KDF
//! with 3DES or RC2, what Java 8 and OpenSSL's legacy mode write), and the PKCS#12 MAC.
//!
//! ```text
//! PBES2:    password = UTF-8 bytes (Java 25, OpenSSL; Java 17 refuses non-ASCII)
//! PBE v1:   key = KDF(BMP(password) ‖ 00 00, salt, id 1), IV = KDF(…, id 2), SHA-1
//! MAC:      HMAC(KDF(BMP(password) ‖ 00 00, salt, id 3, digest), DER(AuthenticatedSafe))
//! ```
//! An empty password is `00 00` in BMP form; Java retries a failed MAC with no bytes at all
//! (its `"\0"` special case), and so does this module.

use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, InnerIvInit, KeyInit, block_padding::Pkcs7};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Any, Decode};
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use pkcs12::pbe_params::Pkcs12PbeParams;
use sha1::Sha1;
use x509_cert::spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::limits::MAX_ITERATIONS;

const PBES2: &str = "1.2.840.113549.1.5.13";
const SHA3DES: &str = "1.2.840.113549.1.12.1.3";
const SHA2DES: &str = "1.2.840.113549.1.12.1.4";
const SHARC2_128: &str = "1.2.840.113549.1.12.1.5";
const SHARC2_40: &str = "1.2.840.113549.1.12.1.6";
const SHARC4_128: &str = "1.2.840.113549.1.12.1.1";
const SHARC4_40: &str = "1.2.840.113549.1.12.1.2";

/// Java's defaults (JDK 16+): 10,000 PBKDF2 and MAC iterations, 20-byte salts.
pub(crate) const DEFAULT_ITERATIONS: u32 = 10_000;

/// Java 8's counts (`-J-Dkeystore.pkcs12.legacy`): keys and certificates 50,000, MAC 100,000.
pub(crate) const LEGACY_ITERATIONS: u32 = 50_000;
/// Java 8's MAC iteration count.
pub(crate) const LEGACY_MAC_ITERATIONS: u32 = 100_000;

/// True for the encryption algorithms this module implements.
pub(crate) fn is_supported(oid: &ObjectIdentifier) -> bool {
    matches!(
        oid.to_string().as_str(),
        PBES2 | SHA3DES | SHA2DES | SHARC2_128 | SHARC2_40 | SHARC4_128 | SHARC4_40
    )
}

/// True for the PKCS#12 PBE v1 (Java 8) algorithms.
pub(crate) fn is_legacy(oid: &ObjectIdentifier) -> bool {
    matches!(
        oid.to_string().as_str(),
        SHA3DES | SHA2DES | SHARC2_128 | SHARC2_40 | SHARC4_128 | SHARC4_40
    )
}

/// A password as PKCS#12 BMPString bytes: UTF-16BE with a 00 00 terminator.
pub(crate) fn bmp(password: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(password.len() * 2 + 2));
    for unit in password.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out.extend_from_slice(&[0, 0]);
    out
}

fn malformed(reason: &'static str) -> KeyError {
    KeyError::Malformed { reason }
}

fn check_iterations(n: u64) -> Result<u32, KeyError> {
    if n == 0 || n > MAX_ITERATIONS {
        return Err(KeyError::IterationCount {
            count: n,
            limit: MAX_ITERATIONS,
        });
    }
    // At most MAX_ITERATIONS, which fits.
    u32::try_from(n).map_err(|_| KeyError::IterationCount {
        count: n,
        limit: MAX_ITERATIONS,
    })
}

/// Decrypts `data` encrypted with algorithm `oid` (parameters `params`, DER) under
/// `password`; `iterations` returns the count used, for the caller's work budget.
pub(crate) fn decrypt(
    oid: &ObjectIdentifier,
    params: Option<&[u8]>,
    data: &[u8],
    password: &str,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    iterations(oid, params)?;
    let params = params.ok_or(malformed("encryption parameters are missing"))?;
    let oid = oid.to_string();
    if oid == PBES2 {
        let p = pkcs5::pbes2::Parameters::from_der(params)
            .map_err(|_| malformed("unreadable PBES2 parameters"))?;
        return p
            .decrypt(password.as_bytes(), data)
            .map(Zeroizing::new)
            .map_err(|_| KeyError::WrongPassword);
    }
    let p = Pkcs12PbeParams::from_der(params)
        .map_err(|_| malformed("unreadable PKCS#12 PBE parameters"))?;
    let iterations = check_iterations(u64::try_from(p.iterations).unwrap_or(0))?;
    let salt = p.salt.as_bytes();
    let first = legacy(&oid, salt, iterations, &bmp(password), data, false);
    match first {
        // Java's retry for an empty password: no terminator at all.
        Err(KeyError::WrongPassword) if password.is_empty() => {
            legacy(&oid, salt, iterations, &[], data, false)
        }
        other => other,
    }
}

/// The iteration count `decrypt` will run for these parameters, checked against the limit,
/// so that a caller can refuse work before doing it.
pub(crate) fn iterations(oid: &ObjectIdentifier, params: Option<&[u8]>) -> Result<u32, KeyError> {
    let params = params.ok_or(malformed("encryption parameters are missing"))?;
    let count = if oid.to_string() == PBES2 {
        let p = pkcs5::pbes2::Parameters::from_der(params)
            .map_err(|_| malformed("unreadable PBES2 parameters"))?;
        match p.kdf.pbkdf2() {
            Some(k) => u64::from(k.iteration_count),
            None => {
                return Err(KeyError::UnsupportedProtection {
                    algorithm: "PBES2 with scrypt".into(),
                });
            }
        }
    } else {
        let p = Pkcs12PbeParams::from_der(params)
            .map_err(|_| malformed("unreadable PKCS#12 PBE parameters"))?;
        u64::try_from(p.iterations).unwrap_or(0)
    };
    check_iterations(count)
}

/// PKCS#12 PBE v1 in either direction.
fn legacy(
    oid: &str,
    salt: &[u8],
    iterations: u32,
    pass: &[u8],
    data: &[u8],
    encrypt: bool,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let derive =
        |id, len| Zeroizing::new(derive_key::<Sha1>(pass, salt, id, iterations as i32, len));
    let iv = derive(Pkcs12KeyType::Iv, 8);
    macro_rules! run {
        ($cipher:expr) => {{
            if encrypt {
                let enc = cbc::Encryptor::inner_iv_slice_init($cipher, &iv)
                    .map_err(|_| malformed("bad IV"))?;
                Ok(Zeroizing::new(enc.encrypt_padded_vec::<Pkcs7>(data)))
            } else {
                let dec = cbc::Decryptor::inner_iv_slice_init($cipher, &iv)
                    .map_err(|_| malformed("bad IV"))?;
                dec.decrypt_padded_vec::<Pkcs7>(data)
                    .map(Zeroizing::new)
                    .map_err(|_| KeyError::WrongPassword)
            }
        }};
    }
    match oid {
        SHA3DES | SHA2DES => {
            let mut key = derive(
                Pkcs12KeyType::EncryptionKey,
                if oid == SHA3DES { 24 } else { 16 },
            );
            if oid == SHA2DES {
                let k1 = key[..8].to_vec();
                key.extend_from_slice(&k1);
            }
            let cipher =
                des::TdesEde3::new_from_slice(&key).map_err(|_| malformed("bad 3DES key"))?;
            run!(cipher)
        }
        SHARC2_128 | SHARC2_40 => {
            let bits = if oid == SHARC2_128 { 128 } else { 40 };
            let key = derive(Pkcs12KeyType::EncryptionKey, bits / 8);
            run!(rc2::Rc2::new_with_eff_key_len(&key, bits))
        }
        SHARC4_128 | SHARC4_40 => {
            let key = derive(
                Pkcs12KeyType::EncryptionKey,
                if oid == SHARC4_128 { 16 } else { 5 },
            );
            rc4(&key, data)
        }
        other => Err(KeyError::UnsupportedProtection {
            algorithm: other.to_owned(),
        }),
    }
}

/// PKCS#12 PBE v1 decryption with raw password bytes (Bouncy Castle's BKS sealed keys and
/// UBER stores use the same KDF): `oid` is `1.2.840.113549.1.12.1.3` (3DES).
pub(crate) fn pbe_v1_decrypt(
    oid: &str,
    salt: &[u8],
    iterations: u32,
    password: &[u8],
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    legacy(
        oid,
        salt,
        check_iterations(u64::from(iterations))?,
        password,
        data,
        false,
    )
}

/// RC4 (`openssl pkcs12 -legacy -keypbe PBE-SHA1-RC4-128`, Windows XP-era exports): a stream
/// cipher, no IV and no padding, the same in both directions.
fn rc4(key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    use rc4::{KeyInit as _, StreamCipher as _};
    let mut cipher = rc4::Rc4::new_from_slice(key).map_err(|_| malformed("bad RC4 key"))?;
    let mut out = Zeroizing::new(data.to_vec());
    cipher.apply_keystream(&mut out);
    Ok(out)
}

/// Encrypts with PBES2 (PBKDF2-HmacSHA256, AES-256-CBC), as Java 16+ does.
pub(crate) fn encrypt_pbes2(
    data: &[u8],
    password: &str,
    iterations: u32,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), KeyError> {
    let sealer = Pbes2Sealer::new(iterations)?;
    // The buffer holds the plain text (a key, for key bags) until it is sealed.
    let mut buf = Zeroizing::new(Vec::with_capacity(Pbes2Sealer::sealed_len(data.len())));
    buf.extend_from_slice(data);
    buf.resize(Pbes2Sealer::sealed_len(data.len()), 0);
    sealer.seal_in_place(password, &mut buf, data.len())?;
    Ok((sealer.alg, std::mem::take(&mut *buf)))
}

/// PBES2 (PBKDF2-HmacSHA256, AES-256-CBC) prepared before the plain text exists, so that
/// a large container is encrypted where it lies: the algorithm's DER and the ciphertext's
/// length are known first, for the framing around it.
pub(crate) struct Pbes2Sealer {
    params: pkcs5::pbes2::Parameters,
    alg: AlgorithmIdentifierOwned,
}

impl Pbes2Sealer {
    /// Fresh salt and IV, `iterations` rounds, as Java 16+ writes them.
    pub(crate) fn new(iterations: u32) -> Result<Self, KeyError> {
        let mut salt = [0u8; 20];
        let mut iv = [0u8; 16];
        rand::fill(&mut salt);
        rand::fill(&mut iv);
        let mut kdf = pkcs5::pbes2::Pbkdf2Params::hmac_sha256(iterations, &salt)
            .map_err(|_| malformed("PBKDF2 parameters"))?;
        kdf.key_length = Some(32); // Java states it explicitly
        let params = pkcs5::pbes2::Parameters {
            kdf: kdf.into(),
            encryption: pkcs5::pbes2::EncryptionScheme::Aes256Cbc { iv },
        };
        let alg = AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap(PBES2),
            parameters: Some(Any::encode_from(&params).map_err(|_| malformed("PBES2 parameters"))?),
        };
        Ok(Self { params, alg })
    }

    /// The `AlgorithmIdentifier`.
    pub(crate) fn algorithm(&self) -> &AlgorithmIdentifierOwned {
        &self.alg
    }

    /// The ciphertext's length for `plain_len` bytes (PKCS#7 padding to 16).
    pub(crate) fn sealed_len(plain_len: usize) -> usize {
        (plain_len / 16 + 1) * 16
    }

    /// Encrypts the first `plain_len` bytes of `buf` in place; `buf` must be
    /// [`sealed_len`](Self::sealed_len) long.
    pub(crate) fn seal_in_place(
        &self,
        password: &str,
        buf: &mut [u8],
        plain_len: usize,
    ) -> Result<(), KeyError> {
        let sealed = self
            .params
            .encrypt_in_place(password.as_bytes(), buf, plain_len)
            .map_err(|_| malformed("PBES2 encryption"))?;
        if sealed.len() == buf.len() {
            Ok(())
        } else {
            Err(malformed("PBES2 ciphertext length"))
        }
    }
}

/// The PKCS#12 PBE v1 ciphers Java 8 writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LegacyCipher {
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC`, for keys.
    TripleDes,
    /// `pbeWithSHAAnd40BitRC2-CBC`, for the certificate container.
    Rc2With40BitKey,
}

/// Encrypts with a PKCS#12 PBE v1 cipher, as Java 8 does.
pub(crate) fn encrypt_legacy(
    cipher: LegacyCipher,
    data: &[u8],
    password: &str,
    iterations: u32,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), KeyError> {
    let oid = match cipher {
        LegacyCipher::TripleDes => SHA3DES,
        LegacyCipher::Rc2With40BitKey => SHARC2_40,
    };
    let mut salt = [0u8; 20];
    rand::fill(&mut salt);
    let ciphertext = legacy(oid, &salt, iterations, &bmp(password), data, true)?;
    let params = Pkcs12PbeParams {
        salt: OctetString::new(salt.to_vec()).map_err(|_| malformed("salt"))?,
        iterations: iterations as i32,
    };
    let alg = AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new_unwrap(oid),
        parameters: Some(Any::encode_from(&params).map_err(|_| malformed("PBE parameters"))?),
    };
    Ok((alg, ciphertext.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    #[test]
    fn pbes2_and_legacy_round_trip() {
        let open = |alg: &AlgorithmIdentifierOwned, ct: &[u8], pw: &str| {
            let params = alg.parameters.as_ref().map(|p| p.to_der().unwrap());
            decrypt(&alg.oid, params.as_deref(), ct, pw)
        };
        let (alg, ct) = encrypt_pbes2(b"secret data", "changeit", 1000).unwrap();
        assert_eq!(
            open(&alg, &ct, "changeit").unwrap().as_slice(),
            b"secret data"
        );
        assert!(
            open(&alg, &ct, "wrong")
                .map(|v| v.as_slice() != b"secret data")
                .unwrap_or(true)
        );
        for cipher in [LegacyCipher::TripleDes, LegacyCipher::Rc2With40BitKey] {
            let (alg, ct) = encrypt_legacy(cipher, b"secret data", "pässwört", 1000).unwrap();
            assert_eq!(
                open(&alg, &ct, "pässwört").unwrap().as_slice(),
                b"secret data"
            );
        }
        let (alg, ct) = encrypt_legacy(LegacyCipher::TripleDes, b"x", "", 10).unwrap();
        assert_eq!(open(&alg, &ct, "").unwrap().as_slice(), b"x");
    }

    #[test]
    fn bmp_passwords_keep_surrogates() {
        assert_eq!(
            bmp("a😀").as_slice(),
            [0, 0x61, 0xD8, 0x3D, 0xDE, 0x00, 0, 0]
        );
        assert_eq!(bmp("").as_slice(), [0, 0]);
    }
}
