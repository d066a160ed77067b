//! Signature checks by algorithm family, given the signer's `SubjectPublicKeyInfo`.

use der::asn1::{ObjectIdentifier, UintRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::sign::algorithm::SignatureAlgorithm;
use crate::sign::family::Family;
use crate::sign::hash::{digest, pkcs1v15, pss_verify};
use crate::verify::outcome::Verification;

#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    exponent: UintRef<'a>,
}

fn outcome(ok: bool) -> Verification {
    if ok {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}

/// Verifies `signature` over `message` made with the algorithm `algorithm` names by `key`.
pub(crate) fn verify(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Verification {
    let params = algorithm.parameters.as_ref().and_then(|p| p.to_der().ok());
    let Some(alg) = SignatureAlgorithm::from_identifier(&algorithm.oid, params.as_deref()) else {
        return Verification::Unsupported;
    };
    let hashed = digest(alg.hash(), message);
    let point = key.subject_public_key.raw_bytes();
    match alg.family() {
        Family::Rsa | Family::RsaPss => rsa(key, alg, &hashed, signature),
        Family::Ecdsa => ecdsa(key, &hashed, signature),
        Family::Dsa => dsa(key, &hashed, signature),
        Family::Ed25519 => ed25519(point, message, signature),
        Family::Ed448 => ed448(point, message, signature),
        Family::MlDsa44 => ml_dsa::<ml_dsa::MlDsa44>(point, message, signature),
        Family::MlDsa65 => ml_dsa::<ml_dsa::MlDsa65>(point, message, signature),
        Family::MlDsa87 => ml_dsa::<ml_dsa::MlDsa87>(point, message, signature),
    }
}

fn rsa(
    key: &SubjectPublicKeyInfoOwned,
    alg: SignatureAlgorithm,
    hashed: &[u8],
    sig: &[u8],
) -> Verification {
    let Ok(k) = RsaPublicKey::from_der(key.subject_public_key.raw_bytes()) else {
        return Verification::Invalid;
    };
    let n = rsa::BoxedUint::from_be_slice_vartime(k.modulus.as_bytes());
    let e = rsa::BoxedUint::from_be_slice_vartime(k.exponent.as_bytes());
    let Ok(public) = rsa::RsaPublicKey::new_with_size_limits(n, e, 512..=16384) else {
        return Verification::Invalid;
    };
    if alg.family() == Family::RsaPss {
        return outcome(pss_verify(&public, alg.hash(), hashed, sig));
    }
    match pkcs1v15(alg.hash()) {
        Some(scheme) => outcome(public.verify(scheme, hashed, sig).is_ok()),
        None => Verification::Unsupported,
    }
}

const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

fn ecdsa(key: &SubjectPublicKeyInfoOwned, prehash: &[u8], sig: &[u8]) -> Verification {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let point = key.subject_public_key.raw_bytes();
    let curve = key
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    macro_rules! check {
        ($c:ident) => {{
            let (Ok(k), Ok(s)) = (
                $c::ecdsa::VerifyingKey::from_sec1_bytes(point),
                $c::ecdsa::DerSignature::from_bytes(sig),
            ) else {
                return Verification::Invalid;
            };
            outcome(k.verify_prehash(prehash, &s).is_ok())
        }};
    }
    match curve {
        Some(P256) => check!(p256),
        Some(P384) => check!(p384),
        Some(P521) => {
            let (Ok(k), Ok(s)) = (
                p521::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p521::ecdsa::Signature::from_der(sig),
            ) else {
                return Verification::Invalid;
            };
            outcome(k.verify_prehash(prehash, &s).is_ok())
        }
        _ => Verification::Unsupported,
    }
}

fn dsa(key: &SubjectPublicKeyInfoOwned, prehash: &[u8], sig: &[u8]) -> Verification {
    use dsa::pkcs8::DecodePublicKey;
    use dsa::signature::hazmat::PrehashVerifier;
    let (Ok(der), Ok(s)) = (key.to_der(), dsa::Signature::try_from(sig)) else {
        return Verification::Invalid;
    };
    match dsa::VerifyingKey::from_public_key_der(&der) {
        Ok(k) => outcome(k.verify_prehash(prehash, &s).is_ok()),
        Err(_) => Verification::Invalid,
    }
}

fn ed25519(point: &[u8], message: &[u8], sig: &[u8]) -> Verification {
    let (Ok(p), Ok(s)) = (<[u8; 32]>::try_from(point), <[u8; 64]>::try_from(sig)) else {
        return Verification::Invalid;
    };
    match ed25519_dalek::VerifyingKey::from_bytes(&p) {
        Ok(k) => outcome(
            k.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&s))
                .is_ok(),
        ),
        Err(_) => Verification::Invalid,
    }
}

fn ed448(point: &[u8], message: &[u8], sig: &[u8]) -> Verification {
    use p256::ecdsa::signature::Verifier;
    let Ok(p) = <[u8; 57]>::try_from(point) else {
        return Verification::Invalid;
    };
    let (Ok(k), Ok(s)) = (
        ed448_goldilocks::VerifyingKey::from_bytes(&p),
        ed448_goldilocks::Signature::try_from(sig),
    ) else {
        return Verification::Invalid;
    };
    outcome(k.verify(message, &s).is_ok())
}

fn ml_dsa<P: ml_dsa::MlDsaParams>(point: &[u8], message: &[u8], sig: &[u8]) -> Verification {
    let (Ok(enc), Ok(s)) = (
        ml_dsa::EncodedVerifyingKey::<P>::try_from(point),
        ml_dsa::Signature::<P>::try_from(sig),
    ) else {
        return Verification::Invalid;
    };
    outcome(ml_dsa::VerifyingKey::<P>::decode(&enc).verify_with_context(message, &[], &s))
}
