//! `EncryptedPrivateKeyInfo` under the PKCS#12 algorithms: what PKCS#12 key and secret bags
//! hold.

use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierRef;

use crate::error::KeyError;
use crate::protect::pkcs12pbe;
use crate::protect::protection::Protection;

#[derive(Sequence)]
pub(crate) struct EncryptedPrivateKeyInfo<'a> {
    pub(crate) algorithm: AlgorithmIdentifierRef<'a>,
    pub(crate) data: &'a OctetStringRef,
}

/// Seals `plain` with a PKCS#12 algorithm, giving a DER `EncryptedPrivateKeyInfo`.
pub(crate) fn seal_pkcs12(
    plain: &[u8],
    password: &str,
    protection: Protection,
) -> Result<Vec<u8>, KeyError> {
    let (alg, data) = if protection == Protection::Pkcs12Pbe {
        pkcs12pbe::encrypt_legacy(
            pkcs12pbe::LegacyCipher::TripleDes,
            plain,
            password,
            pkcs12pbe::LEGACY_ITERATIONS,
        )?
    } else {
        pkcs12pbe::encrypt_pbes2(plain, password, pkcs12pbe::DEFAULT_ITERATIONS)?
    };
    let too_large = |_| KeyError::InvalidKey {
        reason: "key too large",
    };
    let params = alg
        .parameters
        .as_ref()
        .map(|p| p.to_der())
        .transpose()
        .map_err(too_large)?;
    let info = EncryptedPrivateKeyInfo {
        algorithm: AlgorithmIdentifierRef {
            oid: alg.oid,
            parameters: params
                .as_deref()
                .map(AnyRef::from_der)
                .transpose()
                .map_err(too_large)?,
        },
        data: OctetStringRef::new(&data).map_err(too_large)?,
    };
    info.to_der().map_err(too_large)
}

/// Opens a PKCS#12 `EncryptedPrivateKeyInfo`.
pub(crate) fn open_pkcs12(
    der: &[u8],
    password: &str,
) -> Result<zeroize::Zeroizing<Vec<u8>>, KeyError> {
    let info = EncryptedPrivateKeyInfo::from_der(der).map_err(|_| KeyError::Malformed {
        reason: "not a DER EncryptedPrivateKeyInfo",
    })?;
    let params = info
        .algorithm
        .parameters
        .map(|p| p.to_der())
        .transpose()
        .map_err(|_| KeyError::Malformed {
            reason: "unreadable encryption parameters",
        })?;
    pkcs12pbe::decrypt(
        &info.algorithm.oid,
        params.as_deref(),
        info.data.as_bytes(),
        password,
    )
}
