//! Sun's `PBEWithMD5AndTripleDES` (OID 1.3.6.1.4.1.42.2.19.1), used by JCEKS for private keys
//! and inside the sealed objects that hold secret keys. It is not PKCS#5 PBES1:
//!
//! ```text
//! salt S (8 bytes); if S[0..4] == S[4..8], reverse S[0..4]
//! for half i in 0, 1:  H = MD5(S[4i..4i+4] ‖ P), then count-1 times H = MD5(H ‖ P)
//! H0 ‖ H1 (32 bytes) = 3DES key (24) ‖ IV (8);  DES-EDE3-CBC with PKCS#5 padding
//! PBEParameter ::= SEQUENCE { salt OCTET STRING (8), iterationCount INTEGER }
//! ```

use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::limits::MAX_ITERATIONS;

/// `PBEWithMD5AndTripleDES`.
pub(crate) const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.19.1");

/// The Java name, as the sealed objects spell it.
pub(crate) const NAME: &str = "PBEWithMD5AndTripleDES";

/// The iteration count Java writes (JDK 8 through 25).
pub(crate) const DEFAULT_ITERATIONS: u32 = 200_000;

type Encryptor = cbc::Encryptor<des::TdesEde3>;
type Decryptor = cbc::Decryptor<des::TdesEde3>;

/// Salt and iteration count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Params {
    pub(crate) salt: [u8; 8],
    pub(crate) iterations: u32,
}

#[derive(Sequence)]
struct PbeParameter<'a> {
    salt: &'a OctetStringRef,
    iterations: u64,
}

impl Params {
    /// Fresh parameters: 8 random bytes whose halves differ (Java 25 refuses equal halves).
    pub(crate) fn random() -> Self {
        let mut salt = [0u8; 8];
        loop {
            rand::fill(&mut salt);
            if salt[..4] != salt[4..] {
                return Self {
                    salt,
                    iterations: DEFAULT_ITERATIONS,
                };
            }
        }
    }

    /// Decodes a DER `PBEParameter`.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        let p = PbeParameter::from_der(der).map_err(|_| KeyError::Malformed {
            reason: "PBE parameters are not a DER PBEParameter",
        })?;
        let salt = p
            .salt
            .as_bytes()
            .try_into()
            .map_err(|_| KeyError::Malformed {
                reason: "PBEWithMD5AndTripleDES needs an 8-byte salt",
            })?;
        if p.iterations == 0 || p.iterations > MAX_ITERATIONS {
            return Err(KeyError::IterationCount {
                count: p.iterations,
                limit: MAX_ITERATIONS,
            });
        }
        Ok(Self {
            salt,
            iterations: u32::try_from(p.iterations).unwrap_or(u32::MAX),
        })
    }

    /// Encodes as a DER `PBEParameter`.
    pub(crate) fn to_der(self) -> Vec<u8> {
        let p = PbeParameter {
            salt: OctetStringRef::new(&self.salt).expect("8 bytes fit an OCTET STRING"),
            iterations: u64::from(self.iterations),
        };
        p.to_der().expect("a PBEParameter always encodes")
    }

    fn derive(&self, password: &[u8]) -> Zeroizing<[u8; 32]> {
        let mut salt = self.salt;
        if salt[..4] == salt[4..] {
            salt[..4].reverse();
        }
        let (first, second) = salt.split_at(4);
        let mut out = Zeroizing::new([0u8; 32]);
        let (low, high) = out.split_at_mut(16);
        // The two halves are independent chains of 200,000 MD5 rounds: on two cores they
        // run side by side, which halves the time to open or seal a JCEKS key.
        let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        if parallel {
            std::thread::scope(|scope| {
                let other = scope.spawn(|| self.chain(second, password));
                low.copy_from_slice(self.chain(first, password).as_slice());
                match other.join() {
                    Ok(h) => high.copy_from_slice(h.as_slice()),
                    // A thread that could not run leaves the half to this one.
                    Err(_) => high.copy_from_slice(self.chain(second, password).as_slice()),
                }
            });
        } else {
            low.copy_from_slice(self.chain(first, password).as_slice());
            high.copy_from_slice(self.chain(second, password).as_slice());
        }
        out
    }

    /// One half of the key: MD5 over the salt half and the password, then `iterations - 1`
    /// times over the previous digest and the password.
    fn chain(&self, half: &[u8], password: &[u8]) -> Zeroizing<[u8; 16]> {
        let mut h = Zeroizing::new([0u8; 16]);
        h.copy_from_slice(
            &Md5::new()
                .chain_update(half)
                .chain_update(password)
                .finalize(),
        );
        for _ in 1..self.iterations {
            let next = Md5::new()
                .chain_update(*h)
                .chain_update(password)
                .finalize();
            h.copy_from_slice(&next);
        }
        h
    }

    /// Encrypts with PKCS#5 padding.
    pub(crate) fn encrypt(&self, password: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let k = self.derive(password);
        let (key, iv) = k.split_at(24);
        Encryptor::new_from_slices(key, iv)
            .expect("24-byte key and 8-byte IV")
            .encrypt_padded_vec::<Pkcs7>(plaintext)
    }

    /// Decrypts; bad padding means a wrong password (or a damaged ciphertext).
    pub(crate) fn decrypt(
        &self,
        password: &[u8],
        ciphertext: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(8) {
            return Err(KeyError::Malformed {
                reason: "3DES ciphertext is not a whole number of 8-byte blocks",
            });
        }
        let k = self.derive(password);
        let (key, iv) = k.split_at(24);
        Decryptor::new_from_slices(key, iv)
            .expect("24-byte key and 8-byte IV")
            .decrypt_padded_vec::<Pkcs7>(ciphertext)
            .map(Zeroizing::new)
            .map_err(|_| KeyError::WrongPassword)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_wrong_password() {
        let p = Params {
            salt: *b"saltSALT",
            iterations: 3,
        };
        let ct = p.encrypt(b"changeit", b"sixteen bytes!!!");
        assert_eq!(ct.len(), 24);
        assert_eq!(
            p.decrypt(b"changeit", &ct).unwrap().as_slice(),
            b"sixteen bytes!!!"
        );
        // A wrong password fails the padding check (or, 1 time in 256, yields garbage).
        assert!(
            p.decrypt(b"changeiT", &ct)
                .map(|v| v.as_slice() != b"sixteen bytes!!!")
                .unwrap_or(true)
        );
    }

    #[test]
    fn equal_salt_halves_are_reversed_not_inverted() {
        let equal = Params {
            salt: [1, 2, 3, 4, 1, 2, 3, 4],
            iterations: 1,
        };
        let reversed = Params {
            salt: [4, 3, 2, 1, 1, 2, 3, 4],
            iterations: 1,
        };
        assert_eq!(*equal.derive(b"pw"), *reversed.derive(b"pw"));
    }

    #[test]
    fn parameters_round_trip_and_limits() {
        let p = Params {
            salt: [9; 8],
            iterations: 200_000,
        };
        let der = p.to_der();
        assert_eq!(&der[..4], [0x30, 0x0F, 0x04, 0x08]);
        assert_eq!(Params::from_der(&der).unwrap(), p);
        let huge = Params {
            salt: [9; 8],
            iterations: 5_000_001,
        }
        .to_der();
        assert!(matches!(
            Params::from_der(&huge),
            Err(KeyError::IterationCount { .. })
        ));
        let zero = Params {
            salt: [9; 8],
            iterations: 0,
        }
        .to_der();
        assert!(matches!(
            Params::from_der(&zero),
            Err(KeyError::IterationCount { .. })
        ));
    }

    #[test]
    fn random_salts_never_have_equal_halves() {
        for _ in 0..100 {
            let p = Params::random();
            assert_ne!(p.salt[..4], p.salt[4..]);
        }
    }
}
