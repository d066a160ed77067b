//! The digests signatures are computed over.

use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};
use sha3::{Sha3_224, Sha3_256, Sha3_384, Sha3_512};

use crate::sign::family::Hash;

/// `message` hashed with `hash`; the message itself for algorithms that hash internally.
pub(crate) fn digest(hash: Hash, message: &[u8]) -> Vec<u8> {
    match hash {
        Hash::Md5 => md5::Md5::digest(message).to_vec(),
        Hash::Sha1 => Sha1::digest(message).to_vec(),
        Hash::Sha224 => Sha224::digest(message).to_vec(),
        Hash::Sha256 => Sha256::digest(message).to_vec(),
        Hash::Sha384 => Sha384::digest(message).to_vec(),
        Hash::Sha512 => Sha512::digest(message).to_vec(),
        Hash::Sha512_224 => Sha512_224::digest(message).to_vec(),
        Hash::Sha512_256 => Sha512_256::digest(message).to_vec(),
        Hash::Sha3_224 => Sha3_224::digest(message).to_vec(),
        Hash::Sha3_256 => Sha3_256::digest(message).to_vec(),
        Hash::Sha3_384 => Sha3_384::digest(message).to_vec(),
        Hash::Sha3_512 => Sha3_512::digest(message).to_vec(),
        Hash::Internal => message.to_vec(),
    }
}

/// The PKCS#1 v1.5 signature scheme for `hash` (its `DigestInfo` prefix).
pub(crate) fn pkcs1v15(hash: Hash) -> Option<rsa::Pkcs1v15Sign> {
    Some(match hash {
        Hash::Md5 => rsa::Pkcs1v15Sign::new::<md5::Md5>(),
        Hash::Sha1 => rsa::Pkcs1v15Sign::new::<Sha1>(),
        Hash::Sha224 => rsa::Pkcs1v15Sign::new::<Sha224>(),
        Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
        Hash::Sha512_224 => rsa::Pkcs1v15Sign::new::<Sha512_224>(),
        Hash::Sha512_256 => rsa::Pkcs1v15Sign::new::<Sha512_256>(),
        Hash::Sha3_224 => rsa::Pkcs1v15Sign::new::<Sha3_224>(),
        Hash::Sha3_256 => rsa::Pkcs1v15Sign::new::<Sha3_256>(),
        Hash::Sha3_384 => rsa::Pkcs1v15Sign::new::<Sha3_384>(),
        Hash::Sha3_512 => rsa::Pkcs1v15Sign::new::<Sha3_512>(),
        Hash::Internal => return None,
    })
}

/// Signs a PSS prehash with `hash` (MGF1 of the same hash, salt of its length), as Java does.
pub(crate) fn pss_sign(
    key: &rsa::RsaPrivateKey,
    hash: Hash,
    prehash: &[u8],
) -> Option<Result<Vec<u8>, rsa::Error>> {
    let rng = &mut rand::rng();
    Some(match hash {
        Hash::Sha256 => key.sign_with_rng(rng, rsa::Pss::<Sha256>::new(), prehash),
        Hash::Sha384 => key.sign_with_rng(rng, rsa::Pss::<Sha384>::new(), prehash),
        Hash::Sha512 => key.sign_with_rng(rng, rsa::Pss::<Sha512>::new(), prehash),
        _ => return None,
    })
}

/// Verifies a PSS signature over a prehash with `hash`.
pub(crate) fn pss_verify(key: &rsa::RsaPublicKey, hash: Hash, prehash: &[u8], sig: &[u8]) -> bool {
    match hash {
        Hash::Sha256 => key.verify(rsa::Pss::<Sha256>::new(), prehash, sig).is_ok(),
        Hash::Sha384 => key.verify(rsa::Pss::<Sha384>::new(), prehash, sig).is_ok(),
        Hash::Sha512 => key.verify(rsa::Pss::<Sha512>::new(), prehash, sig).is_ok(),
        _ => false,
    }
}
