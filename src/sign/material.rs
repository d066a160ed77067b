//! Private keys decoded for use: the RustCrypto key types behind a [`PrivateKey`], read from
//! the PKCS#8 forms Java, OpenSSL and this crate write.

use ml_dsa::{ExpandedSigningKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams};
use ml_kem::{DecapsulationKey, MlKem512, MlKem768, MlKem1024};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;

use crate::error::KeyError;
use crate::key::{KeyAlgorithm, PrivateKey};
use crate::sign::forms::{
    LatticeKey, curve_private_key, ec_private_scalar, lattice_key, private_key_of,
};
use crate::sign::lattice::{
    check_expanded_ml_dsa, ml_kem_512_from, ml_kem_768_from, ml_kem_1024_from,
};

/// A private key, decoded.
pub(crate) enum Material {
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
    P521(p521::SecretKey),
    Dsa(Box<dsa::SigningKey>),
    Ed25519(Box<ed25519_dalek::SigningKey>),
    Ed448(Box<ed448_goldilocks::SigningKey>),
    X25519(Box<x25519_dalek::StaticSecret>),
    X448(Box<x448::StaticSecret>),
    MlDsa44(Box<ExpandedSigningKey<MlDsa44>>),
    MlDsa65(Box<ExpandedSigningKey<MlDsa65>>),
    MlDsa87(Box<ExpandedSigningKey<MlDsa87>>),
    MlKem512(Box<DecapsulationKey<MlKem512>>),
    MlKem768(Box<DecapsulationKey<MlKem768>>),
    MlKem1024(Box<DecapsulationKey<MlKem1024>>),
}

fn invalid(reason: &'static str) -> KeyError {
    KeyError::InvalidKey { reason }
}

/// Decodes a PKCS#8 key of any algorithm this crate uses.
pub(crate) fn material(key: &PrivateKey) -> Result<Material, KeyError> {
    let der = key.pkcs8_der();
    Ok(match key.algorithm() {
        KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss => Material::Rsa(Box::new(rsa_key(key)?)),
        KeyAlgorithm::Ec => ec(der)?,
        KeyAlgorithm::Dsa => Material::Dsa(Box::new(
            dsa::SigningKey::from_pkcs8_der(der).map_err(|_| invalid("not a valid DSA key"))?,
        )),
        KeyAlgorithm::Ed25519 => Material::Ed25519(Box::new(
            ed25519_dalek::SigningKey::from_bytes(&curve_private_key::<32>(der)?),
        )),
        KeyAlgorithm::Ed448 => {
            let bytes = curve_private_key::<57>(der)?;
            Material::Ed448(Box::new(
                ed448_goldilocks::SigningKey::try_from(&bytes[..])
                    .map_err(|_| invalid("not a valid Ed448 key"))?,
            ))
        }
        KeyAlgorithm::X25519 => Material::X25519(Box::new(x25519_dalek::StaticSecret::from(
            curve_private_key::<32>(der)?,
        ))),
        KeyAlgorithm::X448 => Material::X448(Box::new(x448::StaticSecret::from(
            curve_private_key::<56>(der)?,
        ))),
        KeyAlgorithm::MlDsa44 => Material::MlDsa44(ml_dsa_from(der)?),
        KeyAlgorithm::MlDsa65 => Material::MlDsa65(ml_dsa_from(der)?),
        KeyAlgorithm::MlDsa87 => Material::MlDsa87(ml_dsa_from(der)?),
        KeyAlgorithm::MlKem512 => Material::MlKem512(ml_kem_512_from(der)?),
        KeyAlgorithm::MlKem768 => Material::MlKem768(ml_kem_768_from(der)?),
        KeyAlgorithm::MlKem1024 => Material::MlKem1024(ml_kem_1024_from(der)?),
        other => {
            return Err(KeyError::UnsupportedAlgorithm {
                algorithm: other.name().to_owned(),
                what: "using the key",
            });
        }
    })
}

/// An RSA or RSASSA-PSS key: the PKCS#1 `RSAPrivateKey` inside the PKCS#8 wrapper.
pub(crate) fn rsa_key(key: &PrivateKey) -> Result<rsa::RsaPrivateKey, KeyError> {
    rsa::RsaPrivateKey::from_pkcs1_der(private_key_of(key.pkcs8_der())?)
        .map_err(|_| invalid("not a valid RSA key"))
}

fn ec(der: &[u8]) -> Result<Material, KeyError> {
    if let Some(m) = ec_scalar(der) {
        return Ok(m);
    }
    if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
        return Ok(Material::P256(k));
    }
    if let Ok(k) = p384::SecretKey::from_pkcs8_der(der) {
        return Ok(Material::P384(k));
    }
    p521::SecretKey::from_pkcs8_der(der)
        .map(Material::P521)
        .map_err(|_| KeyError::UnsupportedAlgorithm {
            algorithm: "EC".into(),
            what: "curves other than secp256r1, secp384r1 and secp521r1",
        })
}

/// The fast path of [`ec`]: the scalar of a named-curve key, left-padded to the field size
/// (older Java wrote it without leading zeros); `None` sends the key to the full decoders.
fn ec_scalar(der: &[u8]) -> Option<Material> {
    let (curve, scalar) = ec_private_scalar(der)?;
    fn padded<const N: usize>(scalar: &[u8]) -> Option<zeroize::Zeroizing<[u8; N]>> {
        let start = N.checked_sub(scalar.len())?;
        let mut out = zeroize::Zeroizing::new([0u8; N]);
        out[start..].copy_from_slice(scalar);
        Some(out)
    }
    match curve.to_string().as_str() {
        "1.2.840.10045.3.1.7" => {
            let b = padded::<32>(scalar)?;
            p256::SecretKey::from_bytes(&(*b).into())
                .ok()
                .map(Material::P256)
        }
        "1.3.132.0.34" => {
            let b = padded::<48>(scalar)?;
            p384::SecretKey::from_bytes(&(*b).into())
                .ok()
                .map(Material::P384)
        }
        "1.3.132.0.35" => {
            let b = padded::<66>(scalar)?;
            p521::SecretKey::from_bytes(&(*b).into())
                .ok()
                .map(Material::P521)
        }
        _ => None,
    }
}

/// An ML-DSA key from its seed, or from JDK 25's expanded form after checking that every
/// coefficient is in range (the decoder would panic on one that is not).
fn ml_dsa_from<P: MlDsaParams>(der: &[u8]) -> Result<Box<ExpandedSigningKey<P>>, KeyError> {
    let bad = || invalid("not a valid ML-DSA key");
    match lattice_key(der)? {
        LatticeKey::Seed(seed) | LatticeKey::Both(seed) => {
            let seed = ml_dsa::Seed::try_from(seed).map_err(|_| bad())?;
            Ok(Box::new(ExpandedSigningKey::from_seed(&seed)))
        }
        LatticeKey::Expanded(bytes) => {
            check_expanded_ml_dsa(bytes)?;
            let enc = ml_dsa::ExpandedSigningKeyBytes::<P>::try_from(bytes).map_err(|_| bad())?;
            #[allow(
                deprecated,
                reason = "JDK 25 writes ML-DSA keys only in the expanded form"
            )]
            Ok(Box::new(ExpandedSigningKey::from_expanded(&enc)))
        }
    }
}

impl PrivateKey {
    /// The key size in bits, as keytool reports it: the modulus for RSA, the field for EC,
    /// `p` for DSA, 255 or 448 for the Edwards and Montgomery curves; 0 for ML-DSA and
    /// ML-KEM, which Java gives no size.
    pub fn bits(&self) -> Result<u32, KeyError> {
        use rsa::traits::PublicKeyParts;
        Ok(match material(self)? {
            Material::Rsa(k) => k.n().bit_width(),
            Material::P256(_) => 256,
            Material::P384(_) => 384,
            Material::P521(_) => 521,
            Material::Dsa(k) => k.verifying_key().components().p().bit_width(),
            Material::Ed25519(_) | Material::X25519(_) => 255,
            Material::Ed448(_) | Material::X448(_) => 448,
            _ => 0,
        })
    }
}

impl PrivateKey {
    /// The key as PKCS#8 that carries its public key where the form has room for it (RFC
    /// 5915's `publicKey` in an EC key), which `ring`, and so `rustls`, requires; Java writes
    /// EC keys without it. Other keys are returned as stored.
    #[cfg(feature = "rustls")]
    pub(crate) fn pkcs8_with_public_key(&self) -> Result<zeroize::Zeroizing<Vec<u8>>, KeyError> {
        use p256::pkcs8::EncodePrivateKey as _;
        let encoded = match material(self)? {
            Material::P256(k) => k.to_pkcs8_der(),
            Material::P384(k) => k.to_pkcs8_der(),
            Material::P521(k) => k.to_pkcs8_der(),
            _ => return Ok(zeroize::Zeroizing::new(self.pkcs8_der().to_vec())),
        };
        let doc = encoded.map_err(|_| invalid("the EC key cannot be encoded"))?;
        Ok(zeroize::Zeroizing::new(doc.as_bytes().to_vec()))
    }
}
