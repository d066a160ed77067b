//! Private keys decoded for use: the RustCrypto key types behind a [`PrivateKey`].

use rsa::pkcs8::DecodePrivateKey;

use crate::error::KeyError;
use crate::key::PrivateKey;

fn invalid(reason: &'static str) -> KeyError {
    KeyError::InvalidKey { reason }
}

pub(crate) fn rsa_key(key: &PrivateKey) -> Result<rsa::RsaPrivateKey, KeyError> {
    rsa::RsaPrivateKey::from_pkcs8_der(key.pkcs8_der())
        .map_err(|_| invalid("not a valid RSA PKCS#8 key"))
}

pub(crate) enum EcKey {
    P256(p256::SecretKey),
    P384(p384::SecretKey),
}

pub(crate) fn ec_key(key: &PrivateKey) -> Result<EcKey, KeyError> {
    use p256::pkcs8::DecodePrivateKey as _;
    if let Ok(k) = p256::SecretKey::from_pkcs8_der(key.pkcs8_der()) {
        return Ok(EcKey::P256(k));
    }
    p384::SecretKey::from_pkcs8_der(key.pkcs8_der())
        .map(EcKey::P384)
        .map_err(|_| KeyError::UnsupportedAlgorithm {
            algorithm: "EC".into(),
            what: "curves other than P-256 and P-384",
        })
}
