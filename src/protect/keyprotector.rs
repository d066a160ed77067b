//! The JDK "KeyProtector" used by JKS (OID 1.3.6.1.4.1.42.2.17.1.1): a SHA-1 keystream.
//!
//! ```text
//! P = UTF-16BE(password), K = PKCS#8 bytes, salt = 20 random bytes
//! D1 = SHA1(P ‖ salt), Di = SHA1(P ‖ Di-1), keystream = D1 ‖ D2 ‖ … cut to len(K)
//! protected = salt(20) ‖ (K XOR keystream) ‖ SHA1(P ‖ K)(20)
//! ```
//!
//! It is obfuscation more than encryption (no key stretching); see the README's security notes.

use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::password;

const SALT_LEN: usize = 20;
const DIGEST_LEN: usize = 20;

/// XORs `data` in place with the keystream for `password_bytes` and `salt`.
fn apply_keystream(password_bytes: &[u8], salt: &[u8], data: &mut [u8]) {
    let seeded = Sha1::new_with_prefix(password_bytes);
    let mut block: [u8; DIGEST_LEN] = seeded.clone().chain_update(salt).finalize().into();
    for chunk in data.chunks_mut(DIGEST_LEN) {
        for (d, k) in chunk.iter_mut().zip(block.iter()) {
            *d ^= k;
        }
        block = seeded.clone().chain_update(block).finalize().into();
    }
    block.iter_mut().for_each(|b| *b = 0);
}

fn check_digest(password_bytes: &[u8], key: &[u8]) -> [u8; DIGEST_LEN] {
    Sha1::new_with_prefix(password_bytes)
        .chain_update(key)
        .finalize()
        .into()
}

/// Protects PKCS#8 bytes; returns `salt ‖ ciphertext ‖ check`.
pub(crate) fn protect(pkcs8: &[u8], password: &str, salt: [u8; SALT_LEN]) -> Vec<u8> {
    let p = password::utf16be(password);
    let mut out = Vec::with_capacity(SALT_LEN + pkcs8.len() + DIGEST_LEN);
    out.extend_from_slice(&salt);
    out.extend_from_slice(pkcs8);
    apply_keystream(&p, &salt, &mut out[SALT_LEN..]);
    out.extend_from_slice(&check_digest(&p, pkcs8));
    out
}

/// Recovers the PKCS#8 bytes, checking the digest that proves the password right.
pub(crate) fn recover(protected: &[u8], password: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    if protected.len() < SALT_LEN + DIGEST_LEN {
        return Err(KeyError::Malformed {
            reason: "JKS protected key shorter than its salt and check digest",
        });
    }
    let (salt, rest) = protected.split_at(SALT_LEN);
    let (cipher, check) = rest.split_at(rest.len() - DIGEST_LEN);
    let p = password::utf16be(password);
    let mut key = Zeroizing::new(cipher.to_vec());
    apply_keystream(&p, salt, &mut key);
    if bool::from(check_digest(&p, &key).ct_eq(check)) {
        Ok(key)
    } else {
        Err(KeyError::WrongPassword)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protect_then_recover() {
        let key: Vec<u8> = (0..=255).cycle().take(1217).collect();
        let sealed = protect(&key, "changeit", [7; 20]);
        assert_eq!(sealed.len(), key.len() + 40);
        assert_ne!(&sealed[20..20 + key.len()], key.as_slice());
        assert_eq!(
            recover(&sealed, "changeit").unwrap().as_slice(),
            key.as_slice()
        );
        assert_eq!(recover(&sealed, "changeiT"), Err(KeyError::WrongPassword));
    }

    #[test]
    fn short_input_is_malformed() {
        assert!(matches!(
            recover(&[0; 39], "x"),
            Err(KeyError::Malformed { .. })
        ));
        // Exactly salt + check: an empty key, which the digest can still verify.
        let empty = protect(&[], "x", [1; 20]);
        assert_eq!(recover(&empty, "x").unwrap().len(), 0);
    }
}
