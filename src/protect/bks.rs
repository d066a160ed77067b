//! Keys as Bouncy Castle's BKS and UBER stores hold them (`BcKeyStoreSpi`).
//!
//! ```text
//! encodeKey: u8 keyType (0 private, 1 public, 2 secret), UTF format ("PKCS#8", "X.509",
//!            "RAW"), UTF algorithm, u32 length, encoded key
//! sealed:    u32 salt length, salt, u32 iterations,
//!            PBEWithSHAAnd3-KeyTripleDES-CBC(encodeKey) under the entry's password
//! ```
//! BC turns passwords into bytes with `PKCS12PasswordToBytes`: UTF-16BE and a 00 00
//! terminator, except that an empty password is no bytes at all.

use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::protect::pkcs12pbe::{self, bmp};
use crate::wire::datastream::Reader;

const SHA3DES: &str = "1.2.840.113549.1.12.1.3";

/// A key in BC's `encodeKey` form.
pub(crate) struct BcKey {
    /// 0 private, 1 public, 2 secret.
    pub(crate) kind: u8,
    /// `PKCS#8`, `X.509` or `RAW`.
    pub(crate) format: String,
    /// The JCA algorithm name.
    pub(crate) algorithm: String,
    /// The encoded key.
    pub(crate) data: Zeroizing<Vec<u8>>,
}

fn malformed(reason: &'static str) -> KeyError {
    KeyError::Malformed { reason }
}

/// BC's `PKCS12PasswordToBytes`.
pub(crate) fn password_bytes(password: &str) -> Zeroizing<Vec<u8>> {
    if password.is_empty() {
        Zeroizing::new(Vec::new())
    } else {
        bmp(password)
    }
}

/// Reads an `encodeKey` structure.
pub(crate) fn decode_key(bytes: &[u8]) -> Result<BcKey, KeyError> {
    let mut r = Reader::new(bytes);
    let bad = |_| malformed("not a Bouncy Castle encoded key");
    let kind = r.u8().map_err(bad)?;
    let format = r.utf("key format").map_err(bad)?;
    let algorithm = r.utf("key algorithm").map_err(bad)?;
    let data = r.bytes32("key", crate::limits::MAX_KEY_LEN).map_err(bad)?;
    Ok(BcKey {
        kind,
        format,
        algorithm,
        data: Zeroizing::new(data.to_vec()),
    })
}

/// Opens a sealed BKS key with `password`: `WrongPassword` when the padding or the structure
/// inside does not check.
pub(crate) fn unseal(sealed: &[u8], password: &str) -> Result<BcKey, KeyError> {
    let mut r = Reader::new(sealed);
    let bad = |_| malformed("not a Bouncy Castle sealed key");
    let salt = r.bytes32("salt", 1024).map_err(bad)?;
    let iterations = r.u32().map_err(bad)?;
    let plain = pkcs12pbe::pbe_v1_decrypt(
        SHA3DES,
        salt,
        iterations,
        &password_bytes(password),
        r.rest(),
    )?;
    decode_key(&plain).map_err(|_| KeyError::WrongPassword)
}

/// The PKCS#8 of a sealed private key.
pub(crate) fn unseal_private(
    sealed: &[u8],
    password: &str,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let key = unseal(sealed, password)?;
    if key.kind != 0 || !key.format.eq_ignore_ascii_case("PKCS#8") && key.format != "PKCS8" {
        return Err(malformed("the sealed BKS key is not a PKCS#8 private key"));
    }
    Ok(key.data)
}
