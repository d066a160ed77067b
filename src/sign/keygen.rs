//! Making new keys of every kind keytool makes, in the PKCS#8 form Java writes.

use der::asn1::ObjectIdentifier;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::EncodePrivateKey;
use zeroize::Zeroizing;

use crate::error::KeyError;
use crate::key::PrivateKey;
use crate::sign::forms::{octet_string, private_key_info};
use crate::sign::lattice::{ml_kem_512_expanded, ml_kem_768_expanded, ml_kem_1024_expanded};
use crate::sign::oids;

/// A named elliptic curve keys can be made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Curve {
    /// secp256r1 (P-256).
    P256,
    /// secp384r1 (P-384).
    P384,
    /// secp521r1 (P-521).
    P521,
}

impl Curve {
    /// The curve's name as keytool's `-groupname` takes it (`secp256r1`).
    pub fn name(self) -> &'static str {
        match self {
            Self::P256 => "secp256r1",
            Self::P384 => "secp384r1",
            Self::P521 => "secp521r1",
        }
    }

    /// The field size in bits (256, 384 or 521).
    pub fn bits(self) -> u32 {
        match self {
            Self::P256 => 256,
            Self::P384 => 384,
            Self::P521 => 521,
        }
    }
}

/// What kind of key to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeySpec {
    /// RSA with a modulus of `bits` (512 to 16384).
    Rsa {
        /// The modulus size.
        bits: u32,
    },
    /// An RSASSA-PSS key (RSA that signs only with PSS).
    RsaPss {
        /// The modulus size.
        bits: u32,
    },
    /// EC on a named curve.
    Ec(Curve),
    /// DSA with a prime `p` of `bits` (1024, 2048 or 3072).
    Dsa {
        /// The size of `p`.
        bits: u32,
    },
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// X25519.
    X25519,
    /// X448.
    X448,
    /// ML-DSA-44.
    MlDsa44,
    /// ML-DSA-65.
    MlDsa65,
    /// ML-DSA-87.
    MlDsa87,
    /// ML-KEM-512.
    MlKem512,
    /// ML-KEM-768.
    MlKem768,
    /// ML-KEM-1024.
    MlKem1024,
}

fn invalid(reason: &'static str) -> KeyError {
    KeyError::InvalidKey { reason }
}

fn wrapped(oid: ObjectIdentifier, raw: &[u8]) -> Result<PrivateKey, KeyError> {
    PrivateKey::from_pkcs8_der(private_key_info(oid, &octet_string(raw)?)?.to_vec())
}

impl PrivateKey {
    /// Makes a new key.
    pub fn generate(spec: KeySpec) -> Result<Self, KeyError> {
        let rng = &mut rand::rng();
        match spec {
            KeySpec::Rsa { bits } => rsa_pkcs8(bits, false),
            KeySpec::RsaPss { bits } => rsa_pkcs8(bits, true),
            KeySpec::Ec(curve) => ec(curve),
            KeySpec::Dsa { bits } => dsa_key(bits),
            KeySpec::Ed25519 => {
                let k = ed25519_dalek::SigningKey::generate(rng);
                wrapped(oids::ED25519, k.as_bytes())
            }
            KeySpec::Ed448 => {
                use p256::elliptic_curve::common::Generate as _;
                let k = ed448_goldilocks::SigningKey::generate_from_rng(rng);
                wrapped(oids::ED448, &k.to_bytes())
            }
            KeySpec::X25519 => {
                let k = x25519_dalek::StaticSecret::random_from_rng(rng);
                wrapped(oids::X25519, Zeroizing::new(k.to_bytes()).as_slice())
            }
            KeySpec::X448 => {
                let k = x448::StaticSecret::random_from_rng(rng);
                wrapped(oids::X448, k.as_bytes())
            }
            KeySpec::MlDsa44 => ml_dsa_key::<ml_dsa::MlDsa44>(oids::ML_DSA_44),
            KeySpec::MlDsa65 => ml_dsa_key::<ml_dsa::MlDsa65>(oids::ML_DSA_65),
            KeySpec::MlDsa87 => ml_dsa_key::<ml_dsa::MlDsa87>(oids::ML_DSA_87),
            KeySpec::MlKem512 | KeySpec::MlKem768 | KeySpec::MlKem1024 => ml_kem_key(spec),
        }
    }

    /// Generates an RSA key of `bits` (2048 is keytool 17's default).
    pub fn generate_rsa(bits: usize) -> Result<Self, KeyError> {
        let bits = u32::try_from(bits).unwrap_or(u32::MAX);
        Self::generate(KeySpec::Rsa { bits })
    }
}

/// RSA from two primes found at once on two threads: each is the same sieve and
/// primality test the `rsa` crate runs (two top bits set, so the modulus has exactly `bits`).
fn rsa_key(bits: u32) -> Result<rsa::RsaPrivateKey, KeyError> {
    if !(512..=16384).contains(&bits) {
        return Err(KeyError::KeySize {
            algorithm: "RSA".into(),
            size: bits,
            allowed: "Invalid key sizes",
        });
    }
    let e = rsa::BoxedUint::from(65_537u32);
    loop {
        let (p, q) = if bits.is_multiple_of(2) {
            two_primes(bits / 2)
        } else {
            std::thread::scope(|s| {
                let other = s.spawn(|| prime(bits - bits / 2));
                let p = prime(bits / 2);
                other.join().map(|q| (p, q))
            })
            .map_err(|_| invalid("the prime search failed"))?
        };
        if let Ok(key) = rsa::RsaPrivateKey::from_p_q(p, q, e.clone()) {
            return Ok(key);
        }
        // p = q or e not invertible modulo λ(n): rare; draw again.
    }
}

/// Two primes of `bits`: two searchers run until two primes are found, whoever finds them
/// (on average a third sooner than each searcher finding one). They are not waited for:
/// each stops after its current search.
fn two_primes(bits: u32) -> (rsa::BoxedUint, rsa::BoxedUint) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let done = Arc::new(AtomicBool::new(false));
    let (tx, rx) = std::sync::mpsc::channel();
    let mut searchers = 0;
    for _ in 0..2 {
        let (tx, done) = (tx.clone(), Arc::clone(&done));
        let spawned = std::thread::Builder::new().spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if tx.send(prime(bits)).is_err() {
                    break;
                }
            }
        });
        searchers += usize::from(spawned.is_ok());
    }
    drop(tx);
    let next = || {
        if searchers == 0 {
            return prime(bits);
        }
        rx.recv().unwrap_or_else(|_| prime(bits))
    };
    let (p, q) = (next(), next());
    done.store(true, Ordering::Relaxed);
    (p, q)
}

fn prime(bits: u32) -> rsa::BoxedUint {
    use crypto_primes::hazmat::{SetBits, SmallFactorsSieveFactory};
    use crypto_primes::{Flavor, is_prime, sieve_and_find};
    let rng = &mut rand::rng();
    loop {
        let Ok(factory) = SmallFactorsSieveFactory::new(Flavor::Any, bits, SetBits::TwoMsb) else {
            continue;
        };
        if let Ok(Some(p)) = sieve_and_find(rng, factory, |_, c| is_prime(Flavor::Any, c)) {
            return p;
        }
    }
}

fn rsa_pkcs8(bits: u32, pss: bool) -> Result<PrivateKey, KeyError> {
    let key = rsa_key(bits)?;
    let der = if pss {
        let pkcs1 = key
            .to_pkcs1_der()
            .map_err(|_| invalid("the RSA key does not encode"))?;
        private_key_info(oids::RSASSA_PSS, pkcs1.as_bytes())?
    } else {
        let doc = key
            .to_pkcs8_der()
            .map_err(|_| invalid("the RSA key does not encode"))?;
        Zeroizing::new(doc.as_bytes().to_vec())
    };
    PrivateKey::from_pkcs8_der(der.to_vec())
}

fn ec(curve: Curve) -> Result<PrivateKey, KeyError> {
    use p256::elliptic_curve::common::Generate as _;
    let rng = &mut rand::rng();
    let doc = match curve {
        Curve::P256 => p256::SecretKey::generate_from_rng(rng).to_pkcs8_der(),
        Curve::P384 => p384::SecretKey::generate_from_rng(rng).to_pkcs8_der(),
        Curve::P521 => p521::SecretKey::generate_from_rng(rng).to_pkcs8_der(),
    }
    .map_err(|_| invalid("the EC key does not encode"))?;
    PrivateKey::from_pkcs8_der(doc.as_bytes().to_vec())
}

fn dsa_key(bits: u32) -> Result<PrivateKey, KeyError> {
    let size = match bits {
        // keytool still makes 1024-bit DSA keys (with a warning), so this does too.
        #[allow(deprecated, reason = "keytool makes 1024-bit DSA keys on request")]
        1024 => dsa::KeySize::DSA_1024_160,
        2048 => dsa::KeySize::DSA_2048_256,
        3072 => dsa::KeySize::DSA_3072_256,
        _ => {
            return Err(KeyError::KeySize {
                algorithm: "DSA".into(),
                size: bits,
                allowed: "Unsupported prime size",
            });
        }
    };
    let rng = &mut rand::rng();
    let components = dsa::Components::try_generate_from_rng_with_key_size(rng, size)
        .map_err(|_| invalid("DSA parameter generation failed"))?;
    let key = dsa::SigningKey::try_generate_from_rng_with_components(rng, components)
        .map_err(|_| invalid("DSA key generation failed"))?;
    let doc = key
        .to_pkcs8_der()
        .map_err(|_| invalid("the DSA key does not encode"))?;
    PrivateKey::from_pkcs8_der(doc.as_bytes().to_vec())
}

/// ML-DSA as JDK 25 stores it: the expanded key.
fn ml_dsa_key<P: ml_dsa::MlDsaParams>(oid: ObjectIdentifier) -> Result<PrivateKey, KeyError> {
    let mut seed = Zeroizing::new(ml_dsa::Seed::default());
    rand::fill(seed.as_mut_slice());
    let key = ml_dsa::ExpandedSigningKey::<P>::from_seed(&seed);
    #[allow(deprecated, reason = "JDK 25 reads ML-DSA keys in the expanded form")]
    let expanded = Zeroizing::new(key.to_expanded().to_vec());
    wrapped(oid, &expanded)
}

/// ML-KEM as JDK 25 stores it: the expanded decapsulation key.
fn ml_kem_key(spec: KeySpec) -> Result<PrivateKey, KeyError> {
    let mut seed = Zeroizing::new(ml_kem::Seed::default());
    rand::fill(seed.as_mut_slice());
    let (oid, expanded) = match spec {
        KeySpec::MlKem512 => (
            oids::ML_KEM_512,
            ml_kem_512_expanded(&ml_kem::DecapsulationKey::from_seed(*seed)),
        ),
        KeySpec::MlKem768 => (
            oids::ML_KEM_768,
            ml_kem_768_expanded(&ml_kem::DecapsulationKey::from_seed(*seed)),
        ),
        _ => (
            oids::ML_KEM_1024,
            ml_kem_1024_expanded(&ml_kem::DecapsulationKey::from_seed(*seed)),
        ),
    };
    wrapped(oid, &Zeroizing::new(expanded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certgen::CertificateParams;
    use crate::key::KeyAlgorithm;
    use crate::sign::algorithm::SignatureAlgorithm;

    /// Every kind of key: made, its public half derived, and (for those that sign) a
    /// self-signed certificate whose signature verifies with that public half.
    #[test]
    fn every_key_type_is_made_and_signs_what_verifies() {
        for spec in [
            KeySpec::Rsa { bits: 1024 },
            KeySpec::RsaPss { bits: 1024 },
            KeySpec::Ec(Curve::P256),
            KeySpec::Ec(Curve::P384),
            KeySpec::Ec(Curve::P521),
            KeySpec::Ed25519,
            KeySpec::Ed448,
            KeySpec::X25519,
            KeySpec::X448,
            KeySpec::MlDsa44,
            KeySpec::MlDsa65,
            KeySpec::MlDsa87,
            KeySpec::MlKem512,
            KeySpec::MlKem768,
            KeySpec::MlKem1024,
        ] {
            let key = PrivateKey::generate(spec).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
            let again = PrivateKey::from_pkcs8_der(key.pkcs8_der().to_vec()).unwrap();
            let spki = again
                .public_key_der()
                .unwrap_or_else(|e| panic!("{spec:?}: {e}"));
            assert!(
                crate::inspect::PublicKeyInfo::from_der(&spki).is_ok(),
                "{spec:?}"
            );
            if !key.algorithm().can_sign() {
                assert!(SignatureAlgorithm::default_for(&key).is_err(), "{spec:?}");
                continue;
            }
            let cert = CertificateParams::new("CN=k".parse().unwrap())
                .self_signed(&key)
                .unwrap_or_else(|e| panic!("{spec:?}: {e}"));
            assert!(cert.is_self_signed(), "{spec:?} does not verify");
            assert_eq!(cert.public_key_info_der(), Some(&spki[..]), "{spec:?}");
        }
    }

    #[test]
    fn rsa_keys_have_the_size_asked_for_and_odd_sizes_work() {
        for bits in [1024u32, 1032, 2049] {
            let key = PrivateKey::generate(KeySpec::Rsa { bits }).unwrap();
            assert_eq!(key.bits().unwrap(), bits);
            assert_eq!(key.algorithm(), &KeyAlgorithm::Rsa);
        }
        assert!(matches!(
            PrivateKey::generate(KeySpec::Rsa { bits: 255 }),
            Err(KeyError::KeySize { .. })
        ));
    }

    #[test]
    fn every_signature_algorithm_for_rsa_and_ec_verifies() {
        // 2048 bits: PSS with SHA-512 needs room for two 64-byte values in the encoding.
        let rsa = PrivateKey::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
        let ec = PrivateKey::generate(KeySpec::Ec(Curve::P384)).unwrap();
        use SignatureAlgorithm as S;
        for (key, alg) in [
            (&rsa, S::Sha1WithRsa),
            (&rsa, S::Sha224WithRsa),
            (&rsa, S::Sha512_256WithRsa),
            (&rsa, S::Sha3_256WithRsa),
            (&rsa, S::RsassaPss),
            (&rsa, S::RsassaPssSha512),
            (&ec, S::Sha1WithEcdsa),
            (&ec, S::Sha256WithEcdsa),
            (&ec, S::Sha3_384WithEcdsa),
        ] {
            let mut params = CertificateParams::new("CN=k".parse().unwrap());
            params.signature_algorithm = Some(alg);
            let cert = params
                .self_signed(key)
                .unwrap_or_else(|e| panic!("{alg}: {e}"));
            assert!(cert.is_self_signed(), "{alg:?} does not verify");
        }
        assert!(rsa.sign(S::Sha256WithEcdsa, b"x").is_err());
        assert!(ec.sign(S::Ed25519, b"x").is_err());
    }
}
